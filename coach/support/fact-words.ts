// Which facts a question asks for and which a responder's reply states. Used to say plainly what is not
// known yet (DESIGN §3) and to ask the responder for it; a wrong guess here only adds or drops a question.
import type { SupportFact } from './types.ts';

const ASKS: Record<SupportFact, RegExp> = {
  ETA: /\b(?:when|eta|how long|how soon|how much longer|(?:should|will|would) (?:it|this|they|that) be (?:back|fixed|done|up|working)|time ?line|time ?frame|back (?:up|online|to normal)|be (?:fixed|back|resolved|working|caught up)|fixed by|resolved by|by when|estimate|expected|restor|caught up|next update|any update)/i,
  impact: /\b(?:who(?:'s| is| are)? (?:else )?(?:affected|impacted|hit)|who else|affect|impact|everyone|all (?:users|customers)|region|scope|how many|widespread|how big|just (?:me|us|them|one)|which (?:customers|users|accounts|plans|regions|features|parts?|services?|products?)|what(?:'s| is| else is)? (?:broken|down|affected|impacted|not working)|(?:is|does) (?:it|this|that) (?:affect|hit|impact|include|global|everywhere)|is (?:it|this) (?:everyone|everybody|global|all|widespread|just|only|limited)|(?:all|every|some|only|just) (?:of )?(?:our |the )?(?:users|customers|accounts|regions|plans|clients|merchants))/i,
  workaround: /\b(?:workaround|work around|meanwhile|in the meantime|alternative|instead|(?:a|any|another|other|manual) way|still (?:log ?in|sign ?in|use|access|pay|order|check ?out|get)|can (?:i|we|they|customers|users|ppl|people) (?:still )?use|what (?:can|should) (?:i|we|they|customers|users|ppl) do|(?:can|could) (?:customers|they|users|ppl) do anything|tell (?:customers|them|users) to|retry|try again|clear (?:their |the )?cache|(?:something|anything) (?:they|customers|users|we) can (?:do|try)|(?:should|can|could) (?:they|customers|users|ppl|people) (?:wait|retry|refresh|reload|use|switch)|how (?:can|do|could) (?:they|customers|users|ppl) (?:get|access|log ?in|sign ?in|pay|use|order))/i,
  'data safety': /\b(?:data|safe|safety|lost|loss|lose|gone|deleted|corrupt|leak|breach|hack|compromis|card|charged|double|duplicate|refund|go(?:ne)? thr(?:u|ough)|went thr(?:u|ough)|delivered|secure|privacy|personal|pii|files|messages|orders|billed|(?:will|do|did) (?:they|we|i|customers) (?:lose|get (?:charged|billed)|be (?:charged|billed)))/i,
  cause: /\b(?:why|cause|caused|what happened|what broke|root|reason|because|on our (?:side|end)|our fault|same (?:problem|issue|thing) as|something new|is it (?:the|a|our) \w+|provider)/i,
};

/** Only questions ask: "nice work everyone" is not a question about who is affected. */
function questionParts(text: string): string[] {
  const parts = text.split(/(?<=[?.!\n])\s+|\s+-\s+/).map((p) => p.trim()).filter(Boolean);
  const asking = parts.filter((p) => /\?/.test(p) || /^(?:when|what|who|why|how|which|where|is|are|can|could|will|would|should|do|does|did|any|has|have|was|were)\b/i.test(p)
    || /\b(?:pls|please|need to know|asking|wants? to know|wondering)\b/i.test(p));
  return asking;
}

