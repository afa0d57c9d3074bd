// What a question asks for, read from its wording: the shape of the query, not yet the metric.
import { FILLER, foldPhrases, norm } from './text.ts';

export interface Question {
  raw: string;
  /** Paths and quoted strings, kept whole: they can only ever become label values. */
  literals: string[];
  /** Plain lowercase words, for matching label values. */
  words: string[];
  /** The same words as sets, and their prefixes of 4+ characters, for fast value matching. */
  wordSet: Set<string>;
  normSet: Set<string>;
  prefixSet: Set<string>;
  /** Normalized content words, for matching metrics. */
  tokens: string[];
  /** Initials of snake_case words (TIME_WAIT → tw): names abbreviate them; content only where the catalog knows them. */
  initials: string[];
  /** Bare numbers: they may pick node_load1 over node_load5, never count as content. */
  numbers: string[];
  percentile: number | null;
  /** "is any …", "did any … happen", "are there …": asks whether something exists, answered with a filter. */
  exists: boolean;
  /** "more than 300", "below 10%": a threshold to filter by. */
  compare: { op: '>' | '<' | '>=' | '<='; value: number } | null;
  average: boolean;
  rate: boolean;
  increase: boolean;
  /** Range named in the question ("over 10m", "in the last hour"). */
  window: string | null;
  /** Words after by / per / for each / each. */
  group: string[];
  top: { k: number; fn: 'topk' | 'bottomk'; subject: string | null } | null;
  percent: boolean;
  fraction: boolean;
  offset: string | null;
  predictHours: number | null;
  uptime: boolean;
  down: boolean;
  which: boolean;
  /** "is X up", "which targets are down": about a target's or component's status. */
  status: boolean;
  used: boolean;
  busy: boolean;
  total: boolean;
  /** "how many targets …": count series rather than sum values. */
  countTargets: boolean;
  errorClass: { op: '=~' | '!~'; re: string } | null;
  errorWords: boolean;
}

const UNIT: Record<string, string> = { s: 's', sec: 's', second: 's', m: 'm', min: 'm', minute: 'm', h: 'h', hr: 'h', hour: 'h', d: 'd', day: 'd', w: 'w', week: 'w' };
const NUM = '(\\d+|an?|one|two|three|four|five|six|ten|twelve|twenty|thirty)';
const WORDNUM: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, ten: 10, twelve: 12, twenty: 20, thirty: 30 };
const UNITS = '(seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|[smhdw])';

function toNumber(s: string | undefined): number {
  if (!s) return 1;
  return WORDNUM[s] ?? Number(s);
}

export function duration(n: string | undefined, unit: string): string {
  const u = UNIT[unit.replace(/s$/, '')] ?? UNIT[unit] ?? 'm';
  return `${toNumber(n)}${u}`;
}

function findWindow(t: string): string | null {
  const compact = /\b(?:over|in|last|past|for)\s+(?:the\s+)?(?:last\s+|past\s+)?(\d+)([smhdw])\b/.exec(t);
  if (compact) return `${compact[1]}${compact[2]}`;
  const re = new RegExp(`\\b(?:over|in|during|within|last|past|for)\\s+(?:the\\s+)?(?:last\\s+|past\\s+)?${NUM}?\\s*${UNITS}\\b`);
  const m = re.exec(t);
  if (!m?.[2]) return null;
  return duration(m[1], m[2]);
}

function findPercentile(t: string): number | null {
  const p = /\bp(\d{2,3})\b/.exec(t);
  if (p?.[1]) return Number(p[1].length === 3 ? `0.${p[1]}` : `0.${p[1]}`);
  const th = /\b(\d{1,2}(?:\.\d+)?)(?:st|nd|rd|th)?[- ]?(?:percentile|pctl)\b/.exec(t);
  if (th?.[1]) return Number(th[1]) / 100;
  if (/\bmedian\b/.test(t)) return 0.5;
  const q = /\bquantile\s+(0?\.\d+)\b/.exec(t);
  return q?.[1] ? Number(q[1]) : null;
}

/** Words that end the noun phrase a ranking is about ("top 3 CPU modes by time" → modes). */
const PHRASE_END = new Set(['by', 'with', 'in', 'on', 'of', 'for', 'per', 'that', 'which', 'have', 'has', 'had', 'is', 'are', 'was', 'were',
  'does', 'do', 'did', 'use', 'uses', 'using', 'over', 'to', 'from', 'sorted', 'ranked', 'according', 'when', 'where']);

/** The head noun of the phrase starting at `rest`: its last word before a verb or preposition. */
function headNoun(rest: string): string | null {
  let head: string | null = null;
  for (const w of rest.split(/\s+/).filter(Boolean).slice(0, 4)) {
    if (!/^[a-z_]+$/.test(w) || PHRASE_END.has(w)) break;
    head = w;
  }
  return head;
}

