// A person's query run, posted back to the thread: who ran it, what, and a readable cut of the result.
import { codeBlock, context, LIMITS, mrkdwn, truncate, type KnownBlock } from './limits.ts';
import type { QueryCardData } from './turns.ts';

/** The query service decides the result's shape; this prints its summary when it has one, else its JSON. */
export function resultText(result: unknown): string {
  if (typeof result === 'string') return result;
  if (result && typeof result === 'object') {
    const r = result as Record<string, unknown>;
    for (const key of ['summary', 'text']) if (typeof r[key] === 'string') return r[key];
  }
  return JSON.stringify(result, null, 2) ?? 'no result';
}

export function runResultBlocks(userId: string, card: QueryCardData, result: unknown, fullTextUrl: string | null): KnownBlock[] {
  const body = truncate(resultText(result), LIMITS.sectionText - 400, fullTextUrl);
  return [
    mrkdwn(`<@${userId}> ran:\n${codeBlock(truncate(card.text, 1_000))}`),
    mrkdwn(codeBlock(body)),
    context('Run by a person from Slack; logged as their action.'),
  ];
}
