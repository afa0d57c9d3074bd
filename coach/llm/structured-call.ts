// One structured request to a model: schema-validated, deadline-bound, redacted, with a bounded repair loop.
import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { z } from 'zod';
import type { StructuredMethod } from './config.ts';
import { describeFailure, withDeadline, type FailureKind } from './deadline.ts';
import { repairMessage } from './prompts.ts';
import { redactText } from './redact.ts';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface StructuredCallOptions<T> {
  /** Budget for the whole call, repairs included. */
  timeoutMs: number;
  /** Checks a schema-valid value; returns the problem to send back to the model, or null to accept it. */
  repair?: (value: T) => string | null;
  /** How many times a rejected answer is sent back for another try (default 1; 0 = no repair). */
  maxRepairs?: number;
  method?: StructuredMethod;
  /** Name of the tool or JSON schema the model fills in. */
  name?: string;
  /** Reported as `engine` on success; defaults to the model's name. */
  engine?: string;
}

export type StructuredResult<T> =
  | { ok: true; value: T; engine: string; attempts: number }
  | { ok: false; kind: FailureKind; reason: string; attempts: number };

/** The name a chat model reports for itself, for `engine` fields. */
export function modelName(model: BaseChatModel): string {
  const named = (model as unknown as { model?: unknown }).model;
  return typeof named === 'string' && named ? named : model._llmType();
}

function toMessages(convo: ChatMessage[]): BaseMessage[] {
  return convo.map((m) =>
    m.role === 'system' ? new SystemMessage(m.content) : m.role === 'user' ? new HumanMessage(m.content) : new AIMessage(m.content),
  );
}

const clip = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

type Checked<T> = { value: T } | { problem: string; raw: string };

function validate<T>(schema: z.ZodType<T>, candidate: unknown, raw: string): Checked<T> {
  const parsed = schema.safeParse(candidate);
  return parsed.success ? { value: parsed.data } : { problem: clip(z.prettifyError(parsed.error), 600), raw };
}

/** Finds what the model actually said and why it does not fit, whatever the structured-output method. */
function check<T>(schema: z.ZodType<T>, outcome: { raw: BaseMessage; parsed: unknown }): Checked<T> {
  if (outcome.parsed !== null && outcome.parsed !== undefined) return validate(schema, outcome.parsed, JSON.stringify(outcome.parsed));
  const msg = outcome.raw as AIMessage;
  const call = msg.tool_calls?.[0];
  if (call) return validate(schema, call.args, JSON.stringify(call.args));
  const broken = msg.invalid_tool_calls?.[0];
  if (broken) return { problem: 'the tool-call arguments were not valid JSON', raw: broken.args ?? '' };
  const text = typeof msg.content === 'string' ? msg.content.trim() : JSON.stringify(msg.content);
  if (!text) return { problem: 'the answer was empty (the model may have refused)', raw: '' };
  const unfenced = text.replace(/^```(?:json)?\s*/i, '').replace(/\s*```$/, '');
  try {
    return validate(schema, JSON.parse(unfenced), text);
  } catch {
    return { problem: `the answer was not JSON: "${clip(text, 80)}"`, raw: text };
  }
}

/**
 * Asks the model for a value of `schema`. Every message is redacted before it leaves. A schema-invalid
 * answer, or one `repair` rejects, is sent back with the problem up to `maxRepairs` times. Never throws:
 * timeouts, HTTP errors and invalid output come back as `{ ok: false, reason }`.
 */
export async function structuredCall<T extends Record<string, unknown>>(
  model: BaseChatModel,
  schema: z.ZodType<T>,
  messages: ChatMessage[],
  opts: StructuredCallOptions<T>,
): Promise<StructuredResult<T>> {
  const maxRepairs = Math.max(0, Math.min(opts.maxRepairs ?? 1, 5));
  const engine = opts.engine ?? modelName(model);
  const started = performance.now();
  const convo = messages.map((m) => ({ role: m.role, content: redactText(m.content) }));
  let attempts = 0;
  let problem = '';
  try {
    const runnable = model.withStructuredOutput(schema, { method: opts.method ?? 'functionCalling', name: opts.name ?? 'answer', includeRaw: true });
    while (attempts <= maxRepairs) {
      const remaining = opts.timeoutMs - (performance.now() - started);
      if (remaining <= 0) return { ok: false, kind: 'timeout', reason: `model timed out after ${opts.timeoutMs} ms`, attempts };
      attempts++;
      let checked: Checked<T>;
      try {
        const outcome = await withDeadline(remaining, (signal) => runnable.invoke(toMessages(convo), { signal }));
        checked = check(schema, outcome);
      } catch (err) {
        const failure = describeFailure(err, opts.timeoutMs);
        if (failure.kind !== 'invalid') return { ok: false, ...failure, attempts };
        checked = { problem: failure.reason.replace(/^model returned invalid output: /, ''), raw: '' };
      }
      if ('value' in checked) {
        const complaint = opts.repair?.(checked.value) ?? null;
        if (complaint === null) return { ok: true, value: checked.value, engine, attempts };
        checked = { problem: complaint, raw: JSON.stringify(checked.value) };
      }
      problem = checked.problem;
      convo.push({ role: 'assistant', content: redactText(clip(checked.raw || '(no usable answer)', 4000)) });
      convo.push({ role: 'user', content: repairMessage(redactText(problem)) });
    }
  } catch (err) {
    return { ok: false, ...describeFailure(err, opts.timeoutMs), attempts };
  }
  const tries = attempts === 1 ? '' : ` (after ${attempts} attempts)`;
  return { ok: false, kind: 'invalid', reason: `model returned invalid output: ${problem}${tries}`, attempts };
}
