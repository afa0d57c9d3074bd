// The middleware every Mentat agent runs with: redaction of everything sent, and bounded model and tool calls.
import { AIMessage, HumanMessage, SystemMessage, ToolMessage, type BaseMessage, type MessageContent } from '@langchain/core/messages';
import { createMiddleware } from 'langchain';
import { redactText } from './redact.ts';

/** Thrown when a run would exceed its model-call or tool-call budget. */
export class AgentLimitError extends Error {
  constructor(readonly limit: 'model' | 'tool', readonly max: number) {
    super(`${limit === 'model' ? 'model' : 'tool'} call limit reached (${max} ${limit === 'model' ? 'model' : 'tool'} call${max === 1 ? '' : 's'})`);
    this.name = 'AgentLimitError';
  }
}

/** Calls made so far in one run, repair rounds included. */
export interface Usage {
  model: number;
  tool: number;
}

/** Redacts every string inside a value (tool-call arguments, content blocks), leaving its shape. */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redactText(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => redactDeep(v)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, redactDeep(v)])) as T;
  }
  return value;
}

const redactContent = (content: MessageContent): MessageContent => redactDeep(content);

/** A copy of a message with its content, tool calls and tool results redacted. */
export function redactMessage(msg: BaseMessage): BaseMessage {
  const content = redactContent(msg.content);
  const common = { content, id: msg.id, name: msg.name };
  if (ToolMessage.isInstance(msg)) {
    return new ToolMessage({ ...common, tool_call_id: msg.tool_call_id, status: msg.status });
  }
  if (AIMessage.isInstance(msg)) {
    return new AIMessage({
      ...common,
      tool_calls: redactDeep(msg.tool_calls ?? []),
      invalid_tool_calls: redactDeep(msg.invalid_tool_calls ?? []),
      additional_kwargs: redactDeep(msg.additional_kwargs),
    });
  }
  if (SystemMessage.isInstance(msg)) return new SystemMessage(common);
  if (HumanMessage.isInstance(msg)) return new HumanMessage(common);
  // Any other kind is sent as human text: redacted, never as is.
  return new HumanMessage({ content, id: msg.id });
}

/**
 * Redaction as the innermost wrapper of every model call: the system prompt and every message in the
 * request (human text, the model's own earlier tool calls, tool results) are redacted just before they
 * leave, so no capability can forget to.
 */
export function redactionMiddleware() {
  return createMiddleware({
    name: 'MentatRedaction',
    // A plain-string system message: some OpenAI-compatible servers reject content blocks there.
    wrapModelCall: (request, handler) =>
      handler({ ...request, systemMessage: new SystemMessage(redactText(request.systemMessage.text)), messages: request.messages.map(redactMessage) }),
  });
}

/**
 * Bounds one run: at most `maxModelCalls` model calls and `maxToolCalls` tool executions, counted in
 * `usage` across repair rounds. Exceeding either throws AgentLimitError, which ends the run as a failure.
 * A tool that fails answers the model with an error message instead of ending the run.
 */
export function budgetMiddleware(limits: { maxModelCalls: number; maxToolCalls: number }, usage: Usage) {
  return createMiddleware({
    name: 'MentatBudget',
    wrapModelCall: (request, handler) => {
      if (usage.model >= limits.maxModelCalls) throw new AgentLimitError('model', limits.maxModelCalls);
      usage.model++;
      return handler(request);
    },
    wrapToolCall: async (request, handler) => {
      if (usage.tool >= limits.maxToolCalls) throw new AgentLimitError('tool', limits.maxToolCalls);
      usage.tool++;
      try {
        return await handler(request);
      } catch (err) {
        const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
        return new ToolMessage({ content: `The tool failed: ${why}`, tool_call_id: request.toolCall.id ?? '', name: request.toolCall.name, status: 'error' });
      }
    },
  });
}

/** JSON mode: the provider is asked for a JSON object rather than a JSON schema it may not support. */
export function jsonModeMiddleware() {
  return createMiddleware({
    name: 'MentatJsonMode',
    wrapModelCall: (request, handler) =>
      handler({ ...request, modelSettings: { ...request.modelSettings, response_format: { type: 'json_object' } } }),
  });
}
