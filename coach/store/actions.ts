import { prepared, type Db } from './db.ts';
import type { Action } from '../types.ts';
import { parseJsonObject } from './json.ts';
import { TAUGHT } from './memory-digest-sql.ts';

interface Row { id: number; incident_id: number | null; actor: string; at: string; kind: string; step: number | null; text: string; payload: string }

const toAction = (r: Row): Action => ({
  id: r.id, incidentId: r.incident_id, actor: r.actor, at: r.at, kind: r.kind, step: r.step, text: r.text,
  payload: parseJsonObject(r.payload),
});

export interface NewAction {
  incidentId: number | null;
  actor: string;
  at: string;
  kind: string;
  step?: number | null;
  text?: string;
  payload?: Record<string, unknown>;
}

export interface SearchHit extends Action {
  rank: number;
}

/** How many matches of one kind (best by bm25, or newest) a search ranks. */
const SEARCH_POOL = 200;
/** Up to this many rows holding every word, all are ranked, whatever their age. */
const RANK_ALL = 2_000;

function words(text: string): string[] {
  // Most of the log is ASCII; only other text pays for taking diacritics off.
  const plain = !/[^\t\n\r -~]/.test(text) ? text : text.normalize('NFD').replace(/\p{M}/gu, '');
  return plain.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
}

/** More of the asked words first, then the shorter text that holds them (the idea of bm25, without its corpus statistics). */
function density(text: string, terms: Set<string>): number {
  const tokens = words(text);
  const matched = tokens.filter((t) => terms.has(t));
  return new Set(matched).size + matched.length / Math.sqrt(tokens.length + 1) / 10;
}

/** Turns free text into an FTS5 query of quoted terms, so a person's words are never FTS syntax. */
export function ftsQuery(text: string, mode: 'all' | 'any' = 'all'): string | null {
  const terms = text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
  if (terms.length === 0) return null;
  return terms.map((t) => `"${t}"`).join(mode === 'all' ? ' AND ' : ' OR ');
}

/** The human action log: what people did, with context, searchable. */
export class ActionRepo {
  private readonly insertStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(
      'INSERT INTO actions (incident_id, actor, at, kind, step, text, payload) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
  }

  add(a: NewAction): Action {
    const info = this.insertStmt.run(a.incidentId, a.actor, a.at, a.kind, a.step ?? null, a.text ?? '', JSON.stringify(a.payload ?? {}));
    return { id: Number(info.lastInsertRowid), incidentId: a.incidentId, actor: a.actor, at: a.at, kind: a.kind,
      step: a.step ?? null, text: a.text ?? '', payload: a.payload ?? {} };
  }

  /** Inserts many in one transaction: all or none. */
  addMany(list: NewAction[]): Action[] {
    return this.db.transaction((items: NewAction[]) => items.map((a) => this.add(a)))(list);
  }

  list(incidentId: number, opts: { limit?: number; kind?: string } = {}): Action[] {
    const rows = (opts.kind
      ? this.db.prepare('SELECT * FROM actions WHERE incident_id = ? AND kind = ? ORDER BY at, id LIMIT ?').all(incidentId, opts.kind, opts.limit ?? 10_000)
      : this.db.prepare('SELECT * FROM actions WHERE incident_id = ? ORDER BY at, id LIMIT ?').all(incidentId, opts.limit ?? 10_000)) as Row[];
    return rows.map(toAction);
  }

  latest(incidentId: number, filter: { step?: number } = {}): Action | null {
    const r = (filter.step === undefined
      ? this.db.prepare('SELECT * FROM actions WHERE incident_id = ? ORDER BY at DESC, id DESC LIMIT 1').get(incidentId)
      : this.db.prepare('SELECT * FROM actions WHERE incident_id = ? AND step = ? ORDER BY at DESC, id DESC LIMIT 1').get(incidentId, filter.step)) as Row | undefined;
    return r ? toAction(r) : null;
  }

