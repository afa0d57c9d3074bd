// Team memory search: past human actions (and published answers, recordings, learning notes) that fit the
// incident at hand, ranked by score.ts. Candidates come from two bounded passes, never from "the newest N":
//   1. the incidents most like this one (bm25 over incident profiles), then their actions;
//   2. when a question is asked, the action log's own full-text search for its words.
import type { Store } from '../../store/index.ts';
import { incidentKey } from '../../store/index.ts';
import type { Action } from '../../types.ts';
import { publishedNotes } from './notes-source.ts';
import { Profiles, type Profile } from './profiles.ts';
import { attribution, rarity, recency, relevance, reuseFactor, type Reuse, type Similarity } from './score.ts';
import { holdsWord, terms } from './terms.ts';

export type MemoryKind = 'query_run' | 'link_opened' | 'note' | 'plan' | 'demo_stop' | 'support_answer' | 'learning_note';
export const MEMORY_KINDS: readonly MemoryKind[] = ['query_run', 'link_opened', 'note', 'plan', 'demo_stop', 'support_answer', 'learning_note'];

export interface MemoryItem {
  /** "action:12", "support:3", "note:5": unique across sources. */
  ref: string;
  kind: MemoryKind;
  incidentId: number | null;
  actor: string;
  at: string;
  text: string;
  /** The query run, for query_run; the URL opened, for link_opened. */
  query?: string | null;
  url?: string | null;
  step?: number | null;
  action?: Action;
}

export interface MemoryHit {
  item: MemoryItem;
  incidentKey: string | null;
  score: number;
  relevance: number;
  recency: number;
  reuse: Reuse;
  similarity: Similarity;
  /** "maria ran this in INC-41 (2025-03-02)". */
  attribution: string;
}

/** More items from elsewhere (published learning notes): given the candidate incidents, their items. */
export type ItemSource = (store: Store, incidentIds: number[]) => MemoryItem[];

export interface MemoryQuery {
  /** The incident at hand. */
  incidentId?: number | null;
  question?: string | null;
  kinds?: readonly MemoryKind[];
  limit?: number;
  now: Date;
  /** Leave out the incident at hand's own items ("last time …"). */
  excludeOwn?: boolean;
  /** Only items whose own text holds at least one of the question's words. */
  requireWords?: boolean;
}

const CANDIDATE_INCIDENTS = 16;
/** Of those, the incidents whose actions are read. */
const READ_INCIDENTS = 6;
const TEXT_POOL = 60;
const REUSE_POOL = 30;
/** Reuse is read from at most this many runs of one text: past that, ln(1 + n) barely moves. */
const REUSE_RUNS = 300;
const ACTION_KINDS = new Set<string>(['query_run', 'link_opened', 'note', 'plan', 'demo_stop']);

interface ActionRow { id: number; incident_id: number | null; actor: string; at: string; kind: string; step: number | null; text: string; payload: string }

export class Memory {
  readonly profiles: Profiles;
  private readonly reuseStmt;
  private readonly byIncident = new Map<string, ReturnType<Store['db']['prepare']>>();

  /** `sources` beyond the action log and support answers; by default published learning notes. */
  constructor(private readonly store: Store, private readonly sources: ItemSource[] = [publishedNotes]) {
    this.profiles = new Profiles(store.db);
    const db = store.db;
    this.reuseStmt = {
      query_run: db.prepare(`SELECT count(DISTINCT incident_id) AS i, count(DISTINCT actor) AS p FROM (SELECT incident_id, actor FROM actions INDEXED BY actions_reuse
        WHERE kind IN ('query_run', 'link_opened') AND kind = 'query_run' AND text = ? LIMIT ${REUSE_RUNS})`),
      link_opened: db.prepare(`SELECT count(DISTINCT incident_id) AS i, count(DISTINCT actor) AS p FROM (SELECT incident_id, actor FROM actions INDEXED BY actions_reuse
        WHERE kind IN ('query_run', 'link_opened') AND kind = 'link_opened' AND text = ? LIMIT ${REUSE_RUNS})`),
    };
  }

