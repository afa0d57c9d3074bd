// :pushpin: on a message in a linked channel adds that message to the incident's notes, as the reactor's.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs, webApi } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';
import { postBlocks } from '../../post.ts';
import { mrkdwn } from '../../views/limits.ts';

export const PIN_REACTIONS = new Set(['pushpin', 'round_pushpin']);

/** The text of one message, whether it is in the channel or inside a thread. */
export async function messageText(client: webApi.WebClient, channel: string, ts: string): Promise<{ text: string; user: string | null } | null> {
  const hist = await client.conversations.history({ channel, latest: ts, oldest: ts, inclusive: true, limit: 1 });
  let msg = hist.messages?.find((m) => m.ts === ts);
  if (!msg) {
    const replies = await client.conversations.replies({ channel, ts, latest: ts, oldest: ts, inclusive: true, limit: 1 });
    msg = replies.messages?.find((m) => m.ts === ts);
  }
  return msg ? { text: msg.text ?? '', user: msg.user ?? null } : null;
}

export function reactionAdded(deps: SlackDeps) {
  return async ({ event, client }: SlackEventMiddlewareArgs<'reaction_added'> & AllMiddlewareArgs): Promise<void> => {
    if (!PIN_REACTIONS.has(event.reaction) || event.item.type !== 'message') return;
    const { channel, ts } = event.item;
    const incident = deps.store.incidents.findByChannel(channel);
    if (!incident) return;
    // Unpinning and pinning again, or two people pinning, is still one note.
    if (!deps.seen.firstTime(`pin:${channel}:${ts}`)) return;
    const msg = await messageText(client, channel, ts);
    if (!msg || !msg.text.trim()) return;
    const result = await deps.coach.handle(incident.id, {
      kind: 'note', from: deps.people.person(event.user), text: msg.text, pinned: true,
    });
    const by = msg.user ? ` (message by <@${msg.user}>)` : '';
    await postBlocks(client, { channel, threadTs: ts },
      [mrkdwn(`:pushpin: <@${event.user}> added this to the notes of *${result.incident.key}*${by}.`)], `Added to ${result.incident.key} notes`);
  };
}