const plural = (w: string | null): boolean => !!w && /[^s]s$|ies$/.test(w) && !/(ss|us|is)$/.test(w);

function findTop(t: string): Question['top'] {
  const bottomWords = 'bottom|lowest|least|smallest|fastest|fewest|quietest';
  const topWords = 'top|highest|most|largest|biggest|slowest|busiest|heaviest|worst|longest';
  const isBottom = (w: string | undefined): boolean => new RegExp(`^(${bottomWords})$`).test(w ?? '');
  let m = new RegExp(`\\b(${topWords}|${bottomWords})\\s+(\\d+)\\s+`).exec(t) ?? new RegExp(`\\b(\\d+)\\s+(${topWords}|${bottomWords})\\s+`).exec(t);
  if (m) {
    const [a, b] = /^\d/.test(m[1] ?? '') ? [m[2], m[1]] : [m[1], m[2]];
    let rest = t.slice(m.index + m[0].length);
    // "5 slowest node exporter collectors": the ranking word may come first; skip it.
    rest = rest.replace(new RegExp(`^(?:${topWords}|${bottomWords})\\s+`), '');
    return { k: Number(b), fn: isBottom(a) ? 'bottomk' : 'topk', subject: headNoun(rest) };
  }
  m = new RegExp(`\\bwhich\\s+([a-z_ ]+?)\\s+(?:${[...PHRASE_END].join('|')})\\b.*\\b(${topWords}|${bottomWords})\\b`).exec(t);
  if (m) {
    const subject = headNoun(m[1] ?? '');
    // "which interfaces have the most …" asks for a ranking of several; "which handler has the highest" for one.
    return { k: plural(subject) ? 5 : 1, fn: isBottom(m[2]) ? 'bottomk' : 'topk', subject };
  }
  return null;
}

function findErrorClass(t: string): Question['errorClass'] {
  const non = /\bnon[- ]?([1-5])xx\b/.exec(t);
  if (non) return { op: '!~', re: `${non[1]}..` };
  const classes = [...t.matchAll(/\b([1-5])xx\b/g)].map((m) => `${m[1]}..`);
  if (classes.length > 0) return { op: '=~', re: [...new Set(classes)].join('|') };
  return null;
}

