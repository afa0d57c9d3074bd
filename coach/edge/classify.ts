// What a person said, as one of a few intents. Deterministic and typo-tolerant; no model involved.
// Sentence structure (questions, imperatives, reports with a subject and a verb) comes from compromise's
// part-of-speech tagger; the small word lists here are what no tagger knows: what counts as asking for help,
// for the answer itself, or saying thanks.
import nlp from 'compromise';
import { canonical, tokens } from './words.ts';

export type Intent =
  | 'empty'
  | 'vague_help'
  | 'demand'
  | 'show_process'
  | 'what_next'
  | 'owner_question'
  | 'thanks'
  | 'question'
  | 'statement';

const HELP = new Set([
  'help', 'halp', 'stuck', 'confused', 'lost', 'sos', 'clueless', 'idk', 'assist', 'assistance', 'helpless',
  'overwhelmed', 'dunno', 'idea', 'ideas', 'mayday', 'panic', 'panicking', 'rescue',
]);
const FILLER = new Set([
  'i', 'im', 'me', 'my', 'am', 'so', 'pls', 'plz', 'please', 'really', 'very', 'totally', 'completely', 'kinda',
  'kind', 'of', 'a', 'an', 'bit', 'little', 'hey', 'hi', 'hello', 'yo', 'mentat', 'need', 'needs', 'some', 'can',
  'could', 'you', 'u', 'someone', 'anyone', 'somebody', 'ugh', 'just', 'here', 'now', 'again', 'still', 'omg', 'man',
  'guys', 'all', 'the', 'is', 'it', 'this', 'bot', 'coach', 'urgent', 'asap', 'badly', 'get', 'got', 'ive', 'been',
  'getting', 'no', 'what', 'to', 'do', 'dont', 'know', 'with', 'hm', 'hmm', 'uh', 'um', 'oh', 'god', 'lol', 'send',
  'any', 'and', 'or', 'we', 'are', 'us', 'so', 'too', 'much', 'completly', 'there', 'am', 'feel', 'feeling', 'super',
  'wtf', 'argh', 'sigh', 'hmmm', 'halp', 'should', 'im', 'cant', 'think', 'on', 'at', 'pretty', 'quite', 'bro',
]);
const THANKS = new Set([
  'thanks', 'thank', 'you', 'thx', 'ty', 'ok', 'okay', 'cool', 'great', 'got', 'it', 'ack', 'noted', 'nice', 'k', 'kk',
  'sure', 'will', 'do', 'yes', 'yep', 'yeah', 'np', 'perfect', 'sounds', 'good', 'alright', 'right', 'much', 'cheers',
]);
const QUESTION_START = new Set([
  'how', 'where', 'what', 'whats', 'which', 'why', 'when', 'who', 'is', 'are', 'can', 'could', 'does', 'do', 'did',
  'show', 'find', 'give', 'list', 'get', 'should', 'would', 'any', 'wheres', 'hows', 'whos',
]);
const WORDS = new Set([
  ...HELP, ...FILLER, ...QUESTION_START, 'next', 'step', 'steps', 'start', 'begin', 'process', 'checklist', 'procedure',
  'owns', 'owner', 'owners', 'oncall', 'maintains', 'ping', 'page', 'call', 'incident', 'our', 'thanks', 'display', 'see',
  'open', 'try', 'check', 'look',
]);

const WHAT_NEXT = [
  /\bwhat (should|shall|do|can|must) (i|we) (do|try|check|look at)\b/,
  /\bwhat (now|next)\b/, /\bwhats (next|now)\b/, /\bnow what\b/, /\bnext (step|steps|thing)\b/,
  /\b(where|how) (should|do|can|shall) (i|we) (start|begin)\b/, /\bwhat (to|do i|do we) do\b/,
  /\bwhat else (should|can|could) (i|we) (try|check|do)\b/, /^(next|what now|and now)$/,
];
const SHOW_PROCESS = [
  /\b(show|list|display|give|see|open|read)\b.*\b(process|checklist|procedure)\b/,
  /\bwhats? (is )?(our|the) (incident )?(process|checklist|procedure)\b/,
  /^(our |the )?(incident )?(process|checklist|procedure)$/,
  /\b(where|what) is (our|the) (incident )?(process|checklist|procedure)\b/,
];
/** Things a person asks the coach to hand over instead of working it out (G1: ask for their plan instead). */
const ANSWER_THINGS = new Set([
  'answer', 'answers', 'fix', 'fixes', 'solution', 'solutions', 'cause', 'causes', 'culprit', 'problem', 'problems', 'issue',
  'diagnosis', 'resolution', 'remedy', 'explanation', 'reason', 'bug', 'rootcause',
]);
/** Verbs of handing over or doing it for them. */
const HAND_OVER = new Set(['tell', 'give', 'say', 'fix', 'solve', 'resolve', 'do', 'handle', 'sort', 'figure', 'find', 'explain', 'spit', 'send', 'post', 'show']);
const DIAGNOSIS = [
  /\bwhats? (is |are )?(wrong|broken|the (root )?cause|the problem|the issue|the fix|the answer|the solution|the culprit|going on|happening)\b/,
  /\bwhat (went|is going|s going) wrong\b/, /\bwhy (is|are) (it|this|things|everything) (broken|down|failing|slow)\b/,
  /\bhow (do|can|should) (i|we) fix (it|this)\b/,
  /\bstop asking\b/, /\bno (more )?questions\b/, /\b(do|fix|solve|handle|sort) (it|this|that)( out)?( for (me|us))?( (pls|plz|please|now|already|asap|mentat))*$/,
  /\bjust (do|fix|solve|tell|give)\b/,
];
const EMOJI_THANKS = /[\u{1F44D}\u{1F44C}\u{1F64F}\u{2705}\u{2714}\u{1F389}\u{1F4AF}\u{2764}\u{1F64C}]/u;

