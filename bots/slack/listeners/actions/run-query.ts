// The Run button on a query card: the person runs the query (D4), the run is logged as theirs by the
// query service, and the result goes to the card's thread, followed by what the coach says about the run
// (an improvement, a suggestion with Accept / Dismiss).
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';
import type { Turn } from '../../../../coach/types.ts';
import { postBlocks, postTurns } from '../../post.ts';
import { runResultBlocks } from '../../views/run-result.ts';
import { cardInChannel, dispatchError, interactionInvocation } from './interaction.ts';

/** The coach's turns the run route returns with the result, this incident's only. */
export function turnsOf(result: unknown, incidentId: number): Turn[] {
  const turns = result && typeof result === 'object' ? (result as { turns?: unknown }).turns : undefined;
  if (!Array.isArray(turns)) return [];
  return turns.filter((t): t is Turn => {
    const o = t as Partial<Turn> | null;
    return !!o && typeof o.id === 'number' && o.incidentId === incidentId && typeof o.phase === 'string' && typeof o.text === 'string' && typeof o.rule === 'string';
  });
}

export function runQuery(deps: SlackDeps) {
  return async ({ ack, body, action, client }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const inv = interactionInvocation(deps, body, client);
    if (!inv) return;
    await dispatchError(deps, inv, async () => {
      const found = cardInChannel(deps, inv.channel, Number(action.value));
      if (!found) {
        await inv.client.chat.postEphemeral({ channel: inv.channel, user: inv.userId, text: 'That query card is not from this channel\'s incident; ask again with `/mentat ask`.' });
        return;
      }
      const { incident, turn, card } = found;
      if (!deps.query) {
        await inv.client.chat.postEphemeral({ channel: inv.channel, user: inv.userId,
          text: 'Running queries is not set up on this Mentat server; use the card\'s "Open in" link to run it in your own tool.' });
        return;
      }
      const step = typeof turn.fields?.step === 'number' ? turn.fields.step : null;
      const result = await deps.query.runAsPerson({
        incidentId: incident.id, by: inv.person, language: card.language, query: card.text, turnId: turn.id, step,
        ...(card.range ? { range: card.range } : {}),
        payload: { via: 'slack', channel: inv.channel, message_ts: inv.threadTs },
      });
      await postBlocks(inv.client, { channel: inv.channel, threadTs: inv.threadTs },
        runResultBlocks(inv.userId, card, result, deps.incidentUrl(incident.id)), `Query run by ${inv.userId}`);
      await postTurns(inv.client, { channel: inv.channel, threadTs: inv.threadTs }, turnsOf(result, incident.id), deps.incidentUrl(incident.id));
    });
  };
}
