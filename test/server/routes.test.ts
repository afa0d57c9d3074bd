// Every route's happy path, over real HTTP against a real SQLite file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HandleResult, IncidentView } from '../../coach/incident/api.ts';
import type { Action, Incident, Note } from '../../coach/types.ts';
import { startHarness, type Harness } from './support/harness.ts';

let h: Harness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await h.close(); });

async function openIncident(title = 'Checkout 5xx spike', service = 'checkout'): Promise<Incident> {
  const r = await h.call<HandleResult>('POST', '/api/incidents', { title, service, severity: 'SEV2', from: 'ana' });
  expect(r.status).toBe(201);
  return r.body.incident;
}

describe('incident routes', () => {
  it('answers /healthz', async () => {
    const r = await h.call('GET', '/healthz');
    expect(r).toMatchObject({ status: 200, body: { ok: true } });
  });

  it('opens, lists and shows an incident by number and by key', async () => {
    const inc = await openIncident();
    expect(inc).toMatchObject({ title: 'Checkout 5xx spike', service: 'checkout', severity: 'SEV2', status: 'open', openedBy: 'ana' });
    const list = await h.call<{ incidents: Incident[] }>('GET', '/api/incidents');
    expect(list.body.incidents.map((i) => i.id)).toEqual([inc.id]);
    for (const ref of [String(inc.id), inc.key]) {
      const view = await h.call<IncidentView>('GET', `/api/incidents/${ref}`);
      expect(view.status).toBe(200);
      expect(view.body.incident.id).toBe(inc.id);
      expect(Object.keys(view.body).sort()).toEqual(['actions', 'checklist', 'incident', 'notes', 'plan', 'timeline', 'turns']);
    }
  });

  it('lists resolved incidents only with status=all', async () => {
    const inc = await openIncident();
    const r = await h.call<HandleResult>('POST', `/api/incidents/${inc.id}/status`, { from: 'ana', status: 'resolved' });
    expect(r.body.incident.status).toBe('resolved');
    expect((await h.call<{ incidents: Incident[] }>('GET', '/api/incidents?status=open')).body.incidents).toEqual([]);
    expect((await h.call<{ incidents: Incident[] }>('GET', '/api/incidents?status=all')).body.incidents).toHaveLength(1);
  });

  it('takes the ask box, a plan, step changes, actions and notes', async () => {
    const inc = await openIncident();
    const said = await h.call<HandleResult>('POST', `/api/incidents/${inc.key}/say`, { from: 'ana', text: 'what should I do?' });
    expect(said.status).toBe(200);
    expect(said.body.incident.id).toBe(inc.id);
    // No plan yet, so the coach asks for one instead of suggesting anything (G1).
    expect(said.body.turns.map((t) => `${t.type}/${t.rule}`)).toContain('ask_plan/G1');

    const plan = await h.call<HandleResult>('POST', `/api/incidents/${inc.id}/plan`, { from: 'ana', text: '1. check error rate\n2. roll back' });
    expect(plan.body.plan?.steps.map((s) => s.text)).toEqual(['check error rate', 'roll back']);

    const step = await h.call<HandleResult>('PATCH', `/api/incidents/${inc.id}/plan/steps/1`, { from: 'ben', state: 'done' });
    expect(step.status).toBe(200);
    expect(step.body.plan?.steps[0]?.state).toBe('done');
    expect(step.body.action).toMatchObject({ kind: 'step_done', step: 1, actor: 'ben' });
    const reopened = await h.call<HandleResult>('PATCH', `/api/incidents/${inc.id}/plan/steps/1`, { from: 'ben', state: 'open' });
    expect(reopened.body.action).toMatchObject({ kind: 'step_reopened', step: 1 });

    const action = await h.call<HandleResult>('POST', `/api/incidents/${inc.id}/actions`, {
      from: 'ben', kind: 'query_run', step: 1, query: 'sum(rate(http_requests_total{service="checkout"}[5m]))', language: 'promql',
      range: { from: '2026-01-01T10:00:00Z', to: '2026-01-01T11:00:00Z' },
    });
    expect(action.status).toBe(200);
    expect(action.body.action).toMatchObject({ kind: 'query_run', actor: 'ben', step: 1 });

    const note = await h.call<HandleResult>('POST', `/api/incidents/${inc.id}/notes`, { from: 'ana', text: 'error rate up since 10:02', pinned: true });
    expect(note.body.note).toMatchObject({ text: 'error rate up since 10:02', pinned: true, author: 'ana' });
    const noteId = note.body.note?.id ?? 0;
    const edited = await h.call<{ note: Note }>('PATCH', `/api/incidents/${inc.id}/notes/${noteId}`, { from: 'ana', pinned: false, text: 'since 10:01' });
    expect(edited.body.note).toMatchObject({ id: noteId, text: 'since 10:01', pinned: false });

    const view = await h.call<IncidentView>('GET', `/api/incidents/${inc.id}`);
    expect(view.body.notes.map((n) => n.text)).toEqual(['since 10:01']);
    expect(view.body.actions.map((a) => a.kind)).toEqual(expect.arrayContaining(['say', 'step_done', 'step_reopened', 'query_run']));
  });

  it('searches the action log and filters by kind', async () => {
    const inc = await openIncident();
    await h.call('POST', `/api/incidents/${inc.id}/actions`, { from: 'ben', kind: 'query_run', text: 'histogram_quantile latency checkout' });
    await h.call('POST', `/api/incidents/${inc.id}/actions`, { from: 'ben', kind: 'link_opened', text: 'checkout latency dashboard', url: 'https://grafana.example/d/1' });
    const all = await h.call<{ hits: Action[] }>('GET', '/api/actions/search?q=checkout%20latency');
    expect(all.body.hits).toHaveLength(2);
    const runs = await h.call<{ hits: Action[] }>('GET', '/api/actions/search?q=checkout%20latency&kind=query_run&limit=5');
    expect(runs.body.hits.map((a) => a.kind)).toEqual(['query_run']);
  });

  it('ranks any-word matches: more of the words first, then shorter texts, then the newest', async () => {
    const inc = await openIncident();
    for (const text of ['checkout latency p99 by route', 'payments latency', 'checkout deploy', 'latency of search']) {
      await h.call('POST', `/api/incidents/${inc.id}/notes`, { from: 'ana', text });
    }
    const r = await h.call<{ hits: Action[] }>('GET', '/api/actions/search?q=checkout+latency&mode=any&kind=note');
    expect(r.body.hits.map((a) => a.text)).toEqual(['checkout latency p99 by route', 'checkout deploy', 'payments latency', 'latency of search']);
    const bad = await h.call<{ error: { message: string } }>('GET', '/api/actions/search?q=x&mode=some');
    expect(bad.body.error.message).toMatch(/^query\.mode: /);
  });

  it('mounts the query routes, which say so when no query services are set up', async () => {
    const r = await h.call<{ error: { code: string; message: string } }>('POST', '/api/translate', { question: 'error rate of checkout' });
    expect(r.status).toBe(503);
    expect(r.body.error.code).toBe('query_unavailable');
    expect((await h.call('POST', '/api/translate', {})).status).toBe(400);
  });

  it('shows the workspace', async () => {
    const r = await h.call<{ links: unknown[]; owners: unknown[]; process: { items: unknown[] } }>('GET', '/api/workspace');
    expect(r.status).toBe(200);
    expect(Array.isArray(r.body.links)).toBe(true);
    expect(Array.isArray(r.body.owners)).toBe(true);
    expect(r.body.process.items.length).toBeGreaterThan(0);
  });
});
