// The support listeners called directly, as bolt calls them (fake ack, a real Web API client on the fake
// Slack, the real core on SQLite), plus the user-group cache and the Block Kit the views build.
import { join } from 'node:path';
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDedupe, createGroupCache, createPeople, type SlackDeps } from '../../bots/slack/index.ts';
import { supportApprove } from '../../bots/slack/listeners/actions/support-approve.ts';
import { parse } from '../../bots/slack/listeners/invocation.ts';
import { askDevsSubmitted } from '../../bots/slack/listeners/views/ask-devs-submitted.ts';
import { supportRewriteSubmitted } from '../../bots/slack/listeners/views/support-rewrite-submitted.ts';
import { principalOf } from '../../bots/slack/support/principal.ts';
import { relaySupport } from '../../bots/slack/support/relay.ts';
import { batchBlocks, draftBlocks, listOf, parseQuestionRef, QUESTIONS_PER_MESSAGE } from '../../bots/slack/views/support.ts';
import { createCoach, type Coach } from '../../coach/incident/index.ts';
import { createDirectory, parseRoster } from '../../coach/people/index.ts';
import { Store } from '../../coach/store/index.ts';
import { createSupport, type SupportQuestion, type SupportService } from '../../coach/support/index.ts';
import { systemClock } from '../../coach/types.ts';
import { defaultWorkspace } from '../../coach/workspace/index.ts';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.ts';
import { tempDir } from '../support/tmp.ts';
import { CHANNEL } from './payloads.ts';

const roster = parseRoster('people:\n  sam: { roles: [support], slack: U0SAM }\n  bob: { roles: [responder], slack: U0BOB }\nslack_groups:\n  S0ONCALL: responder\n');

