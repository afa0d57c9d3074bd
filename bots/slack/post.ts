// Posting that respects Slack's limits: long content goes out as several messages in order, text is cut
// with a link to the full version. Rate limits (429 + Retry-After) are handled by the Web API client's
// retry policy, configured in app.ts.
import type { webApi } from '@slack/bolt';
import type { Turn } from '../../coach/types.ts';
import { chunkBlocks, LIMITS, truncate, type KnownBlock } from './views/limits.ts';
import { turnsBlocks, turnsFallback } from './views/turns.ts';

type WebClient = webApi.WebClient;

export interface PostTarget {
  channel: string;
  /** Reply in this thread; null posts to the channel. */
  threadTs: string | null;
}

/** Posts blocks as one message or, past 50 blocks, several in order. Resolves to the first message's ts. */
export async function postBlocks(client: WebClient, to: PostTarget, blocks: KnownBlock[], text: string): Promise<string | null> {
  let first: string | null = null;
  const parts = chunkBlocks(blocks, LIMITS.messageBlocks);
  for (const [i, part] of parts.entries()) {
    const suffix = parts.length > 1 ? ` (${i + 1}/${parts.length})` : '';
    const res = await client.chat.postMessage({
      channel: to.channel,
      ...(to.threadTs ? { thread_ts: to.threadTs } : {}),
      text: truncate(text, LIMITS.fallbackText - suffix.length) + suffix,
      ...(part.length > 0 ? { blocks: part } : {}),
      unfurl_links: false,
      unfurl_media: false,
    });
    first ??= typeof res.ts === 'string' ? res.ts : null;
  }
  return first;
}

export async function postTurns(client: WebClient, to: PostTarget, turns: Turn[], fullTextUrl: string | null): Promise<void> {
  if (turns.length === 0) return;
  await postBlocks(client, to, turnsBlocks(turns, fullTextUrl), turnsFallback(turns));
}

