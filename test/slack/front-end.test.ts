// How `mentat serve` turns the assistant on: from the environment it is handed, per CONTRACTS §4.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runThroughRoute, slackFrontEnd } from '../../bots/slack/front-end.ts';
import { createCoach } from '../../coach/incident/index.ts';
import { createDirectory, parseRoster } from '../../coach/people/index.ts';
import { PEOPLE_KEY } from '../../coach/server/identity.ts';
import { SUPPORT_KEY } from '../../coach/server/routes/support.ts';
import { Store } from '../../coach/store/index.ts';
import { createSupport } from '../../coach/support/index.ts';
import { systemClock } from '../../coach/types.ts';
import { defaultWorkspace } from '../../coach/workspace/index.ts';
import { startFakeSlack } from '../support/fake-slack.ts';
import { tempDir } from '../support/tmp.ts';

describe('Slack front end for mentat serve', () => {
  const tmp = tempDir('mentat-slack-fe-');
  const store = Store.open(join(tmp.dir, 'm.db'));
  const coach = createCoach({ store, clock: systemClock });
  const deps = { store, coach, clock: systemClock, services: {} };
  const log = (): void => undefined;
  afterAll(() => {
    coach.close();
    store.close();
    tmp.cleanup();
  });

  it('is off without SLACK_BOT_TOKEN', async () => {
    expect(await slackFrontEnd({ env: { SLACK_SIGNING_SECRET: 's' }, deps, log })).toBeNull();
  });

  it('mounts POST /slack/events in HTTP mode', async () => {
    const fe = await slackFrontEnd({ env: { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }, deps, log });
    expect(fe?.name).toMatch(/HTTP/);
    expect(fe?.extraHandlers.map((h) => `${h.method} ${h.path}`)).toEqual(['POST /slack/events']);
  });

  it('mounts nothing over HTTP in Socket Mode (the app token wins)', async () => {
    const fe = await slackFrontEnd({ env: { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_SIGNING_SECRET: 's' }, deps, log });
    expect(fe?.name).toMatch(/Socket Mode/);
    expect(fe?.extraHandlers).toEqual([]);
  });

  it('refuses a bot token with neither transport, saying what to set', async () => {
    await expect(slackFrontEnd({ env: { SLACK_BOT_TOKEN: 'xoxb-1' }, deps, log })).rejects.toThrow(/SLACK_APP_TOKEN.*SLACK_SIGNING_SECRET/);
  });

  it('runs through the server\'s query-run route, which says when no Prometheus is configured', async () => {
    const inc = await coach.open({ title: 't', by: 'slack:U1' });
    const run = runThroughRoute(deps);
    expect(run).not.toBeNull();
    await expect(run?.runAsPerson({ incidentId: inc.incident.id, by: 'slack:U1', language: 'promql', query: 'up' }))
      .rejects.toMatchObject({ name: 'CodedError' });
  });

  it('hands the server\'s own support workflow and people to the assistant: a batch is posted to the incident\'s channel', async () => {
    const slack = await startFakeSlack();
    const people = parseRoster('people:\n  sam: { roles: [support], slack: U0SAM }\n');
    const support = createSupport({ store, clock: systemClock, workspace: { ...defaultWorkspace(), people }, batchWindowMs: 0 });
    const services = { [SUPPORT_KEY]: support, [PEOPLE_KEY]: createDirectory(people) };
    const fe = await slackFrontEnd({ env: { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: slack.apiUrl }, deps: { ...deps, services }, log });
    await fe?.start();
    try {
      const inc = await coach.open({ title: 'Checkout down', by: 'slack:U1', channel: 'C0FRONTEND' });
      await support.ask({ person: 'sam', roles: ['support'], via: 'token' }, { incident: inc.incident.id, question: 'Is it down?' });
      support.flushDue();
      await slack.waitFor(() => slack.callsTo('chat.postMessage').some((c) => c.args.channel === 'C0FRONTEND' && JSON.stringify(c.args).includes('Support wants to know')));
    } finally {
      await fe?.stop();
      await slack.close();
    }
  });
});