const NEGATED: Partial<Record<SupportFact, RegExp>> = {
  ETA: /\b(?:no (?:eta|idea when|estimate|timeline)|eta (?:unclear|unknown|tbd|tbc|\?)|(?:dunno|not sure|unsure|no idea|unclear) when|can'?t say when)\b/i,
  workaround: /\b(?:no (?:workaround|work around|way around)|nothing (?:they|customers|users|we) can do|won'?t help|doesn'?t help)\b/i,
  'data safety': /\b(?:not sure (?:if|whether) (?:anything|any data|data)|unknown (?:if|whether)|don'?t know (?:if|whether) (?:anything|data))\b/i,
  cause: /\b(?:root cause (?:still )?(?:unknown|unclear|tbd|tbc|not known)|(?:no idea|dunno|not sure|unclear) why|cause (?:unknown|unclear|tbd))\b/i,
};

/** A clock time is an estimate when it is ahead ("by 14:30", "next update at :30"), not when it is past ("since 14:32"). */
const AHEAD = String.raw`(?:by|until|till|before|around|eta|(?:back|up|fixed|ready|resolved|restored|live|online)(?: at| by| around)?|expect(?:ed)?|should|will|next update(?: at)?|update at|target|hopefully)`;
const DURATION = String.raw`(?:~|about |around |approx\.? |maybe |another |in |within |next |over the next |takes? |\+)\s*~?\d+(?:\s*[-–]\s*\d+)?\s*(?:s|sec|secs|seconds|m|min|mins|minutes|h|hr|hrs|hours|d|days)\b`;

/** A kind of data within a few words of what happened to it: "orders are all queued", "lost the last 2h of edits". */
const DATA_NOUN = String.raw`(?:data|orders?|payments?|charges?|transactions?|messages?|emails?|files?|uploads?|records?|events?|webhooks?|backups?|pii|credentials|passwords?|invoices?|bookings?|reservations?|tickets?|posts?|photos?|documents?|docs|edits|writes|entries|submissions|transfers|receipts|notifications)`;
const DATA_STATE = String.raw`(?:safe|secure|intact|untouched|lost|gone|missing|dropped|deleted|corrupt(?:ed)?|duplicated?|dupes?|queued|buffered|retried|replayed|reprocessed|delivered|recovered|restored|preserved|persisted|stored|saved|exposed|leaked|accounted)`;
const DATA_NEAR = String.raw`${DATA_NOUN}\W+(?:\w+\W+){0,4}?${DATA_STATE}\b|\b${DATA_STATE}\W+(?:\w+\W+){0,4}?${DATA_NOUN}\b`;

const STATES: Record<SupportFact, RegExp> = {
  ETA: new RegExp(String.raw`\beta\b(?!\s*(?:unclear|unknown|tbd|tbc|\?))|\b${AHEAD}\s+(?:about\s+|around\s+|~\s*)?(?:\d{1,2}(?::\d{2})?\s*(?:am|pm)|\d{1,2}:\d{2}|:\d{2}|eod|eow|end of (?:the )?(?:day|week)|tonight|tomorrow|noon|midnight|lunch|the (?:hour|weekend|morning|afternoon|evening))` +
    String.raw`|${DURATION}|\bwithin (?:the|an|a|the next) (?:hour|day|few (?:minutes|mins|hours))|\bin (?:a|an|the next) (?:few|couple(?: of)?|bit|hour|minute|min)\b|\b(?:a|an) (?:few|couple(?: of)?) (?:min|mins|minutes|hours|hrs)\b|\bhalf an hour\b|\bbefore (?:eod|eow|end of)\b|\bnext update\b|\bshortly\b|\bany (?:minute|moment) now\b` +
    String.raw`|\b(?:back|up|live|done|fixed|resolved|restored|sorted|recovered|green|stable|finished|complete[d]?)\s+(?:in|by|within|before|around|soon|shortly|tonight|today|tomorrow)\b` +
    String.raw`|\b(?:should|will|expect(?:ed|ing)?|hope|hopefully|aim(?:ing)?|target(?:ing)?|plan(?:ning)?)\s+(?:to\s+)?(?:be\s+)?(?:back|up|fixed|done|resolved|restored|out|live|finished|complete|sorted)\b(?!\s+(?:now|already))` +
    String.raw`|\b\d+\s*(?:s|sec|secs|m|min|mins|minutes|h|hr|hrs|hours)\s+(?:to go|left|more|remaining)\b|\b\d+\s*(?:min|mins|minutes|h|hr|hrs|hours)?\s*(?:ish|or so)\b`, 'i'),
  impact: /\b(?:\d+(?:\.\d+)?\s*%|\d+ in \d+|(?:a|one) (?:third|quarter|half|fifth|tenth)|(?:all|every|some|most|many|few|several|\d+) (?:of (?:the |our )?)?(?:users|customers|people|ppl|folks|tenants|orgs|organisations|organizations|accounts|merchants|regions|integrations|storefronts|stores|shops|sites|requests|orders|payments|logins)|for (?:all|everyone|everybody)|\bonly (?:the |on |in |for |affects |hits )?[\w/-]+ (?:users|customers|region|regions|plan|app|apps|tab|page|pages|feature|features|endpoint|api|dashboard|tenants|accounts|orders)\b|\b[\w/-]+ only\b|limited to|blast radius|(?:un|not )affected|affect(?:s|ed|ing)|impact(?:s|ed|ing)|(?:is|are) fine\b|\bok\b|broken for|down for|(?:the )?only (?:thing|part|service)|that'?s broken|\bshard \d+|(?:enterprise|pro|free|business|premium|team) (?:plan|tier|customers|users)|\b(?:eu|us|uk|apac|emea|latam|na|anz)\b|(?:mobile|web|ios|android|desktop) (?:app )?(?:only|users)|\b(?:everyone|everybody|nobody|no one)\b|\b(?:globally|worldwide|global)\b|(?:users|customers|tenants|merchants|accounts|orgs|players|patients|clients|shoppers|members) (?:in|on|with|using|from|of) (?:the )?[\w-]+|(?:in|across) (?:all|every|some|most|several) [\w-]+|(?:some|certain|a few|a handful of|a subset of|a small number of) (?:users|customers|tenants|merchants|accounts|orgs|players|patients|clients|regions|stores))/i,
  workaround: /\b(?:workaround|work around|retry|retrying|try again|(?:use|using) (?:the )?[\w-]+(?: [\w-]+)? (?:instead|for now|in the meantime)|(?:can|could) (?:just |still )?(?:use|retry|switch|log ?in|sign ?in|export|trigger|pay|re-?sync|reload|refresh)|still works?|so they can|manually|switch to|alternative|tell (?:them|customers|users) to|in the meantime|(?:can|could|should) (?:go via|go through|try|pay|order|book|call|email|download|access)|\bvia (?:the )?(?:api|app|mobile|desktop|phone|old|legacy|cli|web)\b|(?:use|try) (?:the )?[\w-]+ (?:app|site|page|link|url|endpoint|api|version|browser|client)\b|(?:have|tell|ask) (?:them|customers|users|people|ppl) (?:to )?(?:use|try|retry|wait|refresh|reload|clear|log|sign|switch|reinstall|update|restart))/i,
  'data safety': new RegExp(String.raw`\b(?:no (?:customer |user )?data (?:loss|lost|exposed|leaked)|(?:no|zero) (?:data loss|pii|dupes|duplicates|double[- ]charges?|charges? twice)|nothing (?:lost|missing|dropped|leaked|exposed|deleted)|nobody (?:got )?(?:charged|billed) twice|(?:not|never) (?:dropped|lost|deleted|exposed)|queued,? not dropped|(?:is|are|was|were) (?:safe|intact|untouched|accounted for)|untouched|intact|accounted for|double[- ](?:submitted|charged|charge|billed)|charged twice|(?:lost|missing|deleted|corrupt(?:ed)?|leaked|exposed) (?:data|orders|edits|messages|files|records|payments)|(?:data|orders|edits|messages|files|records|payments|charges?) (?:are|were|is|was) (?:gone|lost|deleted|safe|fine|ok|intact|queued)|will (?:deliver|replay|resend|reconcile|be delivered|be replayed|be resent|be processed)|auto-?refund|refund(?:ed|ing)? the|(?:went|go|gone) thr(?:u|ough)|data loss|${DATA_NEAR})`, 'i'),
  cause: /\b(?:because|cuz|cos|due to|caused by|turned out|the culprit|thanks to|courtesy of|(?:crashed|fell over|died|deadlocked|got stuck|overloaded|exhausted|maxed out|ran out of|filled up)|hit (?:the |a |its |our )?(?:limit|quota|cap|ceiling)|(?:deploy|release|change|config|migration|upgrade|update|patch|push|rollout) (?:broke|caused|triggered|took down|killed)|root cause(?: is| was|:| =)|triggered by|(?:bad|broken|faulty|botched) (?:deploy|config|migration|push|release|change|cert|rollout|update)|(?:cert|certificate|token|key|license|domain) (?:\w+ )?(?:expired|revoked)|expired\b|misconfig|memory leak|\boom(?:ing|ed|killed)?\b|(?:disk|volume|partition) (?:filled|full)|\bdns\b|\bupstream\b|(?:provider|vendor|stripe|aws|gcp|azure|fastly|cloudflare|akamai|cdn|isp|twilio|sendgrid)(?: \(\w+\))? (?:is |was |are )?(?:having |had )?(?:an? )?(?:incident|outage|degraded|down|issue)|\bit'?s the \w+|\bit was the \w+|rebalance|fell over|after (?:a|the|yesterday'?s|today'?s) (?:deploy|restart|release|change|migration|update|rollout)|from (?:yesterday|today)'?s (?:change|deploy|release)|rate ?limit(?:er)?)/i,
};

/** The facts a question asks for, in a fixed order. */
export function askedFacts(question: string): SupportFact[] {
  const parts = questionParts(question);
  return (Object.keys(ASKS) as SupportFact[]).filter((f) => parts.some((p) => ASKS[f].test(p)));
}

/** The facts a reply states; a fact only mentioned to say it is not known yet is not stated. */
export function statedFacts(reply: string): SupportFact[] {
  const clauses = splitClauses(reply);
  return (Object.keys(STATES) as SupportFact[]).filter((f) => clauses.some((c) => STATES[f].test(c) && !NEGATED[f]?.test(c)));
}

/** The clause of a reply that states a fact, for quoting it back. */
export function clauseStating(reply: string, fact: SupportFact): string | null {
  const stating = splitClauses(reply).filter((c) => STATES[fact].test(c) && !NEGATED[fact]?.test(c));
  // An estimate said as one ("eta 30 min") beats a clock time that may be in the past ("done at 10:02").
  return (fact === 'ETA' ? stating.find((c) => /\beta\b|\d\s*(?:m|min|mins|minutes|h|hr|hrs|hours)\b/i.test(c)) : undefined) ?? stating[0] ?? null;
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
