// The plan form submitted: the plan goes to the coach as the person's, and the answer to the channel.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';
import { dispatch } from '../dispatch.ts';
import { PLAN_BLOCK, PLAN_INPUT, planMetadataSchema } from '../../views/plan-modal.ts';

export function planSubmitted(deps: SlackDeps) {
  return async ({ ack, body, view, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const text = view.state.values[PLAN_BLOCK]?.[PLAN_INPUT]?.value?.trim() ?? '';
    if (!text) {
      await ack({ response_action: 'errors', errors: { [PLAN_BLOCK]: 'Write at least one step.' } });
      return;
    }
    let meta;
    try {
      meta = planMetadataSchema.parse(JSON.parse(view.private_metadata));
    } catch {
      await ack({ response_action: 'errors', errors: { [PLAN_BLOCK]: 'This form lost track of its incident; open it again from the channel.' } });
      return;
    }
    await ack();
    // The form says which channel it came from; the store says which incident that channel is linked to.
    const linked = deps.store.incidents.findByChannel(meta.channel);
    if (!linked || linked.id !== meta.incidentId) {
      deps.log(`slack: plan form for incident ${meta.incidentId} no longer matches channel ${meta.channel}`);
    }
    await dispatch(deps, {
      userId: body.user.id, person: deps.people.person(body.user.id), channel: meta.channel,
      threadTs: meta.threadTs, triggerId: null, text, source: 'command', client,
    }, { kind: 'plan', text });
  };
}
