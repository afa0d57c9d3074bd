// The edit form saved: both tiers become the next version, checked against the version the form was
// opened at. Editing is quick, so the core answers before the ack, and a refusal shows in the form.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { SupportQuestion } from '../../../../coach/support/index.ts';
import type { SlackDeps } from '../../deps.ts';
import { principalOf, supportOf } from '../../support/principal.ts';
import { isCoded, postVersion } from '../../support/review.ts';
import { truncate } from '../../views/limits.ts';
import { reviewMetadataSchema, SUPPORT_BLOCKS, valueOf, type ReviewMetadata } from '../../views/support-modals.ts';

export const LOST_FORM = 'This form lost track of its question; open it again from the batch message.';

export function parseReviewMetadata(raw: string): ReviewMetadata | null {
  try {
    return reviewMetadataSchema.parse(JSON.parse(raw));
  } catch {
    return null;
  }
}

export function supportEditSubmitted(deps: SlackDeps) {
  return async ({ ack, body, view, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const customer = valueOf(view.state.values, SUPPORT_BLOCKS.customer);
    const partner = valueOf(view.state.values, SUPPORT_BLOCKS.partner);
    const empty = { ...(customer ? {} : { [SUPPORT_BLOCKS.customer]: 'Write what customers are told.' }), ...(partner ? {} : { [SUPPORT_BLOCKS.partner]: 'Write what partners are told.' }) };
    if (Object.keys(empty).length) {
      await ack({ response_action: 'errors', errors: empty });
      return;
    }
    const meta = parseReviewMetadata(view.private_metadata);
    if (!meta) {
      await ack({ response_action: 'errors', errors: { [SUPPORT_BLOCKS.customer]: LOST_FORM } });
      return;
    }
    let q: SupportQuestion;
    try {
      const who = await principalOf(deps, client, body.user.id);
      q = supportOf(deps).edit(who, meta.questionId, meta.version, { customer, partner });
    } catch (e) {
      deps.log(`slack: support edit: ${isCoded(e) ? `${e.code}: ${e.message}` : e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      const text = isCoded(e) ? e.message : 'Mentat could not save that; the error is in the server log.';
      await ack({ response_action: 'errors', errors: { [SUPPORT_BLOCKS.customer]: truncate(text, 1_000) } });
      return;
    }
    await ack();
    try {
      await postVersion(deps, { client, userId: body.user.id, channel: meta.channel, threadTs: null }, meta.threadTs, q);
    } catch (e) {
      deps.log(`slack: posting version ${q.version} of #${q.id} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
}
