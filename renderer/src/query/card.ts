// A query card's content as a turn carries it (`fields.query`, CONTRACTS §2), checked before use.
import { z } from 'zod';
import type { QueryCard } from '../../../coach/query/api.ts';
import type { Turn } from '../api/index.ts';

const cardSchema = z.looseObject({
  language: z.enum(['promql', 'logql', 'traceql']).default('promql'),
  text: z.string().min(1),
  explanation: z.array(z.looseObject({ part: z.string(), says: z.string() })).default([]),
  links: z.record(z.string(), z.string()).default({}),
  range: z.looseObject({ from: z.string(), to: z.string() }).optional(),
  question: z.string().min(1).max(2_000).optional(),
});

export function cardFromTurn(turn: Turn): QueryCard | null {
  const raw = turn.fields?.query;
  if (raw === undefined) return null;
  const parsed = cardSchema.safeParse(typeof raw === 'string' ? { text: raw } : raw);
  if (!parsed.success) return null;
  const fallback = z.looseObject({ from: z.string(), to: z.string() }).safeParse(turn.fields?.range);
  const range = parsed.data.range ?? (fallback.success ? fallback.data : undefined);
  const card: QueryCard = {
    language: parsed.data.language, text: parsed.data.text, explanation: parsed.data.explanation, links: parsed.data.links,
    ...(parsed.data.question ? { question: parsed.data.question } : {}),
  };
  return range ? { ...card, range: { from: range.from, to: range.to } } : card;
}

/** The candidate queries a decline offers (`fields.candidates`), each checked like a card. */
export function candidatesFromTurn(turn: Turn): QueryCard[] {
  const raw = turn.fields?.candidates;
  if (!Array.isArray(raw)) return [];
  return raw.slice(0, 3).flatMap((c) => {
    const card = cardFromTurn({ ...turn, fields: { query: c } });
    return card ? [card] : [];
  });
}

export const LANGUAGE_NAMES: Record<QueryCard['language'], string> = { promql: 'PromQL', logql: 'LogQL', traceql: 'TraceQL' };

const LINK_NAMES: Record<string, string> = { prometheus: 'Prometheus', grafana: 'Grafana', loki: 'Loki', tempo: 'Tempo' };

/** Only http(s) deep links are shown: anything else in a turn is data, never a thing to open. */
export function openLinks(links: Record<string, string>): { name: string; url: string }[] {
  return Object.entries(links).flatMap(([k, url]) => {
    try {
      const u = new URL(url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') return [];
    } catch {
      return [];
    }
    return [{ name: LINK_NAMES[k] ?? k, url }];
  });
}
