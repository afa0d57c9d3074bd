// The offline support writer: templates over the incident's facts and the team glossary. It states only
// what the record holds, says what is not known yet, and says it is a template — no model wrote it.
import { scrub } from './customer-safe.ts';
import { FACT_QUESTIONS, NOT_KNOWN, askedFacts, clauseStating, splitClauses, statedFacts } from './fact-words.ts';
import type { SupportFact, Tiers } from './types.ts';
import type { DraftInput, IncidentFacts, RewriteInput, SupportWriter, WriterResult } from './writer.ts';

const STATUS_CUSTOMER: Record<IncidentFacts['status'], string> = {
  open: 'Our team is aware of it and is investigating.',
  acknowledged: 'Our team is working on it now.',
  mitigated: 'Our team has put a fix in place and is watching to make sure it holds.',
  resolved: 'The problem has been fixed.',
};

const hhmm = (iso: string | null): string | null => (iso ? `${iso.slice(11, 16)} UTC` : null);

/** Replaces glossary terms (whole words, any case) with their plain words. */
export function applyGlossary(text: string, glossary: Record<string, string>): string {
  const terms = Object.keys(glossary).sort((a, b) => b.length - a.length);
  if (terms.length === 0) return text;
  const escaped = terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = new RegExp(`(?<![\\w-])(?:${escaped.join('|')})(?![\\w-])`, 'gi');
  return text.replace(re, (m) => glossary[m.toLowerCase()] ?? m);
}

function subject(f: IncidentFacts): string {
  return f.service ? `our ${applyGlossary(f.service, f.glossary)} service` : 'our service';
}

/** Facts that stay missing: those asked (or always wanted: ETA until resolved) that nothing states. */
function missingFacts(question: string, stated: SupportFact[], f: IncidentFacts): SupportFact[] {
  const want = new Set<SupportFact>(askedFacts(question));
  if (f.status !== 'resolved') want.add('ETA');
  want.add('impact');
  if (want.has('cause') && !stated.includes('cause')) want.add('cause');
  return [...want].filter((x) => !stated.includes(x));
}

function missingLines(missing: SupportFact[]): string[] {
  return missing.filter((m) => m !== 'impact').map((m) => NOT_KNOWN[m]);
}

function draft(input: DraftInput): WriterResult {
  const f = input.facts;
  const since = hhmm(f.alertStartedAt ?? f.openedAt);
  const latest = f.published[0];
  const missing = missingFacts(input.question, [], f);
  const lead = f.status === 'resolved'
    ? `Between ${since ?? 'earlier today'} and ${hhmm(f.resolvedAt) ?? 'now'}, ${subject(f)} had a problem.`
    : `Since about ${since ?? 'earlier today'}, ${subject(f)} has had a problem.`;
  const customer = latest
    ? latest.tiers.customer
    : [`${lead} ${STATUS_CUSTOMER[f.status]}`, ...missingLines(missing)].join(' ');
  const partner = latest
    ? latest.tiers.partner
    : [
      `${lead} ${STATUS_CUSTOMER[f.status]}`,
      `Current status: ${f.status} (severity ${f.severity}).`,
      ...missingLines(missing),
    ].join(' ');
  const record = [
    `What the incident record holds: ${f.key} "${f.title}"${f.service ? ` on ${f.service}` : ''}, ${f.severity}, status ${f.status}` +
      `${since ? `, started about ${since}` : ''}${f.resolvedAt ? `, resolved ${hhmm(f.resolvedAt)}` : ''}.`,
    latest ? `Already approved for customers (${hhmm(latest.publishedAt)}): "${latest.tiers.customer}"` : 'No answer has been approved for customers yet.',
    `Not known yet: ${[...new Set<SupportFact>([...missing.filter((m) => m !== 'impact'), 'cause'])].join(', ')}.`,
  ];
  return { support: record.join('\n'), tiers: clean({ customer, partner }), missing, asks: [], engine: 'offline', fallback: null };
}

type State = 'failure' | 'degraded' | 'backlog' | 'progress' | 'recovered' | 'checking';

const STATE_WORDS: [State, RegExp][] = [
  ['checking', /\?\s*$|\b(?:checking|investigating|looking(?: into)?|unsure|not sure|maybe|probably|tbc|tbd|unknown|dunno)\b/i],
  ['recovered', /\b(?:done|fixed|recovered|back(?! ?up\b)|ok|okay|green|healthy|restored|resolved|good|fine|stable|up again|working again)\b/i],
  ['backlog', /\b(?:backed up|backlog|queue[ds]?|piling|behind|lagging|catching up|draining)\b/i],
  ['progress', /\b(?:mid|in progress|ongoing|rolling|underway|started|starting|wip|doing|running|happening|switching)\b/i],
  ['failure', /\b(?:borked|broke|broken|down|dead|died|crashed|crashing|failing|failed|fail|outage|hosed|fubar|toast|wedged|stuck|hung|kaput)\b/i],
  ['degraded', /\b(?:grumpy|flaky|slow|sad|unhappy|degraded|struggling|sluggish|wobbly|laggy|spiky|erroring|throwing|timing out|unstable|meh|partial)\b/i],
];


