// How `mentat serve` turns the assistant on: from the environment it is handed, per CONTRACTS §4.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runThroughRoute, slackFrontEnd } from '../../bots/slack/front-end.ts';
import { createCoach } from '../../coach/incident/index.ts';
import { Store } from '../../coach/store/index.ts';
import { systemClock } from '../../coach/types.ts';
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
});