type Tagged = ReturnType<typeof nlp>;

/** Saying one is stuck, lost or confused, in the words people use for it (typos corrected before). */
const STUCK = [
  /\b(stuck|lost|confused|overwhelmed|clueless|panic|panicking|helpless|drowning)\b/, /\bno (idea|clue)\b/, /\bidk\b|\bdunno\b/,
  /\b(dont|do not|didnt) (know|understand|get)\b/, /\b(not|no) (understand\w*|know\w*|sure (what|where|how))\b/, /\bcant (figure|understand|tell|see|think|work out|make sense)\b/,
  /\b(nothing|none of this|it) makes? (no )?sense\b|\bdoesnt make (any )?sense\b|\bmakes no sense\b/, /\bhelp\b/,
];
/** Not knowing where to begin: a plea, unless it is a plain "where should I start?" (what next, G1). */
const NEW_HERE = [/\bwhere (do|should|to|can) (i|we )?(even )?(start|begin)\b/, /\b(i am|im) new\b/, /\bout of my depth\b/];
const PLEA = [...STUCK, ...NEW_HERE];
const PLEA_WORDS = new Set(['stuck', 'lost', 'confused', 'idea', 'clue', 'know', 'understand', 'figure', 'sense', 'makes', 'make',
  'nothing', 'start', 'begin', 'even', 'new', 'depth', 'out', 'tbh', 'sorry', 'anything', 'doing', 'happening', 'going', 'look', 'where', 'cant',
  'tell', 'see', 'work', 'whats', 'which', 'way']);

/** Thanks in the languages responders write in, and the small talk that goes with it ("my bad", "that was it"). */
const GRATITUDE = /\b(thanks|thank|thx|thnx|thanx|ty|tysm|cheers|merci|danke|gracias|grazie|obrigad[oa]|arigato|dank|tak|spasibo|kiitos)\b/;
const SMALL_TALK = new Set(['my', 'bad', 'mistake', 'see', 'now', 'that', 'was', 'it', 'makes', 'sense', 'ah', 'oh', 'ok', 'okay', 'schon', 'schön',
  'beaucoup', 'muchas', 'mille', 'very', 'much', 'again', 'all', 'everyone', 'team', 'folks', 'perfect', 'great', 'cool',
  'nice', 'awesome', 'worked', 'works', 'helps', 'helped', 'clear', 'understood', 'got', 'thanks', 'thank', 'you', 'mate', 'buddy']);

/** Gratitude with little else (no question, no time): thanks need no turn. */
function isThanks(text: string, joined: string, words: string[]): boolean {
  if (!GRATITUDE.test(joined) || text.includes('?') || /\d/.test(text)) return false;
  return words.filter((w) => !SMALL_TALK.has(w) && !THANKS.has(w) && !FILLER.has(w) && !GRATITUDE.test(w)).length <= 1;
}

/** A plea: being stuck or lost said with little else (a plea naming what it is about is a question). */
function isPlea(joined: string, words: string[]): boolean {
  if (!PLEA.some((re) => re.test(joined))) return false;
  const content = words.filter((w) => !HELP.has(w) && !FILLER.has(w) && !QUESTION_START.has(w) && !PLEA_WORDS.has(w) && w.length > 1);
  return content.length <= 2;
}

