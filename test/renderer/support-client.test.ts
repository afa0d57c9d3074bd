// The sidebar's client against a real server (real HTTP, real SQLite) on a team server: who am I, the
// support routes' answers parsed by the page's schemas, and refusals carrying the server's code, message
// and details — what the Support pane shows people.
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, createClient, whoAmI } from '../../renderer/src/api/index.ts';
import { asChange } from '../../renderer/src/api/schemas.ts';
import type { Environment } from '../../renderer/src/env.ts';
import { upsertQuestion } from '../../renderer/src/support/useSupport.ts';
import { loadWorkspace } from '../../coach/workspace/index.ts';
import { startHarness, type Harness } from '../server/support/harness.ts';

const workspace = loadWorkspace(new URL('../../workspace/demo', import.meta.url).pathname);

let h: Harness | null = null;
afterEach(async () => { await h?.close(); h = null; });

const envFor = (url: string, token: string | null): Environment => ({ baseUrl: url, token, tokenSource: token ? 'signed-in' : null, openExternal: null, bridge: null });

async function refusal(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected the server to refuse');
}

describe('the sidebar client on a team server', () => {
  it('signs in by token, asks, and shows each refusal with its code and message', async () => {
    h = await startHarness({ workspace });
    const now = new Date().toISOString();
    const samToken = h.store.tokens.issue('sam', now);
    const bobToken = h.store.tokens.issue('bob', now);

    const anonymous = await refusal(whoAmI(envFor(h.url, null), undefined, fetch));
    expect(anonymous.status).toBe(401);
    expect((await refusal(whoAmI(envFor(h.url, 'mnt_wrong'), undefined, fetch))).status).toBe(401);
    expect(await whoAmI(envFor(h.url, samToken), undefined, fetch)).toMatchObject({ mode: 'team', person: 'sam', roles: ['support'] });

    const sam = createClient(envFor(h.url, samToken), 'sam', fetch);
    const bob = createClient(envFor(h.url, bobToken), 'bob', fetch);
    const { incident } = await bob.openIncident({ title: 'Checkout 5xx errors above SLO', service: 'checkout', severity: 'SEV2' });
    expect(await sam.supportQuestions(incident.id)).toEqual([]);

    const q = await sam.askSupport(incident.id, { question: 'Is card data safe?' });
    expect(q.draft.label).toMatch(/don't send this to customers/);
    expect(q.askedBy).toBe('sam');
    // The page says where it asked from.
    expect(q.origin.via).toBe('sidebar');

    const forbidden = await refusal(sam.approveSupport(q.id, { version: 1 }));
    expect([forbidden.status, forbidden.code]).toEqual([403, 'forbidden_role']);

    const edited = await bob.editSupport(q.id, { version: 1, tiers: { customer: 'Payments are recovering; db-7.prod.internal failed over.', partner: 'Failover from 10.0.4.12 done.' } });
    expect(edited.candidate.version).toBe(2);
    expect(edited.candidate.unsafe.length).toBeGreaterThan(0);
    const unsafe = await refusal(bob.approveSupport(q.id, { version: 2 }));
    expect([unsafe.status, unsafe.code]).toEqual([422, 'not_customer_safe']);
    expect((unsafe.details as { unsafe: { text: string }[] }).unsafe.map((u) => u.text)).toEqual(expect.arrayContaining(['10.0.4.12']));

    const stale = await refusal(bob.approveSupport(q.id, { version: 1 }));
    expect([stale.status, stale.code]).toEqual([409, 'version_conflict']);
    expect(stale.message).toMatch(/Version 1 is no longer current: bob edited it as version 2/);

    await bob.editSupport(q.id, { version: 2, tiers: { customer: 'Payments are recovering. Card data is safe.', partner: 'Payments failed over to standby; card data is safe.' } });
    const published = await bob.approveSupport(q.id, { version: 3 });
    expect(published.state).toBe('published');
    expect((await sam.supportAnswers(incident.id)).map((a) => a.tiers.customer)).toEqual(['Payments are recovering. Card data is safe.']);
    const audit = await sam.supportAudit(q.id) as { audit: { action: string }[]; versions: unknown[] };
    expect(audit.audit.map((a) => a.action)).toEqual(expect.arrayContaining(['ask', 'edit', 'refuse', 'approve']));
    expect(audit.versions).toHaveLength(3);
    expect(sam.eventsUrl(incident.id)).toBe(`${h.url}/api/events?incident=${incident.id}&access_token=${samToken}`);
  });
});

describe('support changes on the page', () => {
  const question = (id: number, updatedAt: string, state = 'ai_draft') => ({
    id, incidentId: 1, state, question: 'q', askedBy: 'sam', askedAt: updatedAt, updatedAt, version: 1,
    draft: { text: 'd', label: 'l', engine: 'offline', fallback: null },
    candidate: { version: 1, tiers: { customer: 'c', partner: 'p' }, missing: [], asks: [], by: 'ai', engine: 'offline', kind: 'draft', notice: null, unsafe: [] },
    answer: null, audit: [],
  });

  it('parses support events from the stream and refuses malformed ones', () => {
    expect(asChange({ type: 'support_published', incidentId: 1, question: question(3, '2026-01-01T10:00:00Z', 'published') }).type).toBe('support_published');
    expect(asChange({ type: 'support_batch', incidentId: 1, batch: { id: 2 }, questions: [question(3, '2026-01-01T10:00:00Z')] }).type).toBe('support_batch');
    expect(() => asChange({ type: 'support_question', incidentId: 1, question: { id: 'x' } })).toThrow();
  });

  it('keeps questions newest first and never goes back to an older copy', () => {
    const a = question(1, '2026-01-01T10:00:00Z') as never;
    const b = question(2, '2026-01-01T10:01:00Z') as never;
    const aNewer = question(1, '2026-01-01T10:05:00Z', 'dev_review') as never;
    let list = upsertQuestion(upsertQuestion([], a), b);
    expect(list.map((q) => q.id)).toEqual([2, 1]);
    list = upsertQuestion(list, aNewer);
    expect(list.find((q) => q.id === 1)?.state).toBe('dev_review');
    expect(upsertQuestion(list, a).find((q) => q.id === 1)?.state).toBe('dev_review');
  });
});
