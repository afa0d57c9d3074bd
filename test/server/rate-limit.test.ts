// Each writer's changes through a token bucket: a flood gets 429 with Retry-After, per person, and reads
// and other people are not slowed.
import { afterEach, describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../coach/server/rate-limit.ts';
import type { Clock } from '../../coach/types.ts';
import { startHarness, type Harness } from './support/harness.ts';

let h: Harness | null = null;
afterEach(async () => { await h?.close(); h = null; });

describe('write rate limits', () => {
  it('refuses a writer past the burst with 429 and Retry-After, others and reads unaffected, until it refills', async () => {
    let t = Date.parse('2026-12-01T10:00:00Z');
    const clock: Clock = { now: () => new Date(t) };
    h = await startHarness({ clock, writeLimit: { perSecond: 0.5, burst: 3 } });
    const alice = h.store.tokens.issue('alice', new Date(t).toISOString());
    const bob = h.store.tokens.issue('bob', new Date(t).toISOString());
    const as = (token: string) => ({ authorization: `Bearer ${token}` });
    for (let i = 0; i < 3; i++) expect((await h.call('POST', '/api/incidents', { title: `t${i}` }, as(alice))).status).toBe(201);
    const over = await h.call<{ error: { code: string; message: string } }>('POST', '/api/incidents', { title: 'too many' }, as(alice));
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('rate_limited');
    expect(over.body.error.message).toMatch(/alice.*wait 2 s/);
    expect(over.headers.get('retry-after')).toBe('2');
    expect(h.store.incidents.list({ status: 'all' })).toHaveLength(3);
    expect((await h.call('POST', '/api/incidents', { title: 'bob is fine' }, as(bob))).status).toBe(201);
    expect((await h.call('GET', '/api/incidents', undefined, as(alice))).status).toBe(200);
    t += 2_000;
    expect((await h.call('POST', '/api/incidents', { title: 'after the wait' }, as(alice))).status).toBe(201);
  });

  it('buckets refill at the rate and never past the burst', () => {
    let t = 0;
    const rl = createRateLimiter({ perSecond: 2, burst: 2, now: () => t, maxKeys: 2 });
    expect(rl.take('a')).toEqual({ ok: true });
    expect(rl.take('a')).toEqual({ ok: true });
    expect(rl.take('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
    t += 10_000;
    expect(rl.take('a')).toEqual({ ok: true });
    expect(rl.take('a')).toEqual({ ok: true });
    expect(rl.take('a').ok).toBe(false);
    // More keys than it keeps: full buckets are forgotten, and a new key starts full.
    expect(rl.take('b')).toEqual({ ok: true });
    expect(rl.take('c')).toEqual({ ok: true });
  });
});
