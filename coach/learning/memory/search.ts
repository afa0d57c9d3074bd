// Team memory search: past human actions (and published answers, recordings, learning notes) that fit the
// incident at hand, ranked by score.ts. Candidates come from two bounded passes, never from "the newest N":
//   1. the incidents most like this one (bm25 over incident profiles), then their actions;
//   2. when a question is asked, the action log's own full-text search for its words.
import type { DigestItem, Store } from '../../store/index.ts';
import { DIGEST_KIND_LIST } from '../../store/memory-digest-sql.ts';
import { incidentKey } from '../../store/index.ts';
import type { Action } from '../../types.ts';
import { publishedNotes } from './notes-source.ts';
import { Profiles, type Profile } from './profiles.ts';
import { attribution, itemRelevance, rarity, recencyAt, relevance, reuseFactor, WEIGHTS, type Reuse, type Similarity } from './score.ts';
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
const ACTION_KINDS = new Set<string>(DIGEST_KIND_LIST);

/** The most reuse can lift a score (score.ts caps the counts): bounds pruning. */
const MAX_REUSE = reuseFactor({ incidents: WEIGHTS.reuseCap, people: WEIGHTS.reuseCap });
/** The reuse of a text no counts row holds. */
const NONE: Reuse = Object.freeze({ incidents: 0, people: 0 });

/** An item with what ranking reads of it worked out once (items of an incident are kept between searches). */
interface Candidate { item: MemoryItem; body: string; key: string; atMs: number }

function candidate(item: MemoryItem): Candidate {
  return {
    item,
    body: (item.query && item.query !== item.text ? `${item.text} ${item.query}` : item.text).toLowerCase(),
    key: `${item.kind}\u0000${(item.query ?? item.url ?? item.text).trim()}`,
    atMs: Date.parse(item.at),
  };
}

/** Incidents whose memory items are kept between searches (about 100 actions each). */
const CACHED_INCIDENTS = 256;
const CACHED_REUSE = 5_000;
/** Past this many new actions since the last search, forgetting everything is cheaper than reading them. */
const CATCH_UP = 5_000;

export class Memory {
  readonly profiles: Profiles;
  private readonly reuseStmt;
  private readonly newest;
  private readonly since;
  /**
   * The action log only grows, so what was read of it stays true: per incident, its memory items; per query or
   * link, its reuse. Each search first reads the actions added since the last one (by any process) and forgets
   * what they change. Deleting actions (never done today) must call `forget()`.
   */
  private readonly itemsOf = new Map<number, Candidate[]>();
  private readonly reuseOfText = new Map<string, Reuse>();
  private seen = -1;

  /** `sources` beyond the action log and support answers; by default published learning notes. */
  constructor(private readonly store: Store, private readonly sources: ItemSource[] = [publishedNotes]) {
    this.profiles = new Profiles(store.db);
    const db = store.db;
    // Reuse is kept per text by triggers (migration 9's reuse_counts): one row per text, many texts per statement.
    this.reuseStmt = db.prepare('SELECT text, incidents, people FROM reuse_counts WHERE kind = ? AND text IN (SELECT value FROM json_each(?))').raw();
    this.newest = db.prepare('SELECT max(id) FROM actions').pluck();
    this.since = db.prepare(`SELECT incident_id, kind, text FROM actions WHERE id > ? ORDER BY id LIMIT ${CATCH_UP + 1}`);
  }

  /** Forget everything read from the log (after actions were deleted). */
  forget(): void {
    this.itemsOf.clear();
    this.reuseOfText.clear();
    this.seen = -1;
  }

  /** Forget what the actions added since the last search change. */
  private catchUp(): void {
    const newest = (this.newest.get() as number | null) ?? 0;
    if (newest === this.seen) return;
    if (newest < this.seen || this.seen < 0) this.forget();
    else {
      const added = this.since.all(this.seen) as { incident_id: number | null; kind: string; text: string }[];
      if (added.length > CATCH_UP) this.forget();
      for (const a of added) {
        if (a.incident_id !== null) this.itemsOf.delete(a.incident_id);
        this.reuseOfText.delete(`${a.kind}\u0000${a.text}`);
      }
    }
    this.seen = newest;
  }