function stateOf(clause: string): State | null {
  // "orange fine?" is a guess being checked, whatever word it uses.
  if (/\?\s*$/.test(clause)) return 'checking';
  for (const [s, re] of STATE_WORDS) if (re.test(clause)) return s;
  return null;
}

function overall(states: State[], f: IncidentFacts): string {
  if (f.status === 'resolved') return 'The problem has been fixed.';
  const some = (s: State): boolean => states.includes(s);
  if (some('recovered') && (some('failure') || some('degraded') || some('backlog') || some('progress') || some('checking'))) {
    return 'Part of the service is working normally again, and our team is restoring the rest.';
  }
  if (some('recovered')) return 'The service is recovering, and our team is making sure it stays stable.';
  if (some('backlog')) return 'Some work is delayed while our systems catch up.';
  if (some('progress')) return 'Our team is in the middle of a fix.';
  return STATUS_CUSTOMER[f.status];
}

/** Incident slang a template can say plainly; the team's own terms come from its glossary. */
const SLANG: [RegExp, string][] = [
  [/\b(?:borked|hosed|fubar|toast|wedged|kaput|dead|died|broke)\b/gi, 'failed'],
  [/\b(?:grumpy|sad|unhappy|meh|wobbly|flaky|sluggish)\b/gi, 'degraded'],
  [/\bbacked up\b/gi, 'has a backlog'],
  [/\bthrough the roof\b/gi, 'very high'],
  [/\b(?:tbh|imo|fwiw|lol|ugh|fyi)\b/gi, ''],
  [/\bmid\s+(.+)$/i, '$1 in progress'],
  [/\s*\+\s*/g, ' and '],
  [/~\s*/g, 'about '],
];

/** A clause of the responder's, slang and glossary terms in plain words, as a sentence. */
function factSentence(clause: string, glossary: Record<string, string>): string {
  const unsure = /\?\s*$/.test(clause);
  let plain = clause.replace(/\?+\s*$/, '');
  for (const [re, to] of SLANG) plain = plain.replace(re, to);
  plain = applyGlossary(plain, glossary).replace(/\beta\s*:?\s*/i, 'about ').replace(/\s{2,}/g, ' ').trim();
  return `${capital(plain).replace(/[.!]*$/, '')}${unsure ? ' (not confirmed yet, being checked).' : '.'}`;
}

const FACT_LEADS: Partial<Record<SupportFact, string>> = {
  ETA: "The team's current estimate:",
  impact: 'Who is affected:',
  'data safety': 'About your data:',
  workaround: 'In the meantime:',
};

function rewrite(input: RewriteInput): WriterResult {
  const f = input.facts;
  const cleaned = scrub(input.reply).text;
  const clauses = splitClauses(cleaned);
  const known = clauses.flatMap((c) => { const st = stateOf(c); return st ? [st] : []; });
  const stated = statedFacts(cleaned);
  const missing = missingFacts(input.question, stated, f);
  const since = hhmm(f.alertStartedAt ?? f.openedAt);
  const lead = `Update on the problem with ${subject(f)}${since ? ` that started at about ${since}` : ''}:`;
  const factLines = (Object.keys(FACT_LEADS) as SupportFact[]).flatMap((fact) => {
    const clause = stated.includes(fact) ? clauseStating(cleaned, fact) : null;
    return clause ? [`${FACT_LEADS[fact]} ${factSentence(clause, f.glossary).replace(/^./, (c) => c.toLowerCase())}`] : [];
  });
  const customer = [lead, overall(known, f), ...factLines, ...missingLines(missing)].join(' ');
  // Partners read the responder's own account, jargon turned into the glossary's words.
  const detail = clauses.map((c) => `- ${factSentence(c, f.glossary)}`);
  const partner = [lead, overall(known, f), ...(detail.length ? ['', 'What the team reports:', ...detail, ''] : []), ...factLines, ...missingLines(missing)]
    .join('\n').replace(/\n{3,}/g, '\n\n').trim();
  return {
    support: '',
    tiers: clean({ customer, partner }),
    missing,
    asks: missing.map((m) => FACT_QUESTIONS[m]),
    engine: 'offline',
    fallback: null,
  };
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Both tiers pass the customer-safe scrub on the way out, whatever the template put together. */
function clean(t: Tiers): Tiers {
  return { customer: scrub(t.customer).text, partner: scrub(t.partner).text };
}

export const offlineSupportWriter: SupportWriter = {
  engine: 'offline',
  draft: async (input) => draft(input),
  rewrite: async (input) => rewrite(input),
};

/** The note shown next to a candidate the offline engine wrote. */
export const TEMPLATE_NOTICE = 'Offline template: built from the incident record and the team glossary, not written by a model. Read it before approving.';
