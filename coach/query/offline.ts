// The offline translator: question → PromQL over the catalog, or a decline with the closest metrics.
import type { Catalog, MetricFamily } from './api.ts';
import { indexCatalog } from './catalog.ts';
import { readQuestion, type Question } from './question.ts';
import { capacityPair, labelFor, meansTarget, mentionedLabels, namedValues, rankFamilies, type Candidate, type Matcher } from './resolve.ts';
import { shape, type Plan } from './shapes.ts';
import { FILLER, LABEL_SYNONYMS, nameTokens, norm } from './text.ts';
import { validatePromQL } from './validate.ts';

const LABEL_WORDS = new Set(Object.values(LABEL_SYNONYMS).flat());
function knownLabelWord(word: string): boolean {
  return LABEL_WORDS.has(word) || /^(mode|modes|slice|collector|collectors|type|types|version)$/.test(word);
}

export type OfflineAnswer =
  /** `alternatives()`: the answer and other candidate queries, worked out only when the answer is not shown. */
  | { ok: true; query: string; families: string[]; confidence: number; alternatives: () => string[] }
  /** `candidates`: up to three valid queries over the best-ranked families, for the person to pick from. */
  | { ok: false; reason: string; closest: string[]; candidates?: string[] };

/** Candidate queries offered with a decline. */
const CANDIDATES = 3;

const STATUS_NAME = /(^|_)(up|success|successful)$/;
const CODE_LABEL = /^(code|status|status_code)$/;

function biasFor(q: Question, catalog: Catalog): (f: MetricFamily) => number {
  return (f) => {
    let b = 0;
    const dist = f.type === 'histogram' || f.type === 'summary';
    if (q.percentile !== null) b += dist ? 1.5 : -2;
    else if (q.average && q.tokens.some((t) => t === 'dur' || t === 'size' || t === 'byte')) b += dist ? 0.8 : 0;
    else if (q.rate || q.increase) b += f.type === 'counter' ? 0.6 : 0;
    if ((q.used || q.predictHours !== null) && /avail|free/i.test(f.name)) b += 0.6;
    if (q.down && STATUS_NAME.test(f.name)) b += 1;
    if (q.status && STATUS_NAME.test(f.name)) b += 2;
    if (f.type === 'summary' && q.percentile !== null && !catalog.labelValues(f.name, 'quantile').some((v) => Number(v) === q.percentile)) b -= 2;
    if (q.uptime && /start_time|boot_time/.test(f.name)) b += 2;
    // "5xx", "non-2xx": only a status-code label can say that; a family without one answers something else.
    if (q.errorClass && !f.labels.some((l) => CODE_LABEL.test(l))) b -= 3;
    // "how busy": a share of time, which a seconds counter gives as its rate.
    if (q.busy && f.name.endsWith('_seconds_total')) b += 1;
    // An average or percentile of a duration is of something measured in time, not a count of events.
    if ((q.average || q.percentile !== null) && q.tokens.includes('dur') && !nameTokens(f.name).includes('dur')) b -= 1.5;
    if (q.countTargets && f.name === 'up') b += 3;
    return b;
  };
}

interface Scored extends Candidate {
  matchers: Matcher[];
  groups: string[];
  perTarget: boolean;
  extra: Set<string>;
}

/** Adds what the labels say: named values, grouping words that are its labels, error classes it can express. */
function withLabels(catalog: Catalog, q: Question, c: Candidate, jobs: ReadonlySet<string>): Scored {
  const consumed = new Set(nameTokens(c.family.name));
  const { matchers, score } = namedValues(catalog, c.family, q, consumed);
  const mentioned = mentionedLabels(c.family, q);
  const extra = new Set<string>();
  for (const m of matchers) for (const w of m.value.toLowerCase().split(/[^a-z0-9]+/)) if (w) extra.add(norm(w));
  if (matchers.some((m) => m.value === '/')) extra.add('root');
  const groups: string[] = [];
  let perTarget = false;
  let missingGroups = 0;
  for (const word of [...q.group, ...(q.top?.subject ? [q.top.subject] : [])]) {
    if (meansTarget(word)) {
      perTarget = true;
      extra.add(norm(word));
      continue;
    }
    const l = labelFor(c.family, word);
    if (l && !groups.includes(l)) groups.push(l);
    if (l) extra.add(norm(word));
    else if (knownLabelWord(word)) missingGroups++;
  }
  for (const w of q.words) if (mentioned.some((l) => labelFor(c.family, w) === l)) extra.add(norm(w));
  let s = c.score + 0.5 * score + 0.6 * groups.length + 0.4 * mentioned.length - 1.2 * missingGroups;
  const code = c.family.labels.some((l) => CODE_LABEL.test(l));
  if (code && (q.errorClass || q.errorWords)) {
    s += 0.8;
    extra.add('error').add('fail');
  }
  if (q.down && STATUS_NAME.test(c.family.name)) extra.add('fail').add('up');
  if (q.used || q.predictHours !== null) extra.add('use').add('avail');
  if (q.uptime) extra.add('start').add('up');
  for (const m of matchers) if (m.label === 'job') extra.add('exporter').add('process');
  // A job the question names that this family never reports: it is about another component.
  if (c.family.labels.includes('job') && jobs.size > 0) {
    const own = new Set(catalog.labelValues(c.family.name, 'job'));
    if (q.words.some((w) => jobs.has(w) && !own.has(w) && !consumed.has(norm(w)))) s -= 1.5;
  }
  return { ...c, score: s, matchers, groups, perTarget, extra };
}

