// A review button that opens a form on one support question (Edit, Answer in my own words): the button's
// value only names the question; the form shows the question as the store has it now.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs, types } from '@slack/bolt';
import type { SupportQuestion } from '../../../coach/support/index.ts';
import type { SlackDeps } from '../deps.ts';
import type { ReviewMetadata } from '../views/support-modals.ts';
import { parseQuestionRef } from '../views/support.ts';
import { clickedAt, guarded, openQuestion, tell } from './review.ts';

export const FORGED_TEXT = 'That button does not name a support question; use the buttons on the latest batch message.';

type FormView = (meta: ReviewMetadata, q: SupportQuestion, shownVersion: number) => types.ModalView;

export function openReviewForm(deps: SlackDeps, what: string, form: FormView) {
  return async ({ ack, body, action, client }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const at = clickedAt(body, client);
    if (!at || !body.trigger_id) return;
    const trigger = body.trigger_id;
    const { where, thread } = at;
    await guarded(deps, where, what, async () => {
      const ref = parseQuestionRef(action.value);
      if (!ref) return tell(where, FORGED_TEXT);
      const q = await openQuestion(deps, where, ref.id);
      if (!q) return;
      // The form edits the version it shows, which is the current one; saving checks it is still current.
      await client.views.open({ trigger_id: trigger, view: form({ questionId: q.id, version: q.version, channel: where.channel, threadTs: thread }, q, ref.version) });
    });
  };
}
