// `mentat serve` with Slack configured: bin/mentat.js registers the Slack front end and serve mounts it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.ts';
import { sign, slashCommand } from '../slack/payloads.ts';
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
