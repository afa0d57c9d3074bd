// Who is acting, as the core sees it. A Principal is made here from what a transport authenticated (a
// person's token, a verified Slack user, the solo desktop user); the roles always come from the roster,
// never from the request. Role checks (requireRole) are the core's, called by the workflows themselves.
import { CodedError } from '../types.ts';
import type { Role, Roster, RosterPerson } from './roster.ts';

export interface Principal {
  /** The person's name ("alice"), or "slack:<user id>" for a Slack user the roster does not name. */
  person: string;
  roles: Role[];
  /** How the person was authenticated. "shared" is the team-wide MENTAT_TOKEN: no one in particular. */
  via: 'token' | 'slack' | 'solo' | 'shared';
}

export interface Directory {
  readonly roster: Roster;
  /** The roster entry for a name or a "slack:U…" person. */
  lookup(person: string): RosterPerson | null;
  /** A person who presented their own token. */
  tokenPrincipal(person: string): Principal;
  /**
   * A verified Slack user. `groups` are the ids of the Slack user groups they belong to (the Slack layer
   * asks Slack); roles of matching slack_groups entries add to the roster's.
   */
  slackPrincipal(slackUserId: string, groups?: readonly string[]): Principal;
  /**
   * Solo mode (loopback, no tokens): the desktop user is whoever they say. A name the roster lists has
   * its roles; any other name is the only person there is, and holds every role.
   */
  soloPrincipal(person: string): Principal;
  /** The team-wide MENTAT_TOKEN: trusted to name its writer for incident work, but holds no role. */
  sharedPrincipal(person: string): Principal;
}

export function createDirectory(roster: Roster): Directory {
  const byName = new Map(roster.people.map((p) => [p.name.toLowerCase(), p]));
  const bySlack = new Map(roster.people.flatMap((p) => p.slack.map((id) => [id, p] as const)));
  const lookup = (person: string): RosterPerson | null => {
    if (person.startsWith('slack:')) return bySlack.get(person.slice(6)) ?? null;
    return byName.get(person.toLowerCase()) ?? null;
  };
  return {
    roster,
    lookup,
    tokenPrincipal: (person) => ({ person, roles: lookup(person)?.roles ?? [], via: 'token' }),
    slackPrincipal: (slackUserId, groups = []) => {
      const listed = bySlack.get(slackUserId);
      const fromGroups = roster.slackGroups.filter((g) => groups.includes(g.id)).map((g) => g.role);
      return { person: listed?.name ?? `slack:${slackUserId}`, roles: [...new Set([...(listed?.roles ?? []), ...fromGroups])], via: 'slack' };
    },
    soloPrincipal: (person) => ({ person, roles: lookup(person)?.roles ?? ['responder', 'support'], via: 'solo' }),
    sharedPrincipal: (person) => ({ person, roles: [], via: 'shared' }),
  };
}

const ROLE_WORDS: Record<Role, string> = { responder: 'a responder', support: 'support' };

/** Throws 403 naming what the person lacks and how to get it. */
export function requireRole(who: Principal, allowed: readonly Role[], doing: string): void {
  if (allowed.some((r) => who.roles.includes(r))) return;
  const need = allowed.map((r) => ROLE_WORDS[r]).join(' or ');
  const why = who.via === 'shared'
    ? 'the shared MENTAT_TOKEN is nobody in particular; use your own token (mentat people token NAME)'
    : who.roles.length
      ? `${who.person} is ${who.roles.map((r) => ROLE_WORDS[r]).join(' and ')}`
      : `${who.person} has no role in the workspace's people.yml`;
  throw new CodedError('forbidden_role', `Only ${need} may ${doing}: ${why}.`, 403, { person: who.person, roles: who.roles, need: allowed });
}
