// The EDGE policy: given the incident's state and the event just recorded, what the coach may say next.
// Pure: no I/O, no clock reads; `state.now` is the only time it knows.
import type { TurnDraft } from '../types.ts';
import { classify } from './classify.ts';
import { clarify } from './rules/clarify.ts';
import { documentIt, ownerAnswer, pageOtherTeam, pingOwner, viewDocs } from './rules/colleague.ts';
import { crossCheck } from './rules/cross-check.ts';
import { catalogFallback } from './rules/demonstrate.ts';
import { ranksDown } from '../learning/enhance/index.ts';
import { alertRefinementTurn, instrumentationTurn, recordingRuleTurn } from './rules/across.ts';
import { improve } from './rules/improve.ts';
import { missingSteps } from './rules/missing-steps.ts';
import { askPlan, onDemand, onPlanStated, onReport, whatNext } from './rules/plan-first.ts';
import { showProcess } from './rules/process.ts';
import { shortcut } from './rules/shortcut.ts';
import { splitView } from './rules/split-view.ts';
import { stuckNudge } from './rules/stuck.ts';
import type { Decision, IncidentState, PolicyContext, PolicyEvent } from './types.ts';

const some = (...turns: (TurnDraft | null)[]): TurnDraft[] => turns.filter((t): t is TurnDraft => t !== null);

function onSay(s: IncidentState, ctx: PolicyContext, text: string): Decision {
  switch (classify(text)) {
    case 'empty':
    case 'thanks':
      return { turns: [] };
    case 'vague_help':
      return { turns: [clarify(s)] };
    case 'demand':
      return { turns: [onDemand(s)] };
    case 'show_process':
      return { turns: [showProcess(s, ctx)] };
    case 'what_next':
      return { turns: [whatNext(s)] };
    case 'owner_question':
      return {
        turns: some(ownerAnswer(s, ctx, text) ?? {
          phase: 'guide', type: 'colleague', rule: 'G4', fields: { kind: 'owner_unknown' },
          text: 'The workspace has no OWNERS entry for that service. Who on your team would know?',
        }),
      };
    case 'question':
      // G1: before a plan, a question about the incident is met with a request for the plan, not a suggestion.
      if (!s.plan) return { turns: [askPlan(s), ...crossCheck(s, ctx, text)] };
      return { turns: crossCheck(s, ctx, text), demonstrate: { question: text, fallback: catalogFallback(s, ctx, text) } };
    case 'statement': {
      // Every message gets a response: a stated time is checked; otherwise, how it bears on the plan.
      const checked = crossCheck(s, ctx, text);
      return { turns: checked.length > 0 ? checked : [onReport(s)] };
    }
  }
}

/** H5: suggestions of a kind the person keeps dismissing are not offered to them. */
function ranked(s: IncidentState, ctx: PolicyContext, d: Decision): Decision {
  const e = s.enhance;
  if (!e) return d;
  const down = (t: TurnDraft): boolean => {
    const kind = (t.fields?.suggestion as { kind?: unknown } | undefined)?.kind;
    return typeof kind === 'string' && ranksDown(e.answers, kind, ctx.config.dismissLimit);
  };
  return { ...d, turns: d.turns.filter((t) => !down(t)) };
}

export function decide(s: IncidentState, event: PolicyEvent, ctx: PolicyContext): Decision {
  return ranked(s, ctx, decideAll(s, event, ctx));
}

function decideAll(s: IncidentState, event: PolicyEvent, ctx: PolicyContext): Decision {
  switch (event.kind) {
    case 'say':
      return onSay(s, ctx, event.text);
    case 'opened':
      return { turns: [...missingSteps(s, ctx, event), askPlan(s)] };
    case 'alert':
      return {
        turns: [...missingSteps(s, ctx, event), ...some(
          event.status === 'firing' ? pageOtherTeam(s, ctx, event.alert) : null,
          event.status === 'firing' ? alertRefinementTurn(s, ctx, event.alert) : null,
        )],
      };
    case 'plan':
      return { turns: [onPlanStated(event.plan), ...some(viewDocs(s, ctx)), ...missingSteps(s, ctx, event)] };
    case 'action':
      return {
        turns: [...some(
          improve(s, event.action), shortcut(s, ctx, event.from, event.action), splitView(s, ctx, event.from, event.action),
          recordingRuleTurn(s, ctx, event.action), instrumentationTurn(s, ctx, event.action), documentIt(s, event.action),
        ), ...missingSteps(s, ctx, event)],
      };
    case 'tick': {
      const nudge = stuckNudge(s, ctx);
      return { turns: [...some(nudge, nudge ? pingOwner(s, ctx) : null), ...missingSteps(s, ctx, event)] };
    }
    case 'deploy':
    case 'note':
    case 'status':
      return { turns: missingSteps(s, ctx, event) };
  }
}
