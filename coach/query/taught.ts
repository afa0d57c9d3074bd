// Team-taught answers (D5): a query a person ran for a question (payload.question, set when they ran a query
// card, edited or not) answers the next similar question first, in any incident, and always says whose it is.
// Similar means: the same shape of question (percentile, ranking, existence, threshold, window), no opposite
// words (read/write, in/out…), and most content words shared; or fewer shared when the taught query's metric is
// also what the question reads as. A remembered query must still validate against today's catalog.
import { incidentKey, type Store } from '../store/index.ts';
import type { Action } from '../types.ts';
import type { Catalog } from './api.ts';
import { candidateFamilies } from './offline.ts';
import { readQuestion, type Question } from './question.ts';
import { correctSpelling } from './spelling.ts';
import { validatePromQL } from './validate.ts';

export interface Taught {
  action: Action;
  /** The question it was run for, as the person asked it. */
  question: string;
  query: string;
  /** The query Mentat had suggested, when the person edited it before running. */
  suggested: string | null;
  edited: boolean;
  incidentKey: string | null;
  /** Shared content words over all content words of both questions (0–1). */
  similarity: number;
  /** "maria ran this for a similar question in INC-12 (“vda write iops”)". */
  attribution: string;
}

/** Taught pairs read per question, newest first: a team's corrections are hundreds, not millions. */
const READ = 2_000;
const STRONG = 0.5;
const WEAK = 0.34;

/** Words that name the opposite thing: a question with one and a taught question with the other differ. */
const OPPOSITES: [string, string][] = [
  ['read', 'write'], ['receive', 'transmit'], ['error', 'success'], ['fail', 'success'], ['avail', 'use'],
  ['min', 'max'], ['major', 'minor'], ['start', 'stop'], ['up', 'down'], ['hit', 'miss'], ['open', 'close'],
];

function shapeConflict(a: Question, b: Question): boolean {
  return a.percentile !== b.percentile || a.exists !== b.exists || (a.top?.k ?? 0) !== (b.top?.k ?? 0) || (a.top?.fn ?? '') !== (b.top?.fn ?? '')
    || JSON.stringify(a.compare) !== JSON.stringify(b.compare) || (a.window !== null && b.window !== null && a.window !== b.window)
    || a.percent !== b.percent || a.predictHours !== b.predictHours;
}

function content(q: Question): Set<string> {
  return new Set([...q.tokens, ...q.literals.map((l) => l.toLowerCase())]);
}

function opposed(a: Set<string>, b: Set<string>): boolean {
  return OPPOSITES.some(([x, y]) => (a.has(x) && !a.has(y) && b.has(y) && !b.has(x)) || (a.has(y) && !a.has(x) && b.has(x) && !b.has(y)));
}

export function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}

/** Taught questions as read, per catalog (a question is read against the catalog's words) and action id. */
const readQuestions = new WeakMap<object, Map<number, { q: Question; words: Set<string> }>>();
const NO_CATALOG = {};
function readCache(catalog: Catalog | null): Map<number, { q: Question; words: Set<string> }> {
  const key = catalog ?? NO_CATALOG;
  let m = readQuestions.get(key);
  if (!m) readQuestions.set(key, (m = new Map<number, { q: Question; words: Set<string> }>()));
  return m;
}

interface Row { id: number; incident_id: number | null; actor: string; at: string; text: string; payload: string }

export interface TaughtOptions {
  catalog: Catalog | null;
  /** Leave out pairs by this person (to show someone what others taught). */
  exceptActor?: string;
}

/** The best taught pair for a question, or null. */
export function taughtAnswer(store: Store, question: string, opts: TaughtOptions): Taught | null {
  const spell = (q: string): string => (opts.catalog ? correctSpelling(q, opts.catalog).text : q);
  const read = (q: string): Question => readQuestion(spell(q));
  const text = spell(question);
  const asked = readQuestion(text);
  const words = content(asked);
  if (words.size === 0) return null;
  const rows = store.actions.taughtRuns(READ) as Row[];
  let best: { row: Row; payload: Record<string, unknown>; sim: number; query: string; suggested: string | null; edited: boolean } | null = null;
  let topMetric: string | null | undefined;
  const known = readCache(opts.catalog);
  for (const row of rows) {
    if (opts.exceptActor && row.actor === opts.exceptActor) continue;
    let payload: Record<string, unknown>;
    try { payload = JSON.parse(row.payload) as Record<string, unknown>; } catch { continue; }
    if (typeof payload.question !== 'string') continue;
    // A taught question is read once per catalog (spelling corrections depend on it), not on every question.
    let seen = known.get(row.id);
    if (!seen) {
      const q = read(payload.question);
      seen = { q, words: content(q) };
      if (known.size >= READ * 2) known.clear();
      known.set(row.id, seen);
    }
    const then = seen.q;
    const theirs = seen.words;
    if (shapeConflict(asked, then) || opposed(words, theirs)) continue;
    const sim = similarity(words, theirs);
    if (sim < WEAK) continue;
    const query = typeof payload.query === 'string' ? payload.query : row.text;
    if (sim < STRONG) {
      // A weaker match counts only when the question reads as the taught query's metric too.
      if (!opts.catalog) continue;
      if (topMetric === undefined) topMetric = candidateFamilies(opts.catalog, text, 1)[0]?.name ?? null;
      if (!topMetric || !new RegExp(`\\b${topMetric}(?:_bucket|_sum|_count)?\\b`).test(query)) continue;
    }
    const suggested = typeof payload.suggested === 'string' ? payload.suggested : null;
    const edited = suggested !== null && suggested.trim() !== query.trim();
    // The most similar question wins; of equally similar ones, a correction over a run as suggested.
    const better = !best || sim > best.sim + 1e-9 || (Math.abs(sim - best.sim) <= 1e-9 && edited && !best.edited);
    if (!better) continue;
    if (opts.catalog && !validatePromQL(query, opts.catalog).ok) continue;
    best = { row, payload, sim, query, suggested, edited };
  }
  if (!best) return null;
  const { row, payload, sim, query, suggested, edited } = best;
  const key = row.incident_id !== null ? incidentKey(row.incident_id) : null;
  const asks = payload.question as string;
  return {
    action: { id: row.id, incidentId: row.incident_id, actor: row.actor, at: row.at, kind: 'query_run', step: null, text: row.text, payload },
    question: asks, query, suggested, edited, incidentKey: key,
    similarity: Math.round(sim * 100) / 100,
    attribution: `${row.actor} ${edited ? 'corrected and ran' : 'ran'} this for a similar question${key ? ` in ${key}` : ''} (“${asks}”)`,
  };
}
