// Slack identity → Mentat person. The person is "slack:<user id>": stable when people rename themselves,
// and unique across workspaces' display names. Display names are looked up once and kept in memory.
import type { webApi } from '@slack/bolt';

type WebClient = webApi.WebClient;

export interface People {
  /** The Mentat person for a Slack user id. */
  person(slackUserId: string): string;
  /** The Slack user id behind a person, or null when the person is not from Slack. */
  slackUser(person: string): string | null;
  /** A readable name (display name, real name or handle), falling back to the id when Slack cannot say. */
  displayName(client: WebClient, slackUserId: string): Promise<string>;
}

const USER_ID = /^[UW][A-Z0-9]{2,30}$/;

export function createPeople(opts: { max?: number; log?: (line: string) => void } = {}): People {
  const max = opts.max ?? 5_000;
  const names = new Map<string, string>();
  return {
    person(slackUserId) {
      return `slack:${slackUserId}`;
    },
    slackUser(person) {
      const id = person.startsWith('slack:') ? person.slice(6) : null;
      return id && USER_ID.test(id) ? id : null;
    },
    async displayName(client, slackUserId) {
      const known = names.get(slackUserId);
      if (known) return known;
      try {
        const res = await client.users.info({ user: slackUserId });
        const u = res.user;
        const name = u?.profile?.display_name || u?.real_name || u?.name || slackUserId;
        if (names.size >= max) names.clear();
        names.set(slackUserId, name);
        return name;
      } catch (e) {
        opts.log?.(`slack: users.info ${slackUserId} failed: ${e instanceof Error ? e.message : String(e)}`);
        return slackUserId;
      }
    },
  };
}
