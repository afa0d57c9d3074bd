// Slack's size limits, and the one escaping rule that keeps people's text from becoming mentions or links.
import type { types } from '@slack/bolt';

/** Block Kit blocks as Slack's own types describe them. */
export type KnownBlock = types.KnownBlock;

export const LIMITS = {
  /** chat.postMessage `text`. */
  messageText: 40_000,
  /** Blocks in one message or one Home view. */
  messageBlocks: 50,
  homeBlocks: 100,
  /** A section's text, and each field. */
  sectionText: 3_000,
  contextText: 2_000,
  buttonText: 75,
  /** Notification fallback text: short on purpose, the blocks carry the content. */
  fallbackText: 300,
} as const;

/**
 * Text from people, alerts or logs is data: escaping `&`, `<` and `>` means "<!channel>" or
 * "<https://evil|click>" inside it renders as typed instead of pinging everyone or hiding a link.
 */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A code block that a backtick fence inside the text cannot break out of. */
export function codeBlock(text: string): string {
  return '```' + escapeText(text).replace(/```/g, '`\u200b``') + '```';
}

/**
 * Cuts text to `max` characters, ending with a pointer to the full text when there is somewhere to read it.
 * Cuts on a line or word boundary when one is near, so a person does not read half a word.
 */
export function truncate(text: string, max: number, fullTextUrl?: string | null): string {
  if (text.length <= max) return text;
  const tail = fullTextUrl ? `… (cut to fit Slack; <${fullTextUrl}|read the full text>)` : '… (cut to fit Slack)';
  const room = Math.max(0, max - tail.length);
  let cut = text.slice(0, room);
  const boundary = Math.max(cut.lastIndexOf('\n'), cut.lastIndexOf(' '));
  if (boundary > room * 0.8) cut = cut.slice(0, boundary);
  return cut + tail;
}

/** Splits blocks into groups Slack accepts in one message, keeping their order. */
export function chunkBlocks<B>(blocks: B[], size: number = LIMITS.messageBlocks): B[][] {
  if (blocks.length === 0) return [[]];
  const out: B[][] = [];
  for (let i = 0; i < blocks.length; i += size) out.push(blocks.slice(i, i + size));
  return out;
}

/** Splits long text into sections under the per-section limit, on line boundaries where it can. */
export function textSections(text: string, max: number = LIMITS.sectionText): KnownBlock[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let at = rest.lastIndexOf('\n', max);
    if (at < max * 0.5) at = max;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^\n/, '');
  }
  if (rest.length > 0 || parts.length === 0) parts.push(rest || ' ');
  return parts.map((p) => ({ type: 'section', text: { type: 'mrkdwn', text: p } }));
}

export function mrkdwn(text: string, max: number = LIMITS.sectionText, fullTextUrl?: string | null): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, max, fullTextUrl) } };
}

export function context(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, LIMITS.contextText) }] };
}
