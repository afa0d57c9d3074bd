// Enhancement suggestions (H2–H5) as offered to a person, and how they answered. A suggestion is offered
// once per person, kind and key (per incident, or team-wide when incidentId is null).
import type { Db } from './db.ts';
import { parseJsonObject } from './json.ts';

export type SuggestionState = 'offered' | 'accepted' | 'dismissed';

export interface Suggestion {
  id: number;
  incidentId: number | null;
  person: string;
  /** shortcut, split_view, recording_rule, alert_refinement, instrumentation, … */
  kind: string;
  /** What it is about, so the same suggestion is not offered twice ("query:sum(rate(…))"). */
  key: string;
  at: string;
  state: SuggestionState;
  answeredAt: string | null;
  body: Record<string, unknown>;
}

interface Row { id: number; incident_id: number | null; person: string; kind: string; key: string; at: string; state: SuggestionState; answered_at: string | null; body: string }

const toSuggestion = (r: Row): Suggestion => ({
  id: r.id, incidentId: r.incident_id, person: r.person, kind: r.kind, key: r.key, at: r.at, state: r.state, answeredAt: r.answered_at,
  body: parseJsonObject(r.body),
});

export class SuggestionRepo {
  constructor(private readonly db: Db) {}

  /** Records an offer; null when this person was already offered it (answered or not). */
  offer(s: { incidentId: number | null; person: string; kind: string; key: string; at: string; body?: Record<string, unknown> }): Suggestion | null {
    const info = this.db.prepare("INSERT INTO suggestions (incident_id, person, kind, key, at, state, body) VALUES (?, ?, ?, ?, ?, 'offered', ?) ON CONFLICT DO NOTHING")
      .run(s.incidentId, s.person, s.kind, s.key, s.at, JSON.stringify(s.body ?? {}));
    return info.changes === 1 ? this.get(Number(info.lastInsertRowid)) : null;
  }

  /** Whether this person was ever offered this kind and key, in any incident: suggestions come once. */
  offeredTo(person: string, kind: string, key: string): boolean {
    return this.db.prepare('SELECT 1 FROM suggestions WHERE person = ? AND kind = ? AND key = ? LIMIT 1').get(person, kind, key) !== undefined;
  }

  /** The newest suggestion offered to a person in an incident, optionally of one kind. */
  latest(incidentId: number, person: string, kind?: string): Suggestion | null {
    const r = (kind
      ? this.db.prepare('SELECT * FROM suggestions WHERE incident_id = ? AND person = ? AND kind = ? ORDER BY id DESC LIMIT 1').get(incidentId, person, kind)
      : this.db.prepare('SELECT * FROM suggestions WHERE incident_id = ? AND person = ? ORDER BY id DESC LIMIT 1').get(incidentId, person)) as Row | undefined;
    return r ? toSuggestion(r) : null;
  }

  /** A person's suggestions, newest first, optionally only those in one state. */
  ofPerson(person: string, state?: SuggestionState, limit = 200): Suggestion[] {
    const rows = state
      ? this.db.prepare('SELECT * FROM suggestions WHERE person = ? AND state = ? ORDER BY id DESC LIMIT ?').all(person, state, limit)
      : this.db.prepare('SELECT * FROM suggestions WHERE person = ? ORDER BY id DESC LIMIT ?').all(person, limit);
    return (rows as Row[]).map(toSuggestion);
  }

  get(id: number): Suggestion | null {
    const r = this.db.prepare('SELECT * FROM suggestions WHERE id = ?').get(id) as Row | undefined;
    return r ? toSuggestion(r) : null;
  }

  find(person: string, kind: string, key: string, incidentId: number | null): Suggestion | null {
    const r = this.db.prepare('SELECT * FROM suggestions WHERE person = ? AND kind = ? AND key = ? AND IFNULL(incident_id, 0) = IFNULL(?, 0)')
      .get(person, kind, key, incidentId) as Row | undefined;
    return r ? toSuggestion(r) : null;
  }

  /** Answers an offered suggestion; false when it was already answered. */
  answer(id: number, state: 'accepted' | 'dismissed', at: string): boolean {
    return this.db.prepare("UPDATE suggestions SET state = ?, answered_at = ? WHERE id = ? AND state = 'offered'").run(state, at, id).changes === 1;
  }

  /** How a person answered each kind so far: the ranking input of H5. */
  answersOf(person: string): Record<string, { accepted: number; dismissed: number; offered: number }> {
    const rows = this.db.prepare('SELECT kind, state, COUNT(*) AS n FROM suggestions WHERE person = ? GROUP BY kind, state').all(person) as { kind: string; state: SuggestionState; n: number }[];
    const out: Record<string, { accepted: number; dismissed: number; offered: number }> = {};
    for (const r of rows) {
      const k = (out[r.kind] ??= { accepted: 0, dismissed: 0, offered: 0 });
      k[r.state] += r.n;
    }
    return out;
  }

  list(incidentId: number): Suggestion[] {
    return (this.db.prepare('SELECT * FROM suggestions WHERE incident_id = ? ORDER BY id').all(incidentId) as Row[]).map(toSuggestion);
  }

  /** Accepted suggestions of a person, newest first ("an accepted one is remembered"). */
  accepted(person: string, kind?: string): Suggestion[] {
    const rows = kind
      ? this.db.prepare("SELECT * FROM suggestions WHERE person = ? AND kind = ? AND state = 'accepted' ORDER BY answered_at DESC").all(person, kind)
      : this.db.prepare("SELECT * FROM suggestions WHERE person = ? AND state = 'accepted' ORDER BY answered_at DESC").all(person);
    return (rows as Row[]).map(toSuggestion);
  }
}