  /** The memory items of one incident's actions, of the given kinds. */
  private actionItems(incidentId: number, kinds: Set<string>): Candidate[] {
    let items = this.itemsOf.get(incidentId);
    if (items) {
      this.itemsOf.delete(incidentId);
    } else {
      // A past (resolved) incident's items are one row (migration 9's digest); the incident at hand's, its actions.
      items = (this.store.memoryDigests.items(incidentId) ?? this.store.memoryDigests.fromLog(incidentId)).map((r) => candidate(fromRow(incidentId, r)));
      if (this.itemsOf.size >= CACHED_INCIDENTS) this.itemsOf.delete(this.itemsOf.keys().next().value as number);
    }
    this.itemsOf.set(incidentId, items);
    return items.length > 0 && kinds.size < ACTION_KINDS.size ? items.filter((c) => kinds.has(c.item.kind)) : items;
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

    const items: Candidate[] = [];
    const actionKinds = [...kinds].filter((k) => ACTION_KINDS.has(k));
    if (actionKinds.length > 0) {
      this.catchUp();
      const wantedKinds = new Set<string>(actionKinds);
      // Rows are the cost (about 6 µs each): read only the incidents most like this one by their profiles.
      const read = [...incidents.values()]
        .map((p) => ({ id: p.id, rel: p.id === own ? Infinity : relevance({ ...this.incidentSimilarity(here, asked, p), itemWords: 0 }) }))
        .sort((a, b) => b.rel - a.rel)
        .slice(0, READ_INCIDENTS);
      for (const { id } of read) items.push(...this.actionItems(id, wantedKinds));
      if (asked.size > 0 && q.question) {
        // One search over every kind, filtered here: a kind filter in SQL walks the whole match list for a rare kind.
        // Rows holding every meaningful word of the question first; only when few do, rows holding some of them
        // (an any-word search costs a few milliseconds more at a million rows).
        const words = [...asked].join(' ');
        let found = this.store.actions.matching(words, { mode: 'all', limit: TEXT_POOL });
        if (found.length < 5) found = this.store.actions.matching(words, { mode: 'any', limit: TEXT_POOL });
        for (const a of found) {
          if (!wantedKinds.has(a.kind) || (q.excludeOwn && a.incidentId === own)) continue;
          items.push(candidate(fromAction(a)));
          if (a.incidentId !== null && !incidents.has(a.incidentId)) {
            const p = this.profiles.get(a.incidentId);
            if (p) incidents.set(p.id, p);
          }
        }
      }
    }
    const ids = [...incidents.keys()];
    if (kinds.has('support_answer')) items.push(...supportItems(this.store, ids.slice(0, 8)).map(candidate));
    for (const source of this.sources) items.push(...source(this.store, ids).filter((i) => kinds.has(i.kind)).map(candidate));

    // Incident-level similarity once per incident; item words only for texts that hold a focus word at all.
    // relevance() is a sum, so the incident's part is worked out once per incident and the item's words added.
    const simOf = new Map<number, { base: Omit<Similarity, 'itemWords'>; rel: number }>();
    const blank = { base: { service: 0, alerts: 0, labels: 0, incidentWords: 0 }, rel: 0 };
    const best = new Map<string, { item: MemoryItem; base: Omit<Similarity, 'itemWords'>; itemWords: number; rel: number; rec: number }>();
    const focusList = [...focus];
    const nowMs = q.now.getTime();
    for (const { item, body, key, atMs } of items) {
      if (q.excludeOwn && own !== null && item.incidentId === own) continue;
      let inc = blank;
      if (item.incidentId !== null) {
        const known = simOf.get(item.incidentId);
        if (known) inc = known;
        else {
          const p = incidents.get(item.incidentId);
          const base = p ? this.incidentSimilarity(here, asked, p) : blank.base;
          inc = { base, rel: relevance({ ...base, itemWords: 0 }) };
          simOf.set(item.incidentId, inc);
        }
      }
      let itemWords = 0;
      for (const w of focusList) if (holdsWord(body, w)) itemWords += this.weightOf(w);
      if (q.requireWords && itemWords === 0) continue;
      const rel = inc.rel + itemRelevance(itemWords);
      if (rel <= 0) continue;
      const rec = recencyAt(atMs, nowMs);
      const prev = best.get(key);
      if (!prev || rel * rec > prev.rel * prev.rec) best.set(key, { item, base: inc.base, itemWords, rel, rec });
    }

    // Best first by relevance × recency. Reuse lifts a score by at least 1 and at most MAX_REUSE, so an item
    // whose most lifted score stays below the limit-th unlifted one cannot be returned: its reuse is not read.
    const ranked = [...best.values()].sort((a, b) => b.rel * b.rec - a.rel * a.rec).slice(0, REUSE_POOL);
    const floor = ranked.length >= limit ? (ranked[limit - 1]?.rel ?? 0) * (ranked[limit - 1]?.rec ?? 0) : 0;
    const pre = ranked.filter((c) => c.rel * c.rec * MAX_REUSE >= floor);
    this.readReuse(pre.map((c) => c.item));
    const hits: MemoryHit[] = [];
    for (const { item, base, itemWords, rel, rec } of pre) {
      const sim: Similarity = { ...base, itemWords };
      const reuse = this.reuseOf(item);
      const key = item.incidentId !== null ? incidentKey(item.incidentId) : null;
      const score = rel * reuseFactor(reuse) * rec;
      hits.push({
        item, incidentKey: key, score, relevance: rel, recency: rec, reuse, similarity: sim,
        attribution: attribution({ kind: item.kind, actor: item.actor, incidentKey: key, at: item.at }, reuse),
      });
    }
    return this.withActions(hits.sort((a, b) => b.score - a.score || b.item.at.localeCompare(a.item.at)).slice(0, limit));
  }

