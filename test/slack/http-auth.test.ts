// HTTP mode at the door: Slack's handshakes answered, anything unsigned, mis-signed or stale refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventCallback, appMention, sign } from './payloads.ts';
import { SECRET, startStack, type Stack } from './stack.ts';

describe('POST /slack/events: signatures', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack();
  });
  afterAll(async () => {
    await s.close();
  });

  it('answers url_verification with the challenge', async () => {
    const res = await s.post({ token: 'legacy', challenge: 'c-123', type: 'url_verification' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'c-123' });
  });

  it('refuses a bad signature with 401 and does nothing', async () => {
    const before = s.slack.calls.length;
    const body = JSON.stringify(eventCallback(appMention('<@UMENTATBOT> status')));
    const res = await s.post(body, sign('not-the-secret', body));
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('slack_signature_invalid');
    expect(s.slack.calls.length).toBe(before);
  });

  it('refuses a stale timestamp (older than five minutes) with 401', async () => {
    const body = JSON.stringify(eventCallback(appMention('<@UMENTATBOT> status')));
    const res = await s.post(body, sign(SECRET, body, Math.floor(Date.now() / 1000) - 6 * 60));
    expect(res.status).toBe(401);
  });

  it('refuses missing signature headers with 401', async () => {
    const body = JSON.stringify(eventCallback(appMention('<@UMENTATBOT> status')));
    const res = await fetch(`${s.server.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('slack_signature_missing');
  });

  it('refuses a body altered after signing', async () => {
    const body = JSON.stringify(eventCallback(appMention('<@UMENTATBOT> status')));
    const res = await s.post(body.replace('status', 'help'), sign(SECRET, body));
    expect(res.status).toBe(401);
  });

  it('answers the ssl_check with 200', async () => {
    const res = await fetch(`${s.server.url}/slack/events`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'ssl_check=1&token=legacy',
    });
    expect(res.status).toBe(200);
  });
});
