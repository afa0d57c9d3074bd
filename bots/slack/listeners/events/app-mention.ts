// "@Mentat …" in a channel: the same routing as `/mentat`, answered in the mention's thread.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';
import { dispatch } from '../dispatch.ts';
import { parse, stripMention } from '../invocation.ts';

export function appMention(deps: SlackDeps) {
  return async ({ event, client, context }: SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs): Promise<void> => {
    if (!event.user || event.bot_id) return;
    const text = stripMention(event.text, context.botUserId);
    await dispatch(deps, {
      userId: event.user,
      person: deps.people.person(event.user),
      channel: event.channel,
      threadTs: event.thread_ts ?? event.ts,
      triggerId: null,
      text,
      messageTs: event.ts,
      source: 'mention',
      client,
    }, parse(text));
  };
}
