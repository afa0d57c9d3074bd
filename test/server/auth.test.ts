// Tokens: required off loopback, checked on every /api route, open for /healthz and the UI.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer } from '../../coach/server/index.ts';
import { Store } from '../../coach/store/index.ts';
import { systemClock } from '../../coach/types.ts';
import { createCoach } from '../../coach/incident/index.ts';
import { startHarness, type Harness } from './support/harness.ts';

let h: Harness | null = null;
afterEach(async () => { await h?.close(); h = null; });

describe('auth', () => {
  it('refuses to listen off loopback without a token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mentat-auth-'));
    const store = Store.open(join(dir, 'm.db'));
    try {
      const start = startServer({ host: '0.0.0.0', port: 0, deps: { store, coach: createCoach({ store, clock: systemClock }), clock: systemClock, services: {} } });
      const err: unknown = await start.then(async (s) => { await s.close(); return null; }, (e: unknown) => e);
      expect(err).toMatchObject({ code: 'token_required' });
      expect((err as Error).message).toContain('MENTAT_TOKEN');
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('listens off loopback with a token, and wants it', async () => {
    h = await startHarness({ host: '0.0.0.0', token: 's3cret' });
    const url = h.url.replace('0.0.0.0', '127.0.0.1');
    expect((await fetch(`${url}/api/incidents`)).status).toBe(401);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/api/incidents`, { headers: { authorization: 'Bearer s3cret' } })).status).toBe(200);
  });

  it('401s every /api route without the right bearer token, before reading the body', async () => {
    h = await startHarness({ token: 's3cret' });
    const none = await h.call<{ error: { code: string } }>('POST', '/api/incidents', { title: 't', from: 'a' });
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('unauthorized');
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect((await h.call('POST', '/api/incidents', { title: 't', from: 'a' }, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await h.call('GET', '/api/workspace', undefined, { authorization: 'Basic czNjcmV0' })).status).toBe(401);
    // The query-string token is for EventSource only.
    expect((await h.call('GET', '/api/incidents?access_token=s3cret')).status).toBe(401);
    expect(h.store.incidents.list({ status: 'all' })).toEqual([]);
    const ok = await h.call('POST', '/api/incidents', { title: 't', from: 'a' }, { authorization: 'Bearer s3cret' });
    expect(ok.status).toBe(201);
  });

  it('lets EventSource pass the token as access_token', async () => {
    h = await startHarness({ token: 's3cret' });
    expect((await fetch(`${h.url}/api/events`)).status).toBe(401);
    const ac = new AbortController();
    const res = await fetch(`${h.url}/api/events?access_token=s3cret`, { signal: ac.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    ac.abort();
  });
});
