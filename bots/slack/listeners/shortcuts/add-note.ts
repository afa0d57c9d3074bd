// Message shortcut "Add to incident notes": like a :pushpin:, from the message's ⋯ menu.
import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';
import { dispatch } from '../dispatch.ts';

export const ADD_NOTE_SHORTCUT = 'mentat_add_note';

export function addNote(deps: SlackDeps) {
  return async ({ ack, shortcut, client }: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const text = shortcut.message.text?.trim() ?? '';
    if (!text) return;
    await dispatch(deps, {
      userId: shortcut.user.id, person: deps.people.person(shortcut.user.id), channel: shortcut.channel.id,
      threadTs: typeof shortcut.message.thread_ts === 'string' ? shortcut.message.thread_ts : shortcut.message_ts, triggerId: shortcut.trigger_id, text, source: 'command', client,
    }, { kind: 'note', text });
  };
}
