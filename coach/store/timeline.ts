import type { Db } from './db.ts';
import type { TimelineEvent, TimelineKind } from '../types.ts';
import { parseJsonObject } from './json.ts';

interface Row { id: number; incident_id: number; at: string; kind: TimelineKind; summary: string; data: string }

const toEvent = (r: Row): TimelineEvent => ({
  id: r.id, incidentId: r.incident_id, at: r.at, kind: r.kind, summary: r.summary, data: parseJsonObject(r.data),
});

export interface NewTimelineEvent {
  incidentId: number;
  at: string;
  kind: TimelineKind;
  summary: string;
  data?: Record<string, unknown>;
  /** Same key on the same incident is recorded once (webhook retries, repeated notifications). */
  dedupeKey?: string | null;
}

export class TimelineRepo {
  constructor(private readonly db: Db) {}

  /** Returns the new event, or null when an event with the same dedupe key already exists. */
  add(e: NewTimelineEvent): TimelineEvent | null {
    const info = this.db
      .prepare(`INSERT INTO timeline_events (incident_id, at, kind, summary, data, dedupe_key) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (incident_id, dedupe_key) DO NOTHING`)
      .run(e.incidentId, e.at, e.kind, e.summary, JSON.stringify(e.data ?? {}), e.dedupeKey ?? null);
    if (info.changes === 0) return null;
    return toEvent(this.db.prepare('SELECT * FROM timeline_events WHERE id = ?').get(info.lastInsertRowid) as Row);
  }

  list(incidentId: number, opts: { kinds?: TimelineKind[]; limit?: number; afterId?: number } = {}): TimelineEvent[] {
    const kinds = opts.kinds ?? [];
    const kindSql = kinds.length ? `AND kind IN (${kinds.map(() => '?').join(',')})` : '';
    const rows = this.db
      .prepare(`SELECT * FROM timeline_events WHERE incident_id = ? AND id > ? ${kindSql} ORDER BY at, id LIMIT ?`)
      .all(incidentId, opts.afterId ?? 0, ...kinds, opts.limit ?? 10_000) as Row[];
    return rows.map(toEvent);
  }
}
