// G1: plan first. Without a stated plan there are no investigation suggestions, only a request for one;
// with a plan, "what next?" points at the first open step and asks what they expect to find.
import type { Plan, TurnDraft } from '../../types.ts';
import type { IncidentState } from '../types.ts';

export function askPlan(s: IncidentState): TurnDraft {
  const about = s.incident.service ? ` with ${s.incident.service}` : '';
  return {
    phase: 'guide', type: 'ask_plan', rule: 'G1',
    text: `Before we dig in: what do you think is going on${about}, and which steps would you take to check it?`,
  };
}

export function planStep(plan: Plan, lead: (n: number) => string): TurnDraft {
  const step = plan.steps.find((st) => st.state === 'open');
  if (!step) {
    return {
      phase: 'guide', type: 'ask_plan', rule: 'G1', fields: { plan_id: plan.id },
      text: 'Every step of your plan is done or dropped. What do you think is going on now, and what would you check next?',
    };
  }
  return {
    phase: 'guide', type: 'plan_step', rule: 'G1', fields: { step: step.n, plan_id: plan.id },
    text: `${lead(step.n)}: ${step.text}. What do you expect to find there?`,
  };
}

/** The answer to "what should I do / what next?". */
export function whatNext(s: IncidentState): TurnDraft {
  return s.plan ? planStep(s.plan, (n) => `Next is step ${n} of your plan`) : askPlan(s);
}

/** A plan was just stated: point at its first step, as a question. */
export function onPlanStated(plan: Plan): TurnDraft {
  const n = plan.steps.length;
  return planStep(plan, (first) => `Your plan has ${n} step${n === 1 ? '' : 's'}, starting with step ${first}`);
}
