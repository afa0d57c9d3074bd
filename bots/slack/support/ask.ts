// Support asks the dev team from Slack (`/mentat ask-devs …`, @Mentat ask-devs …, the message shortcut):
// the question is asked as the Slack user's Principal in the channel's incident, and the asker sees the
// draft at once, privately, labelled as a guess that must not reach customers.
import type { webApi } from '@slack/bolt';
import type { SupportQuestion } from '../../../coach/support/index.ts';
import type { SlackDeps } from '../deps.ts';
import { incidentFor } from '../listeners/channel-incident.ts';
import { draftBlocks, draftFallback } from '../views/support.ts';
import { principalOf, supportOf } from './principal.ts';

export interface AskTarget {
  client: webApi.WebClient;
  userId: string;
  channel: string;
  /** Where the asker sees the draft (a thread), or null for the channel. */
  threadTs: string | null;
  /** The message the question came from, where the published answer is announced; null for a command. */
  messageTs: string | null;
}

export async function askDevs(deps: SlackDeps, t: AskTarget, question: string): Promise<SupportQuestion> {
  const support = supportOf(deps);
  const incident = incidentFor(deps, t.channel);
  const who = await principalOf(deps, t.client, t.userId);
  const q = await support.ask(who, {
    incident: incident.id, question, origin: { via: 'slack', channel: t.channel, ts: t.messageTs, user: t.userId },
  });
  const where = { channel: t.channel, user: t.userId, ...(t.threadTs ? { thread_ts: t.threadTs } : {}) };
  // Withdrawn while its draft was being written: there is no draft to show.
  if (q.state !== 'ai_draft' && !q.draft.label) {
    await t.client.chat.postEphemeral({ ...where, text: `Question #${q.id} is ${q.state}; there is no draft to show.` });
    return q;
  }
  await t.client.chat.postEphemeral({ ...where, text: draftFallback(q), blocks: draftBlocks(q) });
  return q;
}
