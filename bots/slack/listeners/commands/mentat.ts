// `/mentat …`: acknowledged at once with nothing (Slack then shows no echo), answered in the channel after.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';
import { dispatch } from '../dispatch.ts';
import { parse } from '../invocation.ts';

export const COMMAND = '/mentat';

export function mentatCommand(deps: SlackDeps) {
  return async ({ command, ack, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    await dispatch(deps, {
      userId: command.user_id,
      person: deps.people.person(command.user_id),
      channel: command.channel_id,
      threadTs: null,
      triggerId: command.trigger_id,
      text: command.text,
      source: 'command',
      client,
    }, parse(command.text));
  };
}
