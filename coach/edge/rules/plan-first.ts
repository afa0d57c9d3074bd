// G1: plan first. Without a stated plan there are no investigation suggestions, only a request for one;
// with a plan, "what next?" points at the first open step and asks what they expect to find.
import type { Plan, TurnDraft } from '../../types.ts';
import type { IncidentState } from '../types.ts';

export function askPlan(s: IncidentState): TurnDraft {
  const about = s.incident.service ? ` with ${s.incident.service}` : '';
  // Said once already and still no plan: a shorter reminder rather than the same paragraph again.
  if (s.turns.some((t) => t.type === 'ask_plan' && !t.fields?.plan_id)) {
    return {
      phase: 'guide', type: 'ask_plan', rule: 'G1',
      text: `There is no plan yet: what is your hypothesis${about}, and which steps would you take to check it?`,
    };
  }
  return {
    phase: 'guide', type: 'ask_plan', rule: 'G1',
    text: `Before we dig in: what do you think is going on${about}, and which steps would you take to check it?`,
  };
}

/**
 * A demand for the answer (G1): the person's own thinking first. Without a plan, the request for one; with
 * one, the open step and what they expect it to show.
 */
export function onDemand(s: IncidentState): TurnDraft {
  if (!s.plan) return askPlan(s);
  const step = s.plan.steps.find((st) => st.state === 'open');
  return {
    phase: 'guide', type: 'ask_plan', rule: 'G1', fields: { plan_id: s.plan.id, ...(step ? { step: step.n } : {}) },
    text: step
      ? `I'd rather think it through with you. Your plan is at step ${step.n}: ${step.text}. What do you think is going on, and what do you expect that step to show?`
      : 'I\'d rather think it through with you. Every step of your plan is done or dropped: what do you think is going on now, and what would you check next?',
  };
}

/** A report with nothing to cross-check: how it bears on the plan (with one), or the request for a plan. */
export function onReport(s: IncidentState): TurnDraft {
  if (!s.plan) return askPlan(s);
  const step = s.plan.steps.find((st) => st.state === 'open');
  if (!step) return planStep(s.plan, () => '');
  return {
    phase: 'guide', type: 'plan_step', rule: 'G1', fields: { step: step.n, plan_id: s.plan.id },
    text: `Does that settle step ${step.n} (${step.text})? Mark it done when it does, or say what you expected to see instead.`,
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
