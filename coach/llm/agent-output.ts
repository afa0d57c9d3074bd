// Reading what an agent run produced: the structured response, or why there is none usable.
import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import { MiddlewareError, StructuredOutputParsingError } from 'langchain';
import { z } from 'zod';
import { AgentLimitError } from './agent-middleware.ts';
import { describeFailure, type Failure } from './deadline.ts';

export type Read<T> = { value: T } | { problem: string; raw: string };

export const clip = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

function validate<S extends z.ZodType>(schema: S, candidate: unknown, raw: string): Read<z.infer<S>> {
  const parsed = schema.safeParse(candidate);
  return parsed.success ? { value: parsed.data } : { problem: clip(z.prettifyError(parsed.error), 600), raw };
}

function lastAi(messages: BaseMessage[]): AIMessage | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m && AIMessage.isInstance(m)) return m;
  }
  return null;
}

/**
 * The run's answer checked against the schema. The structured response comes first; when the model
 * answered in prose or JSON content instead (servers that ignore tool_choice do), that is read too.
 */
export function readAnswer<S extends z.ZodType>(schema: S, out: { messages: BaseMessage[]; structuredResponse?: unknown }): Read<z.infer<S>> {
  if (out.structuredResponse !== undefined && out.structuredResponse !== null) {
    return validate(schema, out.structuredResponse, JSON.stringify(out.structuredResponse));
  }
  const msg = lastAi(out.messages);
  if (!msg) return { problem: 'there was no answer', raw: '' };
  const broken = msg.invalid_tool_calls?.[0];
  if (broken) return { problem: 'the tool-call arguments were not valid JSON', raw: broken.args ?? '' };
  const text = typeof msg.content === 'string' ? msg.content.trim() : msg.text.trim();
  if (!text) return { problem: 'the answer was empty (the model may have refused)', raw: '' };
  const unfenced = text.replace(/^```(?:json)?\s*/i, '').replace(/\s*```$/, '');
  try {
    return validate(schema, JSON.parse(unfenced), text);
  } catch {
    return { problem: `the answer was not JSON: "${clip(text, 80)}"`, raw: text };
  }
}

/** The problem a structured-output parse error names, for a repair or a reason. */
export function parseProblem(err: StructuredOutputParsingError): string {
  return clip(err.errors.length ? err.errors.join('; ') : 'the answer did not match the schema', 600);
}

/** Middleware rewraps what it throws; the error that matters is underneath. */
function rootCause(err: unknown): unknown {
  let e = err;
  for (let depth = 0; depth < 10 && MiddlewareError.isInstance(e) && e.cause !== undefined; depth++) e = e.cause;
  return e;
}

/** Anything an agent run threw, as a kind and a reason a person can read. */
export function describeAgentFailure(err: unknown, timeoutMs: number): Failure {
  const cause = rootCause(err);
  if (cause instanceof AgentLimitError) return { kind: 'limit', reason: `model run stopped: ${cause.message}` };
  if (cause instanceof StructuredOutputParsingError) return { kind: 'invalid', reason: `model returned invalid output: ${parseProblem(cause)}` };
  if (cause instanceof Error && cause.name === 'GraphRecursionError') return { kind: 'limit', reason: 'model run stopped: too many steps' };
  return describeFailure(cause, timeoutMs);
}
