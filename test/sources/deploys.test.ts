// Deploy webhooks, generic and GitHub: kept for later incidents, attached to open ones, repeats recorded once.
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { HandleResult } from '../../coach/incident/api.ts';
import { recentDeploys } from '../../coach/sources/index.ts';
import { startHarness, type Harness } from '../server/support/harness.ts';
import { alertmanagerBody, githubDeploymentStatusBody } from './payloads.ts';

let h: Harness | null = null;
afterEach(async () => { await h?.close(); h = null; });

const deploy = { service: 'checkout', version: 'v2.14.0', at: '2026-03-01T09:50:00Z', by: 'dana', environment: 'production', url: 'https://ci.example/run/7' };

function sign(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

describe('POST /api/webhooks/deploy', () => {
  it('keeps a deploy with no incident open, and an incident opened later can look back at it', async () => {
    h = await startHarness();
    const r = await h.call('POST', '/api/webhooks/deploy', deploy);
    expect(r).toMatchObject({ status: 201, body: { recorded: true, incident: null, deploy: { service: 'checkout', version: 'v2.14.0', at: '2026-03-01T09:50:00.000Z' } } });
    expect(recentDeploys(h.store, 'checkout', '2026-03-01T09:00:00Z')).toEqual([
      { service: 'checkout', version: 'v2.14.0', at: '2026-03-01T09:50:00.000Z', by: 'dana', environment: 'production', url: 'https://ci.example/run/7', source: 'webhook' },
    ]);
    expect(recentDeploys(h.store, 'checkout', '2026-03-01T09:51:00Z')).toEqual([]);
    expect(recentDeploys(h.store, 'search', '2026-03-01T09:00:00Z')).toEqual([]);
  });

  it('puts an earlier deploy on an incident opened later, by an alert or by a person, and the coach asks about rolling back', async () => {
    h = await startHarness({ clock: { now: () => new Date('2026-03-01T10:03:00Z') } });
    await h.call('POST', '/api/webhooks/deploy', deploy);
    await h.call('POST', '/api/webhooks/deploy', { ...deploy, service: 'search', version: 'v1' });
    await h.call('POST', '/api/webhooks/deploy', { ...deploy, version: 'v2.0.0', at: '2026-03-01T06:00:00Z' });
    await h.call('POST', '/api/webhooks/alertmanager', alertmanagerBody());
    const fromAlert = h.store.timeline.list(1, { kinds: ['deploy'] });
    expect(fromAlert.map((e) => e.summary)).toEqual([expect.stringContaining('v2.14.0')]);
    expect(h.store.turns.list(1).some((t) => t.rule === 'E2' && /roll/i.test(t.text) && t.text.includes('v2.14.0'))).toBe(true);

    const byPerson = await h.call<HandleResult>('POST', '/api/incidents', { title: 'search slow', service: 'search', from: 'ana' });
    expect(h.store.timeline.list(byPerson.body.incident.id, { kinds: ['deploy'] }).map((e) => e.summary)).toEqual([expect.stringContaining('search v1')]);
  });

  it('attaches to the open incident for the service, and records a repeated delivery once', async () => {
    h = await startHarness();
    const inc = (await h.call<HandleResult>('POST', '/api/incidents', { title: 'checkout errors', service: 'checkout', from: 'ana' })).body.incident;
    const first = await h.call('POST', '/api/webhooks/deploy', deploy);
    expect(first.body).toMatchObject({ recorded: true, incident: inc.key });
    const again = await h.call('POST', '/api/webhooks/deploy', deploy);
    expect(again).toMatchObject({ status: 200, body: { recorded: false } });
    expect(h.store.timeline.list(inc.id, { kinds: ['deploy'] })).toHaveLength(1);
    expect(recentDeploys(h.store, 'checkout', '2026-03-01T00:00:00Z')).toHaveLength(1);
  });

  it('dedupes by delivery id, and untimed repeats of the same version', async () => {
    h = await startHarness();
    const untimed = { service: 'search', version: 'v9' };
    expect((await h.call('POST', '/api/webhooks/deploy', untimed)).body).toMatchObject({ recorded: true, deploy: { by: 'deploy-webhook' } });
    expect((await h.call('POST', '/api/webhooks/deploy', untimed)).body).toMatchObject({ recorded: false });
    const withId = { ...deploy, id: 'delivery-1' };
    expect((await h.call('POST', '/api/webhooks/deploy', withId)).body).toMatchObject({ recorded: true });
    expect((await h.call('POST', '/api/webhooks/deploy', { ...withId, at: '2026-03-01T09:51:00Z' })).body).toMatchObject({ recorded: false });
  });

  it('names a missing or bad field', async () => {
    h = await startHarness();
    const r = await h.call<{ error: { message: string } }>('POST', '/api/webhooks/deploy', { service: 'checkout' });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toBe('body.version: Required');
    const at = await h.call<{ error: { message: string } }>('POST', '/api/webhooks/deploy', { ...deploy, at: 'yesterday' });
    expect(at.body.error.message).toMatch(/^body\.at: /);
    expect(h.store.actions.count()).toBe(0);
  });
});

describe('POST /api/webhooks/github', () => {
  it('turns a successful deployment_status into a deploy of the repository\'s service', async () => {
    h = await startHarness();
    const inc = (await h.call<HandleResult>('POST', '/api/incidents', { title: 'checkout errors', service: 'checkout', from: 'ana' })).body.incident;
    const r = await h.call('POST', '/api/webhooks/github', githubDeploymentStatusBody(), { 'x-github-event': 'deployment_status', 'x-github-delivery': 'd-1' });
    expect(r).toMatchObject({ status: 201, body: { recorded: true, incident: inc.key,
      deploy: { service: 'checkout', version: 'main@1a2b3c4', by: 'dana', environment: 'production', at: '2026-03-01T09:55:00.000Z', source: 'github' } } });
    expect(h.store.timeline.list(inc.id, { kinds: ['deploy'] })).toHaveLength(1);
    const again = await h.call('POST', '/api/webhooks/github', githubDeploymentStatusBody(), { 'x-github-event': 'deployment_status' });
    expect(again.body).toMatchObject({ recorded: false });
  });

  it('records other states without calling them deploys, and ignores other events', async () => {
    h = await startHarness();
    const failed = await h.call('POST', '/api/webhooks/github', githubDeploymentStatusBody({ state: 'failure', statusId: 9002 }), { 'x-github-event': 'deployment_status' });
    expect(failed).toMatchObject({ status: 200, body: { recorded: true, state: 'failure', deploy: null } });
    expect(recentDeploys(h.store, 'checkout', '2000-01-01T00:00:00Z')).toEqual([]);
    expect(h.store.actions.search('checkout failure', { kind: 'deploy_status' })).toHaveLength(1);
    expect((await h.call('POST', '/api/webhooks/github', { zen: 'hi' }, { 'x-github-event': 'ping' })).status).toBe(200);
    expect((await h.call('POST', '/api/webhooks/github', { action: 'opened' }, { 'x-github-event': 'pull_request' })).status).toBe(202);
    expect((await h.call('POST', '/api/webhooks/github', githubDeploymentStatusBody())).status).toBe(400);
    const bad = await h.call<{ error: { message: string } }>('POST', '/api/webhooks/github', { deployment_status: { id: 1, state: 'success' } }, { 'x-github-event': 'deployment_status' });
    expect(bad.body.error.message).toMatch(/^body\.deployment: /);
  });

  it('checks X-Hub-Signature-256 when a secret is configured, and lets a signed delivery in without the bearer token', async () => {
    h = await startHarness({ githubSecret: 'gh-secret', token: 'api-token' });
    const body = JSON.stringify(githubDeploymentStatusBody());
    const headers = { 'x-github-event': 'deployment_status' };
    expect((await h.call('POST', '/api/webhooks/github', body, headers)).status).toBe(401);
    expect((await h.call('POST', '/api/webhooks/github', body, { ...headers, 'x-hub-signature-256': sign(body, 'wrong') })).status).toBe(401);
    // A valid bearer token is not enough: GitHub deliveries must be signed when a secret is set.
    expect((await h.call('POST', '/api/webhooks/github', body, { ...headers, authorization: 'Bearer api-token' })).status).toBe(401);
    expect(h.store.actions.count()).toBe(0);
    const ok = await h.call('POST', '/api/webhooks/github', body, { ...headers, 'x-hub-signature-256': sign(body, 'gh-secret') });
    expect(ok.status).toBe(201);
  });
});
