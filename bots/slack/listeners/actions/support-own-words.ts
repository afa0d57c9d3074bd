// "Answer in my own words": a reply box; the reply is rewritten into both tiers as the next version.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';
import { clickedAt, guarded, openQuestion, tell } from '../../support/review.ts';
import { rewriteModal } from '../../views/support-modals.ts';
import { parseQuestionRef } from '../../views/support.ts';
import { FORGED_TEXT } from './support-approve.ts';

export function supportOwnWords(deps: SlackDeps) {
  return async ({ ack, body, action, client }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const at = clickedAt(body, client);
    if (!at || !body.trigger_id) return;
    const trigger = body.trigger_id;
    const { where, thread } = at;
    await guarded(deps, where, 'support own words', async () => {
      const ref = parseQuestionRef(action.value);
      if (!ref) return tell(where, FORGED_TEXT);
      const q = await openQuestion(deps, where, ref.id);
      if (!q) return;
      await client.views.open({ trigger_id: trigger, view: rewriteModal({ questionId: q.id, version: q.version, channel: where.channel, threadTs: thread }, q, ref.version) });
    });
  };
}
