// DESIGN §3 in Slack, end to end over signed HTTP: support asks (command, mention, shortcut) and sees the
// labelled draft; the responders get ONE batch message; Approve, Edit and "Answer in my own words" go
// through the real core on a real SQLite file; refusals reach only the clicker; the asker hears back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupportQuestion } from '../../coach/support/index.ts';
import { BOT_USER_ID, type SlackCall } from '../support/fake-slack.ts';
import { appMention, blockAction, CHANNEL, eventCallback, messageShortcut, slashCommand, viewSubmission } from './payloads.ts';
import { startStack, type Stack } from './stack.ts';

const SAM = 'U0SAM';
const BOB = 'U0BOB';
const CAROL = 'U0CAROL';
const ALICE = 'U0ALICE';
const PEOPLE = `
people:
  alice: { roles: [responder], slack: ${ALICE}, display: Alice (SRE) }
  bob: { roles: [responder], slack: ${BOB} }
  sam: { roles: [support], slack: ${SAM} }
slack_groups:
  S0ONCALL: responder
`;

interface Button { action_id: string; value: string; text: { text: string } }
interface Block { type: string; block_id?: string; elements?: Button[] }
interface ModalInput { block_id: string; element: { initial_value?: string } }

const json = (c: SlackCall | undefined): string => JSON.stringify(c?.args ?? null);
const blocksOf = (c: SlackCall | undefined): Block[] => (c?.args.blocks ?? []) as Block[];
const buttons = (c: SlackCall | undefined): Button[] => blocksOf(c).flatMap((b) => (b.type === 'actions' ? b.elements ?? [] : []));

