// End to end in HTTP mode against the team server: Slack's payloads in, the coach's answers out to the
// fake Web API, the person's actions in the store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_USER_ID, type SlackCall } from '../support/fake-slack.ts';
import { ALICE, appHomeOpened, appMention, CHANNEL, eventCallback, messageShortcut, reactionAdded, slashCommand, threadMessage, viewSubmission } from './payloads.ts';
import { startStack, type Stack } from './stack.ts';

const text = (c: SlackCall): string => JSON.stringify(c.args);

describe('Slack assistant over HTTP, end to end', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack();
  });
  afterAll(async () => {
    if (process.env.SLACK_TEST_LOGS) console.log(s.logs.join('\n'));
    await s.close();
  });

  const posts = (): SlackCall[] => s.slack.callsTo('chat.postMessage');

  it('opens an incident from /mentat incident open and links the channel', async () => {
    const res = await s.post(slashCommand('incident open Checkout 5xx spike', s.slack.responseUrl()));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    await s.slack.waitFor(() => posts().some((c) => text(c).includes('opened by')));
    const inc = s.store.incidents.findByChannel(CHANNEL);
    expect(inc?.title).toBe('Checkout 5xx spike');
    expect(inc?.openedBy).toBe(`slack:${ALICE}`);
  });

  it('asks for a plan first when asked what to do (G1), in a thread under the mention', async () => {
    const mention = appMention(`<@${BOT_USER_ID}> what should I do?`);
    const n = posts().length;
    expect((await s.post(eventCallback(mention))).status).toBe(200);
    await s.slack.waitFor(() => posts().length > n);
    await s.slack.waitFor(() => posts().some((c) => c.args.thread_ts === mention.ts));
    const reply = posts().find((c) => c.args.thread_ts === mention.ts);
    expect(text(reply as SlackCall)).toMatch(/Guide/);
    const incId = s.store.incidents.findByChannel(CHANNEL)?.id ?? 0;
    expect(s.coach.view(incId).turns.some((t) => t.type === 'ask_plan')).toBe(true);
  });

  it('a retried event (X-Slack-Retry-Num) produces one reply and one logged action', async () => {
    const incId = s.store.incidents.findByChannel(CHANNEL)?.id ?? 0;
    const actionsBefore = s.store.actions.list(incId).length;
    const body = eventCallback(appMention(`<@${BOT_USER_ID}> im stuck pls help`));
    const n = posts().length;
    expect((await s.post(body)).status).toBe(200);
    const retries = await Promise.all([1, 2].map((i) => s.post(body, { 'x-slack-retry-num': String(i), 'x-slack-retry-reason': 'http_timeout' })));
    expect(retries.map((r) => r.status)).toEqual([200, 200]);
    const ts = (body.event as { ts: string }).ts;
    await s.slack.waitFor(() => posts().some((c) => c.args.thread_ts === ts));
    // Let any second (wrong) reply arrive before counting: a later request is answered after earlier ones.
    await s.post(eventCallback(appHomeOpened()));
    await s.slack.waitFor(() => s.slack.callsTo('views.publish').length > 0);
    const replies = posts().slice(n).filter((c) => c.args.thread_ts === ts);
    expect(replies.length).toBe(1);
    expect(s.store.actions.list(incId).filter((a) => a.text === 'im stuck pls help').length).toBe(1);
    expect(s.store.actions.list(incId).length).toBeGreaterThan(actionsBefore);
  });

  it('captures a plan from /mentat plan and answers in a thread under the plan', async () => {
    const n = posts().length;
    await s.post(slashCommand('plan 1. check the checkout deploy\n2. compare 5xx before and after', s.slack.responseUrl()));
    await s.slack.waitFor(() => posts().slice(n).some((c) => text(c).includes('plan for INC-')));
    const incId = s.store.incidents.findByChannel(CHANNEL)?.id ?? 0;
    const plan = s.store.plans.current(incId);
    expect(plan?.steps.map((x) => x.text)).toEqual(['check the checkout deploy', 'compare 5xx before and after']);
    expect(plan?.author).toBe(`slack:${ALICE}`);
  });

  it('opens the plan form for a bare /mentat plan and takes its submission', async () => {
    const n = s.slack.callsTo('views.open').length;
    await s.post(slashCommand('plan', s.slack.responseUrl()));
    await s.slack.waitFor(() => s.slack.callsTo('views.open').length > n);
    const view = s.slack.callsTo('views.open')[n]?.args.view as { callback_id: string; private_metadata: string };
    expect(view.callback_id).toBe('mentat_plan');
    const res = await s.post(viewSubmission('mentat_plan', view.private_metadata, { plan: { plan_text: { type: 'plain_text_input', value: '1. roll back checkout\n2. watch 5xx' } } }));
    expect(res.status).toBe(200);
    const incId = s.store.incidents.findByChannel(CHANNEL)?.id ?? 0;
    await s.slack.waitFor(() => s.store.plans.current(incId)?.steps[0]?.text === 'roll back checkout');
  });

  it('turns "/mentat stuck" into the coach question, and "/mentat note" into a note', async () => {
    const incId = s.store.incidents.findByChannel(CHANNEL)?.id ?? 0;
    await s.post(slashCommand('note customers see errors at payment step', s.slack.responseUrl()));
    await s.slack.waitFor(() => s.store.notes.list(incId).some((x) => x.text === 'customers see errors at payment step'));
    const n = posts().length;
    await s.post(slashCommand('stuck', s.slack.responseUrl()));
    await s.slack.waitFor(() => posts().length >= n + 2);
    expect(s.store.actions.list(incId).some((a) => a.actor === `slack:${ALICE}` && /stuck/i.test(a.text))).toBe(true);
  });

  it('answers a reply in a thread the bot started, without a mention', async () => {
    // The thread under the bot's "opened" message (the fake's first ts).
    const threadTs = '1700000001.000100';
    const n = posts().length;
    await s.post(eventCallback(threadMessage('step 1 looks fine, the deploy was at 14:02', threadTs, BOT_USER_ID)));
    await s.slack.waitFor(() => {
      const incId = s.store.incidents.findByChannel(CHANNEL)?.id ?? 0;
      return s.store.actions.list(incId).some((a) => a.text.startsWith('step 1 looks fine'));
    });
    // A message in someone else's thread is people talking to each other: no reply, nothing logged.
    await s.post(eventCallback(threadMessage('unrelated chatter', '1700000002.000100', 'U0BOB')));
    await s.post(eventCallback(appHomeOpened()));
    await s.slack.waitFor(() => s.slack.callsTo('views.publish').length >= 2);
    expect(posts().slice(n).some((c) => text(c).includes('unrelated chatter'))).toBe(false);
    const incId = s.store.incidents.findByChannel(CHANNEL)?.id ?? 0;
    expect(s.store.actions.list(incId).some((a) => a.text.includes('unrelated chatter'))).toBe(false);
  });

  it('adds a :pushpin:ed message to the notes once, however often it is pinned', async () => {
    s.slack.messages.push({ channel: CHANNEL, ts: '1700000100.000200', text: 'root cause: config push at 14:01', user: 'U0BOB' });
    const incId = s.store.incidents.findByChannel(CHANNEL)?.id ?? 0;
    await s.post(eventCallback(reactionAdded('pushpin', '1700000100.000200')));
    await s.post(eventCallback(reactionAdded('pushpin', '1700000100.000200')));
    await s.slack.waitFor(() => s.store.notes.list(incId).some((x) => x.text === 'root cause: config push at 14:01'));
    await s.post(eventCallback(appHomeOpened()));
    await s.slack.waitFor(() => s.slack.callsTo('views.publish').length >= 3);
    const pinned = s.store.notes.list(incId).filter((x) => x.text === 'root cause: config push at 14:01');
    expect(pinned.length).toBe(1);
    expect(pinned[0]?.pinned).toBe(true);
    expect(pinned[0]?.author).toBe(`slack:${ALICE}`);
  });

  it('adds a message to the notes from the message shortcut', async () => {
    const incId = s.store.incidents.findByChannel(CHANNEL)?.id ?? 0;
    expect((await s.post(messageShortcut('mentat_add_note', 'workaround: retry payments', '1700000200.000300'))).status).toBe(200);
    await s.slack.waitFor(() => s.store.notes.list(incId).some((x) => x.text === 'workaround: retry payments'));
  });

  it('publishes the Home tab with the person\'s open incidents', async () => {
    const n = s.slack.callsTo('views.publish').length;
    await s.post(eventCallback(appHomeOpened()));
    await s.slack.waitFor(() => s.slack.callsTo('views.publish').length > n);
    const call = s.slack.callsTo('views.publish')[n] as SlackCall;
    expect(call.args.user_id).toBe(ALICE);
    const shown = JSON.stringify(call.args.view);
    expect(shown).toMatch(/Your open incidents/);
    expect(shown).toMatch(/Checkout 5xx spike/);
  });

  it('shows status privately, and tells a person in an unlinked channel what to do', async () => {
    const n = s.slack.callsTo('chat.postEphemeral').length;
    await s.post(slashCommand('status', s.slack.responseUrl()));
    await s.slack.waitFor(() => s.slack.callsTo('chat.postEphemeral').length > n);
    const status = JSON.stringify(s.slack.callsTo('chat.postEphemeral')[n]?.args);
    expect(status).toMatch(/Plan/);
    // The link opens the incident in the sidebar, whose route lives in the hash.
    expect(status).toMatch(/http:\/\/mentat\.example\/#\/incident\/\d+/);
    const form = slashCommand('ask how many 5xx', s.slack.responseUrl());
    form.set('channel_id', 'C0ELSEWHERE');
    await s.post(form);
    await s.slack.waitFor(() => s.slack.callsTo('chat.postEphemeral').some((c) => text(c).includes('not linked to an incident')));
  });
});
