// How `mentat serve` turns the assistant on: from the environment it is handed, per CONTRACTS §4.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runThroughRoute, slackFrontEnd } from '../../bots/slack/front-end.ts';
import { createCoach } from '../../coach/incident/index.ts';
import { createDirectory, parseRoster } from '../../coach/people/index.ts';
import { PEOPLE_KEY } from '../../coach/server/identity.ts';
import { SUPPORT_KEY } from '../../coach/server/routes/support.ts';
import { LEARNING_NOTES_KEY } from '../../coach/server/routes/learning.ts';
import { SUGGESTIONS_KEY } from '../../coach/server/routes/suggestions.ts';
import { createLearningNotes } from '../../coach/learning/index.ts';
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

  it('hands the server\'s learning notes to the assistant (a published note is posted) and shares one suggestion workflow', async () => {
    const slack = await startFakeSlack();
    const learning = createLearningNotes({ store, clock: systemClock, workspace: defaultWorkspace() });
    const services: Record<string, unknown> = { [LEARNING_NOTES_KEY]: learning };
    const fe = await slackFrontEnd({ env: { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: slack.apiUrl }, deps: { ...deps, services }, log });
    // The server starts with these services and keeps a workflow it finds there: one for Slack and the sidebar.
    expect(services[SUGGESTIONS_KEY]).toBeDefined();
    await fe?.start();
    try {
      const inc = await coach.open({ title: 'Search slow', by: 'alice', channel: 'C0NOTES' });
      await coach.handle(inc.incident.id, { kind: 'status', from: 'alice', status: 'resolved' });
      const alice = { person: 'alice', roles: ['responder' as const], via: 'token' as const };
      const note = await learning.generate(alice, inc.incident.id);
      learning.publish(alice, note.id, note.version);
      await slack.waitFor(() => slack.callsTo('chat.postMessage').some((c) => c.args.channel === 'C0NOTES' && String(c.args.text).startsWith(`Learning note for ${inc.incident.key} published by`)));
    } finally {
      await fe?.stop();
      await slack.close();
    }
  });
});
