// "Open in Prometheus/Grafana" buttons open the link in the browser by themselves; Slack also tells us,
// so the opening is logged as the person's action (D1, team memory).
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';
import { cardOf } from '../../views/turns.ts';
import { dispatchError, interactionInvocation } from './interaction.ts';

export function openLink(deps: SlackDeps) {
  return async ({ ack, body, action, client }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const inv = interactionInvocation(deps, body, client);
    if (!inv) return;
    await dispatchError(deps, inv, async () => {
      const incident = deps.store.incidents.findByChannel(inv.channel);
      const [turnPart, name = ''] = (action.value ?? '').split(':');
      const turn = incident ? deps.coach.view(incident.id).turns.find((t) => t.id === Number(turnPart)) : undefined;
      const card = turn ? cardOf(turn) : null;
      const url = card?.links[name];
      if (!incident || !card || !url) return;
      await deps.coach.handle(incident.id, {
        kind: 'action', from: inv.person,
        action: { kind: 'link_opened', url, query: card.text, language: card.language, payload: { via: 'slack', tool: name } },
      });
    });
  };
}
