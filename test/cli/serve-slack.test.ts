// `mentat serve` with Slack configured: bin/mentat.js registers the Slack front end and serve mounts it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.ts';
import { appHomeOpened, appMention, CHANNEL, eventCallback, sign, slashCommand } from '../slack/payloads.ts';
import { BOT_USER_ID } from '../support/fake-slack.ts';
import { Store } from '../../coach/store/index.ts';
import { startServe, type Served } from './support/spawn.ts';

let dir: string | null = null;
let served: Served | null = null;
let slack: FakeSlack | null = null;
afterEach(async () => {
  await served?.stop('SIGKILL');
  await slack?.close();
  served = null;
  slack = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('mentat serve with Slack', () => {
  it('answers signed Slack requests at POST /slack/events and rejects unsigned ones', async () => {
    slack = await startFakeSlack();
    dir = mkdtempSync(join(tmpdir(), 'mentat-slack-'));
    const secret = 'slack-signing-secret';
    served = await startServe(['--port', '0', '--db', join(dir, 'm.db')], {
      SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: secret, SLACK_API_URL: slack.apiUrl,
    });
    const body = slashCommand('help', slack.responseUrl()).toString();
    const unsigned = await fetch(`${served.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect(unsigned.status).toBe(401);
    const signed = await fetch(`${served.url}/slack/events`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(secret, body) }, body,
    });
    expect(signed.status).toBe(200);
    expect(await served.stop('SIGTERM')).toBe(0);
    served = null;
  });

  it('leaves /slack/events unmounted without Slack settings', async () => {
    dir = mkdtempSync(join(tmpdir(), 'mentat-slack-'));
    served = await startServe(['--port', '0', '--db', join(dir, 'm.db')]);
    const r = await fetch(`${served.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(r.status).toBe(404);
  });
});

describe('mentat serve when Slack fails', () => {
  it('stays up with invalid_auth, says so in the log and /healthz, and starts Slack once Slack takes the token', async () => {
    slack = await startFakeSlack();
    let valid = false;
    slack.on('auth.test', () => (valid
      ? { ok: true, url: 'https://fake.slack.test/', team: 'Fake', user: 'mentat', team_id: 'T0FAKE', user_id: 'UMENTATBOT', bot_id: 'BMENTAT' }
      : { ok: false, error: 'invalid_auth' }));
    dir = mkdtempSync(join(tmpdir(), 'mentat-slack-'));
    const secret = 'slack-signing-secret';
    served = await startServe(['--port', '0', '--db', join(dir, 'm.db')], {
      SLACK_BOT_TOKEN: 'xoxb-revoked', SLACK_SIGNING_SECRET: secret, SLACK_API_URL: slack.apiUrl, MENTAT_RETRY_SECONDS: '0.5',
    });
    const health = async (): Promise<{ ok: boolean; frontEnds: { name: string; state: string; error?: string; attempts: number }[] }> =>
      (await (await fetch(`${served?.url ?? ''}/healthz`)).json()) as never;
    const down = await health();
    expect(down.ok).toBe(true);
    expect(down.frontEnds[0]).toMatchObject({ state: 'retrying' });
    expect(down.frontEnds[0]?.error).toMatch(/invalid_auth/);
    expect(served.stderr()).toMatch(/failed to start.*invalid_auth.*keep running/);
    // The rest of the server works meanwhile, Slack's own path included (it answers, it does not crash).
    expect((await fetch(`${served.url}/api/incidents`)).status).toBe(200);
    const body = slashCommand('help', slack.responseUrl()).toString();
    const early = await fetch(`${served.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(secret, body) }, body });
    expect(early.status).toBeLessThan(500);
    valid = true;
    const deadline = Date.now() + 15_000;
    let up = await health();
    while (up.frontEnds[0]?.state !== 'running' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      up = await health();
    }
    expect(up.frontEnds[0]?.state).toBe('running');
    expect(up.frontEnds[0]?.attempts).toBeGreaterThan(1);
    const signed = await fetch(`${served.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(secret, body) }, body });
    expect(signed.status).toBe(200);
    expect(await served.stop('SIGTERM')).toBe(0);
    served = null;
  }, 30_000);
});

describe('Slack retries across a crash and restart', () => {
  it('a retry after kill -9 gets no second reply and records nothing twice', async () => {
    slack = await startFakeSlack();
    dir = mkdtempSync(join(tmpdir(), 'mentat-slack-'));
    const db = join(dir, 'm.db');
    const secret = 'slack-signing-secret';
    const env = { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: secret, SLACK_API_URL: slack.apiUrl };
    const post = async (url: string, body: Record<string, unknown> | URLSearchParams, headers: Record<string, string> = {}): Promise<number> => {
      const form = body instanceof URLSearchParams;
      const text = form ? body.toString() : JSON.stringify(body);
      const r = await fetch(`${url}/slack/events`, { method: 'POST', headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json', ...sign(secret, text), ...headers }, body: text });
      return r.status;
    };
    served = await startServe(['--port', '0', '--db', db], env);
    const open = slashCommand('incident open Checkout 5xx spike', slack.responseUrl());
    expect(await post(served.url, open)).toBe(200);
    await slack.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage' && JSON.stringify(c.args).includes('opened by')));
    const mention = appMention(`<@${BOT_USER_ID}> im stuck after the deploy`);
    const event = eventCallback(mention);
    expect(await post(served.url, event)).toBe(200);
    const replies = (): number => slack?.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === mention.ts).length ?? 0;
    await slack.waitFor(() => replies() > 0);
    expect(replies()).toBe(1);
    // The server dies without a word; it comes back on the same store, and Slack retries both requests.
    await served.stop('SIGKILL');
    served = await startServe(['--port', '0', '--db', db], env);
    expect(await post(served.url, event, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' })).toBe(200);
    expect(await post(served.url, open, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' })).toBe(200);
    // A later request is answered after earlier ones: once it is, a wrong second reply would be there.
    expect(await post(served.url, eventCallback(appHomeOpened()))).toBe(200);
    await slack.waitFor((calls) => calls.some((c) => c.method === 'views.publish'));
    expect(replies()).toBe(1);
    expect(served.stderr()).toMatch(/dropped a repeat of event:/);
    expect(await served.stop('SIGTERM')).toBe(0);
    served = null;
    const store = Store.open(db);
    try {
      const incidents = store.incidents.list({ status: 'all' });
      expect(incidents).toHaveLength(1);
      const inc = store.incidents.findByChannel(CHANNEL);
      expect(store.actions.list(inc?.id ?? 0).filter((a) => a.text === 'im stuck after the deploy')).toHaveLength(1);
    } finally {
      store.close();
    }
  }, 60_000);
});
