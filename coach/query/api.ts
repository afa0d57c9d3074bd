// The contract between the coach and the Demonstrate capability (question → query, link, steps, memory).
import type { TurnDraft, TimeRange } from '../types.ts';

export interface DemonstrateContext {
  incidentId: number;
  incidentKey: string;
  service: string | null;
  /** When the incident's first alert fired, for deep-link time ranges. */
  alertStart: string | null;
  now: string;
  asker: string;
}

/**
 * Answers a person's question with demonstrate turns (D1–D3, D5): a validated query card, a link from the
 * catalog, numbered steps, or a past human query. Returns [] when the question is not one it can answer.
 * It never runs a query (D4).
 */
export interface Demonstrator {
  demonstrate(question: string, ctx: DemonstrateContext): Promise<TurnDraft[]>;
}

export interface QueryCard {
  language: 'promql' | 'logql' | 'traceql';
  text: string;
  explanation: { part: string; says: string }[];
  links: Record<string, string>;
  range?: TimeRange;
}
