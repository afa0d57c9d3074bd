// Team memory (D5): a query someone ran before, in this or an earlier incident, when it fits the question.
// Candidates come ranked from team memory (coach/learning/memory: relevance to this incident, reuse, recency),
// so a fitting query from last year is found among a million newer actions; the fit rules below decide.
import { Memory, type MemoryHit } from '../learning/memory/index.ts';
import { terms } from '../learning/memory/terms.ts';
import type { Store } from '../store/index.ts';
import type { Action } from '../types.ts';
import type { Catalog } from './api.ts';
import { validatePromQL } from './validate.ts';

export interface Remembered {
  action: Action;
  query: string;
  incidentKey: string | null;
  /** "maria ran this in INC-41 (2025-03-02)", with its reuse. */
  attribution: string;
  hit: MemoryHit;
}

export interface RecallOptions {
  metrics: string[];
  catalog: Catalog | null;
  /** The incident the question is asked in: memory ranks by similarity to it. */
  incidentId?: number | null;
  now?: Date;
  /** A long-lived memory (its statements prepared once); one is made when absent. */
  memory?: Memory;
}

/**
 * Past query_run actions that fit, best ranked first: the same metrics as the fresh translation, or (when
 * there is none) enough of the question's words in what was run. A remembered query must still validate
 * against today's catalog.
 */
export function recall(store: Store, question: string, opts: RecallOptions): Remembered | null {
  const memory = opts.memory ?? new Memory(store);
  const hits = memory.search({
    incidentId: opts.incidentId ?? null, question: [question, ...opts.metrics].join(' '), kinds: ['query_run'],
    now: opts.now ?? new Date(), requireWords: true, limit: 20,
  });
  // Without a fresh translation, what was run must hold the question's meaningful words (not "what", "the"),
  // at least two and at least half of them: sharing a service name is not fitting the question.
  const qWords = new Set([...terms(question)].filter((w) => w.length >= 3));
  for (const hit of hits) {
    const a = hit.item.action;
    const query = hit.item.query ?? a?.text ?? null;
    if (!a || !query) continue;
    if (opts.catalog && !validatePromQL(query, opts.catalog).ok) continue;
    const sameMetrics = opts.metrics.length > 0 && opts.metrics.every((m) => query.includes(m));
    const shared = [...terms(`${a.text} ${query}`.replace(/[{}()[\],="~!]/g, ' '))].filter((w) => qWords.has(w)).length;
    if (sameMetrics || (opts.metrics.length === 0 && shared >= 2 && shared * 2 >= qWords.size)) {
      return { action: a, query, incidentKey: hit.incidentKey, attribution: hit.attribution, hit };
    }
  }
  return null;
}
