// G3's memory: what someone looked at in an earlier incident when they worked on a step like this one.
// The coach service reads these before the policy decides; the policy stays pure and only phrases them.
import type { Memory } from './search.ts';

export interface StuckHint {
  /** The plan step of the incident at hand this hint is for. */
  step: number;
  stepText: string;
  /** What they looked at: the query they ran or the page they opened. */
  looked: string;
  kind: 'query_run' | 'link_opened';
  actor: string;
  incidentKey: string | null;
  at: string;
  attribution: string;
  ref: string;
}

/**
 * Past queries and links from other incidents whose text shares words with the step (its own words, not just
 * the incident's), best first. Actions that advanced a plan step there rank first among equals.
 */
export function stuckHints(memory: Memory, opts: { incidentId: number; step: number; stepText: string; now: Date; limit?: number }): StuckHint[] {
  const hits = memory.search({
    incidentId: opts.incidentId, question: opts.stepText, kinds: ['query_run', 'link_opened'], now: opts.now,
    excludeOwn: true, requireWords: true, limit: (opts.limit ?? 1) * 3,
  });
  return hits
    .map((h, i) => ({ h, i: i - (h.item.step != null ? 0.5 : 0) }))
    .sort((a, b) => a.i - b.i)
    .slice(0, opts.limit ?? 1)
    .map(({ h }): StuckHint => ({
      step: opts.step, stepText: opts.stepText,
      looked: h.item.kind === 'link_opened' ? (h.item.url ?? h.item.text) : (h.item.query ?? h.item.text),
      kind: h.item.kind === 'link_opened' ? 'link_opened' : 'query_run',
      actor: h.item.actor, incidentKey: h.incidentKey, at: h.item.at, attribution: h.attribution, ref: h.item.ref,
    }));
}
