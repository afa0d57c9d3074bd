// H5 over real HTTP: accept and dismiss what the coach offered, with 404/403/409, the live change over SSE,
// and the accepted list a front end reads back.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../server/support/harness.ts';

interface S { id: number; kind: string; state: string; person: string; incidentId: number; body: Record<string, unknown> }
interface TurnOut { type: string; fields?: { suggestion?: { id: number; kind: string; state: string } } }

let h: Harness | null = null;
afterEach(async () => { await h?.close(); h = null; });

const svc = (s: string): string => `sum(rate(http_requests_total{service="${s}",code=~"5.."}[5m]))`;

/** Opens an incident and has alice compare checkout and payments until a split view is offered. */
async function offerSplitView(harness: Harness): Promise<{ incident: number; suggestion: { id: number; kind: string; state: string } }> {
  const open = await harness.call<{ incident: { id: number } }>('POST', '/api/incidents', { from: 'alice', title: 'Checkout errors', service: 'checkout' });
  const id = open.body.incident.id;
  await harness.call('POST', `/api/incidents/${id}/plan`, { from: 'alice', text: '1. compare error rates' });
  let offered: TurnOut | undefined;
  for (const s of ['checkout', 'payments', 'checkout']) {
    const r = await harness.call<{ turns: TurnOut[] }>('POST', `/api/incidents/${id}/actions`, { from: 'alice', kind: 'query_run', query: svc(s) });
    expect(r.status).toBe(200);
    offered = r.body.turns.find((t) => t.type === 'split_view') ?? offered;
  }
  const suggestion = offered?.fields?.suggestion;
  if (!suggestion) throw new Error('no split view was offered');
  return { incident: id, suggestion };
}

describe('POST /api/suggestions/:sid/accept|dismiss', () => {
  it('accepts once, remembers it, relays it live, and refuses a second answer with 409', async () => {
    h = await startHarness();
    const { incident, suggestion } = await offerSplitView(h);
    expect(suggestion).toMatchObject({ kind: 'split_view', state: 'offered' });

    const ctl = new AbortController();
    const stream = await fetch(`${h.url}/api/events?incident=${incident}`, { signal: ctl.signal });
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    let seen = '';
    const heard = (async () => {
      while (!seen.includes('event: suggestion')) {
        const { value, done } = await reader.read();
        if (done) break;
        seen += new TextDecoder().decode(value);
      }
    })();
    await new Promise((r) => setTimeout(r, 50));

    const ok = await h.call<{ suggestion: S }>('POST', `/api/suggestions/${suggestion.id}/accept`, { from: 'alice' });
    expect(ok.status).toBe(200);
    expect(ok.body.suggestion).toMatchObject({ id: suggestion.id, state: 'accepted', person: 'alice', kind: 'split_view', incidentId: incident });
    expect(ok.body.suggestion.body).toMatchObject({ services: ['checkout', 'payments'], rule: 'H3' });
    await heard;
    ctl.abort();
    expect(seen).toMatch(/event: suggestion\ndata: .*"state":"accepted"/);

    const again = await h.call<{ error: { code: string; message: string } }>('POST', `/api/suggestions/${suggestion.id}/dismiss`, { from: 'alice' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('suggestion_answered');
    expect(h.store.suggestions.get(suggestion.id)?.state).toBe('accepted');

    const accepted = await h.call<{ suggestions: S[] }>('GET', '/api/suggestions?person=alice&state=accepted');
    expect(accepted.body.suggestions.map((s) => s.id)).toEqual([suggestion.id]);
    const inIncident = await h.call<{ suggestions: S[] }>('GET', `/api/incidents/${incident}/suggestions`);
    expect(inIncident.body.suggestions).toContainEqual(expect.objectContaining({ id: suggestion.id, state: 'accepted' }));
  });

  it('answers 404 for an unknown suggestion and 403 for someone else, changing nothing', async () => {
    h = await startHarness();
    const { suggestion } = await offerSplitView(h);
    const unknown = await h.call<{ error: { code: string } }>('POST', '/api/suggestions/9999/accept', { from: 'alice' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('suggestion_not_found');
    const bob = await h.call<{ error: { code: string; message: string } }>('POST', `/api/suggestions/${suggestion.id}/dismiss`, { from: 'bob' });
    expect(bob.status).toBe(403);
    expect(bob.body.error.message).toMatch(/offered to alice/);
    const noFrom = await h.call('POST', `/api/suggestions/${suggestion.id}/dismiss`, {});
    expect(noFrom.status).toBe(400);
    const bad = await h.call('POST', '/api/suggestions/abc/accept', { from: 'alice' });
    expect(bad.status).toBe(400);
    expect(h.store.suggestions.get(suggestion.id)?.state).toBe('offered');
    const dismissed = await h.call<{ suggestion: S }>('POST', `/api/suggestions/${suggestion.id}/dismiss`, { from: 'alice' });
    expect(dismissed.body.suggestion.state).toBe('dismissed');
  });

  it("takes the person from a token: another person's token is refused with 403", async () => {
    h = await startHarness();
    const { suggestion } = await offerSplitView(h);
    const bobToken = h.store.tokens.issue('bob', new Date().toISOString());
    const aliceToken = h.store.tokens.issue('alice', new Date().toISOString());
    const asBob = await h.call('POST', `/api/suggestions/${suggestion.id}/accept`, {}, { authorization: `Bearer ${bobToken}` });
    expect(asBob.status).toBe(403);
    const asAlice = await h.call<{ suggestion: S }>('POST', `/api/suggestions/${suggestion.id}/accept`, {}, { authorization: `Bearer ${aliceToken}` });
    expect(asAlice.status).toBe(200);
    expect(asAlice.body.suggestion.state).toBe('accepted');
  });
});
