// Message shortcut "Ask the dev team": a form prefilled with the message's text (the person edits it;
// it is data, not instructions), asked in the incident of the message's channel.
import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';
import { askModal } from '../../views/support-modals.ts';

export const ASK_DEVS_SHORTCUT = 'mentat_ask_devs';

/** Slack sends message text with &, < and > escaped; the form shows what the person typed. */
const unescape = (text: string): string => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export function askDevsShortcut(deps: SlackDeps) {
  return async ({ ack, shortcut, client }: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const channel = shortcut.channel.id;
    const incident = deps.store.incidents.findByChannel(channel);
    const parent = typeof shortcut.message.thread_ts === 'string' ? shortcut.message.thread_ts : null;
    const title = incident ? `${incident.key} ${incident.title}` : 'This channel is not linked to an incident yet.';
    try {
      await client.views.open({
        trigger_id: shortcut.trigger_id,
        // The answer is announced in the message's thread: a reply's thread is its parent's.
        view: askModal({ channel, messageTs: parent ?? shortcut.message_ts, threadTs: parent }, unescape(shortcut.message.text ?? '').trim(), title),
      });
    } catch (e) {
      deps.log(`slack: opening the ask-the-dev-team form failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
}
