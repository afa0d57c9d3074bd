// G3: "You seem stuck on step N" only with a plan, on its first open step, after a quiet stretch; never twice in one.
import type { TurnDraft } from '../../types.ts';
import { linksFor } from '../../workspace/index.ts';
import { firstOpenStep, pastTurns, suspectDeploy } from '../facts.ts';
import { clock } from '../times.ts';
import type { IncidentState, PolicyContext } from '../types.ts';

/** Kinds of stepless action that still count as work on the current step. */
const INVESTIGATING = new Set(['query_run', 'link_opened', 'note']);

/** When the first open step last moved: the plan's start, another step's change, or an action on it. */
export function lastProgress(s: IncidentState, step: number): number {
  const plan = s.plan;
  if (!plan) return s.now.getTime();
  const since = Date.parse(plan.createdAt);
  const times = [since, ...plan.steps.filter((st) => st.state !== 'open').map((st) => Date.parse(st.updatedAt))];
  for (const a of s.actions) {
    const t = Date.parse(a.at);
    if (t < since) continue;
    if (a.step === step || (a.step === null && INVESTIGATING.has(a.kind))) times.push(t);
  }
  return Math.max(...times);
}

function somethingToTry(s: IncidentState, ctx: PolicyContext, stepN: number): { text: string; fields: Record<string, unknown> } {
  const suspect = suspectDeploy(s, ctx.config.rollbackWindowMinutes);
  if (suspect) {
    const d = suspect.deploy;
    return { text: `whether the ${d.service} deploy ${d.version} (${clock(d.at)}) is involved`, fields: { kind: 'deploy', version: d.version } };
  }
  const runbook = linksFor(ctx.workspace.links, s.incident.service, ['runbook'])[0];
  if (runbook) return { text: `what the "${runbook.title}" suggests`, fields: { kind: 'runbook', url: runbook.url } };
  const next = s.plan?.steps.find((st) => st.n > stepN && st.state === 'open');
  if (next) return { text: `step ${next.n} (${next.text}) first`, fields: { kind: 'step', step: next.n } };
  return { text: 'what changed shortly before it started', fields: { kind: 'changes' } };
}

export function stuckNudge(s: IncidentState, ctx: PolicyContext): TurnDraft | null {
  const step = firstOpenStep(s);
  if (!s.plan || !step) return null;
  const threshold = ctx.config.stuckAfterMinutes * 60_000;
  const now = s.now.getTime();
  const progress = lastProgress(s, step.n);
  if (now - progress < threshold) return null;
  const earlier = pastTurns(s, 'stuck_nudge', { step: step.n, plan_id: s.plan.id })
    .map((t) => Date.parse(t.at))
    .filter((t) => t >= progress);
  if (earlier.some((t) => now - t < threshold)) return null;
  const y = somethingToTry(s, ctx, step.n);
  // Team memory, read by the coach before deciding: only for this plan's open step, so never before a plan (G1).
  const hint = s.memory?.stuck.find((h) => h.step === step.n && h.stepText === step.text);
  const last = hint ? ` Last time someone was stuck on this step (${hint.incidentKey ?? 'an earlier incident'}), ${hint.actor} looked at ${hint.looked}.` : '';
  return {
    phase: 'guide', type: 'stuck_nudge', rule: 'G3',
    fields: {
      step: step.n, plan_id: s.plan.id, try: y.fields,
      ...(hint ? { memory: { looked: hint.looked, kind: hint.kind, by: hint.actor, incident: hint.incidentKey, at: hint.at, attribution: hint.attribution } } : {}),
    },
    text: `You seem stuck on step ${step.n} (${step.text}). Do you want to try investigating ${y.text}?${last}`,
  };
}
