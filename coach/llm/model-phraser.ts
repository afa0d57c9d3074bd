// The model phraser: rewrites decided turns through a model, inside gates, falling back to the offline text.
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { z } from 'zod';
import { systemClock, type Clock, type TurnDraft } from '../types.ts';
import type { PhraseContext, Phrased, Phraser } from './api.ts';
import type { StructuredMethod } from './config.ts';
import { describeFailure } from './deadline.ts';
import { gateRewrite } from './gates.ts';
import { buildAgent } from './agent.ts';
import { PHRASER_SYSTEM, PHRASER_TASK, wrapUntrusted } from './prompts.ts';
import { redactText } from './redact.ts';

export const PhrasingSchema = z
  .object({
    turns: z
      .array(
        z
          .object({
            index: z.number().int().describe('The index of the draft this text rewrites, exactly as given (1 for the first draft).'),
            text: z.string().describe('The rewritten text of that draft: same meaning, same intent, a question stays a question, at most 600 characters.'),
          })
          .describe('One rewritten draft.'),
      )
      .describe('Exactly one entry per draft, in the same order as the drafts.'),
  })
  .describe('The rewritten coach turns.');

export type Phrasing = z.infer<typeof PhrasingSchema>;

export interface ModelPhraserOptions {
  model: BaseChatModel;
  /** Reported as `engine` on turns the model phrased. */
  modelName: string;
  timeoutMs: number;
  /** The coach's clock, so the model reads the incident's time (simulated in replay), not the host's. */
  clock?: Clock;
  method?: StructuredMethod;
  /** Repairs cost a second round trip; phrasing has the offline text to fall back on, so none by default. */
  maxRepairs?: number;
}

const MAX_RECENT = 12;
const clip = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** Count and order: the only structural promises a phrasing must keep before each text is gated. */
export function structureProblem(value: Phrasing, expected: number): string | null {
  if (value.turns.length !== expected) return `${value.turns.length} texts for ${expected} turns`;
  const misplaced = value.turns.findIndex((t, i) => t.index !== i + 1);
  return misplaced === -1 ? null : `entry ${misplaced + 1} has index ${value.turns[misplaced]?.index}: the turns were reordered`;
}

/** The human message of a phrasing run; PHRASER_SYSTEM is its system prompt. */
export function phrasingRequest(drafts: TurnDraft[], sent: string[], ctx: PhraseContext, now: Date): string {
  const recent = ctx.recent.slice(-MAX_RECENT).map((r, i) => wrapUntrusted(`recent ${i + 1}`, clip(redactText(r), 500)));
  const parts = [
    `Incident title:\n${wrapUntrusted('incident title', clip(redactText(ctx.incidentTitle), 300))}`,
    `Service: ${ctx.service ? wrapUntrusted('service', clip(redactText(ctx.service), 100)) : '(none)'}`,
    `Now: ${now.toISOString()}`,
    `Recent events, oldest first:\n${recent.length ? recent.join('\n') : '(none)'}`,
  ];
  if (ctx.message) parts.push(`The message being answered:\n${wrapUntrusted('message', clip(redactText(ctx.message), 2000))}`);
  const list = drafts.map((d, i) => ({ index: i + 1, type: d.type, rule: d.rule, question: /\?\s*$/.test(d.text), text: sent[i] }));
  parts.push(`Drafts to rewrite (JSON):\n${JSON.stringify(list, null, 1)}`, PHRASER_TASK);
  return parts.join('\n\n');
}

const offline = (drafts: TurnDraft[], fallback: string): Phrased[] => drafts.map((d) => ({ text: d.text, engine: 'offline', fallback }));

/**
 * A Phraser backed by a chat model. Each rewrite passes gateRewrite or that turn keeps its offline text;
 * a timeout, an HTTP error or unusable output puts every turn back on its offline text. Never throws.
 */
export function createModelPhraser(opts: ModelPhraserOptions): Phraser {
  const clock = opts.clock ?? systemClock;
  return {
    engine: opts.modelName,
    async phrase(drafts, ctx) {
      if (drafts.length === 0) return [];
      try {
        const sent = drafts.map((d) => redactText(d.text));
        // No tools: a phrasing needs nothing but the drafts and the context it is given.
        const agent = buildAgent({
          model: opts.model,
          name: 'phrased_turns',
          engine: opts.modelName,
          systemPrompt: PHRASER_SYSTEM,
          responseSchema: PhrasingSchema,
          timeoutMs: opts.timeoutMs,
          maxRepairs: opts.maxRepairs ?? 0,
          check: (value) => structureProblem(value, drafts.length),
          ...(opts.method ? { method: opts.method } : {}),
        });
        const result = await agent.run(phrasingRequest(drafts, sent, ctx, clock.now()));
        if (!result.ok) return offline(drafts, result.reason);
        return drafts.map((d, i) => {
          const text = result.value.turns[i]?.text ?? '';
          const rejected = gateRewrite(d, sent[i] ?? '', text);
          return rejected ? { text: d.text, engine: 'offline', fallback: rejected } : { text: text.trim(), engine: result.engine, fallback: null };
        });
      } catch (err) {
        return offline(drafts, describeFailure(err, opts.timeoutMs).reason);
      }
    },
  };
}
