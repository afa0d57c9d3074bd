// Slack user-group membership, for the roles people.yml gives whole groups (slack_groups). One
// usergroups.list call answers for everyone; it is cached for a while, and a failure is logged and means
// "no groups", so a missing scope or a Slack outage never grants a role and never blocks a person.
import type { webApi } from '@slack/bolt';

type WebClient = webApi.WebClient;

export interface GroupCache {
  /** The ids of the user groups this Slack user is in; [] when Slack cannot say in time. */
  of(client: WebClient, slackUserId: string): Promise<string[]>;
  /** Forgets what was fetched (tests, and after people.yml changes). */
  clear(): void;
}

export interface GroupCacheOptions {
  ttlMs?: number;
  /** How long a failed fetch is remembered, so a broken scope is not retried on every click. */
  failureTtlMs?: number;
  /** A lookup slower than this answers "no groups" (listeners must ack within Slack's 3 s). */
  timeoutMs?: number;
  now?: () => number;
  log?: (line: string) => void;
}

export function createGroupCache(opts: GroupCacheOptions = {}): GroupCache {
  const ttl = opts.ttlMs ?? 5 * 60_000;
  const failureTtl = opts.failureTtlMs ?? 30_000;
  const timeoutMs = opts.timeoutMs ?? 1_500;
  const now = opts.now ?? Date.now;
  let cached: { at: number; ttl: number; members: Map<string, string[]> } | null = null;
  let inFlight: Promise<Map<string, string[]>> | null = null;

  const fetchAll = async (client: WebClient): Promise<Map<string, string[]>> => {
    const members = new Map<string, string[]>();
    try {
      const res = await client.usergroups.list({ include_users: true, include_disabled: false });
      for (const g of res.usergroups ?? []) {
        if (!g.id) continue;
        for (const u of g.users ?? []) members.set(u, [...(members.get(u) ?? []), g.id]);
      }
      cached = { at: now(), ttl, members };
    } catch (e) {
      opts.log?.(`slack: usergroups.list failed, treating everyone as in no group: ${e instanceof Error ? e.message : String(e)}`);
      cached = { at: now(), ttl: failureTtl, members };
    }
    return members;
  };

  return {
    async of(client, slackUserId) {
      if (cached && now() - cached.at < cached.ttl) return cached.members.get(slackUserId) ?? [];
      inFlight ??= fetchAll(client).finally(() => { inFlight = null; });
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<null>((resolve) => { timer = setTimeout(() => resolve(null), timeoutMs); });
      const members = await Promise.race([inFlight, late]);
      clearTimeout(timer);
      if (!members) {
        opts.log?.(`slack: usergroups.list took over ${timeoutMs} ms; ${slackUserId} counts as in no group this time`);
        return [];
      }
      return members.get(slackUserId) ?? [];
    },
    clear() {
      cached = null;
    },
  };
}
