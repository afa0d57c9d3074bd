// Which metric family a question is about, and which label values it names.
import type { Catalog, MetricFamily } from './api.ts';
import type { CatalogIndex } from './catalog.ts';
import type { Question } from './question.ts';
import { LABEL_SYNONYMS, norm } from './text.ts';

export interface Candidate {
  family: MetricFamily;
  score: number;
  /** Question tokens the name or HELP accounts for. */
  covered: Set<string>;
  nameHits: number;
}

export interface Matcher {
  label: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

const SCORED = 300;

/** Scores families sharing a word with the question; `bias` adds what the question's shape prefers. */
export function rankFamilies(
  ix: CatalogIndex, q: Question, bias: (f: MetricFamily) => number,
  opts: { weak?: ReadonlySet<string>; labels?: readonly string[]; derived?: (f: MetricFamily) => ReadonlySet<string> } = {},
): Candidate[] {
  const tokens = [...new Set(q.tokens)];
  // First a cheap upper bound from the postings, so a 10,000-metric catalog is scored in full only for
  // the few hundred families that could win.
  const bound = new Map<number, number>();
  for (const t of [...tokens, ...q.numbers]) {
    const w = ix.idf(t);
    for (const i of ix.byWord.get(t) ?? []) bound.set(i, (bound.get(i) ?? 0) + w);
  }
  let seen: Set<number>;
  if (bound.size <= SCORED) seen = new Set(bound.keys());
  else {
    const sorted = Float64Array.from(bound.values()).sort();
    const cut = sorted[sorted.length - SCORED] ?? 0;
    seen = new Set([...bound].filter(([, v]) => v >= cut).map(([i]) => i));
  }
  // A word the catalog never has on its own may be part of a compound name word ("fault" of pgfault).
  const inside = new Map<number, Set<string>>();
  for (const t of tokens) {
    if (t.length < 4 || ix.knows(t)) continue;
    ix.entries.forEach((e, i) => {
      for (const n of e.name) {
        if (n.length > t.length && n.includes(t)) inside.set(i, (inside.get(i) ?? new Set()).add(t));
      }
    });
  }
  // A family can be what the question means through its labels alone ("each CPU core … idle").
  for (const l of opts.labels ?? []) for (const i of (ix.byLabel.get(l) ?? []).slice(0, 200)) seen.add(i);
  for (const i of inside.keys()) seen.add(i);
  // A word names and HELP never have may be a label value alone ("p99 checkout": service="checkout").
  const byValue = new Set<number>();
  for (const w of q.words) {
    if (w.length < 3 || ix.knows(norm(w))) continue;
    for (const i of ix.valueFamilies(w).slice(0, 200)) {
      seen.add(i);
      byValue.add(i);
    }
  }
  const out: Candidate[] = [];
  for (const i of seen) {
    const e = ix.entries[i];
    if (!e) continue;
    let score = 0;
    let nameHits = 0;
    const covered = new Set<string>();
    const derived = opts.derived?.(e.family);
    for (const t of tokens) {
      // Words naming a breakdown ("by handler") are mostly labels; they only half-count towards the name.
      const weight = opts.weak?.has(t) ? 0.5 : 1;
      if (e.name.has(t) || derived?.has(t) || inside.get(i)?.has(t)) {
        score += weight * ix.idf(t);
        nameHits++;
        covered.add(t);
      } else if (e.help.has(t)) {
        score += 0.35 * ix.idf(t);
        covered.add(t);
      }
    }
    for (const n of e.name) if (!tokens.includes(n) && !/^\d+$/.test(n)) score -= 0.15 * ix.idf(n);
    for (const n of q.numbers) if (e.name.has(n)) score += 0.8;
    if (nameHits === 0 && covered.size === 0 && !byValue.has(i) && !(opts.labels ?? []).some((l) => e.family.labels.includes(l))) continue;
    score += bias(e.family);
    // Among equals, the avail-style gauge is what a careful SRE reads as "free" (MemAvailable over MemFree).
    if (/avail/i.test(e.family.name)) score += 0.01;
    out.push({ family: e.family, score, covered, nameHits });
  }
  return out.sort((a, b) => b.score - a.score || a.family.name.length - b.family.name.length);
}

const GENERIC_VALUE_WORDS = new Set(['api', 'v1', 'v2', 'v3', 'www', 'com', 'http', 'https', 'dev']);
const SKIP_LABELS = new Set(['le', 'quantile', '__name__', 'instance']);
const CODE_LABELS = /^(code|status|status_code|http_status|response_code)$/;
const NONE: ReadonlySet<string> = new Set();

function wordHit(q: Question, word: string, consumed: ReadonlySet<string>): boolean {
  const n = norm(word);
  if (consumed.has(n)) return false;
  if (q.wordSet.has(word) || q.normSet.has(n)) return true;
  // A question word that starts with this one ("evaluation" for "eval"), or the other way round.
  if (word.length >= 4 && q.prefixSet.has(word)) return true;
  for (let k = 4; k < word.length; k++) if (q.wordSet.has(word.slice(0, k))) return true;
  return false;
}

const partsCache = new Map<string, string[]>();
function valueParts(v: string): string[] {
  let parts = partsCache.get(v);
  if (!parts) {
    parts = v.split(/[^a-z0-9]+/).filter((w) => w.length >= 2 && !GENERIC_VALUE_WORDS.has(w));
    if (partsCache.size > 200_000) partsCache.clear();
    partsCache.set(v, parts);
  }
  return parts;
}

/** How well a question names one label value: 0 when it does not. */
export function valueScore(q: Question, label: string, value: string, consumed: ReadonlySet<string>): number {
  const v = value.toLowerCase();
  if (q.literals.some((l) => l.toLowerCase() === v)) return 10;
  if (/^\d+(\.\d+)?$/.test(v)) {
    if (!q.wordSet.has(v)) return 0;
    const i = q.words.indexOf(v);
    const before = q.words[i - 1] ?? '';
    const hinted = before === label || (LABEL_SYNONYMS[label] ?? []).includes(before);
    return CODE_LABELS.test(label) && /^\d{3}$/.test(v) || hinted ? 8 : 0;
  }
  if (v === '/') return q.words.includes('root') ? 3 : 0;
  const parts = valueParts(v);
  if (parts.length === 0) return 0;
  // Every part must be said; a part the name already accounts for ("time" of slice="prepare_time" on a
  // duration metric) may be said once for both, but at least one part must be the value's own.
  const own = parts.filter((p) => wordHit(q, p, consumed)).length;
  if (own === 0 || (own < parts.length && !parts.every((p) => wordHit(q, p, NONE)))) return 0;
  return 2 * own + (hinted(q, label, parts) ? 4 : 0);
}

/** "the query endpoint", "mode idle", "non-idle", "node exporter": a value word next to its label's name. */
function hinted(q: Question, label: string, parts: string[]): boolean {
  const names = new Set([label, `${label}s`, ...(LABEL_SYNONYMS[label] ?? [])]);
  for (let i = 0; i < q.words.length; i++) {
    const w = q.words[i] ?? '';
    if (!parts.some((p) => w === p || norm(w) === norm(p))) continue;
    const before = q.words[i - 1] ?? '';
    if (names.has(before) || names.has(q.words[i + 1] ?? '') || before === 'non') return true;
  }
  return false;
}

/** Label names a question mentions anywhere, on this family (the "endpoint" of "the metrics endpoint"). */
export function mentionedLabels(family: MetricFamily, q: Question): string[] {
  return family.labels.filter((l) => !['le', 'quantile', 'instance', 'job'].includes(l) && q.words.some((w) => w === l || w === `${l}s` || (LABEL_SYNONYMS[l] ?? []).includes(w)));
}

/** Equality matchers for the label values a question names, best value per label; ambiguous labels are left out. */
export function namedValues(catalog: Catalog, family: MetricFamily, q: Question, consumed: ReadonlySet<string>): { matchers: Matcher[]; score: number } {
  const matchers: Matcher[] = [];
  const found: { label: string; value: string; score: number }[] = [];
  let score = 0;
  for (const label of family.labels) {
    if (SKIP_LABELS.has(label)) continue;
    let best = 0;
    let winners: string[] = [];
    for (const value of catalog.labelValues(family.name, label)) {
      const s = valueScore(q, label, value, consumed);
      if (s > best) [best, winners] = [s, [value]];
      else if (s > 0 && s === best) winners.push(value);
    }
    if (best > 0 && winners.length === 1 && winners[0] !== undefined) found.push({ label, value: winners[0], score: best });
  }
  // One word names one value: "checkout" is service="checkout" rather than also route="/api/checkout".
  // A value the question says whole wins over one it only says part of; otherwise both stay.
  const said = (v: string): boolean => q.wordSet.has(v.toLowerCase()) || q.literals.some((l) => l.toLowerCase() === v.toLowerCase());
  for (const f of found) {
    const parts = valueParts(f.value.toLowerCase());
    const shadowed = !said(f.value) && found.some((o) => o !== f && said(o.value) && parts.length > 0 && parts.every((p) => p === o.value.toLowerCase()));
    if (shadowed) continue;
    matchers.push({ label: f.label, op: '=', value: f.value });
    score += f.score;
  }
  return { matchers, score };
}

/** The label a grouping word means on this family ("interfaces" → device), if any. */
export function labelFor(family: MetricFamily, word: string): string | null {
  const w = word.toLowerCase();
  for (const l of family.labels) {
    if (l === w || norm(l) === norm(w)) return l;
  }
  for (const l of family.labels) if ((LABEL_SYNONYMS[l] ?? []).includes(w)) return l;
  return null;
}

/** True when a word means "the scrape target" (grouping by it keeps the series as they are). */
export function meansTarget(word: string): boolean {
  return /^(targets?|instances?)$/.test(word);
}

const TOTAL_WORDS = ['Total', 'total', 'size', 'Size', 'max', 'maximum', 'limit'];
const AVAIL_RE = /(Available|Avail|available|avail|Free|free)/;
const TOTAL_RE = /(Total|total|Size|size|maximum|max|limit)(?=_|$|[A-Z])/;
const USED_WORDS = ['open', 'allocated', 'used', 'inuse', 'entries'];

export interface CapacityPair {
  total: string;
  avail?: string;
  used?: string;
}

/** A resource's capacity and what is free or used of it (MemAvailable/MemTotal, open_fds/max_fds). */
export function capacityPair(catalog: Catalog, name: string): CapacityPair | null {
  const has = (n: string): boolean => catalog.family(n) !== undefined && n !== name;
  if (AVAIL_RE.test(name)) {
    for (const w of TOTAL_WORDS) {
      const total = name.replace(AVAIL_RE, w);
      if (has(total)) return { total, avail: name };
    }
  }
  if (TOTAL_RE.test(name)) {
    for (const w of ['Available', 'avail', 'Free', 'free']) {
      const avail = name.replace(TOTAL_RE, w);
      if (has(avail)) return { total: name, avail };
    }
    for (const w of USED_WORDS) {
      const used = name.replace(TOTAL_RE, w);
      if (has(used)) return { total: name, used };
    }
    const stripped = name.replace(/_(limit|max|maximum)$/, '');
    if (stripped !== name && has(stripped)) return { total: name, used: stripped };
  }
  for (const w of USED_WORDS) {
    if (!new RegExp(`(^|_)${w}(_|$)`).test(name)) continue;
    for (const t of ['max', 'maximum', 'limit']) {
      const total = name.replace(new RegExp(`(^|_)${w}(_|$)`), `$1${t}$2`);
      if (has(total)) return { total, used: name };
    }
    if (has(`${name}_limit`)) return { total: `${name}_limit`, used: name };
  }
  return null;
}
