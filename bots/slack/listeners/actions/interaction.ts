// Shared by button handlers: who clicked, in which channel and thread, and one way to report failures.
import type { BlockAction, webApi } from '@slack/bolt';
import { CodedError, type Incident, type Turn } from '../../../../coach/types.ts';
import type { SlackDeps } from '../../deps.ts';
import { cardOf, type QueryCardData } from '../../views/turns.ts';
import type { Invocation } from '../invocation.ts';

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

export function interactionInvocation(deps: SlackDeps, body: BlockAction, client: webApi.WebClient): Invocation | null {
  // `container` and `message` are loosely typed by bolt; only strings are taken from them.
  const container = (body.container ?? {}) as Record<string, unknown>;
  const message = (body.message ?? {}) as Record<string, unknown>;
  const channel = body.channel?.id ?? str(container.channel_id);
  if (!channel) return null;
  const messageTs = str(message.ts) ?? str(container.message_ts);
  const threadTs = str(message.thread_ts) ?? str(container.thread_ts) ?? messageTs;
  return {
    userId: body.user.id, person: deps.people.person(body.user.id), channel, threadTs: threadTs ?? null,
    triggerId: body.trigger_id ?? null, text: '', source: 'command', client,
  };
}

/**
 * The query card a button names, looked up among this channel's incident's own turns: a button's value
 * only picks a turn, so a forged value can never carry a query of its own.
 */
export function cardInChannel(deps: SlackDeps, channel: string, turnId: number):
  { incident: Incident; turn: Turn; card: QueryCardData } | null {
  const incident = deps.store.incidents.findByChannel(channel);
  const turn = incident ? deps.coach.view(incident.id).turns.find((t) => t.id === turnId) : undefined;
  const card = turn ? cardOf(turn) : null;
  return incident && turn && card ? { incident, turn, card } : null;
}

export async function dispatchError(deps: SlackDeps, inv: Invocation, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (e) {
    const coded = e instanceof CodedError || (e instanceof Error && e.name === 'CodedError');
    deps.log(`slack: interaction failed: ${e instanceof Error ? (coded ? e.message : (e.stack ?? e.message)) : String(e)}`);
    await inv.client.chat.postEphemeral({
      channel: inv.channel, user: inv.userId,
      text: coded ? (e).message : 'Mentat could not do that; the error is in the server log.',
    });
  }
}
