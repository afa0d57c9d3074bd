// The Run button through the server's real query route against the real Prometheus lab (a person's run,
// logged as theirs, result to the thread), Slack's rate limits honoured
// with bounded retries, and long content split across messages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunQueryInput, SlackQueryService } from '../../bots/slack/index.ts';
import { postBlocks } from '../../bots/slack/post.ts';
import { webClientOptions } from '../../bots/slack/app.ts';
import { boltLogger } from '../../bots/slack/logger.ts';
import { textSections } from '../../bots/slack/views/limits.ts';
import { webApi } from '@slack/bolt';
import { runThroughRoute } from '../../bots/slack/front-end.ts';
import { createPromClient } from '../../coach/query/prom-client.ts';
import { createQueryServices } from '../../coach/query/services.ts';
import { QUERY_SERVICES_KEY } from '../../coach/server/routes/query.ts';
import { systemClock } from '../../coach/types.ts';
import { labUrl } from '../support/prom-lab.ts';
import { ALICE, blockAction, CHANNEL, slashCommand } from './payloads.ts';
import { startStack, type Stack } from './stack.ts';

describe('Run button, rate limits, long messages', () => {
  let s: Stack;
  const runs: RunQueryInput[] = [];
  let route: SlackQueryService | null = null;
  // The server's own query-run route (validation, the Prometheus call, the action log) against the real
  // Prometheus lab, as `mentat serve` mounts it; the inputs are recorded on the way through.
  const query: SlackQueryService = {
    async runAsPerson(input) {
      runs.push(input);
      if (!route) throw new Error('the query route is not ready');
      return route.runAsPerson(input);
    },
  };
  beforeAll(async () => {
    s = await startStack({ query, retries: 2 });
    const queries = createQueryServices({ store: s.store, clock: systemClock, prom: createPromClient(labUrl()) });
    await queries.refresh();
    route = runThroughRoute({ store: s.store, coach: s.coach, clock: systemClock, services: { [QUERY_SERVICES_KEY]: queries } });
    await s.post(slashCommand('incident open Payments latency', s.slack.responseUrl()));
    await s.slack.waitFor(() => s.store.incidents.findByChannel(CHANNEL) !== null);
  });
  afterAll(async () => {
    await s.close();
  });

  function seedQueryTurn(): number {
    const inc = s.store.incidents.findByChannel(CHANNEL);
    if (!inc) throw new Error('no incident');
    return s.store.turns.add({
      incidentId: inc.id, at: new Date().toISOString(), phase: 'demonstrate', type: 'query', rule: 'D1', text: 'Here is a query.',
      engine: 'offline', fields: { query: { language: 'promql', text: 'up', explanation: [], links: {} } },
    }).id;
  }

  it('runs the card\'s query as the person and posts the result to the card\'s thread', async () => {
    const turnId = seedQueryTurn();
    const res = await s.post(blockAction('mentat_run_query', String(turnId), '1700000009.000100', s.slack.responseUrl()));
    expect(res.status).toBe(200);
    // What the lab's Prometheus answered for `up`: its two scrape targets, as the route returned them.
    const result = (c: { args: Record<string, unknown> }): boolean => {
      const t = JSON.stringify(c.args);
      return t.includes('ran:') && t.includes('\\"job\\": \\"node\\"') && t.includes('\\"job\\": \\"prometheus\\"');
    };
    await s.slack.waitFor(() => s.slack.callsTo('chat.postMessage').some(result));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ by: `slack:${ALICE}`, query: 'up', language: 'promql', turnId });
    const post = s.slack.callsTo('chat.postMessage').find(result);
    expect(post?.args.thread_ts).toBe('1700000009.000100');
    const inc = s.store.incidents.findByChannel(CHANNEL);
    expect(s.store.actions.list(inc?.id ?? 0).filter((a) => a.kind === 'query_run' && a.actor === `slack:${ALICE}`)).toHaveLength(1);
  });

  it('runs nothing for a button value that is not one of this incident\'s query turns', async () => {
    const before = runs.length;
    await s.post(blockAction('mentat_run_query', '999999', '1700000009.000100', s.slack.responseUrl()));
    await s.slack.waitFor(() => s.slack.callsTo('chat.postEphemeral').some((c) => JSON.stringify(c.args).includes('not from this channel')));
    expect(runs.length).toBe(before);
  });

  it('waits out a 429 with Retry-After and delivers the message once', async () => {
    s.slack.rateLimit('chat.postMessage', 1, 1);
    const n = s.slack.callsTo('chat.postMessage').length;
    await s.post(slashCommand('note rate limited note', s.slack.responseUrl()));
    await s.slack.waitFor(() => s.slack.callsTo('chat.postMessage').slice(n).some((c) => JSON.stringify(c.args).includes('rate limited note')));
    expect(s.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.status === 429)).toHaveLength(1);
    expect(s.slack.callsTo('chat.postMessage').slice(n).filter((c) => JSON.stringify(c.args).includes('rate limited note'))).toHaveLength(1);
  });

  it('gives up after the configured retries instead of retrying forever', async () => {
    const client = new webApi.WebClient('xoxb-test', webClientOptions(s.slack.apiUrl, 2, boltLogger(() => undefined)));
    s.slack.rateLimit('chat.postMessage', 10, 0);
    const before = s.slack.calls.filter((c) => c.status === 429).length;
    await expect(client.chat.postMessage({ channel: CHANNEL, text: 'x' })).rejects.toThrow();
    // The first try and two retries.
    expect(s.slack.calls.filter((c) => c.status === 429).length - before).toBe(3);
    s.slack.rateLimit('chat.postMessage', 0, 0);
  });

  it('sends content past 50 blocks as several messages, in order', async () => {
    const client = new webApi.WebClient('xoxb-test', webClientOptions(s.slack.apiUrl, 2, boltLogger(() => undefined)));
    const blocks = textSections(Array.from({ length: 120 }, (_, i) => `line ${i}`.padEnd(2_900, '.')).join('\n'));
    expect(blocks.length).toBe(120);
    const n = s.slack.callsTo('chat.postMessage').length;
    await postBlocks(client, { channel: CHANNEL, threadTs: null }, blocks, 'long');
    const sent = s.slack.callsTo('chat.postMessage').slice(n);
    expect(sent.map((c) => (c.args.blocks as unknown[]).length)).toEqual([50, 50, 20]);
    expect(JSON.stringify(sent[2]?.args.blocks)).toContain('line 119');
    for (const c of sent) expect(String(c.args.text).length).toBeLessThanOrEqual(300);
  });
});
