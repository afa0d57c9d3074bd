// Incident profiles (migration 6's incident_terms, with migration 11's service=alert pairs): what each incident is about, and which past incidents
// look most like the one at hand. 10,000 incidents is a small table: bm25 over it picks the candidates.
import { prepared, type Db } from '../../store/db.ts';
import { phrase, terms } from './terms.ts';

export interface Profile {
  id: number;
  service: string;
  alerts: Set<string>;
  labels: Set<string>;
  /** Title and annotation words. */
  words: Set<string>;
}

interface Row { id: number; service: string; alert: string; labels: string; title: string; words: string }

/** Labels that repeat what the service and alert columns already say. */
const REDUNDANT = /^(alertname|service|job)=/;

const toProfile = (r: Row): Profile => ({
  id: r.id,
  service: r.service.toLowerCase(),
  alerts: new Set(r.alert.toLowerCase().split(/\s+/).filter(Boolean)),
  labels: new Set(r.labels.toLowerCase().split(/\s+/).filter((l) => l && !REDUNDANT.test(l))),
  words: terms(`${r.title} ${r.words}`),
});

export class Profiles {
  private readonly one;
  private readonly idfIncidents;
  private readonly size;
  private readonly cache = new Map<string, number>();
  private lookups = 0;

  constructor(private readonly db: Db) {
    this.one = db.prepare('SELECT rowid AS id, service, alert, labels, title, words FROM incident_terms WHERE rowid = ?');
    this.idfIncidents = db.prepare('SELECT doc FROM incident_terms_vocab WHERE term = ?').pluck();
    this.size = db.prepare('SELECT max(id) FROM incidents').pluck();
  }

  get(id: number): Profile | null {
    const r = this.one.get(id) as Row | undefined;
    return r ? toProfile(r) : null;
  }

  /**
   * The incidents most like `p` (and the question's words), best first, by bm25 over their profiles. Terms held
   * by more than 5% of incidents (severity=page, "on") would make bm25 read most of the table for little
   * information, so the query leaves them out; same service and alert are asked for together.
   */
  similar(p: Profile | null, question: Set<string>, opts: { limit: number; exclude: number | null }): Profile[] {
    const n = this.incidents();
    const rare = (t: string): boolean => this.incidentDf(t).df <= Math.max(50, n * 0.05);
    const parts: string[] = [];
    const alerts = [...(p?.alerts ?? [])];
    // Same service and alert: one "service=alert" token per alert (migration 11), not two long doclists intersected.
    if (p?.service && alerts.length > 0) parts.push(...alerts.map((a) => `pair : ${phrase(`${p.service.replace(/ /g, '_')}=${a}`)}`));
    else if (p?.service) parts.push(`service : ${phrase(p.service)}`);
    else parts.push(...alerts.map((a) => `alert : ${phrase(a)}`));
    for (const l of p?.labels ?? []) if (rare(l)) parts.push(`labels : ${phrase(l)}`);
    for (const w of new Set([...(p?.words ?? []), ...question])) if (rare(w)) parts.push(`{title words} : ${phrase(w)}`);
    if (parts.length === 0) return [];
    // Ranked by rowid alone, then the few profiles read: ordering whole rows would read every match's columns.
    const ids = prepared(this.db, `SELECT rowid FROM incident_terms
      WHERE incident_terms MATCH ? ${opts.exclude !== null ? 'AND rowid <> ?' : ''}
      ORDER BY bm25(incident_terms, 2, 2, 2, 1, 1, 4) LIMIT ?`).pluck().all(parts.join(' OR '), ...(opts.exclude !== null ? [opts.exclude] : []), opts.limit) as number[];
    if (ids.length === 0) return [];
    const byId = new Map((prepared(this.db, `SELECT rowid AS id, service, alert, labels, title, words FROM incident_terms
      WHERE rowid IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as Row[]).map((r) => [r.id, r]));
    return ids.flatMap((id) => { const r = byId.get(id); return r ? [toProfile(r)] : []; });
  }

  /** w(t) for a term of incident profiles: see score.ts `rarity`. */
  incidentDf(term: string): { df: number; n: number } {
    return { df: this.cached(`i:${term}`, () => (this.idfIncidents.get(term) as number | undefined) ?? 0), n: this.incidents() };
  }

  private incidents(): number {
    return this.cached('i#', () => (this.size.get() as number | null) ?? 0);
  }

  /** Corpus counts move slowly: a figure from a few thousand searches ago weighs a word just as well. */
  private cached(key: string, f: () => number): number {
    if (++this.lookups > 50_000 || this.cache.size > 5_000) { this.cache.clear(); this.lookups = 0; }
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const v = f();
    this.cache.set(key, v);
    return v;
  }

  /** Forget cached counts (tests that build a world and then search it). */
  reset(): void {
    this.cache.clear();
  }
}
