// The model translator: an agent grounded with the candidate metrics, structured output, validation errors fed back.
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { z } from 'zod';
import { buildAgent, wrapUntrusted } from '../llm/index.ts';
import type { Catalog, MetricFamily } from './api.ts';
import { TRANSLATE_SYSTEM, TRANSLATE_TASK } from './prompts.ts';
import { validatePromQL } from './validate.ts';

export const ModelAnswer = z.object({
  query: z.string().nullable().describe('One PromQL query using only catalog metrics and labels, or null when none fits.'),
  reason: z.string().describe('One sentence: why this query answers the question, or why none does.'),
});

export interface ModelTranslatorOptions {
  model: BaseChatModel;
  name?: string;
  timeoutMs?: number;
  maxRepairs?: number;
}

export type ModelOutcome = { ok: true; query: string; engine: string } | { ok: false; reason: string; declined: boolean };

/** A catalog excerpt the model may use: names, types, HELP, labels and a few values of each. */
export function groundingText(catalog: Catalog, families: readonly MetricFamily[]): string {
  return families.map((f) => {
    const labels = f.labels.filter((l) => l !== 'instance').map((l) => {
      const vs = catalog.labelValues(f.name, l);
      return `${l}=${vs.slice(0, 6).map((v) => JSON.stringify(v)).join('|')}${vs.length > 6 ? '|…' : ''}`;
    });
    return `- ${f.name} (${f.type}; series: ${f.samples.join(', ')}): ${f.help}\n  labels: ${labels.join('; ') || 'none'}`;
  }).join('\n');
}

export async function modelTranslate(opts: ModelTranslatorOptions, catalog: Catalog, question: string, candidates: readonly MetricFamily[]): Promise<ModelOutcome> {
  // No tools: the grounding is the catalog excerpt in the message, and the answer is checked against the whole catalog.
  const agent = buildAgent({
    model: opts.model,
    name: 'promql',
    ...(opts.name ? { engine: opts.name } : {}),
    systemPrompt: TRANSLATE_SYSTEM,
    responseSchema: ModelAnswer,
    timeoutMs: opts.timeoutMs ?? 8000,
    maxRepairs: opts.maxRepairs ?? 2,
    check: (v) => {
      if (v.query === null) return null;
      const check = validatePromQL(v.query, catalog);
      return check.ok ? null : `The query is not valid against the catalog: ${check.errors.join('; ')}. Fix it or answer null.`;
    },
  });
  const result = await agent.run(`${wrapUntrusted('catalog', groundingText(catalog, candidates))}\n${wrapUntrusted('question', question)}\n${TRANSLATE_TASK}`);
  if (!result.ok) return { ok: false, reason: result.reason, declined: false };
  if (result.value.query === null) return { ok: false, reason: result.value.reason, declined: true };
  return { ok: true, query: result.value.query, engine: result.engine };
}
