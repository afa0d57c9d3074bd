// What a person said, as one of a few intents. Deterministic and typo-tolerant; no model involved.
import { canonical, tokens } from './words.ts';

export type Intent =
  | 'empty'
  | 'vague_help'
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
const OWNER = [/\bwho (owns|maintains|is oncall for|is on call for)\b/, /\bwho (should|do|can) (i|we) (ping|page|call|ask)\b/, /\bowners? of\b/];

/** Canonical, typo-corrected words of a message, joined by single spaces. */
export function normalize(text: string): string {
  return tokens(text).map((t) => canonical(t, WORDS)).join(' ');
}

export function classify(text: string): Intent {
  const words = normalize(text).split(' ').filter(Boolean);
  if (words.length === 0) return 'empty';
  const joined = words.join(' ');
  if (words.some((w) => HELP.has(w)) && words.every((w) => HELP.has(w) || FILLER.has(w))) return 'vague_help';
  if (SHOW_PROCESS.some((re) => re.test(joined))) return 'show_process';
  if (words.length <= 8 && WHAT_NEXT.some((re) => re.test(joined))) return 'what_next';
  if (OWNER.some((re) => re.test(joined))) return 'owner_question';
  if (words.every((w) => THANKS.has(w)) && !text.includes('?')) return 'thanks';
  if (text.trim().endsWith('?') || QUESTION_START.has(words[0] ?? '')) return 'question';
  return 'statement';
}

/** Words a question is about, without filler: used to match the link catalog. */
export function contentWords(text: string): string[] {
  return tokens(text).filter((t) => !FILLER.has(t) && !QUESTION_START.has(t) && t.length > 2);
}
