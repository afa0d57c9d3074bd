// Slack retries anything it thinks went unanswered (X-Slack-Retry-Num, or a Socket Mode retry_attempt),
// for up to an hour, also across a restart of Mentat. Two memories turn those retries into no-ops: a
// bounded in-process one for requests in flight, and the store's (migration 12), where a request's key is
// claimed in the same transaction as the incident event it caused (pacedCoach passes it on), or once its
// listener has finished when it caused none. A retry after a crash therefore gets no second action and
// no second reply.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';

export interface Dedupe {
  /** True the first time a key is seen within the window; false for every repeat. */
  firstTime(key: string): boolean;
  readonly size: number;
}

/** The in-process memory: requests in flight and just handled. */
export function createDedupe(opts: { max?: number; ttlMs?: number; now?: () => number } = {}): Dedupe {
  const max = opts.max ?? 10_000;
  const ttl = opts.ttlMs ?? 15 * 60_000;
  const now = opts.now ?? Date.now;
  // A Map iterates in insertion order, so its first key is always the oldest.
  const seen = new Map<string, number>();
  return {
    firstTime(key) {
      const t = now();
      const at = seen.get(key);
      if (at !== undefined && t - at < ttl) return false;
      seen.delete(key);
      seen.set(key, t);
      while (seen.size > max) {
        const oldest = seen.keys().next();
        if (oldest.done) break;
        seen.delete(oldest.value);
      }
      return true;
    },
    get size() {
      return seen.size;
    },
  };
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 ? v : null;
}

/** The identity Slack keeps across retries of one request, or null when it has none. */
export function requestKey(body: unknown): string | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as Record<string, unknown>;
  const eventId = str(b.event_id);
  if (eventId) return `event:${eventId}`;
  const trigger = str(b.trigger_id);
  if (b.type === 'block_actions') {
    const first = Array.isArray(b.actions) ? (b.actions[0] as Record<string, unknown> | undefined) : undefined;
    const actionTs = str(first?.action_ts);
    if (trigger || actionTs) return `action:${trigger ?? ''}:${actionTs ?? ''}`;
    return null;
  }
  if (trigger) return `${str(b.type) ?? (str(b.command) ? 'command' : 'request')}:${trigger}`;
  return null;
}

/** The store's memory of handled requests. */
export interface DurableSeen {
  seen(key: string): boolean;
  /** True when this claimed it; false when it was already claimed. */
  claim(key: string): boolean;
}

/** The request being handled, for pacedCoach to claim with the event it causes. */
export interface RequestScope { key: string; claimed: boolean }
export const requestScope = new AsyncLocalStorage<RequestScope>();

/** Global middleware: a repeat is acknowledged (so Slack stops retrying) and goes no further. */
export function dedupeMiddleware(seen: Dedupe, log: (line: string) => void, durable: DurableSeen | null = null): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const key = requestKey(args.body);
    if (key && (!seen.firstTime(key) || durable?.seen(key))) {
      log(`slack: dropped a repeat of ${key}`);
      if ('ack' in args && typeof args.ack === 'function') await (args.ack)();
      return;
    }
    if (!key || !durable) {
      await args.next();
      return;
    }
    const scope: RequestScope = { key, claimed: false };
    await requestScope.run(scope, () => args.next());
    // No incident event claimed it (help, a lookup): it is claimed now that its answer went out.
    if (!scope.claimed) durable.claim(key);
  };
}