  search(q: MemoryQuery): MemoryHit[] {
    const kinds = new Set<MemoryKind>(q.kinds ?? MEMORY_KINDS);
    const limit = q.limit ?? 10;
    const own = q.incidentId ?? null;
    const here = own !== null ? this.profiles.get(own) : null;
    const asked = terms(q.question ?? '');
    const focus = asked.size > 0 ? asked : (here?.words ?? new Set<string>());

    const incidents = new Map<number, Profile>();
    for (const p of this.profiles.similar(here, asked, { limit: CANDIDATE_INCIDENTS, exclude: own })) incidents.set(p.id, p);
    if (here && !q.excludeOwn) incidents.set(here.id, here);

    const items: MemoryItem[] = [];
    const actionKinds = [...kinds].filter((k) => ACTION_KINDS.has(k));
    if (actionKinds.length > 0) {
      const stmt = this.actionsOf(actionKinds);
      // Rows are the cost (about 6 µs each): read only the incidents most like this one by their profiles.
      const read = [...incidents.values()]
        .map((p) => ({ id: p.id, rel: p.id === own ? Infinity : relevance({ ...this.incidentSimilarity(here, asked, p), itemWords: 0 }) }))
        .sort((a, b) => b.rel - a.rel)
        .slice(0, READ_INCIDENTS);
      for (const { id } of read) for (const r of stmt.all(id) as ActionRow[]) items.push(fromRow(r));
      if (asked.size > 0 && q.question) {
        // One search over every kind, filtered here: a kind filter in SQL walks the whole match list for a rare kind.
        const wanted = new Set<string>(actionKinds);
        // Rows holding every meaningful word of the question first; only when few do, rows holding some of them
        // (an any-word search costs a few milliseconds more at a million rows).
        const words = [...asked].join(' ');
        let found = this.store.actions.search(words, { mode: 'all', limit: TEXT_POOL });
        if (found.length < 5) found = this.store.actions.search(words, { mode: 'any', limit: TEXT_POOL });
        for (const a of found) {
          if (!wanted.has(a.kind) || (q.excludeOwn && a.incidentId === own)) continue;
          items.push(fromAction(a));
          if (a.incidentId !== null && !incidents.has(a.incidentId)) {
            const p = this.profiles.get(a.incidentId);
            if (p) incidents.set(p.id, p);
          }
        }
      }
    }
    const ids = [...incidents.keys()];
    if (kinds.has('support_answer')) items.push(...supportItems(this.store, ids.slice(0, 8)));
    for (const source of this.sources) items.push(...source(this.store, ids).filter((i) => kinds.has(i.kind)));

    // Incident-level similarity once per incident; item words only for texts that hold a focus word at all.
    const simOf = new Map<number, Omit<Similarity, 'itemWords'>>();
    const blank = { service: 0, alerts: 0, labels: 0, incidentWords: 0 };
    const best = new Map<string, { item: MemoryItem; sim: Similarity; rel: number; rec: number }>();
    const focusList = [...focus];
    for (const item of items) {
      if (q.excludeOwn && own !== null && item.incidentId === own) continue;
      let base = blank;
      if (item.incidentId !== null) {
        base = simOf.get(item.incidentId) ?? blank;
        if (!simOf.has(item.incidentId)) {
          const p = incidents.get(item.incidentId);
          base = p ? this.incidentSimilarity(here, asked, p) : blank;
          simOf.set(item.incidentId, base);
        }
      }
      const body = (item.query && item.query !== item.text ? `${item.text} ${item.query}` : item.text).toLowerCase();
      const held = focusList.filter((w) => holdsWord(body, w));
      const itemWords = this.weigh(held);
      if (q.requireWords && itemWords === 0) continue;
      const sim: Similarity = { ...base, itemWords };
      const rel = relevance(sim);
      if (rel <= 0) continue;
      const rec = recency(item.at, q.now);
      const key = `${item.kind}\u0000${(item.query ?? item.url ?? item.text).trim()}`;
      const prev = best.get(key);
      if (!prev || rel * rec > prev.rel * prev.rec) best.set(key, { item, sim, rel, rec });
    }

    const pre = [...best.values()].sort((a, b) => b.rel * b.rec - a.rel * a.rec).slice(0, REUSE_POOL);
    const hits = pre.map(({ item, sim, rel, rec }): MemoryHit => {
      const reuse = this.reuseOf(item);
      const key = item.incidentId !== null ? incidentKey(item.incidentId) : null;
      return {
        item, incidentKey: key, score: rel * reuseFactor(reuse) * rec, relevance: rel, recency: rec, reuse, similarity: sim,
        attribution: attribution({ kind: item.kind, actor: item.actor, incidentKey: key, at: item.at }, reuse),
      };
    });
    return hits.sort((a, b) => b.score - a.score || b.item.at.localeCompare(a.item.at)).slice(0, limit);
  }

