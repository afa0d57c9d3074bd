// Socket Mode: the real @slack/socket-mode client gets its URL from apps.connections.open on the fake Web
// API, connects to a fake Socket Mode server on loopback, acks envelopes and answers through the Web API.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAssistant, type SlackAssistant } from '../../bots/slack/index.ts';
import { createCoach, type Coach } from '../../coach/incident/index.ts';
import { Store } from '../../coach/store/index.ts';
import { systemClock } from '../../coach/types.ts';
import { BOT_USER_ID, startFakeSlack, type FakeSlack } from '../support/fake-slack.ts';
import { tempDir } from '../support/tmp.ts';
import { startFakeSocketMode, type FakeSocketMode } from './fake-socket-mode.ts';
import { appMention, CHANNEL, eventCallback, slashCommand } from './payloads.ts';

describe('Socket Mode', () => {
  const tmp = tempDir('mentat-slack-sm-');
  let store: Store;
  let coach: Coach;
  let slack: FakeSlack;
  let sm: FakeSocketMode;
  let assistant: SlackAssistant;

  beforeAll(async () => {
    store = Store.open(join(tmp.dir, 'm.db'));
    coach = createCoach({ store, clock: systemClock });
    slack = await startFakeSlack();
    sm = await startFakeSocketMode();
    slack.on('apps.connections.open', () => ({ ok: true, url: sm.url }));
    assistant = createSlackAssistant({
      coach, store, clock: systemClock, botToken: 'xoxb-test', appToken: 'xapp-test', apiUrl: slack.apiUrl, log: () => undefined,
    });
    expect(assistant.mode).toBe('socket');
    expect(assistant.handleHttp).toBeUndefined();
    await assistant.start();
  });
  afterAll(async () => {
    await assistant.stop();
    await sm.close();
    await slack.close();
    coach.close();
    store.close();
    tmp.cleanup();
  });

  it('opens the connection with the app token', () => {
    const open = slack.callsTo('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]?.headers.authorization).toBe('Bearer xapp-test');
    expect(sm.connections).toBe(1);
  });

  it('acks a slash command envelope and opens the incident', async () => {
    const payload = Object.fromEntries(slashCommand('incident open Search is slow', 'http://127.0.0.1:9/none'));
    sm.send({ envelope_id: 'env-cmd-1', type: 'slash_commands', payload, accepts_response_payload: true });
    await slack.waitFor(() => sm.acks.some((a) => a.envelope_id === 'env-cmd-1'));
    await slack.waitFor(() => store.incidents.findByChannel(CHANNEL)?.title === 'Search is slow');
  });

  it('answers a mention once, even when Slack retries the envelope', async () => {
    const mention = appMention(`<@${BOT_USER_ID}> im stuck pls help`);
    const payload = eventCallback(mention);
    sm.send({ envelope_id: 'env-ev-1', type: 'events_api', payload, accepts_response_payload: false, retry_attempt: 0, retry_reason: '' });
    await slack.waitFor(() => slack.callsTo('chat.postMessage').some((c) => c.args.thread_ts === mention.ts));
    sm.send({ envelope_id: 'env-ev-2', type: 'events_api', payload, accepts_response_payload: false, retry_attempt: 1, retry_reason: 'timeout' });
    await slack.waitFor(() => sm.acks.some((a) => a.envelope_id === 'env-ev-2'));
    // A later event is answered after the retry would have been; then count.
    const later = appMention(`<@${BOT_USER_ID}> status`);
    sm.send({ envelope_id: 'env-ev-3', type: 'events_api', payload: eventCallback(later), accepts_response_payload: false });
    await slack.waitFor(() => slack.callsTo('chat.postEphemeral').length > 0);
    expect(slack.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === mention.ts)).toHaveLength(1);
    const inc = store.incidents.findByChannel(CHANNEL);
    expect(store.actions.list(inc?.id ?? 0).filter((a) => a.text === 'im stuck pls help')).toHaveLength(1);
  });
});
