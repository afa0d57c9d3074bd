// The outbound webhook against a real receiver on loopback: signed like Slack's requests, retried with
// backoff, and never in the way of an approval when the receiver is down.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { signature, startWebhookDeliverer } from '../../coach/support/index.ts';
import { as, rig, type Rig } from './helpers.ts';

interface Got { headers: IncomingMessage['headers']; body: string }

let r: Rig | null = null;
let receiver: Server | null = null;
afterEach(async () => {
  r?.close();
  r = null;
  await new Promise<void>((res) => (receiver ? receiver.close(() => res()) : res()));
  receiver = null;
});

async function listen(answer: (n: number) => number): Promise<{ url: string; got: Got[] }> {
  const got: Got[] = [];
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(answer(got.length)).end();
    });
  });
  await new Promise<void>((res) => receiver!.listen(0, '127.0.0.1', () => res()));
  return { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/mentat`, got };
}

async function publishOne(rg: Rig): Promise<number> {
  const q = await rg.support.ask(as('sam'), { incident: rg.incidentId, question: 'When will checkout be back?' });
  rg.support.approve(as('bob'), q.id, 1);
  return q.id;
}

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((res) => setTimeout(res, 10));
  }
}

describe('support webhook', () => {
  it('posts the published answer signed with HMAC-SHA256 over v0:timestamp:body, retrying a 500', async () => {
    r = await rig();
    const { url, got } = await listen((n) => (n === 1 ? 500 : 200));
    const hook = startWebhookDeliverer({ store: r.store, clock: r.clock, support: r.support, url, secret: 'shh', baseDelayMs: 1 });
    const qid = await publishOne(r);
    const attempts = (): number => (r!.store.db.prepare('SELECT attempts FROM support_deliveries').get() as { attempts: number } | undefined)?.attempts ?? 0;
    await until(() => attempts() === 1);
    r.clock.advance(10);
    await hook.drain();
    await until(() => got.length >= 2 && attempts() === 2);
    hook.stop();
    const last = got[1]!;
    const ts = String(last.headers['x-mentat-request-timestamp']);
    expect(last.headers['x-mentat-signature']).toBe(signature('shh', ts, last.body));
    expect(last.headers['x-mentat-signature']).not.toBe(signature('other', ts, last.body));
    const payload = JSON.parse(last.body) as { type: string; question: { id: number }; answer: { approvedBy: string; version: number; tiers: { customer: string } } };
    expect(payload).toMatchObject({ type: 'support_answer.published', question: { id: qid }, answer: { approvedBy: 'bob', version: 1 } });
    expect(payload.answer.tiers.customer.length).toBeGreaterThan(20);
    const row = r.store.db.prepare('SELECT state, attempts FROM support_deliveries').get() as { state: string; attempts: number };
    expect(row).toEqual({ state: 'delivered', attempts: 2 });
  });

  it('does not hold up an approval when the receiver is down, and gives up after the last attempt', async () => {
    r = await rig();
    const { url } = await listen(() => 200);
    await new Promise<void>((res) => receiver!.close(() => res()));
    receiver = null;
    const lines: string[] = [];
    const hook = startWebhookDeliverer({ store: r.store, clock: r.clock, support: r.support, url, secret: 's', baseDelayMs: 1, maxAttempts: 3, log: (l) => lines.push(l) });
    const q = await r.support.ask(as('sam'), { incident: r.incidentId, question: 'Is card data safe?' });
    const started = performance.now();
    const published = r.support.approve(as('alice'), q.id, 1);
    expect(published.state).toBe('published');
    // The approval returned before any delivery was tried: nothing has been attempted yet.
    expect((r.store.db.prepare('SELECT attempts FROM support_deliveries').get() as { attempts: number }).attempts).toBe(0);
    expect(performance.now() - started).toBeLessThan(1_000);
    for (let i = 0; i < 3; i++) {
      await hook.drain();
      r.clock.advance(60_000);
    }
    hook.stop();
    const row = r.store.db.prepare('SELECT state, attempts, last_error FROM support_deliveries').get() as { state: string; attempts: number; last_error: string };
    expect(row).toMatchObject({ state: 'failed', attempts: 3 });
    expect(row.last_error).toMatch(/ECONNREFUSED|connect|fetch failed/i);
    expect(lines.some((l) => /giving up/.test(l))).toBe(true);
  });

  it('gives up at once on a 4xx that retrying cannot fix', async () => {
    r = await rig();
    const { url, got } = await listen(() => 410);
    const hook = startWebhookDeliverer({ store: r.store, clock: r.clock, support: r.support, url, secret: 's', baseDelayMs: 1 });
    await publishOne(r);
    await until(() => got.length === 1);
    await hook.drain();
    hook.stop();
    expect(r.store.db.prepare('SELECT state, attempts FROM support_deliveries').get()).toEqual({ state: 'failed', attempts: 1 });
  });
});