  /** The actions with these ids, in no particular order (ids that do not exist are left out). */
  byIds(ids: readonly number[]): Action[] {
    if (ids.length === 0) return [];
    return (prepared(this.db, 'SELECT * FROM actions WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as Row[]).map(toAction);
  }

  /**
   * Query runs that say which question they were run for (payload.question: run from a query card), newest
   * first, for team-taught answers (coach/query/taught.ts). Migration 10's partial index holds only these.
   */
  taughtRuns(limit: number): { id: number; incident_id: number | null; actor: string; at: string; text: string; payload: string }[] {
    return prepared(this.db, `SELECT id, incident_id, actor, at, text, payload FROM actions INDEXED BY actions_taught
      WHERE kind = 'query_run' AND ${TAUGHT} ORDER BY id DESC LIMIT ?`).all(limit) as never;
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS c FROM actions').get() as { c: number }).c;
  }

  /**
   * Rows holding the words (all of them, or any), for a caller that ranks them itself (team memory): when few
   * rows hold them (≤ `limit` · 5), the best `limit` by bm25; otherwise the newest `limit`. Cheaper than
   * `search`, which ranks a larger pool by density for people reading the list.
   */
  matching(text: string, opts: { limit: number; mode?: 'all' | 'any' }): Action[] {
    const q = ftsQuery(text, opts.mode);
    if (!q) return [];
    const few = opts.limit * 5;
    const held = (prepared(this.db, `SELECT count(*) AS c FROM (SELECT 1 FROM actions_fts WHERE actions_fts MATCH ? LIMIT ${few + 1})`).get(q) as { c: number }).c;
    if (held === 0) return [];
    const order = held <= few ? 'bm25(actions_fts)' : 'f.rowid DESC';
    // The few rows are read after ranking: ordering whole rows would carry every match's columns through the sort.
    const ids = prepared(this.db, `SELECT rowid FROM actions_fts WHERE actions_fts MATCH ? ORDER BY ${order === 'f.rowid DESC' ? 'rowid DESC' : order} LIMIT ?`)
      .pluck().all(q, opts.limit) as number[];
    const byId = new Map(this.byIds(ids).map((a) => [a.id, a]));
    return ids.flatMap((id) => { const a = byId.get(id); return a ? [a] : []; });
  }

  /**
   * Full-text search over the log, best match first. Matches are ranked by how densely they hold the words
   * (more of the words, then the shorter text, then the newest). Which matches are ranked:
   *  - when few rows hold all the words (≤ RANK_ALL, counted with a LIMIT so counting stays cheap), every one
   *    of them, of any age, by bm25 — a better match from last year is seen;
   *  - any-word searches add the newest rows holding some of the words;
   *  - when the words are so common that more rows hold all of them, the newest `pool` of those (they all hold
   *    every word; bm25 over 50,000 rows took 100+ ms at a million rows). Team memory (coach/learning/memory)
   *    ranks by the incident at hand instead, which is what finds an old fitting action among common words.
   */
  search(text: string, opts: { limit?: number; kind?: string; mode?: 'all' | 'any' } = {}): SearchHit[] {
    const q = ftsQuery(text, opts.mode);
    const all = ftsQuery(text, 'all');
    if (!q || !all) return [];
    const limit = opts.limit ?? 20;
    const pool = Math.max(opts.mode === 'any' ? SEARCH_POOL * 2 : SEARCH_POOL, limit * 5);
    // '+a.kind': the kind filter must not drive the plan (an index on kind would probe the full-text index row by row).
    const kindSql = opts.kind ? 'AND +a.kind = ?' : '';
    const kindParams = opts.kind ? [opts.kind] : [];
    const holdAll = (prepared(this.db, `SELECT count(*) AS c FROM (SELECT 1 FROM actions_fts WHERE actions_fts MATCH ? LIMIT ${RANK_ALL + 1})`).get(all) as { c: number }).c;
    // Candidates carry only what ranking needs; whole rows are read for the few that are returned.
    const candidates = new Map<number, string>();
    const add = (rows: { id: number; text: string }[]): void => { for (const r of rows) candidates.set(r.id, r.text); };
    if (holdAll <= RANK_ALL) {
      add(prepared(this.db, `SELECT a.id, a.text FROM actions_fts f JOIN actions a ON a.id = f.rowid
                WHERE actions_fts MATCH ? ${kindSql} ORDER BY bm25(actions_fts) LIMIT ?`).all(all, ...kindParams, pool) as { id: number; text: string }[]);
    }
    if (holdAll > RANK_ALL || q !== all) {
      add(prepared(this.db, `SELECT a.id, a.text FROM actions_fts f JOIN actions a ON a.id = f.rowid
                WHERE actions_fts MATCH ? ${kindSql} ORDER BY f.rowid DESC LIMIT ?`).all(holdAll > RANK_ALL ? all : q, ...kindParams, pool) as { id: number; text: string }[]);
      if (holdAll > RANK_ALL && q !== all) {
        add(prepared(this.db, `SELECT a.id, a.text FROM actions_fts f JOIN actions a ON a.id = f.rowid
                WHERE actions_fts MATCH ? ${kindSql} ORDER BY f.rowid DESC LIMIT ?`).all(q, ...kindParams, pool) as { id: number; text: string }[]);
      }
    }
    const terms = new Set(words(text));
    const best = [...candidates]
      .map(([id, t]) => ({ id, rank: -density(t, terms) }))
      .sort((a, b) => a.rank - b.rank || b.id - a.id)
      .slice(0, limit);
    if (best.length === 0) return [];
    const rows = prepared(this.db, `SELECT * FROM actions WHERE id IN (${best.map(() => '?').join(',')})`).all(...best.map((b) => b.id)) as Row[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return best.flatMap(({ id, rank }) => {
      const r = byId.get(id);
      return r ? [{ ...toAction(r), rank }] : [];
    });
  }
}