/** A demand for the answer: hand-over verbs aimed at the answer, or asking for the diagnosis itself. */
function isDemand(joined: string, words: string[], tagged: Tagged): boolean {
  if (DIAGNOSIS.some((re) => re.test(joined))) return true;
  const asksThing = words.some((w) => ANSWER_THINGS.has(w)) || /\broot cause\b/.test(joined);
  if (!asksThing) return false;
  // "give me the fix", "can you tell me the root cause", "pls just send the solution"
  return words.some((w) => HAND_OVER.has(w)) || tagged.has('#Imperative') || /^(the )?(answer|fix|solution|cause|root cause)\b/.test(joined);
}

/**
 * A short fragment that names what to look at ("5xx rate", "cpu usage by mode", "p99 checkout") is a
 * question without its question words; a report ("the db looks fine", "i restarted it") has a subject and
 * a verb. Fragments are nouns, numbers, adjectives, prepositions and determiners, with at most a trailing
 * participle ("memory used").
 */
function isFragmentQuestion(tagged: Tagged, words: string[]): boolean {
  if (words.length === 0 || words.length > 10) return false;
  const sentences = tagged.json() as { terms: { text: string; tags: string[] }[] }[];
  const list = sentences.flatMap((t) => t.terms).filter((t) => t.text.trim());
  if (list.length === 0) return false;
  let nouns = 0;
  for (const [i, t] of list.entries()) {
    const tags = new Set(t.tags);
    if (tags.has('Pronoun') && !tags.has('Possessive')) return false;
    if (tags.has('Verb')) {
      const last = i === list.length - 1;
      const participle = tags.has('PastTense') || tags.has('Participle') || tags.has('Gerund');
      // "top 3 handlers": a verb-looking first word before a number or noun is a ranking, not an order.
      const ranking = i === 0 && /^(top|bottom|max|min|avg|sum|count)$/i.test(t.text);
      if (!(last && participle) && !ranking) return false;
      continue;
    }
    if (tags.has('Noun') || tags.has('Value') || tags.has('Acronym') || tags.has('Unit')) nouns++;
  }
  return nouns > 0;
}

/** Words typos are corrected towards ("sollve" → "solve", "notthing" → "nothing"). */
const VOCABULARY = new Set([...WORDS, ...HAND_OVER, ...ANSWER_THINGS, ...PLEA_WORDS, ...SMALL_TALK, 'wrong', 'broken', 'going', 'happening', 'questions', 'asking', 'stop']);

const OWNER = [/\bwho (owns|maintains|is oncall for|is on call for)\b/, /\bwho (should|do|can) (i|we) (ping|page|call|ask)\b/, /\bowners? of\b/];

/** Canonical, typo-corrected words of a message, joined by single spaces. */
export function normalize(text: string): string {
  return tokens(text).map((t) => canonical(t, VOCABULARY)).join(' ');
}

export function classify(text: string): Intent {
  const words = normalize(text).split(' ').filter(Boolean);
  if (words.length === 0) {
    if (!text.trim()) return 'empty';
    // No words at all: "👍" is thanks; "???", "...", "?!" or a despairing emoji is a plea (G2).
    return EMOJI_THANKS.test(text) && !text.includes('?') ? 'thanks' : 'vague_help';
  }
  const joined = words.join(' ');
  if (words.some((w) => HELP.has(w)) && words.every((w) => HELP.has(w) || FILLER.has(w))) return 'vague_help';
  if (SHOW_PROCESS.some((re) => re.test(joined))) return 'show_process';
  if (words.length <= 8 && WHAT_NEXT.some((re) => re.test(joined)) && !STUCK.some((re) => re.test(joined))) return 'what_next';
  if (isThanks(text, joined, words)) return 'thanks';
  if (isPlea(joined, words)) return 'vague_help';
  if (OWNER.some((re) => re.test(joined))) return 'owner_question';
  const tagged = nlp(joined);
  if (isDemand(joined, words, tagged)) return 'demand';
  if (words.every((w) => THANKS.has(w)) && !text.includes('?')) return 'thanks';
  if (text.trim().endsWith('?') || QUESTION_START.has(words[0] ?? '')) return 'question';
  if (tagged.questions().length > 0 || isFragmentQuestion(tagged, words)) return 'question';
  if (tagged.has('^#Imperative') && /^(show|give|list|get|find|check|plot|graph|chart|compare|count|display|query|grab|pull)\b/.test(joined)) return 'question';
  return 'statement';
}

/** Words a question is about, without filler: used to match the link catalog. */
export function contentWords(text: string): string[] {
  return tokens(text).filter((t) => !FILLER.has(t) && !QUESTION_START.has(t) && t.length > 2);
}
