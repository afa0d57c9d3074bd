// The Home tab: the person's open incidents (ones they opened or acted on), then the team's others, then
// the team's recently published learning notes.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { Incident } from '../../../../coach/types.ts';
import type { SlackDeps } from '../../deps.ts';
import { personLabel } from '../../support/principal.ts';
import { homeView } from '../../views/home.ts';
import type { PublishedNoteRow } from '../../views/learning.ts';

/** Incidents looked at for "yours": the newest ones; older open incidents are rare and listed in the app. */
const SCAN = 50;
/** Learning notes listed: the newest ten; the rest are team memory in the app. */
export const HOME_NOTES = 10;

export function isMine(deps: SlackDeps, inc: Incident, person: string): boolean {
  if (inc.openedBy === person) return true;
  return deps.store.actions.list(inc.id, { limit: 2_000 }).some((a) => a.actor === person);
}

export function recentNotes(deps: Pick<SlackDeps, 'store'>, limit = HOME_NOTES): PublishedNoteRow[] {
  return deps.store.learningNotes.published(limit).flatMap((n) => {
    try {
      const inc = deps.store.incidents.get(n.incidentId);
      return [{ incident: { id: inc.id, key: inc.key, title: inc.title }, publishedAt: n.publishedAt, publishedBy: n.publishedBy }];
    } catch {
      return [];
    }
  });
}

export function appHomeOpened(deps: SlackDeps) {
  return async ({ event, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    const person = deps.people.person(event.user);
    const open = deps.store.incidents.list({ status: 'open', limit: SCAN });
    const mine = open.filter((inc) => isMine(deps, inc, person));
    const others = open.filter((inc) => !mine.includes(inc));
    const notes = recentNotes(deps);
    const name = await deps.people.displayName(client, event.user);
    await client.views.publish({ user_id: event.user, view: homeView({
      name, mine, others, incidentUrl: deps.incidentUrl, notes, label: (p) => personLabel(deps, p),
    }) });
  };
}
