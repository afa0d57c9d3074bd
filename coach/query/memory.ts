// Team memory (D5): a query someone ran before, in this or an earlier incident, when it fits the question.
import type { Store } from '../store/index.ts';
import type { Action } from '../types.ts';
import type { Catalog } from './api.ts';
import { validatePromQL } from './validate.ts';

export interface Remembered {
  action: Action;
  query: string;
  incidentKey: string | null;
}

const queryOf = (a: Action): string | null => (typeof a.payload.query === 'string' ? a.payload.query : a.text || null);

/**
 * Past query_run actions that fit: the same metrics as the fresh translation, or (when there is none) enough
 * of the question's words in what was run. A remembered query must still validate against today's catalog.
 */
export function recall(store: Store, question: string, opts: { metrics: string[]; catalog: Catalog | null; limit?: number }): Remembered | null {
  const hits = store.actions.search(question, { kind: 'query_run', mode: 'any', limit: 50 });
  const byMetric = opts.metrics.length > 0
    ? (store.db.prepare("SELECT id FROM actions WHERE kind = 'query_run' ORDER BY at DESC LIMIT 500").all() as { id: number }[]).map((r) => r.id)
    : [];
  const seen = new Set<number>();
  const candidates: Action[] = [...hits];
  if (byMetric.length > 0) {
    const get = store.db.prepare('SELECT * FROM actions WHERE id = ?');
    for (const id of byMetric) {
      if (hits.some((h) => h.id === id)) continue;
      const r = get.get(id) as { id: number; incident_id: number | null; actor: string; at: string; kind: string; step: number | null; text: string; payload: string };
      candidates.push({ id: r.id, incidentId: r.incident_id, actor: r.actor, at: r.at, kind: r.kind, step: r.step, text: r.text, payload: JSON.parse(r.payload) as Record<string, unknown> });
    }
  }
  const qWords = new Set((question.toLowerCase().match(/[a-z0-9_]{3,}/g) ?? []));
  for (const a of candidates) {
    if (seen.has(a.id)) continue;
    seen.add(a.id);
    const query = queryOf(a);
    if (!query) continue;
    if (opts.catalog && !validatePromQL(query, opts.catalog).ok) continue;
    const sameMetrics = opts.metrics.length > 0 && opts.metrics.every((m) => query.includes(m));
    const shared = (`${a.text} ${query}`.toLowerCase().match(/[a-z0-9_]{3,}/g) ?? []).filter((w) => qWords.has(w)).length;
    if (sameMetrics || (opts.metrics.length === 0 && shared >= 2)) {
      const key = a.incidentId ? (store.incidents.find(a.incidentId)?.key ?? null) : null;
      return { action: a, query, incidentKey: key };
    }
  }
  return null;
}
