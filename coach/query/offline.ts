// The offline translator: question → PromQL over the catalog, or a decline with candidate queries.
// One direction, each stage a function with its own tests:
//   read the question (question.ts, score.ts readFor) → score candidate families with their evidence
//   (score.ts) → shape each candidate into a query (shapes.ts) → validate (validate.ts) → choose or
//   abstain (here, with confidence.ts). The evidence travels with the answer so it can say why it chose.
import type { Catalog, MetricFamily } from './api.ts';
import { indexCatalog, type CatalogIndex } from './catalog.ts';
import { confidenceOf, type Evidence } from './confidence.ts';
import { readQuestion, type Question } from './question.ts';
import { rankFamilies } from './resolve.ts';
import { biasFor, readFor, scoreFamilies, type Reading, type Scored } from './score.ts';
import { shape, type Plan } from './shapes.ts';
import { validatePromQL } from './validate.ts';

export type OfflineAnswer =
  /** `alternatives()`: the answer and other candidate queries, worked out only when the answer is not shown. */
  | { ok: true; query: string; families: string[]; confidence: number; evidence: Evidence; alternatives: () => string[] }
  /** `candidates`: up to three valid queries over the best-ranked families, for the person to pick from. */
  | { ok: false; reason: string; closest: string[]; candidates?: string[]; evidence?: Evidence };

/** Candidate queries offered with a decline. */
const CANDIDATES = 3;

export function closestFamilies(catalog: Catalog, q: Question, ranked: readonly Scored[], n = 3): string[] {
  if (ranked.length > 0) return ranked.slice(0, n).map((c) => c.family.name);
  const words = q.tokens.filter((t) => t.length >= 4);
  if (words.length === 0) return [];
  const scored: [number, string][] = [];
  for (const e of indexCatalog(catalog).entries) {
    let best = 0;
    for (const t of e.name) for (const w of words) {
      let k = 0;
      while (k < t.length && k < w.length && t[k] === w[k]) k++;
      if (k >= 3) best = Math.max(best, k);
    }
    if (best > 0) scored.push([best, e.family.name]);
  }
  return scored.sort((a, b) => b[0] - a[0] || a[1].length - b[1].length).slice(0, n).map(([, name]) => name);
}

/** What speaks for the best family and against it: the words it explains, those it does not, the runner-up. */
export function evidenceFor(catalog: Catalog, ix: CatalogIndex, r: Reading, top: readonly Scored[]): Evidence | null {
  const best = top[0];
  if (!best) return null;
  const { content } = r;
  const explained = content.filter((t) => best.covered.has(t) || best.extra.has(t));
  const unexplained = content.filter((t) => !explained.includes(t));
  // A word the catalog has never seen ("checkout") most likely names something it does not have.
  const unknown = unexplained.filter((t) => !ix.knows(t));
  const second = top[1];
  return {
    family: best.family.name,
    explained,
    unexplained,
    unknown,
    // Unknown words weigh double: they are the likeliest to name what the catalog lacks.
    coverage: content.length === 0 ? 0 : explained.length / (content.length + unknown.length),
    nameWords: best.nameHits,
    helpWords: Math.max(0, best.covered.size - best.nameHits),
    labelWords: explained.filter((t) => !best.covered.has(t)).length,
    missingGroups: best.missingGroups,
    score: best.score,
    runnerUp: second ? second.family.name : null,
    margin: second ? best.score - second.score : best.score,
    shapeFit: biasFor(r.q, catalog)(best.family),
    intents: intentsOf(r.q),
  };
}

/** How many shape intents a question combines: each is one more thing the query can get wrong. */
function intentsOf(q: Question): number {
  return [q.percentile !== null, q.average, q.rate, q.increase, q.top !== null, q.compare !== null, q.exists, q.offset !== null,
    q.predictHours !== null, q.percent || q.fraction, q.used, q.group.length > 0, q.errorClass !== null, q.window !== null].filter(Boolean).length;
}

export function translateOffline(catalog: Catalog, question: string, opts: { service?: string | null } = {}): OfflineAnswer {
  // 1. Read.
  const ix = indexCatalog(catalog);
  const q = readQuestion(question);
  const r = readFor(catalog, ix, q);
  const { content } = r;
  if (content.length === 0) {
    return { ok: false, reason: 'The question names nothing I can look up: say which metric, service or component you mean.', closest: [] };
  }
  // 2. Score candidate families.
  const top = scoreFamilies(catalog, ix, r);
  const best = top[0];
  const evidence = evidenceFor(catalog, ix, r, top);
  if (!best || !evidence) {
    return { ok: false, reason: `Nothing in the metric catalog matches ${content.map((t) => `"${t}"`).join(', ')}.`, closest: closestFamilies(catalog, q, []) };
  }
  const offer = (): { candidates?: string[] } => {
    const found = candidateQueries(catalog, q, top, opts);
    return found.length > 0 ? { candidates: found } : {};
  };
  const closest = (): string[] => closestFamilies(catalog, q, top);
  // A family that only its labels explain may answer, but only when they explain every word.
  const labelOnly = best.nameHits === 0 && (best.groups.length > 0 || best.matchers.length > 0) && evidence.coverage === 1;
  if ((best.nameHits === 0 && !labelOnly) || evidence.coverage < 0.5) {
    return { ok: false, closest: closest(), ...offer(), evidence,
      reason: `I am not sure which metric you mean: nothing in the catalog covers ${evidence.unexplained.map((t) => `"${t}"`).join(', ')}.` };
  }
  // 3. Shape the best candidate into a query.
  const plan = planFor(catalog, q, best, opts);
  // A thing the question names exactly (a path, a quoted value) must be in the query: dropping it would answer
  // for everything instead ("p99 of the /api/v1/nonexistent handler" is not the p99 of all handlers).
  const named = q.literals.filter((l) => l.trim() !== '' && !plan.matchers.some((m) => m.value.toLowerCase() === l.toLowerCase()));
  if (named.length > 0) {
    return { ok: false, closest: closest(), ...offer(), evidence,
      reason: `No series of ${best.family.name} has ${named.map((l) => `"${l}"`).join(', ')}, so I would rather not answer for all of them. Is it named differently?` };
  }
  const out = shape(catalog, q, plan);
  if ('decline' in out) return { ok: false, reason: out.decline, closest: closest(), ...offer(), evidence };
  // 4. Validation of the chosen query happens where it is shown (translator.ts), for every engine alike.
  // 5. Choose, with how sure the evidence makes it; the translator abstains below its threshold.
  const alternatives = (): string[] => [out.query, ...candidateQueries(catalog, q, top, opts).filter((c) => c !== out.query)].slice(0, CANDIDATES);
  return { ok: true, query: out.query, families: out.uses, confidence: confidenceOf(evidence), evidence, alternatives };
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
