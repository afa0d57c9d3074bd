// Which facts a question asks for and which a responder's reply states. Used to say plainly what is not
// known yet (DESIGN §3) and to ask the responder for it; a wrong guess here only adds or drops a question.
import type { SupportFact } from './types.ts';

const ASKS: Record<SupportFact, RegExp> = {
  ETA: /\b(?:when|eta|how long|how soon|time ?line|back (?:up|online)|be fixed|fixed by|resolved by|by when|estimate|expected|restor)/i,
  'data safety': /\b(?:data|safe|safety|lost|loss|lose|corrupt|leak|breach|card|payment details|charged|double|duplicate|refund|stored|secure|privacy|personal)/i,
  impact: /\b(?:who|which|affect|impact|everyone|all (?:users|customers)|region|scope|how many|only|some customers|down for)/i,
  workaround: /\b(?:workaround|work around|meanwhile|in the meantime|alternative|instead|what (?:can|should) (?:i|we|they|customers) do|retry|try again)/i,
  cause: /\b(?:why|cause|caused|what happened|root|reason|because)/i,
};

const STATES: Record<SupportFact, RegExp> = {
  ETA: /\b(?:eta|by \d{1,2}(?::\d{2})?|in (?:about |around |~)?\d+ ?(?:m|min|mins|minutes|h|hr|hrs|hours)\b|within \d+|\d{1,2}:\d{2}|tonight|tomorrow|end of (?:day|the day)|next hour|half an hour|an hour)/i,
  'data safety': /\b(?:no data (?:loss|lost)|data (?:is |was )?(?:safe|intact|fine|ok)|nothing (?:lost|leaked)|no (?:double|duplicate) charges?|(?:lost|corrupt(?:ed)?|leaked) data|data loss|charged twice|double[- ]charg)/i,
  impact: /\b(?:\d+ ?%|all (?:users|customers|regions)|only (?:eu|us|some|mobile|web|[a-z]+ (?:users|customers|region))|(?:eu|us|apac|mobile|web|ios|android) (?:users|customers|only)|(?:some|most|few) (?:users|customers)|nobody|no customers|affect(?:s|ed|ing))/i,
  workaround: /\b(?:workaround|work around|retry|try again|use (?:the )?\w+ instead|alternative|switch to)/i,
  cause: /\b(?:because|caused by|cause (?:is|was)|root cause|due to|triggered by|after (?:the|a) (?:deploy|release|change|migration))/i,
};

/** The facts a question asks for, in a fixed order. */
export function askedFacts(question: string): SupportFact[] {
  return (Object.keys(ASKS) as SupportFact[]).filter((f) => ASKS[f].test(question));
}

/** The facts a reply states. */
export function statedFacts(reply: string): SupportFact[] {
  return (Object.keys(STATES) as SupportFact[]).filter((f) => STATES[f].test(reply));
}

/** The clause of a reply that states a fact, for quoting it back. */
export function clauseStating(reply: string, fact: SupportFact): string | null {
  return splitClauses(reply).find((c) => STATES[fact].test(c)) ?? null;
}

/** A reply's clauses: split on sentence ends, commas, semicolons, newlines, bullets and "and then". */
export function splitClauses(reply: string): string[] {
  return reply
    .split(/(?:[.;!\n]+\s+|[.;!\n]+$|,\s*|\s+[-–—•*]\s+|^\s*[-–—•*]\s+|\s+(?:and then|then|also|plus)\s+)/im)
    .map((c) => c.trim())
    .filter((c) => c.length > 1);
}

export const FACT_QUESTIONS: Record<SupportFact, string> = {
  ETA: 'When do you expect it fixed, or when will you give the next update?',
  impact: 'Who is affected: all customers, or some (which region, plan or feature)?',
  workaround: 'Is there anything customers can do in the meantime?',
  'data safety': 'Is customer data safe: anything lost, duplicated or exposed?',
  cause: 'What can we say about the cause, if anything?',
};

export const NOT_KNOWN: Record<SupportFact, string> = {
  ETA: 'We do not have an estimate for the fix yet; we will share one as soon as we can.',
  impact: 'We are still confirming which customers are affected.',
  workaround: 'We do not have a workaround to suggest yet.',
  'data safety': 'We are checking whether any data was affected and will confirm as soon as we know.',
  cause: 'We are still investigating the cause.',
};
