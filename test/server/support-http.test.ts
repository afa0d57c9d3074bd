// CONTRACTS §6 over real HTTP on a real SQLite file: ask → draft at once → rewrite → approve, with
// per-person tokens (§5), stale versions, roles and customer-safe refusals.
import { afterEach, describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../coach/workspace/index.ts';
import { startHarness, type Harness } from './support/harness.ts';

const workspace = loadWorkspace(new URL('../../workspace/demo', import.meta.url).pathname);

interface Q { id: number; state: string; version: number; draft: { label: string; text: string; engine: string }; candidate: { version: number; tiers: { customer: string; partner: string }; missing: string[]; asks: string[]; notice: string | null }; answer: null | { approvedBy: string; version: number }; audit: { by: string; state: string; action: string; text: string }[] }

let h: Harness | null = null;
afterEach(async () => { await h?.close(); h = null; });

async function openIncident(harness: Harness, headers: Record<string, string> = {}): Promise<number> {
  const r = await harness.call<{ incident: { id: number } }>('POST', '/api/incidents', { from: 'alice', title: 'Checkout 5xx errors above SLO', service: 'checkout', severity: 'SEV2' }, headers);
  expect(r.status).toBe(201);
  return r.body.incident.id;
}

describe('support answers over HTTP, solo mode', () => {
  it('drafts at once, rewrites own words, and publishes exactly the approved version', async () => {
    h = await startHarness({ workspace });
    const id = await openIncident(h);
    const asked = await h.call<{ question: Q }>('POST', `/api/incidents/${id}/support/questions`, { from: 'sam', question: 'Is card data safe? When will checkout be back?' });
    expect(asked.status).toBe(201);
    const q = asked.body.question;
    expect(q.state).toBe('ai_draft');
    expect(q.draft.label).toMatch(/don't send this to customers/);
    expect(q.candidate.version).toBe(1);
    expect(q.candidate.missing).toEqual(expect.arrayContaining(['ETA', 'data safety']));
    expect(q.audit.map((a) => a.state)).toEqual(['asked', 'ai_draft']);
    expect(q.audit[0]).toMatchObject({ by: 'sam', text: 'Is card data safe? When will checkout be back?' });

    // sam is support: may not approve, even in solo mode.
    const bySam = await h.call('POST', `/api/support/questions/${q.id}/approve`, { from: 'sam', version: 1 });
    expect(bySam.status).toBe(403);
    expect(JSON.stringify(bySam.body)).toMatch(/Only a responder may approve/);

    const rw = await h.call<{ question: Q }>('POST', `/api/support/questions/${q.id}/rewrite`, { from: 'alice', version: 1, reply: 'zk borked on db-7.prod.internal (10.0.4.12), sidekiq backed up, mid AZ failover, blue+yellow done, orange fine?' });
    expect(rw.status).toBe(200);
    const v2 = rw.body.question;
    expect(v2).toMatchObject({ state: 'rewritten', version: 2 });
    expect(v2.candidate.tiers.customer).not.toMatch(/10\.0\.4\.12|db-7|zk|sidekiq/);
    expect(v2.candidate.tiers.partner).toMatch(/coordination service/);
    expect(v2.candidate.asks.length).toBeGreaterThan(0);
    expect(v2.candidate.notice).toMatch(/template/i);

    const stale = await h.call<{ error: { code: string; message: string } }>('POST', `/api/support/questions/${q.id}/approve`, { from: 'bob', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/Version 1 is no longer current: alice rewrote it .* as version 2/);

    const ok = await h.call<{ question: Q }>('POST', `/api/support/questions/${q.id}/approve`, { from: 'bob', version: 2 });
    expect(ok.status).toBe(200);
    expect(ok.body.question.state).toBe('published');
    expect(ok.body.question.answer).toMatchObject({ approvedBy: 'bob', version: 2, tiers: v2.candidate.tiers });

    const again = await h.call('POST', `/api/support/questions/${q.id}/edit`, { from: 'alice', version: 2, tiers: { customer: 'x', partner: 'y' } });
    expect(again.status).toBe(409);
    const answers = await h.call<{ answers: { questionId: number; approvedBy: string }[] }>('GET', `/api/incidents/${id}/support/answers`);
    expect(answers.body.answers).toEqual([expect.objectContaining({ questionId: q.id, approvedBy: 'bob' })]);
    const exported = await h.call<{ audit: { action: string }[]; versions: unknown[] }>('GET', `/api/support/questions/${q.id}/audit`);
    expect(exported.body.audit.map((a) => a.action)).toEqual(['ask', 'draft', 'rewrite', 'approve']);
    expect(exported.body.versions).toHaveLength(2);
  });

  it('refuses to approve a version that still carries internal details, naming the span', async () => {
    h = await startHarness({ workspace });
    const id = await openIncident(h);
    const { body } = await h.call<{ question: Q }>('POST', `/api/incidents/${id}/support/questions`, { from: 'sam', question: 'What is happening?' });
    const edited = await h.call<{ question: Q }>('POST', `/api/support/questions/${body.question.id}/edit`, {
      from: 'alice', version: 1, tiers: { customer: 'Checkout is failing because redis-main.eu-west-1.cache.amazonaws.com is down.', partner: 'Ping ops@shop.example for details.' },
    });
    expect(edited.status).toBe(200);
    const refused = await h.call<{ error: { code: string; message: string; details: { unsafe: { tier: string; kind: string; text: string }[] } } }>(
      'POST', `/api/support/questions/${body.question.id}/approve`, { from: 'bob', version: 2 });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('not_customer_safe');
    expect(refused.body.error.details.unsafe).toEqual(expect.arrayContaining([
      expect.objectContaining({ tier: 'customer', kind: 'hostname', text: 'redis-main.eu-west-1.cache.amazonaws.com' }),
      expect.objectContaining({ tier: 'partner', kind: 'email', text: 'ops@shop.example' }),
    ]));
    const after = await h.call<{ question: Q }>('GET', `/api/support/questions/${body.question.id}`);
    expect(after.body.question.state).toBe('rewritten');
    expect(after.body.question.audit.at(-1)).toMatchObject({ action: 'refuse', by: 'bob' });
  });

  it('answers bad input with a 4xx naming the problem and changes nothing', async () => {
    h = await startHarness({ workspace });
    const id = await openIncident(h);
    const cases: [string, string, unknown, number, RegExp][] = [
      ['POST', `/api/incidents/${id}/support/questions`, { from: 'sam', question: '   ' }, 400, /body\.question/],
      ['POST', `/api/incidents/${id}/support/questions`, { from: 'sam', question: 'x'.repeat(2001) }, 400, /body\.question/],
      ['POST', '/api/incidents/999/support/questions', { from: 'sam', question: 'hi?' }, 404, /incident/i],
      ['GET', '/api/support/questions/77', undefined, 404, /No support question 77/],
      ['POST', '/api/support/questions/abc/approve', { from: 'bob', version: 1 }, 400, /question id/],
    ];
    for (const [method, path, body, status, re] of cases) {
      const r = await h.call(method, path, body);
      expect(r.status, `${method} ${path}`).toBe(status);
      expect(JSON.stringify(r.body)).toMatch(re);
    }
    const { body } = await h.call<{ question: Q }>('POST', `/api/incidents/${id}/support/questions`, { from: 'sam', question: 'Is it down?' });
    const qid = body.question.id;
    for (const [path, b, re] of [
      ['approve', { from: 'bob' }, /body\.version/],
      ['approve', { from: 'bob', version: '1' }, /body\.version/],
      ['rewrite', { from: 'bob', version: 1, reply: '' }, /body\.reply/],
      ['edit', { from: 'bob', version: 1, tiers: { customer: 'ok' } }, /body\.tiers\.partner/],
    ] as const) {
      const r = await h.call('POST', `/api/support/questions/${qid}/${path}`, b);
      expect(r.status).toBe(400);
      expect(JSON.stringify(r.body)).toMatch(re);
    }
    expect((await h.call('POST', `/api/support/questions/${qid}/withdraw`, { from: 'sam' })).status).toBe(200);
    const late = await h.call('POST', `/api/support/questions/${qid}/approve`, { from: 'bob', version: 1 });
    expect(late.status).toBe(409);
    expect(JSON.stringify(late.body)).toMatch(/withdrawn/);
    const q = (await h.call<{ question: Q }>('GET', `/api/support/questions/${qid}`)).body.question;
    expect(q.audit.map((a) => a.state)).toEqual(['asked', 'ai_draft', 'withdrawn']);
  });
});

describe('support answers on a team server with personal tokens', () => {
  it('takes the person from the token, refuses a disagreeing from, and needs a token on every /api route', async () => {
    h = await startHarness({ workspace });
    const sam = h.store.tokens.issue('sam', new Date().toISOString());
    const bob = h.store.tokens.issue('bob', new Date().toISOString());
    const auth = (t: string): Record<string, string> => ({ authorization: `Bearer ${t}` });
    expect((await h.call('GET', '/api/incidents')).status).toBe(401);
    expect((await h.call('GET', '/api/incidents', undefined, auth('mnt_wrong'))).status).toBe(401);
    const me = await h.call<{ mode: string; person: string; roles: string[] }>('GET', '/api/me', undefined, auth(sam));
    expect(me.body).toMatchObject({ mode: 'team', person: 'sam', roles: ['support'] });
    const id = await openIncident(h, auth(bob)).catch(async () => {
      // bob's token names bob: a body that says alice is refused.
      const r = await h!.call('POST', '/api/incidents', { from: 'alice', title: 'x' }, auth(bob));
      expect(r.status).toBe(403);
      const ok = await h!.call<{ incident: { id: number; openedBy: string } }>('POST', '/api/incidents', { title: 'Checkout 5xx errors above SLO', service: 'checkout' }, auth(bob));
      expect(ok.body.incident.openedBy).toBe('bob');
      return ok.body.incident.id;
    });
    const asked = await h.call<{ question: Q }>('POST', `/api/incidents/${id}/support/questions`, { question: 'When will checkout be back?' }, auth(sam));
    expect(asked.status).toBe(201);
    expect(asked.body.question.audit[0]?.by).toBe('sam');
    const forged = await h.call('POST', `/api/support/questions/${asked.body.question.id}/approve`, { from: 'bob', version: 1 }, auth(sam));
    expect(forged.status).toBe(403);
    expect(JSON.stringify(forged.body)).toMatch(/belongs to sam/);
    const ok = await h.call<{ question: Q }>('POST', `/api/support/questions/${asked.body.question.id}/approve`, { version: 1 }, auth(bob));
    expect(ok.status).toBe(200);
    expect(ok.body.question.answer?.approvedBy).toBe('bob');
  });
});

describe("the desktop app's embedded server", () => {
  it('takes the holder of the desktop token as the solo desktop user, who may ask and approve', async () => {
    h = await startHarness({ workspace, desktopToken: 'desk-secret' });
    const auth = { authorization: 'Bearer desk-secret' };
    expect((await h.call('GET', '/api/incidents')).status).toBe(401);
    const me = await h.call<{ mode: string; roles: string[] }>('GET', '/api/me?as=Dana', undefined, auth);
    expect(me.body).toMatchObject({ mode: 'solo', roles: ['responder', 'support'] });
    const id = await openIncident(h, auth);
    const asked = await h.call<{ question: Q }>('POST', `/api/incidents/${id}/support/questions`, { from: 'Dana', question: 'Is it down?' }, auth);
    expect(asked.status).toBe(201);
    const ok = await h.call<{ question: Q }>('POST', `/api/support/questions/${asked.body.question.id}/approve`, { from: 'Dana', version: 1 }, auth);
    expect(ok.body.question.answer?.approvedBy).toBe('Dana');
    // A name the roster lists keeps its roles, even on the desktop.
    const asSam = await h.call('POST', `/api/support/questions/${asked.body.question.id}/withdraw`, { from: 'sam' }, auth);
    expect(asSam.status).toBe(403);
  });
});
