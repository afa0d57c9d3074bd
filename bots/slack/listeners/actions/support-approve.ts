// Approve on a support answer: the clicker's Principal approves exactly the version the button showed.
// The core decides (responder role, current version, customer-safe); a refusal reaches only the clicker.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';
import { principalOf, supportOf } from '../../support/principal.ts';
import { clickedAt, guarded, openQuestion, tell } from '../../support/review.ts';
import { parseQuestionRef } from '../../views/support.ts';

export { FORGED_TEXT } from '../../support/review-form.ts';
import { FORGED_TEXT } from '../../support/review-form.ts';

export function supportApprove(deps: SlackDeps) {
  return async ({ ack, body, action, client }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const at = clickedAt(body, client);
    if (!at) return;
    const { where } = at;
    await guarded(deps, where, 'support approve', async () => {
      const ref = parseQuestionRef(action.value);
      if (!ref) return tell(where, FORGED_TEXT);
      if (!(await openQuestion(deps, where, ref.id))) return;
      const who = await principalOf(deps, client, body.user.id);
      const q = supportOf(deps).approve(who, ref.id, ref.version);
      await tell(where, `Published version ${q.answer?.version ?? ref.version} of #${q.id}; support has been told.`);
    });
  };
}
