// The one way Mentat calls a model: a langchain agent (createAgent) with read-only tools, a zod response
// schema, redaction as middleware, bounded model and tool calls, and one wall-clock deadline.
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, HumanMessage, type BaseMessage } from '@langchain/core/messages';
import type { StructuredToolInterface } from '@langchain/core/tools';
import { createAgent, ProviderStrategy, StructuredOutputParsingError, ToolStrategy, type ResponseFormat } from 'langchain';
import type { z } from 'zod';
import { budgetMiddleware, jsonModeMiddleware, redactionMiddleware, type Usage } from './agent-middleware.ts';
import { clip, describeAgentFailure, parseProblem, readAnswer } from './agent-output.ts';
import type { StructuredMethod } from './config.ts';
import { withDeadline, type FailureKind } from './deadline.ts';
import { acquireModelSlot, modelCalls, noteModelFailure } from './limit.ts';
import { repairMessage } from './prompts.ts';

export interface AgentSpec<S extends z.ZodObject> {
  model: BaseChatModel;
  /** Names the structured answer (the tool the model fills in); letters, digits and underscores. */
  name: string;
  /** Reported as `engine` on success; defaults to the model's name. */
  engine?: string;
  systemPrompt: string;
  /**
   * Read-only tools. No tool may change anything anywhere (no writes, no sends, no queries run on a
   * person's behalf): incident text is untrusted, and a model steered by it must have nothing to act with.
   */
  tools?: StructuredToolInterface[];
  /** What the run must answer; every field `.describe()`d, since the model reads the descriptions. */
  responseSchema: S;
  /** Budget for the whole run, tool calls and repairs included. */
  timeoutMs: number;
  /** Model calls per run, repairs included (default: 1 + maxRepairs + one per possible tool round). */
  maxModelCalls?: number;
  /** Tool executions per run (default 4). */
  maxToolCalls?: number;
  /** Times an unusable answer is sent back with its problem (default 1; 0 = none). */
  maxRepairs?: number;
  /** Checks a schema-valid value; returns the problem to send back, or null to accept it. */
  check?: (value: z.infer<S>) => string | null;
  method?: StructuredMethod;
}

export type AgentResult<T> =
  | { ok: true; value: T; engine: string; attempts: number }
  | { ok: false; kind: FailureKind; reason: string; attempts: number };

export interface Agent<T> {
  readonly engine: string;
  /** Never throws: every failure comes back as `{ ok: false, kind, reason }`. */
  run(userText: string, opts?: { signal?: AbortSignal }): Promise<AgentResult<T>>;
}

/** The name a chat model reports for itself, for `engine` fields. */
export function modelName(model: BaseChatModel): string {
  const named = (model as unknown as { model?: unknown }).model;
  return typeof named === 'string' && named ? named : model._llmType();
}

interface RunOutput {
  messages: BaseMessage[];
  structuredResponse?: unknown;
}

export function buildAgent<S extends z.ZodObject>(spec: AgentSpec<S>): Agent<z.infer<S>> {
  type T = z.infer<S>;
  const engine = spec.engine ?? modelName(spec.model);
  const tools = spec.tools ?? [];
  const maxRepairs = Math.max(0, Math.min(spec.maxRepairs ?? 1, 5));
  const maxToolCalls = Math.max(0, spec.maxToolCalls ?? 4);
  const maxModelCalls = Math.max(1, spec.maxModelCalls ?? 1 + maxRepairs + (tools.length ? 2 : 0));
  const method = spec.method ?? 'functionCalling';
  const schema = spec.responseSchema.meta({ title: spec.name });

  // One agent per run: the budget and the repair count belong to that run (building one takes well under a millisecond).
  function agentFor(usage: Usage, repairs: { used: number }) {
    const responseFormat: ResponseFormat = method === 'functionCalling'
      ? ToolStrategy.fromSchema(schema, {
        handleError: (err) => {
          if (!(err instanceof StructuredOutputParsingError) || repairs.used >= maxRepairs) throw err;
          repairs.used++;
          return repairMessage(parseProblem(err));
        },
      })
      : ProviderStrategy.fromSchema(schema);
    return createAgent({
      model: spec.model,
      tools,
      systemPrompt: spec.systemPrompt,
      responseFormat,
      // Order matters: the first is outermost, so redaction sees the final request just before it leaves.
      middleware: [budgetMiddleware({ maxModelCalls, maxToolCalls }, usage), ...(method === 'jsonMode' ? [jsonModeMiddleware()] : []), redactionMiddleware()],
    });
  }

  async function loop(userText: string, signal: AbortSignal, usage: Usage): Promise<AgentResult<T>> {
    const repairs = { used: 0 };
    const agent = agentFor(usage, repairs);
    let messages: BaseMessage[] = [new HumanMessage(userText)];
    for (;;) {
      const out = (await agent.invoke({ messages }, { signal, recursionLimit: 4 * maxModelCalls + 10 })) as RunOutput;
      const read = readAnswer(spec.responseSchema, out);
      let problem: string;
      if ('value' in read) {
        const complaint = spec.check?.(read.value) ?? null;
        if (complaint === null) return { ok: true, value: read.value, engine, attempts: usage.model };
        problem = complaint;
        messages = [...out.messages];
      } else {
        problem = read.problem;
        // The unusable answer goes back as plain text: a broken tool call would need a tool result.
        messages = out.messages.filter((m, i) => i !== out.messages.length - 1 || !AIMessage.isInstance(m));
        messages.push(new AIMessage(clip(read.raw || '(no usable answer)', 4000)));
      }
      if (repairs.used >= maxRepairs) {
        const tries = usage.model > 1 ? ` (after ${usage.model} attempts)` : '';
        return { ok: false, kind: 'invalid', reason: `model returned invalid output: ${problem}${tries}`, attempts: usage.model };
      }
      repairs.used++;
      messages.push(new HumanMessage(repairMessage(problem)));
    }
  }

  return {
    engine,
    async run(userText, opts = {}) {
      const usage: Usage = { model: 0, tool: 0 };
      const release = acquireModelSlot();
      if (!release) {
        const { max } = modelCalls();
        const reason = `model busy: ${max} calls already in flight (MENTAT_MODEL_CONCURRENCY)`;
        noteModelFailure('limit', reason);
        return { ok: false, kind: 'limit', reason, attempts: 0 };
      }
      try {
        const result = await withDeadline(spec.timeoutMs, (deadline) =>
          loop(userText, opts.signal ? AbortSignal.any([deadline, opts.signal]) : deadline, usage));
        if (!result.ok) noteModelFailure(result.kind, result.reason);
        return result;
      } catch (err) {
        if (opts.signal?.aborted) return { ok: false, kind: 'error', reason: 'model call cancelled', attempts: usage.model };
        const failure = describeAgentFailure(err, spec.timeoutMs);
        const tries = failure.kind === 'invalid' && usage.model > 1 ? ` (after ${usage.model} attempts)` : '';
        noteModelFailure(failure.kind, `${failure.reason}${tries}`);
        return { ok: false, kind: failure.kind, reason: `${failure.reason}${tries}`, attempts: usage.model };
      } finally {
        release();
      }
    },
  };
}
