// The own-words form sent: the reply is rewritten into both tiers (a model may take a while, so the form
// closes first), and the new version goes to the batch's thread with its Approve and the questions back.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';
import { principalOf, supportOf } from '../../support/principal.ts';
import { guarded, postVersion } from '../../support/review.ts';
import { SUPPORT_BLOCKS, valueOf } from '../../views/support-modals.ts';
import { LOST_FORM, parseReviewMetadata } from './support-edit-submitted.ts';

export function supportRewriteSubmitted(deps: SlackDeps) {
  return async ({ ack, body, view, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const reply = valueOf(view.state.values, SUPPORT_BLOCKS.reply);
    if (!reply) {
      await ack({ response_action: 'errors', errors: { [SUPPORT_BLOCKS.reply]: 'Write what is going on, in your own words.' } });
      return;
    }
    const meta = parseReviewMetadata(view.private_metadata);
    if (!meta) {
      await ack({ response_action: 'errors', errors: { [SUPPORT_BLOCKS.reply]: LOST_FORM } });
      return;
    }
    await ack();
    const where = { client, userId: body.user.id, channel: meta.channel, threadTs: null };
    await guarded(deps, where, 'support rewrite', async () => {
      const who = await principalOf(deps, client, body.user.id);
      const q = await supportOf(deps).rewrite(who, meta.questionId, meta.version, reply);
      await postVersion(deps, where, meta.threadTs, q);
    });
  };
}
