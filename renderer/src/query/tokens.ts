// A small tokenizer for highlighting PromQL, LogQL and TraceQL. It only colours text; validity is the
// server's job (it parses every query with the languages' own grammars before showing it).

export type TokenKind = 'space' | 'string' | 'number' | 'duration' | 'keyword' | 'function' | 'label' | 'metric' | 'operator' | 'punct' | 'other';

export interface Token {
  kind: TokenKind;
  text: string;
}

const KEYWORDS = new Set([
  'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'offset', 'bool', 'and', 'or', 'unless', 'atan2',
  'json', 'logfmt', 'regexp', 'pattern', 'unpack', 'line_format', 'label_format', 'unwrap', 'drop', 'keep', 'decolorize',
  'span', 'resource', 'event', 'link', 'instrumentation', 'nil', 'true', 'false', 'select', 'with',
]);

const GROUPING = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);

const RULES: [TokenKind, RegExp][] = [
  ['space', /^\s+/],
  ['string', /^"(?:[^"\\]|\\.)*"?|^'(?:[^'\\]|\\.)*'?|^`[^`]*`?/],
  ['duration', /^\d+(?:ms|s|m|h|d|w|y)(?:\d+(?:ms|s|m|h|d|w|y))*/],
  ['number', /^(?:0x[0-9a-f]+|\d*\.?\d+(?:e[+-]?\d+)?)/i],
  ['operator', /^(?:=~|!~|!=|==|>=|<=|\|=|\|~|&&|\|\||[-+*/%^=<>|!~])/],
  ['punct', /^[{}()[\],:@]/],
  ['other', /^\.?[A-Za-z_][\w.:]*/],
];

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let braces = 0;
  // Inside `by (…)`, `on (…)` and friends the words are label names, not metrics.
  let grouping = false;
  let lastWord = '';
  let i = 0;
  // Bounded by the input length: every rule consumes at least one character, and the fallback takes one.
  while (i < src.length) {
    const rest = src.slice(i);
    let kind: TokenKind = 'other';
    let text = rest[0] ?? '';
    for (const [k, re] of RULES) {
      const m = re.exec(rest);
      if (m && m[0].length > 0) {
        kind = k;
        text = m[0];
        break;
      }
    }
    if (kind === 'other' && /^\.?[A-Za-z_]/.test(text)) kind = classifyWord(text, rest.slice(text.length), braces > 0 || grouping);
    if (text === '{') braces++;
    if (text === '}') braces = Math.max(0, braces - 1);
    if (text === '(' && GROUPING.has(lastWord)) grouping = true;
    if (text === ')') grouping = false;
    if (kind !== 'space') lastWord = text;
    out.push({ kind, text });
    i += text.length;
  }
  return out;
}

function classifyWord(word: string, after: string, inBraces: boolean): TokenKind {
  if (inBraces || word.startsWith('.')) return KEYWORDS.has(word) ? 'keyword' : 'label';
  if (/^\s*\(/.test(after)) return KEYWORDS.has(word) ? 'keyword' : 'function';
  if (KEYWORDS.has(word)) return 'keyword';
  return 'metric';
}
