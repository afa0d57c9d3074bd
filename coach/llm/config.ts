// Model configuration, read once by the composition root from its environment.
import { z } from 'zod';
import { CodedError } from '../types.ts';
import { DEFAULT_MODEL_CONCURRENCY } from './limit.ts';

export type StructuredMethod = 'functionCalling' | 'jsonSchema' | 'jsonMode';

export interface ModelConfig {
  /** The API key, or a placeholder for local servers that need none. */
  apiKey: string;
  /** True when apiKey is the placeholder. */
  keyless: boolean;
  /** OpenAI-compatible base URL (…/v1), null for api.openai.com. */
  baseURL: string | null;
  model: string;
  timeoutMs: number;
  streaming: boolean;
  /** How structured output is requested; tool calling works on the most OpenAI-compatible servers. */
  structuredMethod: StructuredMethod;
  /** Model calls in flight at once (MENTAT_MODEL_CONCURRENCY); past it the offline engine answers. */
  concurrency: number;
}

export const DEFAULT_MODEL = 'gpt-4o-mini';
export { DEFAULT_MODEL_CONCURRENCY };
export const DEFAULT_TIMEOUT_MS = 8000;
export const MIN_TIMEOUT_MS = 500;
export const MAX_TIMEOUT_MS = 60_000;
/** Sent as the key to servers that ignore it (Ollama, vLLM, LM Studio); the client library requires one. */
export const PLACEHOLDER_KEY = 'mentat-no-key';

export type Env = Record<string, string | undefined>;

const bool = z.enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off']);
const methods = z.enum(['functionCalling', 'jsonSchema', 'jsonMode']);

function invalid(name: string, value: string, expected: string): CodedError {
  return new CodedError(
    'model_config_invalid',
    `${name}=${JSON.stringify(value)} is not valid: expected ${expected}. Fix or unset ${name} and start again.`,
    400,
    { variable: name },
  );
}

/** Unset and blank are the same: a blank line in an env file should not change behaviour. */
function read(env: Env, name: string): string | null {
  const v = env[name]?.trim();
  return v ? v : null;
}

function parseBaseURL(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid('OPENAI_BASE_URL', raw, 'an http(s) URL such as http://127.0.0.1:11434/v1');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalid('OPENAI_BASE_URL', raw, 'an http(s) URL such as http://127.0.0.1:11434/v1');
  }
  return raw.replace(/\/+$/, '');
}

function parseTimeout(raw: string | null): number {
  if (raw === null) return DEFAULT_TIMEOUT_MS;
  const expected = `a whole number of milliseconds from ${MIN_TIMEOUT_MS} to ${MAX_TIMEOUT_MS}`;
  if (!/^\d+$/.test(raw)) throw invalid('MENTAT_MODEL_TIMEOUT_MS', raw, expected);
  const ms = Number(raw);
  if (ms < MIN_TIMEOUT_MS || ms > MAX_TIMEOUT_MS) throw invalid('MENTAT_MODEL_TIMEOUT_MS', raw, expected);
  return ms;
}

/**
 * The model configuration from the environment, or null when no model is configured (neither
 * OPENAI_API_KEY nor OPENAI_BASE_URL set): the offline engine answers then.
 * Throws CodedError `model_config_invalid` naming the variable when a value is unusable.
 */
export function modelConfigFromEnv(env: Env): ModelConfig | null {
  const key = read(env, 'OPENAI_API_KEY');
  const base = read(env, 'OPENAI_BASE_URL');
  if (key === null && base === null) return null;

  const model = read(env, 'MENTAT_MODEL') ?? DEFAULT_MODEL;
  if (/\s/.test(model) || model.length > 200) throw invalid('MENTAT_MODEL', model, 'a model name without spaces');

  const streamingRaw = read(env, 'MENTAT_MODEL_STREAMING');
  const streaming = streamingRaw === null ? false : bool.safeParse(streamingRaw.toLowerCase());
  if (typeof streaming !== 'boolean' && !streaming.success) {
    throw invalid('MENTAT_MODEL_STREAMING', streamingRaw ?? '', 'true or false');
  }

  const methodRaw = read(env, 'MENTAT_MODEL_STRUCTURED_OUTPUT');
  const method = methodRaw === null ? null : methods.safeParse(methodRaw);
  if (method && !method.success) {
    throw invalid('MENTAT_MODEL_STRUCTURED_OUTPUT', methodRaw ?? '', 'functionCalling, jsonSchema or jsonMode');
  }

  return {
    apiKey: key ?? PLACEHOLDER_KEY,
    keyless: key === null,
    baseURL: base === null ? null : parseBaseURL(base),
    model,
    timeoutMs: parseTimeout(read(env, 'MENTAT_MODEL_TIMEOUT_MS')),
    streaming: typeof streaming === 'boolean' ? streaming : ['1', 'true', 'yes', 'on'].includes(streaming.data),
    structuredMethod: method?.data ?? 'functionCalling',
    concurrency: parseConcurrency(read(env, 'MENTAT_MODEL_CONCURRENCY')),
  };
}

function parseConcurrency(raw: string | null): number {
  if (raw === null) return DEFAULT_MODEL_CONCURRENCY;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 64) throw invalid('MENTAT_MODEL_CONCURRENCY', raw, 'a whole number from 1 to 64');
  return Number(raw);
}
