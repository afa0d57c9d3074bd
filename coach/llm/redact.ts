// Redaction: every piece of text passes through here before it leaves for a model (DESIGN §5).
import { PATTERNS, REDACTED, type RedactionKind } from './redact-patterns.ts';

export { EMAIL, REDACTED, type RedactionKind } from './redact-patterns.ts';

export interface Redacted {
  text: string;
  /** Kinds found, each once, in the order the patterns run. */
  found: RedactionKind[];
}

const PEM_BEGIN = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/g;
const PEM_END = /-----END [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/g;

/**
 * Replaces private key blocks by scanning forward only: a lazy `BEGIN[\s\S]*?END` regex would rescan the
 * rest of the text once per unterminated BEGIN. A block with no END is redacted to the end of the text,
 * since a truncated key is still a secret.
 */
function redactPem(text: string): { text: string; hit: boolean } {
  let out = '';
  let from = 0;
  let hit = false;
  PEM_BEGIN.lastIndex = 0;
  for (let begin = PEM_BEGIN.exec(text); begin; begin = PEM_BEGIN.exec(text)) {
    hit = true;
    out += text.slice(from, begin.index) + `${begin[0]}\n${REDACTED}\n`;
    PEM_END.lastIndex = begin.index + begin[0].length;
    const end = PEM_END.exec(text);
    if (!end) {
      from = text.length;
      break;
    }
    out += end[0];
    from = end.index + end[0].length;
    PEM_BEGIN.lastIndex = from;
  }
  return { text: hit ? out + text.slice(from) : text, hit };
}

/**
 * Removes secrets and email addresses from text. Linear in the length of the text (see redact-patterns.ts),
 * idempotent, and conservative: it prefers hiding a harmless word to letting a secret through.
 */
export function redact(text: string): Redacted {
  const found: RedactionKind[] = [];
  const pem = redactPem(text);
  if (pem.hit) found.push('private_key');
  let out = pem.text;
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    let hit = false;
    out = out.replace(p.re, (match: string, ...rest: unknown[]) => {
      // The patterns have no named groups, so the replacer's last two arguments are the offset and the input.
      const replaced = p.replace(match, rest.slice(0, -2) as (string | undefined)[]);
      if (replaced !== match) hit = true;
      return replaced;
    });
    if (hit && !found.includes(p.kind)) found.push(p.kind);
  }
  return { text: out, found };
}

/** Redacts only the text, for callers that do not report what was found. */
export const redactText = (text: string): string => redact(text).text;
