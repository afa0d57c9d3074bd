// What a person asked for, whichever way it arrived (slash command, @mention, thread reply), and the
// parse of its first words. Parsing only picks the subcommand; the text itself is passed on as data.
import type { webApi } from '@slack/bolt';

export interface Invocation {
  userId: string;
  /** The Mentat person ("slack:U…"). */
  person: string;
  channel: string;
  /** The thread to answer in; null means start one under a new channel message. */
  threadTs: string | null;
  /** Present for slash commands and interactions: lets a form open. */
  triggerId: string | null;
  text: string;
  /** The person's own message (a mention, a thread reply); null for commands and buttons. */
  messageTs?: string | null;
  source: 'command' | 'mention' | 'thread';
  client: webApi.WebClient;
}

export type Parsed =
  | { kind: 'help' }
  | { kind: 'status' }
  | { kind: 'incident_open'; title: string }
  | { kind: 'incident_link'; ref: string }
  | { kind: 'plan'; text: string }
  | { kind: 'ask'; text: string }
  | { kind: 'stuck'; text: string }
  | { kind: 'note'; text: string }
  | { kind: 'notes' }
  | { kind: 'notes_draft' }
  | { kind: 'ask_devs'; text: string }
  | { kind: 'say'; text: string };

/** The bot's own mention at the start is addressing, not content. */
export function stripMention(text: string, botUserId: string | undefined): string {
  const self = botUserId ? new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, 'g') : /^<@[UW][A-Z0-9]+(?:\|[^>]*)?>/;
  return text.replace(self, '').trim();
}

export function parse(text: string): Parsed {
  const trimmed = text.trim();
  const m = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  const word = (m?.[1] ?? '').toLowerCase();
  const rest = (m?.[2] ?? '').trim();
  switch (word) {
    case '':
    case 'help':
      return { kind: 'help' };
    case 'status':
      return { kind: 'status' };
    case 'plan':
      return { kind: 'plan', text: rest };
    case 'ask':
      return rest ? { kind: 'ask', text: rest } : { kind: 'help' };
    case 'stuck':
      return { kind: 'stuck', text: rest };
    case 'note':
      return rest ? { kind: 'note', text: rest } : { kind: 'help' };
    case 'notes':
      if (!rest) return { kind: 'notes' };
      return /^draft$/i.test(rest) ? { kind: 'notes_draft' } : { kind: 'help' };
    case 'ask-devs':
    case 'ask_devs':
      return rest ? { kind: 'ask_devs', text: rest } : { kind: 'help' };
    case 'incident': {
      const sub = /^(open|link)\s*([\s\S]*)$/i.exec(rest);
      if (!sub?.[2]?.trim()) return { kind: 'help' };
      return sub[1]?.toLowerCase() === 'open' ? { kind: 'incident_open', title: sub[2].trim() } : { kind: 'incident_link', ref: sub[2].trim() };
    }
    default:
      // Anything else is something the person said to the coach, routed like any message (G2 handles vague ones).
      return { kind: 'say', text: trimmed };
  }
}
