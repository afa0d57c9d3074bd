// G2: a vague request for help gets a question back, never an answer.
import type { TurnDraft } from '../../types.ts';
import { firstOpenStep } from '../facts.ts';
import type { IncidentState } from '../types.ts';

export function clarify(s: IncidentState): TurnDraft {
  const step = firstOpenStep(s);
  const text = step
    ? `What are you stuck on: step ${step.n} (${step.text}), or something else?`
    : 'What are you stuck on? What did you try, and what did you expect to see?';
  return { phase: 'guide', type: 'clarify', rule: 'G2', text };
}
