// The "Ask the dev team" form sent: asked in the incident of the channel the message was in. A channel
// with no incident is said in the form; the draft (which may take a model's time) comes after the ack.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';
import { askDevs } from '../../support/ask.ts';
import { guarded } from '../../support/review.ts';
import { askMetadataSchema, SUPPORT_BLOCKS, valueOf, type AskMetadata } from '../../views/support-modals.ts';
import { NOT_LINKED_TEXT } from '../channel-incident.ts';

export function askDevsSubmitted(deps: SlackDeps) {
  return async ({ ack, body, view, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const question = valueOf(view.state.values, SUPPORT_BLOCKS.question);
    const fail = (text: string) => ack({ response_action: 'errors', errors: { [SUPPORT_BLOCKS.question]: text } });
    if (!question) return fail('Write what support needs to know.');
    let meta: AskMetadata;
    try {
      meta = askMetadataSchema.parse(JSON.parse(view.private_metadata));
    } catch {
      return fail('This form lost track of its channel; use the shortcut on the message again.');
    }
    if (!deps.support) return fail('Support questions are not set up on this Mentat server.');
    if (!deps.store.incidents.findByChannel(meta.channel)) return fail(NOT_LINKED_TEXT);
    await ack();
    const where = { client, userId: body.user.id, channel: meta.channel, threadTs: meta.threadTs };
    await guarded(deps, where, 'ask the dev team', async () => {
      await askDevs(deps, { client, userId: body.user.id, channel: meta.channel, threadTs: meta.threadTs, messageTs: meta.messageTs }, question);
    });
  };
}
