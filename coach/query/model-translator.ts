// The model translator: the model proposes, the validator disposes. A langchain agent grounded with the
// candidate metrics, with read-only tools to search the catalog, read a metric's labels and values, and check a
// candidate query (grammar, catalog, and Prometheus' own parser when one is reachable); its answer passes the
// same validation before anything is shown, with the complaint sent back within a bound.
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { tool, type StructuredToolInterface } from '@langchain/core/tools';
import { z } from 'zod';
import { buildAgent, wrapUntrusted } from '../llm/index.ts';
import type { Catalog, MetricFamily } from './api.ts';
import { candidateFamilies } from './offline.ts';
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
  /** Prometheus' own formatting of a query (`/api/v1/format_query`): throws on a query it rejects, null when unsupported. */
  formatQuery?: (query: string) => Promise<string | null>;
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

const VALUES_SHOWN = 20;

/** Read-only views of the catalog, and a check of a candidate query. Nothing here runs a query or writes. */
export function translateTools(catalog: Catalog, formatQuery?: ModelTranslatorOptions['formatQuery']): StructuredToolInterface[] {
  const search = tool(({ words }) => {
    const found = candidateFamilies(catalog, words, 8);
    return found.length ? groundingText(catalog, found) : `No metric of the catalog matches "${words}".`;
  }, {
    name: 'search_metrics',
    description: 'Metric families of the catalog whose name, HELP text, type or unit match the words, best first, with their labels. Read-only.',
    schema: z.object({ words: z.string().min(1).max(300).describe('Words to look for, e.g. "disk write operations".') }),
  });
  const labels = tool(({ metric }) => {
    const fam = catalog.family(metric) ?? catalog.familyOfSample(metric);
    if (!fam) return `The catalog has no metric ${metric}.`;
    return `${fam.name} (${fam.type}; series: ${fam.samples.join(', ')}): ${fam.help}\n` + fam.labels.map((l) => {
      const vs = catalog.labelValues(fam.name, l);
      return `${l}: ${vs.slice(0, VALUES_SHOWN).map((v) => JSON.stringify(v)).join(', ')}${vs.length > VALUES_SHOWN ? ` … (${vs.length} values)` : ''}`;
    }).join('\n');
  }, {
    name: 'metric_labels',
    description: "A metric family's labels and their values (up to 20 each). Read-only.",
    schema: z.object({ metric: z.string().min(1).max(300).describe('A metric name from the catalog.') }),
  });
  const check = tool(async ({ query }) => {
    const v = validatePromQL(query, catalog);
    if (!v.ok) return `Invalid: ${v.errors.join('; ')}`;
    if (formatQuery) {
      try {
        const formatted = await formatQuery(query);
        if (formatted !== null) return `Valid. Prometheus reads it as: ${formatted}`;
      } catch (err) {
        return `Prometheus rejects it: ${err instanceof Error ? err.message : String(err)}`;
      }
    }
    return 'Valid against the catalog.';
  }, {
    name: 'check_query',
    description: 'Checks a candidate PromQL query: grammar, metrics and labels of the catalog, and Prometheus\' own parser. Runs nothing. Read-only.',
    schema: z.object({ query: z.string().min(1).max(5000).describe('The PromQL query to check.') }),
  });
  return [search, labels, check];
}

export async function modelTranslate(opts: ModelTranslatorOptions, catalog: Catalog, question: string, candidates: readonly MetricFamily[]): Promise<ModelOutcome> {
  const agent = buildAgent({
    model: opts.model,
    name: 'promql',
    ...(opts.name ? { engine: opts.name } : {}),
    systemPrompt: TRANSLATE_SYSTEM,
    tools: translateTools(catalog, opts.formatQuery),
    responseSchema: ModelAnswer,
    timeoutMs: opts.timeoutMs ?? 8000,
    maxRepairs: opts.maxRepairs ?? 2,
    maxToolCalls: 6,
    check: (v) => {
      if (v.query === null) return null;
      const check = validatePromQL(v.query, catalog);
      return check.ok ? null : `The query is not valid against the catalog: ${check.errors.join('; ')}. Fix it or answer null.`;
    },
  });
  const result = await agent.run(`${wrapUntrusted('catalog', groundingText(catalog, candidates))}\n${wrapUntrusted('question', question)}\n${TRANSLATE_TASK}`);
  if (!result.ok) return { ok: false, reason: result.reason, declined: false };
  if (result.value.query === null) return { ok: false, reason: result.value.reason, declined: true };
  // Prometheus has the last word on the grammar when it is reachable; a query it rejects is never shown.
  if (opts.formatQuery) {
    try {
      await opts.formatQuery(result.value.query);
    } catch (err) {
      return { ok: false, reason: `Prometheus rejects the model's query: ${err instanceof Error ? err.message : String(err)}`, declined: false };
    }
  }
  return { ok: true, query: result.value.query, engine: result.engine };
}
