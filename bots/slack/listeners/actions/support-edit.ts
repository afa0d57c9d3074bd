// Edit on a support answer: a form with both tiers of the current version; saving makes the next version.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';
import { clickedAt, guarded, openQuestion, tell } from '../../support/review.ts';
import { editModal } from '../../views/support-modals.ts';
import { parseQuestionRef } from '../../views/support.ts';
import { FORGED_TEXT } from './support-approve.ts';

export function supportEdit(deps: SlackDeps) {
  return async ({ ack, body, action, client }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const at = clickedAt(body, client);
    if (!at || !body.trigger_id) return;
    const trigger = body.trigger_id;
    const { where, thread } = at;
    await guarded(deps, where, 'support edit', async () => {
      const ref = parseQuestionRef(action.value);
      if (!ref) return tell(where, FORGED_TEXT);
      const q = await openQuestion(deps, where, ref.id);
      if (!q) return;
      // The form edits the version it shows, which is the current one; saving checks it is still current.
      await client.views.open({ trigger_id: trigger, view: editModal({ questionId: q.id, version: q.version, channel: where.channel, threadTs: thread }, q, ref.version) });
    });
  };
}
