// Model access: configuration, the chat client, redaction, agents (buildAgent: the one way to call a model),
// the model phraser and the support agent.
// With no model configured, offlinePhraser answers; phraserFromConfig picks between the two.
import type { Clock } from '../types.ts';
import { offlinePhraser, type Phraser } from './api.ts';
import { createChatModel } from './chat-model.ts';
import type { ModelConfig } from './config.ts';
import type { SupportWriter } from '../support/writer.ts';
import { createModelPhraser } from './model-phraser.ts';
import { createModelSupportWriter } from './support-agent.ts';

export { buildAgent, modelName, type Agent, type AgentResult, type AgentSpec } from './agent.ts';
export { AgentLimitError, redactMessage } from './agent-middleware.ts';
export { offlinePhraser, type PhraseContext, type Phrased, type Phraser } from './api.ts';
export { LocalTokenCompletions, createChatModel } from './chat-model.ts';
export {
  DEFAULT_MODEL, DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS, MIN_TIMEOUT_MS, PLACEHOLDER_KEY, modelConfigFromEnv,
  type Env, type ModelConfig, type StructuredMethod,
} from './config.ts';
export { DeadlineError, describeFailure, withDeadline, type Failure, type FailureKind } from './deadline.ts';
export { MAX_PHRASED_CHARS, gateRewrite } from './gates.ts';
export { PhrasingSchema, createModelPhraser, phrasingRequest, structureProblem, type ModelPhraserOptions } from './model-phraser.ts';
export { wrapUntrusted } from './prompts.ts';
export { SupportAnswerSchema, createModelSupportWriter, type ModelSupportWriterOptions } from './support-agent.ts';
export { MAX_TIER_CHARS, SUPPORT_FACTS, gateSupportAnswer, timesIn } from './support-gates.ts';
export { supportTools } from './support-tools.ts';
export { EMAIL, REDACTED, redact, redactText, type Redacted, type RedactionKind } from './redact.ts';

/** The phraser for a configuration: the model's when one is configured, the offline engine otherwise. */
export function phraserFromConfig(cfg: ModelConfig | null, clock?: Clock): Phraser {
  if (!cfg) return offlinePhraser;
  return createModelPhraser({
    model: createChatModel(cfg),
    modelName: cfg.model,
    timeoutMs: cfg.timeoutMs,
    method: cfg.structuredMethod,
    ...(clock ? { clock } : {}),
  });
}

/** The support writer for a configuration: the model agent over `offline` when one is configured, `offline` otherwise. */
export function supportWriterFromConfig(cfg: ModelConfig | null, offline: SupportWriter): SupportWriter {
  if (!cfg) return offline;
  return createModelSupportWriter({
    model: createChatModel(cfg),
    modelName: cfg.model,
    timeoutMs: cfg.timeoutMs,
    method: cfg.structuredMethod,
    fallback: offline,
  });
}
