// "Open in Prometheus/Grafana" buttons open the link in the browser by themselves; Slack also tells us,
// so the opening is logged as the person's action (D1, team memory).
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';
import { cardInChannel, dispatchError, interactionInvocation } from './interaction.ts';

export function openLink(deps: SlackDeps) {
  return async ({ ack, body, action, client }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const inv = interactionInvocation(deps, body, client);
    if (!inv) return;
    await dispatchError(deps, inv, async () => {
      const [turnPart, name = ''] = (action.value ?? '').split(':');
      const found = cardInChannel(deps, inv.channel, Number(turnPart));
      const url = found?.card.links[name];
      if (!found || !url) return;
      const { incident, card } = found;
      await deps.coach.handle(incident.id, {
        kind: 'action', from: inv.person,
        action: { kind: 'link_opened', url, query: card.text, language: card.language, payload: { via: 'slack', tool: name } },
      });
    });
  };
}
