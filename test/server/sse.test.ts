// Live updates: a teammate's action reaches an open stream, filtered by incident, with hello, retry and pings.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HandleResult } from '../../coach/incident/api.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { openSse, type SseReader } from './support/sse-client.ts';

let h: Harness;
const readers: SseReader[] = [];
beforeEach(async () => { h = await startHarness({ heartbeatMs: 100 }); });
afterEach(async () => {
  readers.splice(0).forEach((r) => r.close());
  await h.close();
});

async function open(title: string): Promise<number> {
  return (await h.call<HandleResult>('POST', '/api/incidents', { title, service: 'checkout', from: 'ana' })).body.incident.id;
}

describe('GET /api/events', () => {
  it('says hello with a retry hint, then relays a teammate\'s action live', async () => {
    const id = await open('latency');
    const sse = await openSse(`${h.url}/api/events?incident=INC-${id}`);
    readers.push(sse);
    const hello = await sse.waitFor((e) => e.event === 'hello');
    expect(JSON.parse(hello.data)).toEqual({ incident: id });
    expect(sse.retry).toBe(2000);

    await h.call('POST', `/api/incidents/${id}/actions`, { from: 'ben', kind: 'query_run', query: 'up{job="checkout"}' });
    const ev = await sse.waitFor((e) => e.event === 'action');
    const change = JSON.parse(ev.data) as { type: string; incidentId: number; action: { actor: string; kind: string } };
    expect(change).toMatchObject({ type: 'action', incidentId: id, action: { actor: 'ben', kind: 'query_run' } });
  });

  it('keeps each client to its incident; an unfiltered client hears everything', async () => {
    const a = await open('a');
    const b = await open('b');
    const onlyA = await openSse(`${h.url}/api/events?incident=${a}`);
    const all = await openSse(`${h.url}/api/events`);
    readers.push(onlyA, all);
    await onlyA.waitFor((e) => e.event === 'hello');
    await all.waitFor((e) => e.event === 'hello');
    await h.call('POST', `/api/incidents/${b}/notes`, { from: 'ben', text: 'on b' });
    await h.call('POST', `/api/incidents/${a}/notes`, { from: 'ben', text: 'on a' });
    await all.waitFor((e) => e.event === 'note' && e.data.includes('on a'));
    await onlyA.waitFor((e) => e.event === 'note' && e.data.includes('on a'));
    expect(all.events.filter((e) => e.event === 'note')).toHaveLength(2);
    expect(onlyA.events.filter((e) => e.event === 'note').map((e) => (JSON.parse(e.data) as { incidentId: number }).incidentId)).toEqual([a]);
  });

  it('relays note edits, which do not pass through the coach', async () => {
    const id = await open('edit');
    const note = await h.call<HandleResult>('POST', `/api/incidents/${id}/notes`, { from: 'ana', text: 'draft' });
    const sse = await openSse(`${h.url}/api/events?incident=${id}`);
    readers.push(sse);
    await sse.waitFor((e) => e.event === 'hello');
    await h.call('PATCH', `/api/incidents/${id}/notes/${note.body.note?.id ?? 0}`, { from: 'ana', pinned: true });
    const ev = await sse.waitFor((e) => e.event === 'note');
    expect(JSON.parse(ev.data)).toMatchObject({ note: { pinned: true, text: 'draft' } });
  });

  it('sends ping comments and 404s an unknown incident', async () => {
    const sse = await openSse(`${h.url}/api/events`);
    readers.push(sse);
    for (let i = 0; i < 50 && !sse.comments.includes('ping'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(sse.comments).toContain('ping');
    expect((await fetch(`${h.url}/api/events?incident=404`)).status).toBe(404);
    expect((await fetch(`${h.url}/api/events?incident=nope`)).status).toBe(400);
  });

  it('forgets a client that disconnects', async () => {
    const a = await openSse(`${h.url}/api/events`);
    const b = await openSse(`${h.url}/api/events`);
    readers.push(b);
    await a.waitFor((e) => e.event === 'hello');
    await b.waitFor((e) => e.event === 'hello');
    expect(h.server.eventClients()).toBe(2);
    a.close();
    for (let i = 0; i < 100 && h.server.eventClients() !== 1; i++) await new Promise((r) => setTimeout(r, 20));
    expect(h.server.eventClients()).toBe(1);
  });

  it('ends open streams when the server closes', async () => {
    const sse = await openSse(`${h.url}/api/events`);
    await sse.waitFor((e) => e.event === 'hello');
    await h.server.close();
    expect(await sse.done).toBe('ended');
  });
});