describe('support listeners, called directly', () => {
  const tmp = tempDir('mentat-slack-s-');
  let store: Store;
  let coach: Coach;
  let slack: FakeSlack;
  let client: webApi.WebClient;
  let support: SupportService;
  let deps: SlackDeps;
  let incidentId = 0;
  const logs: string[] = [];
  const order: string[] = [];
  const ack = async (arg?: unknown): Promise<void> => {
    order.push(`ack${arg === undefined ? '' : `:${JSON.stringify(arg)}`}`);
  };
  const sam = { person: 'sam', roles: ['support' as const], via: 'token' as const };

  beforeAll(async () => {
    store = Store.open(join(tmp.dir, 'm.db'));
    coach = createCoach({ store, clock: systemClock });
    slack = await startFakeSlack();
    client = new webApi.WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    support = createSupport({ store, clock: systemClock, workspace: { ...defaultWorkspace(), people: roster }, batchWindowMs: 0 });
    deps = {
      coach, store, query: null, clock: systemClock, people: createPeople(), seen: createDedupe(), support, directory: createDirectory(roster),
      groups: createGroupCache({ log: (l) => logs.push(l) }), log: (l) => logs.push(l), incidentUrl: () => null,
    };
    incidentId = (await coach.open({ title: 'Checkout down', by: 'alice', channel: CHANNEL })).incident.id;
  });
  afterAll(async () => {
    await slack.close();
    coach.close();
    store.close();
    tmp.cleanup();
  });

  const button = (value: string, user: string) => ({
    type: 'block_actions', user: { id: user }, channel: { id: CHANNEL }, trigger_id: 't1',
    container: { type: 'message', channel_id: CHANNEL, message_ts: '1700000001.000100' }, message: { ts: '1700000001.000100' },
    actions: [{ action_id: 'mentat_support_approve', value, type: 'button' }],
  });

  it('Approve acks before any Slack or core work, and a forged value reaches only the clicker', async () => {
    order.length = 0;
    const n = slack.calls.length;
    const wrapped = async (): Promise<void> => {
      order.push(`calls:${slack.calls.length - n}`);
      await ack();
    };
    const body = button('1:1 OR 1=1', 'U0BOB');
    await supportApprove(deps)({ ack: wrapped, body, action: body.actions[0], client } as never);
    expect(order[0]).toBe('calls:0');
    const eph = slack.callsTo('chat.postEphemeral').at(-1);
    expect(eph?.args).toMatchObject({ channel: CHANNEL, user: 'U0BOB' });
    expect(String(eph?.args.text)).toMatch(/does not name a support question/);
  });

  it('a responder listed in people.yml approves; the batch posted by the relay then shows it published', async () => {
    const relay = relaySupport({ support, client, store, directory: deps.directory, log: (l) => logs.push(l) });
    const q = await support.ask(sam, { incident: incidentId, question: 'Is data safe?' });
    support.flushDue();
    await relay.idle();
    expect(relay.messageOf(q.id)?.channel).toBe(CHANNEL);
    const body = button(`${q.id}:1`, 'U0BOB');
    await supportApprove(deps)({ ack, body, action: body.actions[0], client } as never);
    expect(support.get(q.id)).toMatchObject({ state: 'published', answer: { approvedBy: 'bob' } });
    await relay.idle();
    expect(JSON.stringify(slack.callsTo('chat.update').at(-1)?.args)).toContain('Published by <@U0BOB>');
    // The asker is a roster person with a Slack id (asked from the API here): told by DM.
    expect(slack.callsTo('conversations.open').at(-1)?.args.users).toBe('U0SAM');
    relay.stop();
  });

  it('a relay started after a restart still updates the batch message a question was posted in', async () => {
    const before = relaySupport({ support, client, store, directory: deps.directory, log: (l) => logs.push(l) });
    const q = await support.ask(sam, { incident: incidentId, question: 'Will orders go through later?' });
    support.flushDue();
    await before.idle();
    const posted = before.messageOf(q.id);
    expect(posted).not.toBeNull();
    before.stop();
    // A new relay, as after a restart: nothing in memory, the store remembers the message.
    const after = relaySupport({ support, client, store, directory: deps.directory, log: (l) => logs.push(l) });
    expect(after.messageOf(q.id)).toEqual(posted);
    support.withdraw(sam, q.id);
    await after.idle();
    const update = slack.callsTo('chat.update').at(-1);
    expect(update?.args).toMatchObject({ channel: posted?.channel, ts: posted?.ts });
    after.stop();
  });

  it('a batch of an incident with no channel goes to the announce channel, naming the incident', async () => {
    const relay = relaySupport({ support, client, store, directory: deps.directory, log: (l) => logs.push(l), fallbackChannel: 'C0ANNOUNCE' });
    const other = (await coach.open({ title: 'Search is slow', service: 'search', by: 'alice' })).incident;
    const q = await support.ask(sam, { incident: other.id, question: 'Is search down for everyone?' });
    support.flushDue();
    await relay.idle();
    const post = slack.callsTo('chat.postMessage').at(-1);
    expect(post?.args.channel).toBe('C0ANNOUNCE');
    expect(JSON.stringify(post?.args.blocks)).toContain(`*${other.key}* *Support wants to know:*`);
    expect(relay.messageOf(q.id)?.channel).toBe('C0ANNOUNCE');
    relay.stop();
  });

  it('the ask form refuses, inside the form, an empty question, lost metadata and an unlinked channel', async () => {
    const submit = async (value: string, meta: string): Promise<string> => {
      order.length = 0;
      const view = { private_metadata: meta, state: { values: { support_question: { value: { type: 'plain_text_input', value } } } } };
      await askDevsSubmitted(deps)({ ack, body: { user: { id: 'U0SAM' } }, view, client } as never);
      return order[0] ?? '';
    };
    const good = JSON.stringify({ channel: CHANNEL, messageTs: '1700000002.000100', threadTs: null });
    expect(await submit('  ', good)).toMatch(/response_action.*Write what support needs to know/);
    expect(await submit('Is it down?', '{"channel":"<!channel>"}')).toMatch(/lost track of its channel/);
    expect(await submit('Is it down?', JSON.stringify({ channel: 'C0ELSEWHERE', messageTs: null, threadTs: null }))).toMatch(/not linked to an incident/);
    const before = support.list(incidentId).length;
    expect(await submit('Is it down?', good)).toBe('ack');
    expect(support.list(incidentId).length).toBe(before + 1);
    expect(support.list(incidentId)[0]).toMatchObject({ askedBy: 'sam', origin: { via: 'slack', ts: '1700000002.000100', user: 'U0SAM' } });
  });

  it('the own-words form refuses an empty reply, and shows a non-responder the core\'s 403 privately', async () => {
    const q = support.list(incidentId)[0] as SupportQuestion;
    const meta = JSON.stringify({ questionId: q.id, version: q.version, channel: CHANNEL, threadTs: null });
    const view = (value: string) => ({ private_metadata: meta, state: { values: { support_reply: { value: { type: 'plain_text_input', value } } } } });
    order.length = 0;
    await supportRewriteSubmitted(deps)({ ack, body: { user: { id: 'U0SAM' } }, view: view(''), client } as never);
    expect(order[0]).toMatch(/response_action/);
    order.length = 0;
    await supportRewriteSubmitted(deps)({ ack, body: { user: { id: 'U0SAM' } }, view: view('db is fine'), client } as never);
    expect(order[0]).toBe('ack');
    expect(String(slack.callsTo('chat.postEphemeral').at(-1)?.args.text)).toMatch(/Only a responder may answer support in their own words: sam is support/);
    expect(support.get(q.id).version).toBe(q.version);
  });

  it('a Slack user in a responder user group is a responder; groups are fetched once per TTL, failures mean none', async () => {
    slack.usergroups.push({ id: 'S0ONCALL', handle: 'oncall', users: ['U0CAROL'] });
    let t = 0;
    const groups = createGroupCache({ ttlMs: 1_000, now: () => t, log: (l) => logs.push(l) });
    const d = { ...deps, groups };
    const before = slack.callsTo('usergroups.list').length;
    expect(await principalOf(d, client, 'U0CAROL')).toEqual({ person: 'slack:U0CAROL', roles: ['responder'], via: 'slack' });
    expect((await principalOf(d, client, 'U0SAM')).roles).toEqual(['support']);
    expect(slack.callsTo('usergroups.list').length).toBe(before + 1);
    expect(String(slack.callsTo('usergroups.list').at(-1)?.args.include_users)).toBe('true');
    t = 2_000;
    slack.on('usergroups.list', () => ({ ok: false, error: 'missing_scope' }));
    expect(await principalOf(d, client, 'U0CAROL')).toEqual({ person: 'slack:U0CAROL', roles: [], via: 'slack' });
    expect(logs.some((l) => /usergroups\.list failed.*missing_scope/.test(l))).toBe(true);
    expect(slack.callsTo('usergroups.list').length).toBe(before + 2);
    // No slack_groups in people.yml: Slack is not asked at all.
    const plain = { ...d, directory: createDirectory(parseRoster('people:\n  bob: { roles: [responder], slack: U0BOB }\n')) };
    expect((await principalOf(plain, client, 'U0BOB')).roles).toEqual(['responder']);
    expect(slack.callsTo('usergroups.list').length).toBe(before + 2);
  });

  it('a usergroups.list slower than the timeout counts as no groups this time', async () => {
    const slow = { usergroups: { list: () => new Promise(() => undefined) } } as unknown as webApi.WebClient;
    const groups = createGroupCache({ timeoutMs: 20, log: (l) => logs.push(l) });
    expect(await groups.of(slow, 'U0CAROL')).toEqual([]);
    expect(logs.some((l) => /took over 20 ms/.test(l))).toBe(true);
  });

  it('parses ask-devs, with the question passed on as data', () => {
    expect(parse('ask-devs Is card data safe? <!channel>')).toEqual({ kind: 'ask_devs', text: 'Is card data safe? <!channel>' });
    expect(parse('ask-devs')).toEqual({ kind: 'help' });
  });

  it('button values name a question and a version, nothing else', () => {
    expect(parseQuestionRef('12:3')).toEqual({ id: 12, version: 3 });
    for (const bad of ['12', '12:0', '0:1', '12:3:4', ' 12:3', '12:3\n', 12, null, '1e3:1']) expect(parseQuestionRef(bad)).toBeNull();
  });

  it('the draft is marked as one (label first, no buttons) and escapes people\'s text', () => {
    const q = support.list(incidentId)[0] as SupportQuestion;
    const blocks = draftBlocks({ ...q, question: '<!channel> <https://evil|click>' });
    expect(blocks[0]?.type).toBe('context');
    expect(JSON.stringify(blocks[0])).toContain("don't send this to customers");
    expect(blocks.some((b) => b.type === 'actions')).toBe(false);
    const text = JSON.stringify(blocks);
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('&lt;!channel&gt;');
  });

  it('a batch message of the most questions allowed stays within Slack\'s 50 blocks, and lists them all', () => {
    const q = support.list(incidentId)[0] as SupportQuestion;
    const long = 'x'.repeat(3_900);
    const qs = Array.from({ length: QUESTIONS_PER_MESSAGE }, (_, i) => ({
      ...q, id: i + 1, state: 'rewritten' as const, question: `Q${i + 1} <@U0BOB>`,
      candidate: { ...q.candidate, tiers: { customer: long, partner: long }, missing: ['ETA' as const], notice: null,
        unsafe: [{ tier: 'customer' as const, kind: 'hostname', text: 'db-1.internal', start: 0, end: 5 }] },
    }));
    const blocks = batchBlocks(qs, (p) => p);
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const b of blocks) expect(JSON.stringify(b).length).toBeLessThan(3_400);
    expect(JSON.stringify(blocks[0])).toContain('Q1 &lt;@U0BOB&gt;');
    expect(listOf(['a', 'b', 'c'])).toBe('a, b and c');
  });
});