  /** The returned hits' actions, read in one statement (items kept between searches carry only what ranking reads). */
  private withActions(hits: MemoryHit[]): MemoryHit[] {
    const missing = hits.filter((h) => h.item.ref.startsWith('action:') && !h.item.action).map((h) => Number(h.item.ref.slice('action:'.length)));
    if (missing.length === 0) return hits;
    const byId = new Map(this.store.actions.byIds(missing).map((a) => [a.id, a]));
    return hits.map((h) => {
      const action = h.item.action ?? byId.get(Number(h.item.ref.slice('action:'.length)));
      return action && !h.item.action ? { ...h, item: { ...h.item, action } } : h;
    });
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
    for (const t of list) sum += this.weightOf(t);
    return sum;
  }

  private weightOf(t: string): number {
    const { df, n } = this.profiles.incidentDf(t);
    return rarity(df, n);
  }

  /** Reads the reuse of the items' texts not read before, one statement per kind. */
  private readReuse(items: MemoryItem[]): void {
    for (const kind of ['query_run', 'link_opened'] as const) {
      const texts = [...new Set(items.filter((i) => i.kind === kind && !this.reuseOfText.has(`${kind}\u0000${i.text}`)).map((i) => i.text))];
      if (texts.length === 0) continue;
      if (this.reuseOfText.size + texts.length > CACHED_REUSE) this.reuseOfText.clear();
      const counted = new Map<string, Reuse>();
      for (const [text, incidents, people] of this.reuseStmt.all(kind, JSON.stringify(texts)) as [string, number, number][]) counted.set(text, { incidents, people });
      for (const text of texts) this.reuseOfText.set(`${kind}\u0000${text}`, counted.get(text) ?? NONE);
    }
  }

  /** Other incidents and people that ran the same query or opened the same link (read by readReuse first). */
  private reuseOf(item: MemoryItem): Reuse {
    if (item.kind !== 'query_run' && item.kind !== 'link_opened') return { incidents: 0, people: 0 };
    const all = this.reuseOfText.get(`${item.kind}\u0000${item.text}`) ?? NONE;
    return { incidents: Math.max(0, all.incidents - (item.incidentId !== null ? 1 : 0)), people: Math.max(0, all.people - 1) };
  }

}

function fromRow(incidentId: number, [id, actor, at, kind, step, text, extra]: DigestItem): MemoryItem {
  return {
    ref: `action:${id}`, kind: kind as MemoryKind, incidentId, actor, at, text, step,
    query: kind === 'query_run' ? extra ?? text : null, url: kind === 'link_opened' ? extra : null,
  };
}

function fromAction(a: Action): MemoryItem {
  const query = typeof a.payload.query === 'string' ? a.payload.query : a.kind === 'query_run' ? a.text : null;
  const url = typeof a.payload.url === 'string' ? a.payload.url : null;
  return { ref: `action:${a.id}`, kind: a.kind as MemoryKind, incidentId: a.incidentId, actor: a.actor, at: a.at, text: a.text, query, url, step: a.step, action: a };
}

/** Published support answers of the candidate incidents: what the team told customers, in its approved words. */
function supportItems(store: Store, incidentIds: number[]): MemoryItem[] {
  const answered = store.support.withPublished(incidentIds);
  return incidentIds.filter((id) => answered.has(id)).flatMap((id) => store.support.published(id, 5).flatMap((q): MemoryItem[] => q.answer ? [{
    ref: `support:${q.id}`, kind: 'support_answer', incidentId: id, actor: q.answer.approvedBy, at: q.answer.publishedAt,
    text: `${q.question} — ${q.answer.tiers.partner}`,
  }] : []));
}
