// Accept / Dismiss on enhancement suggestions (H5), end to end over signed HTTP: a person runs a query from
// its card, the coach's improvement comes back in the thread with Accept and Dismiss, and the real core
// answers (403 someone else's, 409 already answered, 404 unknown) while the message shows the answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackQueryService } from '../../bots/slack/index.ts';
import type { SlackCall } from '../support/fake-slack.ts';
import { ALICE, blockAction, CHANNEL } from './payloads.ts';
import { startStack, type Stack } from './stack.ts';

const BOB = 'U0BOB';
// Alice is listed (she answers as "alice"); the coach offered her suggestions as the Slack user who acted.
const PEOPLE = `people:\n  alice: { roles: [responder], slack: ${ALICE} }\n`;
const CARD_TS = '1700000009.000100';
const text = (c: SlackCall | undefined): string => JSON.stringify(c?.args ?? null);

interface Posted { ts: string; blocks: { type: string; block_id?: string; elements?: { action_id?: string; value?: string }[] }[]; text: string }

describe('Accept / Dismiss on enhancement suggestions, end to end', () => {
  let s: Stack;
  let incidentId = 0;
  // The query service as the Slack layer uses it: the run goes through the real coach as the person's
  // action, and the route's answer carries the coach's turns about it, as POST …/query/run does.
  const query: SlackQueryService = {
    async runAsPerson(input) {
      const handled = await s.coach.handle(input.incidentId, { kind: 'action', from: input.by, action: { kind: 'query_run', query: input.query, language: input.language } });
      return { summary: `3 series for ${input.query}`, turns: handled.turns };
    },
  };
  beforeAll(async () => {
    s = await startStack({ query, people: PEOPLE });
    incidentId = (await s.coach.open({ title: 'Checkout 5xx', service: 'checkout', by: `slack:${ALICE}`, channel: CHANNEL })).incident.id;
    await s.coach.handle(incidentId, { kind: 'plan', from: `slack:${ALICE}`, text: '1. compare 5xx by code' });
  });
  afterAll(async () => {
    if (process.env.SLACK_TEST_LOGS) console.log(s.logs.join('\n'));
    await s.close();
  });

  const ephemerals = (user: string): SlackCall[] => s.slack.callsTo('chat.postEphemeral').filter((c) => c.args.user === user);
  const nextEphemeral = async (n: number, user: string): Promise<string> => {
    await s.slack.waitFor(() => ephemerals(user).length > n);
    return text(ephemerals(user)[n]);
  };

  /** Runs a fresh query card as Alice; resolves to the thread message that offers a suggestion. */
  async function runAndFindSuggestion(): Promise<{ posted: Posted; id: number }> {
    const turnId = s.store.turns.add({
      incidentId, at: new Date().toISOString(), phase: 'demonstrate', type: 'query', rule: 'D1', text: 'Here is a query.',
      engine: 'offline', fields: { query: { language: 'promql', text: 'sum by (code) (rate(http_requests_total[5m]))', explanation: [], links: {} } },
    }).id;
    const n = s.slack.callsTo('chat.postMessage').length;
    await s.post(blockAction('mentat_run_query', String(turnId), CARD_TS, s.slack.responseUrl()));
    const offering = (c: SlackCall): boolean => text(c).includes('mentat_suggestion_accept');
    await s.slack.waitFor(() => s.slack.callsTo('chat.postMessage').slice(n).some(offering));
    const call = s.slack.callsTo('chat.postMessage').slice(n).find(offering) as SlackCall;
    expect(call.args.thread_ts).toBe(CARD_TS);
    const posted: Posted = { ts: String(call.response?.ts), blocks: call.args.blocks as Posted['blocks'], text: String(call.args.text) };
    const buttons = posted.blocks.find((b) => b.block_id?.startsWith('mentat_suggestion_'))?.elements ?? [];
    expect(buttons.map((b) => b.action_id)).toEqual(['mentat_suggestion_accept', 'mentat_suggestion_dismiss']);
    const id = Number(buttons[0]?.value);
    expect(buttons.every((b) => b.value === String(id))).toBe(true);
    return { posted, id };
  }

  const click = (action: 'accept' | 'dismiss', id: number | string, posted: Posted, user: string): Promise<Response> =>
    s.post(blockAction(`mentat_suggestion_${action}`, String(id), posted.ts, s.slack.responseUrl(), {
      user, threadTs: CARD_TS, blocks: posted.blocks, blockId: `mentat_suggestion_${id}`, text: posted.text,
    }));

  let first: { posted: Posted; id: number };
  it('a run\'s improvement is posted in the thread with Accept and Dismiss, offered to the person who ran it', async () => {
    first = await runAndFindSuggestion();
    expect(s.store.suggestions.get(first.id)).toMatchObject({ person: `slack:${ALICE}`, kind: 'improve', state: 'offered' });
    expect(JSON.stringify(first.posted.blocks)).toContain('checkout');
  });

  it('a click by someone else is refused (403) to them only, and answers nothing', async () => {
    const n = ephemerals(BOB).length;
    const updates = s.slack.callsTo('chat.update').length;
    expect((await click('accept', first.id, first.posted, BOB)).status).toBe(200);
    expect(await nextEphemeral(n, BOB)).toMatch(/offered to slack:U0ALICE; only they can accept or dismiss it/);
    expect(s.store.suggestions.get(first.id)?.state).toBe('offered');
    expect(s.slack.callsTo('chat.update').length).toBe(updates);
  });

  it('Accept by its person answers it and updates the message: the buttons give way to the answer', async () => {
    const updates = s.slack.callsTo('chat.update').length;
    await click('accept', first.id, first.posted, ALICE);
    await s.slack.waitFor(() => s.slack.callsTo('chat.update').length > updates);
    const update = s.slack.callsTo('chat.update')[updates] as SlackCall;
    expect(update.args).toMatchObject({ channel: CHANNEL, ts: first.posted.ts });
    const blocks = update.args.blocks as Posted['blocks'];
    expect(text(update)).toContain(`Accepted by <@${ALICE}>`);
    expect(text(update)).not.toContain('mentat_suggestion_accept');
    expect(blocks.length).toBe(first.posted.blocks.length);
    expect(s.store.suggestions.get(first.id)?.state).toBe('accepted');
  });

  it('a second click says it was already answered (409), changes nothing, and redraws a message still offering it', async () => {
    const n = ephemerals(ALICE).length;
    const updates = s.slack.callsTo('chat.update').length;
    // A client that still shows the buttons (the update had not reached it).
    await click('dismiss', first.id, first.posted, ALICE);
    expect(await nextEphemeral(n, ALICE)).toMatch(/already accepted/);
    expect(s.store.suggestions.get(first.id)?.state).toBe('accepted');
    expect(text(s.slack.callsTo('chat.update')[updates])).toContain(`Accepted by <@${ALICE}>`);
    // The sidebar's route answers from the same workflow: already answered there too.
    const res = await fetch(`${s.server.url}/api/suggestions/${first.id}/dismiss`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: `slack:${ALICE}` }),
    });
    expect(res.status).toBe(409);
  });

  it('Dismiss answers another suggestion and shows it in the message', async () => {
    const second = await runAndFindSuggestion();
    expect(second.id).not.toBe(first.id);
    const updates = s.slack.callsTo('chat.update').length;
    await click('dismiss', second.id, second.posted, ALICE);
    await s.slack.waitFor(() => s.slack.callsTo('chat.update').length > updates);
    expect(text(s.slack.callsTo('chat.update')[updates])).toContain(`Dismissed by <@${ALICE}>`);
    expect(s.store.suggestions.get(second.id)?.state).toBe('dismissed');
  });

  it('an unknown suggestion (404) and a forged value say so, to the clicker only', async () => {
    const n = ephemerals(ALICE).length;
    await click('accept', 999_999, first.posted, ALICE);
    expect(await nextEphemeral(n, ALICE)).toMatch(/no suggestion 999999/);
    await click('accept', '1 OR 1=1', first.posted, ALICE);
    expect(await nextEphemeral(n + 1, ALICE)).toContain('does not name a suggestion');
  });
});
