// A Slack user as the core sees them: the roster's person for their Slack id, with the roles of
// people.yml and of the Slack user groups they are in. Role checks stay in the core.
import type { webApi } from '@slack/bolt';
import type { Principal } from '../../../coach/people/index.ts';
import type { SupportService } from '../../../coach/support/index.ts';
import { CodedError } from '../../../coach/types.ts';
import type { SlackDeps } from '../deps.ts';

export async function principalOf(deps: SlackDeps, client: webApi.WebClient, slackUserId: string): Promise<Principal> {
  // Only ask Slack about groups when people.yml gives some group a role: no extra call, no extra scope otherwise.
  const groups = deps.directory.roster.slackGroups.length > 0 ? await deps.groups.of(client, slackUserId) : [];
  return deps.directory.slackPrincipal(slackUserId, groups);
}

export function supportOf(deps: SlackDeps): SupportService {
  if (!deps.support) {
    throw new CodedError('support_unavailable', 'Support questions are not set up on this Mentat server; ask in the channel instead.', 503);
  }
  return deps.support;
}

/** How a person is shown in Slack: a mention for Slack people, the roster's display name otherwise. */
export function personLabel(deps: Pick<SlackDeps, 'directory'>, person: string): string {
  const listed = deps.directory.lookup(person);
  const slackId = listed?.slack[0] ?? (person.startsWith('slack:') ? person.slice(6) : null);
  if (slackId && /^[UW][A-Z0-9]{2,30}$/.test(slackId)) return `<@${slackId}>`;
  return (listed?.display ?? person).replace(/[<>&]/g, '');
}

/** The Slack user to tell about a question: who asked it from Slack, or the roster's Slack id for the asker. */
export function askerSlackId(deps: Pick<SlackDeps, 'directory'>, q: { askedBy: string; origin: { via: string; user?: string | null } }): string | null {
  if (q.origin.via === 'slack' && q.origin.user && /^[UW][A-Z0-9]{2,30}$/.test(q.origin.user)) return q.origin.user;
  const listed = deps.directory.lookup(q.askedBy);
  return listed?.slack[0] ?? (q.askedBy.startsWith('slack:') ? q.askedBy.slice(6) : null);
}
