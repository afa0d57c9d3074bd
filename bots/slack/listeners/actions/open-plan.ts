// "Write my plan" under an ask-for-plan turn opens the plan form; the person writes the plan (G1).
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';
import { planModal } from '../../views/plan-modal.ts';
import { dispatchError, interactionInvocation } from './interaction.ts';

export function openPlan(deps: SlackDeps) {
  return async ({ ack, body, client }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const inv = interactionInvocation(deps, body, client);
    if (!inv?.triggerId) return;
    const triggerId = inv.triggerId;
    await dispatchError(deps, inv, async () => {
      const incident = deps.store.incidents.findByChannel(inv.channel);
      if (!incident) return;
      const current = deps.store.plans.current(incident.id);
      await inv.client.views.open({
        trigger_id: triggerId,
        view: planModal({ incidentId: incident.id, channel: inv.channel, threadTs: inv.threadTs }, `${incident.key} ${incident.title}`, current?.text ?? ''),
      });
    });
  };
}