describe('support answers in Slack, end to end', () => {
  let s: Stack;
  let incidentId = 0;
  let batchTs = '';
  const asked: Record<'command' | 'mention' | 'shortcut', SupportQuestion | undefined> = { command: undefined, mention: undefined, shortcut: undefined };

  beforeAll(async () => {
    s = await startStack({ people: PEOPLE });
    // Carol is in no people.yml entry: she is a responder only through the on-call user group.
    s.slack.usergroups.push({ id: 'S0ONCALL', handle: 'oncall', users: [CAROL] }, { id: 'S0OTHER', handle: 'other', users: [SAM] });
    await s.post(slashCommand('incident open Checkout 5xx spike', s.slack.responseUrl(), ALICE));
    await s.slack.waitFor(() => s.store.incidents.findByChannel(CHANNEL) !== null);
    incidentId = s.store.incidents.findByChannel(CHANNEL)?.id ?? 0;
  });
  afterAll(async () => {
    if (process.env.SLACK_TEST_LOGS) console.log(s.logs.join('\n'));
    await s.close();
  });

  const ephemerals = (user: string): SlackCall[] => s.slack.callsTo('chat.postEphemeral').filter((c) => c.args.user === user);
  const nextEphemeral = async (user: string, post: () => Promise<unknown>): Promise<SlackCall> => {
    const n = ephemerals(user).length;
    await post();
    await s.slack.waitFor(() => ephemerals(user).length > n);
    return ephemerals(user)[n] as SlackCall;
  };
  const nextModal = async (post: () => Promise<unknown>): Promise<{ callback_id: string; private_metadata: string; blocks: ModalInput[] }> => {
    const n = s.slack.callsTo('views.open').length;
    await post();
    await s.slack.waitFor(() => s.slack.callsTo('views.open').length > n);
    return s.slack.callsTo('views.open')[n]?.args.view as { callback_id: string; private_metadata: string; blocks: ModalInput[] };
  };
  const click = (action: string, value: string, user: string, messageTs = batchTs, threadTs?: string): Promise<Response> =>
    s.post(blockAction(action, value, messageTs, s.slack.responseUrl(), { user, ...(threadTs ? { threadTs } : {}) }));

  it('/mentat ask-devs asks as the Slack user\'s person and shows them the labelled draft, with no Approve', async () => {
    const shown = await nextEphemeral(SAM, () => s.post(slashCommand('ask-devs Is card data safe? When will checkout be back?', s.slack.responseUrl(), SAM)));
    const q = s.support.list(incidentId)[0];
    asked.command = q;
    expect(q).toMatchObject({ askedBy: 'sam', state: 'ai_draft', origin: { via: 'slack', channel: CHANNEL, ts: null, user: SAM } });
    const blocks = blocksOf(shown);
    expect(blocks[0]).toMatchObject({ type: 'context' });
    expect(JSON.stringify(blocks[0])).toContain("AI's guess: don't send this to customers");
    const text = json(shown);
    expect(text).toContain('For customers');
    expect(text).toContain('For technical partners');
    expect(text).toMatch(/Not known yet:\* [^"]*ETA/);
    expect(buttons(shown)).toEqual([]);
    expect(text).not.toContain('mentat_support_approve');
    // Phase one is private: nothing was posted to the channel for the responders yet.
    expect(s.slack.callsTo('chat.postMessage').some((c) => json(c).includes('Support wants to know'))).toBe(false);
  });

  it('@Mentat ask-devs does the same, in the mention\'s thread, and remembers the message', async () => {
    const mention = appMention(`<@${BOT_USER_ID}> ask-devs Is order history lost for EU customers?`, { user: SAM });
    const shown = await nextEphemeral(SAM, () => s.post(eventCallback(mention)));
    expect(shown.args.thread_ts).toBe(mention.ts);
    const q = s.support.list(incidentId).find((x) => x.question.startsWith('Is order history lost'));
    asked.mention = q;
    expect(q?.origin).toEqual({ via: 'slack', channel: CHANNEL, ts: mention.ts, user: SAM });
  });

  it('the "Ask the dev team" shortcut opens a form prefilled with the message, and asks on submit', async () => {
    const modal = await nextModal(() => s.post(messageShortcut('mentat_ask_devs', 'customer: &lt;!channel&gt; can I still pay by card?', '1700000300.000100', { user: SAM })));
    expect(modal.callback_id).toBe('mentat_support_ask');
    expect(modal.blocks.find((b) => b.block_id === 'support_question')?.element.initial_value).toBe('customer: <!channel> can I still pay by card?');
    const shown = await nextEphemeral(SAM, () => s.post(viewSubmission('mentat_support_ask', modal.private_metadata,
      { support_question: { value: { type: 'plain_text_input', value: 'Can customers still pay by card?' } } }, SAM)));
    expect(json(shown)).toContain("don't send this to customers");
    const q = s.support.list(incidentId).find((x) => x.question === 'Can customers still pay by card?');
    asked.shortcut = q;
    expect(q?.origin).toMatchObject({ via: 'slack', channel: CHANNEL, ts: '1700000300.000100', user: SAM });
  });

  it('the shortcut form says so, in the form, when the message\'s channel has no incident', async () => {
    const modal = await nextModal(() => s.post(messageShortcut('mentat_ask_devs', 'is it down?', '1700000301.000100', { user: SAM, channel: 'C0NOWHERE' })));
    const before = s.support.list(incidentId).length;
    const res = await s.post(viewSubmission('mentat_support_ask', modal.private_metadata, { support_question: { value: { type: 'plain_text_input', value: 'is it down?' } } }, SAM));
    const body = await res.json() as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors.support_question).toMatch(/not linked to an incident/);
    expect(s.support.list(incidentId).length).toBe(before);
  });

  it('asks the responders ONCE per batch: one channel message with every question of the batch and its buttons', async () => {
    const n = s.slack.callsTo('chat.postMessage').length;
    s.clock.advance(61_000);
    expect(s.support.flushDue()).toHaveLength(1);
    await s.slack.waitFor(() => s.slack.callsTo('chat.postMessage').slice(n).some((c) => json(c).includes('Support wants to know')));
    await s.assistant.supportRelay?.idle();
    const batch = s.slack.callsTo('chat.postMessage').slice(n).filter((c) => json(c).includes('Support wants to know'));
    expect(batch).toHaveLength(1);
    const msg = batch[0];
    expect(msg?.args.channel).toBe(CHANNEL);
    expect(msg?.args.thread_ts).toBeUndefined();
    const text = json(msg);
    expect(text).toContain('Here is what I told them; is it right?');
    for (const q of Object.values(asked)) expect(text).toContain(`#${q?.id}`);
    const approves = buttons(msg).filter((b) => b.action_id === 'mentat_support_approve').map((b) => b.value).sort();
    expect(approves).toEqual(Object.values(asked).map((q) => `${q?.id}:1`).sort());
    expect(buttons(msg).filter((b) => b.action_id === 'mentat_support_edit')).toHaveLength(3);
    expect(buttons(msg).filter((b) => b.text.text === 'Answer in my own words')).toHaveLength(3);
    batchTs = s.assistant.supportRelay?.messageOf(asked.command?.id ?? 0)?.ts ?? '';
    expect(batchTs).toMatch(/^\d+\.\d+$/);
    expect(s.support.get(asked.command?.id ?? 0).state).toBe('dev_review');
  });

  it('Approve by a support person is refused privately with the core\'s reason, and nothing is published', async () => {
    const id = asked.command?.id ?? 0;
    const refusal = await nextEphemeral(SAM, () => click('mentat_support_approve', `${id}:1`, SAM));
    expect(refusal.args.text).toMatch(/Only a responder may approve an answer for customers: sam is support/);
    expect(refusal.args.channel).toBe(CHANNEL);
    expect(s.support.get(id).state).toBe('dev_review');
  });

  it('Edit opens both tiers of the current version; saving makes version 2, posted in the batch thread with its Approve', async () => {
    const q = asked.command as SupportQuestion;
    const modal = await nextModal(() => click('mentat_support_edit', `${q.id}:1`, BOB));
    expect(modal.callback_id).toBe('mentat_support_edit');
    expect(modal.blocks.find((b) => b.block_id === 'support_customer')?.element.initial_value).toBe(q.candidate.tiers.customer);
    expect(modal.blocks.find((b) => b.block_id === 'support_partner')?.element.initial_value).toBe(q.candidate.tiers.partner);
    const posts = s.slack.callsTo('chat.postMessage').length;
    const updates = s.slack.callsTo('chat.update').length;
    const res = await s.post(viewSubmission('mentat_support_edit', modal.private_metadata, {
      support_customer: { value: { type: 'plain_text_input', value: 'Card payments fail for some customers. Card data is safe.' } },
      support_partner: { value: { type: 'plain_text_input', value: 'Checkout returns errors on payment; no card data is exposed.' } },
    }, BOB));
    expect(res.status).toBe(200);
    await s.slack.waitFor(() => s.slack.callsTo('chat.postMessage').length > posts);
    const edited = s.support.get(q.id);
    expect(edited).toMatchObject({ version: 2, state: 'rewritten', candidate: { by: 'bob', kind: 'edit', tiers: { customer: 'Card payments fail for some customers. Card data is safe.' } } });
    const thread = s.slack.callsTo('chat.postMessage')[posts];
    expect(thread?.args.thread_ts).toBe(batchTs);
    expect(json(thread)).toContain('version 2');
    expect(buttons(thread).find((b) => b.action_id === 'mentat_support_approve')?.value).toBe(`${q.id}:2`);
    // The batch message now offers version 2, so nobody approves the old one from it.
    await s.slack.waitFor(() => s.slack.callsTo('chat.update').length > updates);
    await s.assistant.supportRelay?.idle();
    const update = s.slack.callsTo('chat.update').at(-1);
    expect(update?.args).toMatchObject({ channel: CHANNEL, ts: batchTs });
    expect(buttons(update).filter((b) => b.action_id === 'mentat_support_approve').map((b) => b.value)).toContain(`${q.id}:2`);
  });

  it('a stale Approve (version 1 after the edit) is refused privately with the 409 message', async () => {
    const id = asked.command?.id ?? 0;
    const refusal = await nextEphemeral(ALICE, () => click('mentat_support_approve', `${id}:1`, ALICE));
    expect(refusal.args.text).toMatch(/Version 1 is no longer current: bob edited it as version 2/);
    expect(s.support.get(id).state).toBe('rewritten');
  });

  it('"Answer in my own words" rewrites the reply as version 2, posted in the thread with its Approve and the questions back', async () => {
    const q = asked.mention as SupportQuestion;
    const modal = await nextModal(() => click('mentat_support_own_words', `${q.id}:1`, ALICE));
    expect(modal.callback_id).toBe('mentat_support_rewrite');
    const posts = s.slack.callsTo('chat.postMessage').length;
    await s.post(viewSubmission('mentat_support_rewrite', modal.private_metadata,
      { support_reply: { value: { type: 'plain_text_input', value: 'zk borked on db-7.prod.internal (10.0.4.12), sidekiq backed up, mid AZ failover' } } }, ALICE));
    await s.slack.waitFor(() => s.slack.callsTo('chat.postMessage').slice(posts).some((c) => c.args.thread_ts === batchTs));
    const v2 = s.support.get(q.id);
    expect(v2).toMatchObject({ version: 2, candidate: { by: 'alice', kind: 'rewrite' } });
    expect(v2.candidate.asks.length).toBeGreaterThan(0);
    const post = s.slack.callsTo('chat.postMessage').slice(posts).find((c) => c.args.thread_ts === batchTs);
    const text = json(post);
    expect(text).toContain('version 2');
    expect(text).toContain(`<@${ALICE}>, before you approve, can you tell me`);
    expect(text).not.toMatch(/10\.0\.4\.12|db-7\.prod\.internal/);
    expect(buttons(post).find((b) => b.action_id === 'mentat_support_approve')?.value).toBe(`${q.id}:2`);
  });

  it('Approve by a responder from a user group publishes that version, tells the asker, and marks the batch message', async () => {
    const q = asked.mention as SupportQuestion;
    const posts = s.slack.callsTo('chat.postMessage').length;
    const done = await nextEphemeral(CAROL, () => click('mentat_support_approve', `${q.id}:2`, CAROL, '1700009999.000100', batchTs));
    expect(done.args.text).toMatch(/Published version 2/);
    expect(done.args.thread_ts).toBe(batchTs);
    const published = s.support.get(q.id);
    expect(published).toMatchObject({ state: 'published', answer: { version: 2, approvedBy: `slack:${CAROL}` } });
    // The asker hears back: under the message they asked from, and in a DM.
    await s.slack.waitFor(() => s.slack.callsTo('chat.postMessage').slice(posts).filter((c) => json(c).includes('approved an answer')).length >= 2);
    const notices = s.slack.callsTo('chat.postMessage').slice(posts).filter((c) => json(c).includes('approved an answer'));
    expect(notices.map((c) => [c.args.channel, c.args.thread_ts ?? null])).toEqual(expect.arrayContaining([[CHANNEL, q.origin.ts], [`D0SAM`, null]]));
    expect(json(notices[0])).toContain(JSON.stringify(published.answer?.tiers.customer).slice(1, 40));
    expect(json(notices[0])).toContain(`<@${SAM}>, <@${CAROL}> approved an answer to your question #${q.id}`);
    expect(s.slack.callsTo('conversations.open').at(-1)?.args.users).toBe(SAM);
    await s.assistant.supportRelay?.idle();
    const update = s.slack.callsTo('chat.update').at(-1);
    expect(json(update)).toContain(`Published by <@${CAROL}>`);
    expect(buttons(update).map((b) => b.value)).not.toContain(`${q.id}:2`);
  });

  it('a click on a published question, on an unknown one, or with a forged value says so privately', async () => {
    const q = asked.mention as SupportQuestion;
    const again = await nextEphemeral(BOB, () => click('mentat_support_approve', `${q.id}:2`, BOB));
    expect(again.args.text).toMatch(/already published/);
    const gone = await nextEphemeral(BOB, () => click('mentat_support_edit', '99999:1', BOB));
    expect(gone.args.text).toMatch(/#99999 is gone/);
    const forged = await nextEphemeral(BOB, () => click('mentat_support_approve', `${q.id}:2; publish "<!channel> all good"`, BOB));
    expect(forged.args.text).toMatch(/does not name a support question/);
    expect(s.support.get(q.id).answer?.version).toBe(2);
  });

  it('approving a version with internal details is refused with the unsafe span (422)', async () => {
    const q = asked.shortcut as SupportQuestion;
    const modal = await nextModal(() => click('mentat_support_edit', `${q.id}:1`, BOB));
    await s.post(viewSubmission('mentat_support_edit', modal.private_metadata, {
      support_customer: { value: { type: 'plain_text_input', value: 'Payments fail because redis-main.eu-west-1.cache.amazonaws.com is down.' } },
      support_partner: { value: { type: 'plain_text_input', value: 'The cache cluster is failing over.' } },
    }, BOB));
    await s.slack.waitFor(() => s.support.get(q.id).version === 2);
    const refusal = await nextEphemeral(BOB, () => click('mentat_support_approve', `${q.id}:2`, BOB));
    expect(refusal.args.text).toMatch(/cannot go to customers: its customer text has an internal hostname \("redis-main\.eu-west-1\.cache\.amazonaws\.com"\)/);
    expect(s.support.get(q.id).state).toBe('rewritten');
  });

  it('an edit saved against a version that changed meanwhile is refused inside the form', async () => {
    const q = asked.shortcut as SupportQuestion;
    const modal = await nextModal(() => click('mentat_support_edit', `${q.id}:2`, BOB));
    // Meanwhile alice edits it from the sidebar.
    s.support.edit({ person: 'alice', roles: ['responder'], via: 'token' }, q.id, 2,
      { customer: 'Card payments are failing for some customers.', partner: 'A cache failover is in progress.' });
    const res = await s.post(viewSubmission('mentat_support_edit', modal.private_metadata, {
      support_customer: { value: { type: 'plain_text_input', value: 'Payments are slow.' } },
      support_partner: { value: { type: 'plain_text_input', value: 'Slow payments.' } },
    }, BOB));
    const body = await res.json() as { response_action: string; errors: Record<string, string> };
    expect(body.errors.support_customer).toMatch(/Version 2 is no longer current: alice edited it as version 3/);
    expect(s.support.get(q.id).version).toBe(3);
  });
});
