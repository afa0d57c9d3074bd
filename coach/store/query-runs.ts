// The query runs of incidents, each with its normalized query and the metric it reads (migration 8), for the
// cross-incident analysis (H4). Derived from the action log: `catchUp()` reads the actions added since the
// last call, in id order, and records their query runs in one transaction, however the actions were written.
import { metricOf, normalizeQuery } from '../learning/enhance/query-key.ts';
import { prepared, type Db } from './db.ts';

/** Action ids covered per batch while catching up; each batch is its own transaction. */
const SPAN = 50_000;

export interface QueryRun { actionId: number; incidentId: number; actor: string; at: string; key: string; metric: string | null }

/** The query an action ran: its payload's query when it has one, else its text. */
export function queryOf(text: string, payload: string): string {
  if (payload.includes('"query"')) {
    try {
      const p = JSON.parse(payload) as { query?: unknown };
      if (typeof p.query === 'string') return p.query;
    } catch {
      // A payload that is not JSON says nothing more than the text.
    }
  }
  return text;
}

export class QueryRunRepo {
  constructor(private readonly db: Db) {}

  /** Records the query runs of actions added since the last call. Returns how many it recorded. */
  catchUp(): number {
    const mark = prepared(this.db, 'SELECT last_action_id FROM query_runs_mark WHERE one = 1').pluck();
    const newest = prepared(this.db, 'SELECT max(id) FROM actions').pluck();
    const read = prepared(this.db, `SELECT id, incident_id, actor, at, text, payload FROM actions
      WHERE id > ? AND id <= ? AND kind = 'query_run' AND incident_id IS NOT NULL ORDER BY id`);
    const insert = prepared(this.db, 'INSERT OR IGNORE INTO query_runs (action_id, incident_id, actor, at, key, metric) VALUES (?, ?, ?, ?, ?, ?)');
    const advance = prepared(this.db, 'UPDATE query_runs_mark SET last_action_id = ? WHERE one = 1');
    let recorded = 0;
    for (let done = false; !done;) {
      // IMMEDIATE: the mark is read and moved in one write transaction, so two processes never both take a span.
      this.db.transaction(() => {
        const from = (mark.get() as number | undefined) ?? 0;
        const last = (newest.get() as number | null) ?? 0;
        if (last <= from) {
          done = true;
          return;
        }
        const to = Math.min(last, from + SPAN);
        for (const r of read.all(from, to) as { id: number; incident_id: number; actor: string; at: string; text: string; payload: string }[]) {
          const q = queryOf(r.text, r.payload).trim();
          if (!q) continue;
          insert.run(r.id, r.incident_id, r.actor, r.at, normalizeQuery(q), metricOf(q));
          recorded++;
        }
        advance.run(to);
        done = to === last;
      }).immediate();
    }
    return recorded;
  }
}