/** Words right next to a label's name ("the query endpoint", "node exporter") most likely name its value. */
function besideLabelWords(q: Question): string[] {
  const out: string[] = [];
  q.words.forEach((w, i) => {
    if (!LABEL_WORDS.has(w)) return;
    for (const n of [q.words[i - 1], q.words[i + 1]]) if (n && !FILLER.has(n) && !LABEL_WORDS.has(n)) out.push(n);
  });
  return out;
}

export function closestFamilies(catalog: Catalog, q: Question, ranked: readonly Candidate[], n = 3): string[] {
  if (ranked.length > 0) return ranked.slice(0, n).map((c) => c.family.name);
  const words = q.tokens.filter((t) => t.length >= 4);
  if (words.length === 0) return [];
  const scored: [number, string][] = [];
  for (const e of indexCatalog(catalog).entries) {
    const f = e.family;
    let best = 0;
    for (const t of e.name) for (const w of words) {
      let k = 0;
      while (k < t.length && k < w.length && t[k] === w[k]) k++;
      if (k >= 3) best = Math.max(best, k);
    }
    if (best > 0) scored.push([best, f.name]);
  }
  return scored.sort((a, b) => b[0] - a[0] || a[1].length - b[1].length).slice(0, n).map(([, name]) => name);
}

