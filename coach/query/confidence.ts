// Stage 5 of the offline translator: how sure the evidence makes an answer, and whether to show it.

/** What speaks for the chosen family and against it (offline.ts `evidenceFor`). */
export interface Evidence {
  family: string;
  /** Content words of the question that the family's name, HELP or labels explain. */
  explained: string[];
  /** Content words nothing in the family explains; `unknown` are those no metric in the catalog has. */
  unexplained: string[];
  unknown: string[];
  /** explained / (content words + unknown words). */
  coverage: number;
  /** How many content words the name explains, how many only the HELP text. */
  nameWords: number;
  helpWords: number;
  /** Words only its labels explain (a named value, a breakdown, an error class). */
  labelWords: number;
  /** Breakdown words ("by mode") naming a label the family lacks. */
  missingGroups: number;
  score: number;
  runnerUp: string | null;
  /** Score over the runner-up. */
  margin: number;
  /** How well the family's type fits what the question's shape asks (a percentile of a histogram: +). */
  shapeFit: number;
  /** How many shape intents the question combines (a rate, a percentile, a ranking, a threshold …). */
  intents: number;
}

/** The evidence as numbers, in the order of `FEATURES`: what the calibration fits weights to. */
export const FEATURES = [
  'coverage', 'margin', 'closeRunnerUp', 'unexplained', 'unknown', 'nameShare', 'helpShare', 'labelShare', 'contentWords', 'shapeFit', 'intents',
] as const;

export function features(e: Evidence): number[] {
  const content = Math.max(1, e.explained.length + e.unexplained.length);
  return [
    e.coverage,
    Math.max(-2, Math.min(4, e.margin)),
    e.margin < 0.5 ? 1 : 0,
    e.unexplained.length,
    e.unknown.length,
    Math.min(1, e.nameWords / content),
    Math.min(1, e.helpWords / content),
    Math.min(1, e.labelWords / content),
    content,
    Math.max(-3, Math.min(3, e.shapeFit)),
    e.intents,
  ];
}

/** Why an answer below the threshold is not shown, in one sentence from its evidence. */
export function abstention(e: Evidence): string {
  const why: string[] = [];
  if (e.unexplained.length > 0) why.push(`nothing in ${e.family} explains ${e.unexplained.map((t) => `"${t}"`).join(', ')}`);
  if (e.runnerUp && e.margin < 0.5) why.push(`${e.runnerUp} fits almost as well`);
  if (e.missingGroups > 0) why.push(`${e.family} has no label for the breakdown you asked for`);
  if (why.length === 0) why.push(`the words of the question say little about ${e.family} beyond its HELP text`);
  return `I am not sure enough to show ${e.family} as the answer: ${why.join('; ')}. Pick a candidate if one is what you meant.`;
}

/**
 * Logistic weights over `features`, fitted by `bench/calibrate-confidence.ts` to 238 scored offline answers
 * of the development sets (dev, heldout, heldout2, blind-3: 191 right, 49 wrong). Refit when the translator
 * changes; docs/queries.md ("Confidence") has the commands and the table they printed.
 */
const WEIGHTS: Record<(typeof FEATURES)[number], number> & { bias: number } = {
  bias: -0.03,
  coverage: 1.153,
  margin: 0.061,
  closeRunnerUp: -0.512,
  unexplained: -0.398,
  unknown: -0.602,
  nameShare: 1.177,
  helpShare: -1.032,
  labelShare: -0.14,
  contentWords: -0.064,
  shapeFit: 0.278,
  intents: 0.191,
};

/** The chance, from its evidence, that an answer is right: 0–1. */
export function confidenceOf(e: Evidence): number {
  const x = features(e);
  const z = FEATURES.reduce((s, name, j) => s + WEIGHTS[name] * (x[j] ?? 0), WEIGHTS.bias);
  return 1 / (1 + Math.exp(-z));
}

/**
 * Answers at least this sure are shown; below it the translator abstains and offers candidates (the answer
 * first among them). Chosen on the development sets, cross-validated, as the threshold with the most right
 * answers less three times the wrong ones (a wrong query teaches the wrong thing with the tool's authority),
 * among those that keep every development set at ≥ 90 % right.
 */
export const SHOW_AT = 0.6;
