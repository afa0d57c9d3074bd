// The model support writer: an agent reads the incident's facts through read-only tools and writes both
// tiers; its answer passes support-gates.ts or the fallback writer (the offline templates) answers.
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { z } from 'zod';
import type { SupportFact } from '../support/types.ts';
import type { DraftInput, RewriteInput, SupportWriter, WriterResult } from '../support/writer.ts';
import { buildAgent } from './agent.ts';
import type { StructuredMethod } from './config.ts';
import { SUPPORT_DRAFT_TASK, SUPPORT_REWRITE_TASK, SUPPORT_SYSTEM, wrapUntrusted } from './prompts.ts';
import { SUPPORT_FACTS, gateSupportAnswer, groundingText } from './support-gates.ts';
import { supportTools } from './support-tools.ts';

export const SupportAnswerSchema = z
  .object({
    support: z.string().describe('Phase one only: a short internal note to the support person (what is known, what is not, that responders were asked to check). Empty for a rewrite.'),
    customer: z.string().describe('The answer for tier-1 customers: plain words, facts from the tools only, no internals, at most 1200 characters.'),
    partner: z.string().describe('The answer for technical partners: more detail, the same exclusions, at most 1200 characters.'),
    missing: z.array(z.enum(SUPPORT_FACTS)).describe('Facts a customer would want that the text cannot state yet.'),
    asks: z.array(z.string()).describe('One short question to the responder per missing fact.'),
  })
  .describe('A support answer in two tiers, with what is still missing.');

export interface ModelSupportWriterOptions {
  model: BaseChatModel;
  /** Reported as `engine` when the model's answer is used. */
  modelName: string;
  timeoutMs: number;
  /** Answers whenever the model fails or its answer fails a check; usually the offline writer. */
  fallback: SupportWriter;
  method?: StructuredMethod;
}

const clip = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

function draftRequest(input: DraftInput): string {
  return [
    `Incident ${input.facts.key}.`,
    `The support person asks:\n${wrapUntrusted('question', clip(input.question, 2000))}`,
    SUPPORT_DRAFT_TASK,
  ].join('\n\n');
}

function rewriteRequest(input: RewriteInput): string {
  return [
    `Incident ${input.facts.key}.`,
    `The support person asked:\n${wrapUntrusted('question', clip(input.question, 2000))}`,
    `A responder replied in their own words:\n${wrapUntrusted('responder reply', `${clip(input.responder, 100)}: ${clip(input.reply, 4000)}`)}`,
    SUPPORT_REWRITE_TASK,
  ].join('\n\n');
}

/**
 * A SupportWriter backed by a model agent. It never throws on the model's account: a timeout, an HTTP
 * error, unusable output or a failed check returns the fallback writer's result with `fallback` set to why.
 */
export function createModelSupportWriter(opts: ModelSupportWriterOptions): SupportWriter {
  async function write(phase: 'draft' | 'rewrite', input: DraftInput | RewriteInput, request: string, reply: string | null): Promise<WriterResult | string> {
    const agent = buildAgent({
      model: opts.model,
      name: 'support_answer',
      engine: opts.modelName,
      systemPrompt: SUPPORT_SYSTEM,
      tools: supportTools(input.facts),
      responseSchema: SupportAnswerSchema,
      timeoutMs: opts.timeoutMs,
      maxRepairs: 1,
      maxModelCalls: 5,
      maxToolCalls: 8,
      ...(opts.method ? { method: opts.method } : {}),
    });
    const result = await agent.run(request);
    if (!result.ok) return result.reason;
    const answer = { ...result.value, support: phase === 'rewrite' ? '' : result.value.support };
    const problem = gateSupportAnswer(answer, groundingText(input.facts, reply), phase);
    if (problem) return `model output failed a check: ${problem}`;
    return {
      support: answer.support.trim(),
      tiers: { customer: answer.customer.trim(), partner: answer.partner.trim() },
      missing: [...new Set<SupportFact>(answer.missing)],
      asks: answer.asks.map((a) => a.trim()),
      engine: result.engine,
      fallback: null,
    };
  }

  return {
    engine: opts.modelName,
    async draft(input) {
      const out = await write('draft', input, draftRequest(input), null);
      return typeof out === 'string' ? { ...(await opts.fallback.draft(input)), fallback: out } : out;
    },
    async rewrite(input) {
      const out = await write('rewrite', input, rewriteRequest(input), input.reply);
      return typeof out === 'string' ? { ...(await opts.fallback.rewrite(input)), fallback: out } : out;
    },
  };
}