export function translateOffline(catalog: Catalog, question: string, opts: { service?: string | null } = {}): OfflineAnswer {
  const q = readQuestion(question);
  // Uptime is time since a start; a question naming its own start event ("since boot") keeps its word.
  if (q.uptime && !q.tokens.includes('start') && !q.tokens.includes('boot')) q.tokens.push('start');
  if (q.countTargets && !q.tokens.includes('up')) q.tokens.push('up');
  const ix = indexCatalog(catalog);
  for (const a of q.initials) if (ix.knows(a) && !q.tokens.includes(a)) q.tokens.push(a);
  const groupWords = [...q.group, ...(q.top?.subject ? [q.top.subject] : [])];
  const labelHints = [...new Set(groupWords.flatMap((w) => [w, ...Object.entries(LABEL_SYNONYMS).filter(([, syn]) => syn.includes(w)).map(([l]) => l)]))]
    .filter((l) => ix.byLabel.has(l) && l !== 'instance' && l !== 'job');
  const usedPair = new Map<string, boolean>();
  const jobs = new Set(catalog.family('up') ? catalog.labelValues('up', 'job') : []);
  const namedJobs = [...new Set(q.words.filter((w) => jobs.has(w)))];
  const ranked = rankFamilies(ix, q, biasFor(q, catalog), {
    weak: new Set([...groupWords, ...besideLabelWords(q)].map(norm)),
    labels: labelHints,
    derived: (f) => {
      const out = new Set<string>();
      // A job the question names ("prometheus", "node") is as much said by the family's job label as by its name:
      // go_goroutines{job="prometheus"} is prometheus' goroutines as surely as prometheus_*_goroutines is.
      if (namedJobs.length > 0 && f.labels.includes('job')) {
        const own = catalog.labelValues(f.name, 'job');
        for (const j of namedJobs) if (own.includes(j)) out.add(norm(j));
      }
      // "used" is derivable from a capacity pair (total − available), so such families answer it as well as a name would.
      if (q.used && /avail|free|total|size|max|limit/i.test(f.name)) {
        let has = usedPair.get(f.name);
        if (has === undefined) usedPair.set(f.name, (has = capacityPair(catalog, f.name) !== null));
        if (has) out.add('use');
      }
      return out;
    },
  });
  const content = [...new Set(q.tokens)];
  if (content.length === 0 || ranked.length === 0) {
    return { ok: false, reason: content.length === 0
      ? 'The question names nothing I can look up: say which metric, service or component you mean.'
      : `Nothing in the metric catalog matches ${content.map((t) => `"${t}"`).join(', ')}.`, closest: closestFamilies(catalog, q, []) };
  }
  // Labels can lift a family a long way (values, breakdowns), but not from the bottom of the list.
  const floor = (ranked[0]?.score ?? 0) - 8;
  const top = ranked.slice(0, 40).filter((c, i) => i < 10 || c.score >= floor).map((c) => withLabels(catalog, q, c, jobs)).sort((a, b) => b.score - a.score);
  const best = top[0];
  if (!best) return { ok: false, reason: 'No metric fits the question.', closest: [] };
  const covered = content.filter((t) => best.covered.has(t) || best.extra.has(t));
  // A word the catalog has never seen ("checkout") most likely names something it does not have: it weighs double.
  const unknown = content.filter((t) => !covered.includes(t) && !ix.knows(t)).length;
  const coverage = covered.length / (content.length + unknown);
  const missing = content.filter((t) => !covered.includes(t));
  const labelOnly = best.nameHits === 0 && (best.groups.length > 0 || best.matchers.length > 0) && coverage === 1;
  const offer = (): { candidates?: string[] } => {
    const found = candidateQueries(catalog, q, top, opts);
    return found.length > 0 ? { candidates: found } : {};
  };
  if ((best.nameHits === 0 && !labelOnly) || coverage < 0.5) {
    return { ok: false, closest: closestFamilies(catalog, q, top), ...offer(),
      reason: `I am not sure which metric you mean: nothing in the catalog covers ${missing.map((t) => `"${t}"`).join(', ')}.` };
  }
  const plan = planFor(catalog, q, best, opts);
  // A thing the question names exactly (a path, a quoted value) must be in the query: dropping it would answer
  // for everything instead ("p99 of the /api/v1/nonexistent handler" is not the p99 of all handlers).
  const named = q.literals.filter((l) => l.trim() !== '' && !plan.matchers.some((m) => m.value.toLowerCase() === l.toLowerCase()));
  if (named.length > 0) {
    return { ok: false, closest: top.slice(0, 3).map((c) => c.family.name), ...offer(),
      reason: `No series of ${best.family.name} has ${named.map((l) => `"${l}"`).join(', ')}, so I would rather not answer for all of them. Is it named differently?` };
  }
  const out = shape(catalog, q, plan);
  if ('decline' in out) return { ok: false, reason: out.decline, closest: top.slice(0, 3).map((c) => c.family.name), ...offer() };
  const second = top[1];
  const margin = second ? best.score - second.score : best.score;
  const confidence = Math.min(1, coverage * Math.min(1, 0.5 + margin));
  const alternatives = (): string[] => [out.query, ...candidateQueries(catalog, q, top, opts).filter((c) => c !== out.query)].slice(0, CANDIDATES);
  return { ok: true, query: out.query, families: out.uses, confidence, alternatives };
}

/** The query plan for one ranked family: its matchers, the service the incident is about, its breakdown. */
function planFor(catalog: Catalog, q: Question, best: Scored, opts: { service?: string | null }): Plan {
  const matchers = [...best.matchers];
  if (opts.service) {
    const label = ['service', 'job'].find((l) => best.family.labels.includes(l) && catalog.labelValues(best.family.name, l).includes(opts.service ?? ''));
    if (label && !matchers.some((m) => m.label === label)) matchers.push({ label, op: '=', value: opts.service });
  }
  const wantsGroups = best.groups.length > 0;
  return {
    family: best.family,
    matchers,
    by: wantsGroups ? best.groups : best.perTarget && best.family.labels.some((l) => l !== 'instance' && l !== 'job') && best.family.type === 'counter' ? ['instance', 'job'] : null,
    perTarget: best.perTarget,
    errorClass: q.errorClass ?? (q.errorWords ? { op: '=~', re: '5..' } : null),
  };
}

/**
 * With a decline, up to three queries the person can pick from: the best-ranked families shaped the same way
 * an answer would be, each valid against the catalog, all different. Picking one is running it (its card
 * carries the question, so the run is a taught answer).
 */
function candidateQueries(catalog: Catalog, q: Question, top: readonly Scored[], opts: { service?: string | null }): string[] {
  const out: string[] = [];
  for (const c of top.slice(0, 8)) {
    if (out.length >= CANDIDATES) break;
    const shaped = shape(catalog, q, planFor(catalog, q, c, opts));
    if ('decline' in shaped || out.includes(shaped.query) || !validatePromQL(shaped.query, catalog).ok) continue;
    out.push(shaped.query);
  }
  return out;
}

/** The families a model should see for a question: the offline ranking's best, whatever it concluded. */
export function candidateFamilies(catalog: Catalog, question: string, n = 12): MetricFamily[] {
  const q = readQuestion(question);
  return rankFamilies(indexCatalog(catalog), q, biasFor(q, catalog)).slice(0, n).map((c) => c.family);
}
