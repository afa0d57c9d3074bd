import type { Db } from './db.ts';
import type { Phase, Turn, TurnDraft, TurnType } from '../types.ts';
import { parseJsonObject } from './json.ts';

interface Row {
  id: number; incident_id: number; at: string; phase: Phase; type: TurnType; rule: string; text: string;
  engine: string; fallback: string | null; to_actor: string | null; fields: string;
}

const toTurn = (r: Row): Turn => ({
  id: r.id, incidentId: r.incident_id, at: r.at, phase: r.phase, type: r.type, rule: r.rule, text: r.text,
  engine: r.engine, fallback: r.fallback, to: r.to_actor, fields: parseJsonObject(r.fields),
});

export interface NewTurn extends TurnDraft {
  incidentId: number;
  at: string;
  engine: string;
  fallback?: string | null;
  to?: string | null;
}

/** Every coach turn, with the rule that produced it: the audit trail of what the coach said and why. */
export class TurnRepo {
  constructor(private readonly db: Db) {}

  add(t: NewTurn): Turn {
    const info = this.db
      .prepare(`INSERT INTO turns (incident_id, at, phase, type, rule, text, engine, fallback, to_actor, fields)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(t.incidentId, t.at, t.phase, t.type, t.rule, t.text, t.engine, t.fallback ?? null, t.to ?? null, JSON.stringify(t.fields ?? {}));
    return toTurn(this.db.prepare('SELECT * FROM turns WHERE id = ?').get(info.lastInsertRowid) as Row);
  }

  list(incidentId: number, opts: { limit?: number } = {}): Turn[] {
    return (this.db
      .prepare('SELECT * FROM (SELECT * FROM turns WHERE incident_id = ? ORDER BY id DESC LIMIT ?) ORDER BY id')
      .all(incidentId, opts.limit ?? 500) as Row[]).map(toTurn);
  }
}
