// Stage 2 of the offline translator: candidate families for a read question, scored, each with the words
// of the question it explains. Names and HELP rank first (resolve.ts); labels then add what they say.
import type { Catalog, MetricFamily } from './api.ts';
import type { CatalogIndex } from './catalog.ts';
import type { Question } from './question.ts';
import { capacityPair, labelFor, meansTarget, mentionedLabels, namedValues, rankFamilies, type Candidate, type Matcher } from './resolve.ts';
import { FILLER, LABEL_SYNONYMS, nameTokens, norm } from './text.ts';

const LABEL_WORDS = new Set(Object.values(LABEL_SYNONYMS).flat());
function knownLabelWord(word: string): boolean {
  return LABEL_WORDS.has(word) || /^(mode|modes|slice|collector|collectors|type|types|version)$/.test(word);
}

const STATUS_NAME = /(^|_)(up|success|successful)$/;
export const CODE_LABEL = /^(code|status|status_code)$/;

/** A family with everything that speaks for it: its score, the label matchers and breakdown the question names. */
export interface Scored extends Candidate {
  matchers: Matcher[];
  groups: string[];
  perTarget: boolean;
  /** Question words its labels explain (named values, breakdowns, error classes). */
  extra: Set<string>;
  /** Breakdown words that name a label this family lacks. */
  missingGroups: number;
}

/** What a question read for the catalog: its content words and the hints that steer scoring. */
export interface Reading {
  q: Question;
  content: string[];
  jobs: ReadonlySet<string>;
}

/** What the question's shape prefers (a percentile wants a histogram, "how busy" a seconds counter …). */
export function biasFor(q: Question, catalog: Catalog): (f: MetricFamily) => number {
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

/** Words right next to a label's name ("the query endpoint", "node exporter") most likely name its value. */
function besideLabelWords(q: Question): string[] {
  const out: string[] = [];
  q.words.forEach((w, i) => {
    if (!LABEL_WORDS.has(w)) return;
    for (const n of [q.words[i - 1], q.words[i + 1]]) if (n && !FILLER.has(n) && !LABEL_WORDS.has(n)) out.push(n);
  });
  return out;
}

/** Stage 1's last step: the words the catalog must see, with what the question's shape implies. */
export function readFor(catalog: Catalog, ix: CatalogIndex, q: Question): Reading {
  // Uptime is time since a start; a question naming its own start event ("since boot") keeps its word.
  if (q.uptime && !q.tokens.includes('start') && !q.tokens.includes('boot')) q.tokens.push('start');
  if (q.countTargets && !q.tokens.includes('up')) q.tokens.push('up');
  for (const a of q.initials) if (ix.knows(a) && !q.tokens.includes(a)) q.tokens.push(a);
  const jobs = new Set(catalog.family('up') ? catalog.labelValues('up', 'job') : []);
  return { q, content: [...new Set(q.tokens)], jobs };
}

/** Families ranked by name and HELP, then lifted or lowered by what their labels say; best first. */
export function scoreFamilies(catalog: Catalog, ix: CatalogIndex, r: Reading): Scored[] {
  const { q, jobs } = r;
  const groupWords = [...q.group, ...(q.top?.subject ? [q.top.subject] : [])];
  const labelHints = [...new Set(groupWords.flatMap((w) => [w, ...Object.entries(LABEL_SYNONYMS).filter(([, syn]) => syn.includes(w)).map(([l]) => l)]))]
    .filter((l) => ix.byLabel.has(l) && l !== 'instance' && l !== 'job');
  const usedPair = new Map<string, boolean>();
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
  if (ranked.length === 0) return [];
  // Labels can lift a family a long way (values, breakdowns), but not from the bottom of the list.
  const floor = (ranked[0]?.score ?? 0) - 8;
  return ranked.slice(0, 40).filter((c, i) => i < 10 || c.score >= floor).map((c) => withLabels(catalog, q, c, jobs)).sort((a, b) => b.score - a.score);
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
  return { ...c, score: s, matchers, groups, perTarget, extra, missingGroups };
}