export function readQuestion(raw: string): Question {
  const lower = raw.toLowerCase().replace(/[’']/g, '');
  const literals = [
    ...[...raw.matchAll(/"([^"]*)"|`([^`]*)`/g)].map((m) => m[1] ?? m[2] ?? ''),
    ...[...lower.matchAll(/(?:^|\s|\()(\/[\w\-./:]*)/g)].map((m) => (m[1] ?? '').replace(/[.?,)]+$/, '') || '/'),
  ];
  const t = lower.replace(/"[^"]*"|`[^`]*`/g, ' ');
  const whole = t.match(/[a-z0-9][a-z0-9_.]*[a-z0-9]|[a-z0-9]/g) ?? [];
  const words = whole.flatMap((w) => (w.includes('_') ? [w, ...w.split('_').filter(Boolean)] : [w]));
  const folded = foldPhrases(t.replace(/(?:^|\s)\/[\w\-./:]*/g, ' ').replace(/\bper[- ]sec(?:ond)?\b|\/s\b|\bps\b/g, ' persec ')
    .replace(/\b(?:non[- ]?)?[1-5]xx\b/g, ' '));
  const plain = folded.match(/[a-z][a-z0-9]*|\d+(?:\.\d+)?/g) ?? [];
  const all = plain.filter((w) => !FILLER.has(w) && w !== 'persec').map(norm).filter((w) => !FILLER.has(w));
  const tokens = all.filter((w) => !/^\d/.test(w));
  const numbers = all.filter((w) => /^\d+$/.test(w));
  const window = findWindow(t);
  const persec = /\bper[- ]?sec(?:ond)?\b|\/s\b|\bthroughput\b|\btraffic\b|\brates?\b|\bspeed\b|\bps\b/.test(t);
  const howMany = /\bhow many\b|\bnumber of\b|\bcount of\b|\bincrease\b/.test(t);
  const exists = /^(?:\w+[,!]?\s+){0,3}?(?:is|are|was|were|did|has|have|does|do|were there|is there|are there)\b[^?]*\b(?:any|anything|ever)\b/.test(t)
    || /\b(?:is|are) there (?:any|some)\b/.test(t) || /^any\b/.test(t);
  const cmp = /\b(more than|greater than|higher than|above|over|exceeding|exceeds?|at least|less than|fewer than|lower than|below|under|at most)\s+(\d+(?:\.\d+)?)\s*(%|percent\b)?(?!\s*(?:s|sec|secs|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|ago)\b)/.exec(t);
  const compare: Question['compare'] = cmp?.[1] && cmp[2] ? {
    op: /^(at least)$/.test(cmp[1]) ? '>=' : /^(at most)$/.test(cmp[1]) ? '<=' : /^(less|fewer|lower|below|under)/.test(cmp[1]) ? '<' : '>',
    value: Number(cmp[2]),
  } : null;
  const predict = /\b(?:run|running)\s+out\b.*?\b(?:in|within)\s+(?:the\s+next\s+)?(\d+|an?|one|two|four|six|twelve)?\s*(hours?|hrs?|days?|minutes?)\b/.exec(t)
    ?? /\bfill(?:s|ing)?\s+up\b.*?\b(?:in|within)\s+(?:the\s+next\s+)?(\d+|an?|one|two|four|six|twelve)?\s*(hours?|hrs?|days?|minutes?)\b/.exec(t);
  let predictHours: number | null = null;
  if (predict?.[2]) {
    const n = toNumber(predict[1]);
    predictHours = predict[2].startsWith('d') ? n * 24 : predict[2].startsWith('m') ? n / 60 : n;
  }
  const offset = new RegExp(`\\b(?:compared\\s+(?:to|with)|vs\\.?|versus|than)\\s+(?:the\\s+same\\s+time\\s+)?${NUM}?\\s*${UNITS}\\s+ago\\b`).exec(t);
  const offsetDay = /\b(?:compared\s+(?:to|with)|vs\.?|versus|than)\s+yesterday\b/.test(t) ? '1d' : null;
  // "allocated by the node exporter" names who did it; "by handler" a breakdown.
  const group = [...t.matchAll(/\b(?:by(?!\s+(?:the|a|an)\b)|per|for each|for every|each|every|across)\s+([a-z][a-z_]*)(?:\s+(?!(?:by|per|for|each|in|on|of|over|the|and|or|to|is|are)\b)([a-z][a-z_]*))?/g)]
    .flatMap((m) => [m[1], m[2]].filter((x): x is string => !!x && !['second', 'sec', 's', 'the', 'a'].includes(x)));
  return {
    raw,
    literals,
    words,
    wordSet: new Set(words),
    normSet: new Set(words.map(norm)),
    prefixSet: new Set(words.flatMap((w) => Array.from({ length: Math.max(0, w.length - 3) }, (_, k) => w.slice(0, k + 4)))),
    tokens,
    initials: whole.filter((w) => /^[a-z]+(?:_[a-z]+)+$/.test(w)).map((w) => w.split('_').map((p) => p[0]).join('')),
    numbers,
    percentile: findPercentile(t),
    average: /\b(?:average|avg|mean)\b/.test(t),
    rate: persec,
    exists,
    compare,
    increase: !persec && ((howMany || exists) && window !== null || /\bincrease\b/.test(t)),
    window,
    group,
    top: findTop(t),
    percent: /\bpercent(?:age)?\b|%/.test(t),
    fraction: /\bfraction\b|\bratio\b|\bproportion\b|\bshare\b|\bhow busy\b|\butili[sz]ation\b/.test(t),
    offset: offset?.[2] ? duration(offset[1], offset[2]) : offsetDay,
    predictHours,
    uptime: /\buptime\b|\bhow long\b.*\bbeen\s+(?:up|running|alive)\b|\bsince\s+(?:it\s+)?start/.test(t),
    down: /\bdown\b|\bfail(?:ing|ed|s|ures?)?\b|\bbroken\b|\bunreachable\b|\bunhealthy\b|\bnot up\b/.test(t),
    which: /\bwhich\b|\bany\b|\blist\b/.test(t),
    status: /\b(?:is|are|was|were)\b[^?]*\b(?:up|down|reachable|unreachable|failing|healthy|unhealthy)\b/.test(t) && !/\bbeen\s+up\b/.test(t),
    used: /\bused\b|\busage\b|\bin[- ]use\b|\busing\b|\butili[sz]/.test(t),
    busy: /\bbusy\b|\bnon[- ]idle\b|\butili[sz]/.test(t),
    total: /\btotal\b|\boverall\b|\ball\b|\baltogether\b|\bcombined\b/.test(t),
    countTargets: /\bhow many\s+(?:scrape\s+)?(?:targets|instances|endpoints being scraped)\b/.test(t),
    errorClass: findErrorClass(t),
    errorWords: /\berrors?\b|\bfail(?:ing|ed|ures?)?\b|\berroring\b/.test(t),
  };
}
