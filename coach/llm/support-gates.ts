// Checks on a support agent's answer, enforced here and not left to the prompt: bounded tiers, known
// missing facts, and no clock time or duration that the incident's facts (or the responder) did not state.
import type { SupportFact } from '../support/types.ts';
import type { IncidentFacts } from '../support/writer.ts';
import { EMAIL, REDACTED } from './redact.ts';

export const SUPPORT_FACTS = ['ETA', 'impact', 'workaround', 'data safety', 'cause'] as const satisfies readonly SupportFact[];
// Fails to compile when SupportFact gains a member this list lacks.
const covers: Exclude<SupportFact, (typeof SUPPORT_FACTS)[number]> extends never ? true : never = true;
void covers;

export const MAX_TIER_CHARS = 1200;
export const MAX_ASKS = 6;
export const MAX_ASK_CHARS = 300;

export interface SupportAnswerText {
  support: string;
  customer: string;
  partner: string;
  missing: string[];
  asks: string[];
}

const WORD_NUMBERS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, 'forty-five': 45, forty: 40, fifty: 50, sixty: 60, ninety: 90,
};
// Seconds are left out: nobody promises a fix in seconds, and "a second look" is not a duration.
const UNITS: Record<string, string> = { min: 'minute', h: 'hour', hr: 'hour' };
const UNIT_RE = 'minutes?|mins?|hours?|hrs?|h|days?|weeks?';
const VAGUE_RE = 'a few|a couple of|a couple|few|couple of|several';
const NUMBER_RE = `\\d+(?:\\.\\d+)?|half an?|${VAGUE_RE}|${Object.keys(WORD_NUMBERS).sort((a, b) => b.length - a.length).join('|')}`;
const DURATION_RE = new RegExp(`(?<![\\w.])(${NUMBER_RE})(?:\\s*(?:-|to|or)\\s*(${NUMBER_RE}))?[\\s-]*(${UNIT_RE})(?![\\w])`, 'gi');
const AMPM_RE = /(?<![\w:])(\d{1,2})(?::([0-5]\d))?\s*([ap])(?:m|\.m\.)(?![\w])/gi;
const CLOCK_RE = /(?<![\w:])([01]?\d|2[0-3]):([0-5]\d)(?![\d])/g;

const pad = (n: number): string => String(n).padStart(2, '0');
const unit = (u: string): string => {
  const base = u.toLowerCase().replace(/s$/, '');
  return UNITS[base] ?? base;
};
const amount = (n: string): string => {
  const w = n.toLowerCase();
  if (w.startsWith('half')) return '0.5';
  if (new RegExp(`^(?:${VAGUE_RE})$`).test(w)) return 'some';
  return String(WORD_NUMBERS[w] ?? Number(w));
};

/** Every clock time (as HH:MM) and duration (as "N unit") a text states, with what it said. */
export function timesIn(text: string): { key: string; said: string }[] {
  const found: { key: string; said: string }[] = [];
  const consumed: [number, number][] = [];
  for (const m of text.matchAll(AMPM_RE)) {
    const h = Number(m[1]) % 12 + ((m[3] ?? '').toLowerCase() === 'p' ? 12 : 0);
    found.push({ key: `${pad(h)}:${m[2] ?? '00'}`, said: m[0] });
    consumed.push([m.index, m.index + m[0].length]);
  }
  for (const m of text.matchAll(CLOCK_RE)) {
    if (consumed.some(([a, b]) => m.index >= a && m.index < b)) continue;
    found.push({ key: `${pad(Number(m[1]))}:${m[2]}`, said: m[0] });
  }
  for (const m of text.matchAll(DURATION_RE)) {
    const u = unit(m[3] ?? '');
    found.push({ key: `${amount(m[1] ?? '')} ${u}`, said: m[0] });
    if (m[2]) found.push({ key: `${amount(m[2])} ${u}`, said: m[0] });
  }
  return found;
}

/** Everything the answer may take a time from: the facts as the tools show them, and the responder's reply. */
export function groundingText(facts: IncidentFacts, reply: string | null): string {
  return [JSON.stringify(facts).replace(/T(\d\d:\d\d)/g, ' $1'), reply ?? ''].join('\n');
}

/** Why the answer may not be used, or null when it may. */
export function gateSupportAnswer(answer: SupportAnswerText, grounding: string, phase: 'draft' | 'rewrite'): string | null {
  const tiers: [string, string][] = [['customer', answer.customer], ['partner', answer.partner]];
  if (phase === 'draft') tiers.unshift(['support', answer.support]);
  for (const [name, text] of tiers) {
    const t = text.trim();
    if (!t) return `the ${name} text is empty`;
    if (t.length > MAX_TIER_CHARS) return `the ${name} text has ${t.length} characters, over ${MAX_TIER_CHARS}`;
    if (t.includes(REDACTED) || t.includes(EMAIL)) return `the ${name} text would show a redacted placeholder`;
  }
  const unknown = answer.missing.find((m) => !(SUPPORT_FACTS as readonly string[]).includes(m));
  if (unknown !== undefined) return `"${unknown}" is not a fact the workflow knows (${SUPPORT_FACTS.join(', ')})`;
  if (answer.asks.length > MAX_ASKS) return `${answer.asks.length} asks, over ${MAX_ASKS}`;
  const longAsk = answer.asks.find((a) => a.length > MAX_ASK_CHARS || !a.trim());
  if (longAsk !== undefined) return longAsk.trim() ? `an ask is over ${MAX_ASK_CHARS} characters` : 'an ask is empty';
  const allowed = new Set(timesIn(grounding).map((t) => t.key));
  for (const [name, text] of tiers) {
    const stray = timesIn(text).find((t) => !allowed.has(t.key));
    if (stray) return `the ${name} text states a time the facts do not hold ("${stray.said}")`;
  }
  return null;
}
