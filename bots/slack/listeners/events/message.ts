// A reply in a thread the bot started addresses the bot without a mention; every other channel message
// is left alone (people talk to each other; pinning is how a message becomes a note).
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';
import { dispatch } from '../dispatch.ts';
import { parse } from '../invocation.ts';

export function threadReply(deps: SlackDeps) {
  return async ({ message, client, context }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<void> => {
    // Edits, joins, bot posts and other subtypes are not a person talking.
    if (message.subtype !== undefined || message.bot_id || !message.user) return;
    const bot = context.botUserId;
    if (!bot || !message.thread_ts || message.thread_ts === message.ts || message.parent_user_id !== bot) return;
    // A mention inside the thread arrives as app_mention too; answering both would reply twice.
    if (message.text?.includes(`<@${bot}`)) return;
    if (!deps.store.incidents.findByChannel(message.channel)) return;
    const text = (message.text ?? '').trim();
    if (!text) return;
    await dispatch(deps, {
      userId: message.user,
      person: deps.people.person(message.user),
      channel: message.channel,
      threadTs: message.thread_ts,
      triggerId: null,
      text,
      messageTs: message.ts,
      source: 'thread',
      client,
    }, parse(text));
  };
}
