// The chat model client: any OpenAI-compatible server, no retries, cut off at the deadline.
import type { MessageContent } from '@langchain/core/messages';
import { ChatOpenAI, ChatOpenAICompletions, type ChatOpenAIFields } from '@langchain/openai';
import type { ModelConfig } from './config.ts';

/**
 * Chat completions with a local token estimate. When streaming, the stock client counts tokens with
 * tiktoken, which downloads its encoding from a third-party host at call time: that stalls air-gapped
 * installs past any deadline and contacts a host nobody configured. Four characters a token is close
 * enough for the usage figures it feeds.
 */
export class LocalTokenCompletions extends ChatOpenAICompletions {
  override async getNumTokens(content: MessageContent): Promise<number> {
    const text = typeof content === 'string' ? content : JSON.stringify(content);
    return Math.ceil(text.length / 4);
  }
}

/**
 * A chat client for the configured server. It never retries (the offline engine answers instead of a
 * second wait) and its HTTP timeout is the configured deadline. Each call also carries its own
 * AbortSignal (withDeadline in deadline.ts), so a call is cut off even while a server trickles a stream.
 */
export function createChatModel(cfg: ModelConfig): ChatOpenAI {
  const fields: ChatOpenAIFields = {
    model: cfg.model,
    apiKey: cfg.apiKey,
    configuration: {
      ...(cfg.baseURL ? { baseURL: cfg.baseURL } : {}),
      maxRetries: 0,
      timeout: cfg.timeoutMs,
    },
    timeout: cfg.timeoutMs,
    maxRetries: 0,
    streaming: cfg.streaming,
    // Coach phrasing should be steady, not creative; servers that ignore it do no harm.
    temperature: 0.2,
  };
  return new ChatOpenAI({ ...fields, completions: new LocalTokenCompletions(fields) });
}