  private incidentSimilarity(here: Profile | null, asked: Set<string>, p: Profile): Omit<Similarity, 'itemWords'> {
    if (!here) return { service: 0, alerts: 0, labels: 0, incidentWords: this.weigh([...asked].filter((w) => p.words.has(w))) };
    const words = new Set([...here.words, ...asked]);
    return {
      service: here.service && here.service === p.service ? this.weigh([p.service]) : 0,
      alerts: this.weigh([...here.alerts].filter((a) => p.alerts.has(a))),
      labels: this.weigh([...here.labels].filter((l) => p.labels.has(l))),
      incidentWords: this.weigh([...words].filter((w) => p.words.has(w))),
    };
  }

  /**
   * Sum of rarity weights of shared terms, counted over incident profiles (a word few incidents are about is
   * rare). The action log's own vocabulary would cost a read of each word's whole doclist per search.
   */
  private weigh(list: string[]): number {
    let sum = 0;
    for (const t of list) {
      const { df, n } = this.profiles.incidentDf(t);
      sum += rarity(df, n);
    }
    return sum;
  }

  private reuseOf(item: MemoryItem): Reuse {
    if (item.kind !== 'query_run' && item.kind !== 'link_opened') return { incidents: 0, people: 0 };
    const r = this.reuseStmt[item.kind].get(item.action?.text ?? item.text) as { i: number; p: number };
    return { incidents: Math.max(0, r.i - (item.incidentId !== null ? 1 : 0)), people: Math.max(0, r.p - 1) };
  }

  private actionsOf(kinds: string[]): ReturnType<Store['db']['prepare']> {
    const key = kinds.join(',');
    let stmt = this.byIncident.get(key);
    if (!stmt) {
      // The kinds are literals from ACTION_KINDS, never a person's text.
      const list = kinds.filter((k) => ACTION_KINDS.has(k)).map((k) => `'${k}'`).join(',');
      stmt = this.store.db.prepare(`SELECT id, incident_id, actor, at, kind, step, text, payload FROM actions WHERE incident_id = ? AND kind IN (${list})`);
      this.byIncident.set(key, stmt);
    }
    return stmt;
  }
}

function fromRow(r: ActionRow): MemoryItem {
  // Only a link's payload says something ranking needs (its URL); the rest read the text.
  let payload: Record<string, unknown> = {};
  if (r.kind === 'link_opened') {
    try { payload = JSON.parse(r.payload) as Record<string, unknown>; } catch { payload = {}; }
  }
  return fromAction({ id: r.id, incidentId: r.incident_id, actor: r.actor, at: r.at, kind: r.kind, step: r.step, text: r.text, payload });
}

function fromAction(a: Action): MemoryItem {
  const query = typeof a.payload.query === 'string' ? a.payload.query : a.kind === 'query_run' ? a.text : null;
  const url = typeof a.payload.url === 'string' ? a.payload.url : null;
  return { ref: `action:${a.id}`, kind: a.kind as MemoryKind, incidentId: a.incidentId, actor: a.actor, at: a.at, text: a.text, query, url, step: a.step, action: a };
}

/** Published support answers of the candidate incidents: what the team told customers, in its approved words. */
function supportItems(store: Store, incidentIds: number[]): MemoryItem[] {
  return incidentIds.flatMap((id) => store.support.published(id, 5).flatMap((q): MemoryItem[] => q.answer ? [{
    ref: `support:${q.id}`, kind: 'support_answer', incidentId: id, actor: q.answer.approvedBy, at: q.answer.publishedAt,
    text: `${q.question} — ${q.answer.tiers.partner}`,
  }] : []));
}
