// Each writer's state-changing requests through a token bucket: a burst is fine, a flood gets 429 with
// Retry-After, and nobody's flood slows anyone else. Buckets are in memory, per person (or per credential).

export interface RateLimitOptions {
  /** Requests a second a bucket refills by (MENTAT_WRITE_RATE). */
  perSecond: number;
  /** Requests a full bucket holds (MENTAT_WRITE_BURST). */
  burst: number;
  now?: () => number;
  /** Buckets kept at most; full ones are forgotten first. */
  maxKeys?: number;
}

export type Take = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RateLimiter {
  take(key: string): Take;
}

export const DEFAULT_WRITE_RATE = 10;
export const DEFAULT_WRITE_BURST = 60;

export function createRateLimiter(o: RateLimitOptions): RateLimiter {
  const now = o.now ?? Date.now;
  const max = o.maxKeys ?? 10_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refill = (b: { tokens: number; at: number }, t: number): void => {
    b.tokens = Math.min(o.burst, b.tokens + ((t - b.at) / 1000) * o.perSecond);
    b.at = t;
  };
  return {
    take(key) {
      const t = now();
      let b = buckets.get(key);
      if (!b) {
        if (buckets.size >= max) {
          for (const [k, v] of buckets) {
            refill(v, t);
            if (v.tokens >= o.burst) buckets.delete(k);
          }
          if (buckets.size >= max) buckets.clear();
        }
        b = { tokens: o.burst, at: t };
        buckets.set(key, b);
      } else {
        refill(b, t);
      }
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / o.perSecond)) };
    },
  };
}
