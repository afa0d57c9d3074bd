// Alertmanager v4 webhooks: firing opens, the same fingerprint joins, resolved marks, malformed writes nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IncidentView } from '../../coach/incident/api.ts';
import type { Incident } from '../../coach/types.ts';
import { startHarness, type Harness } from '../server/support/harness.ts';
import { alertmanagerBody } from './payloads.ts';

let h: Harness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await h.close(); });

interface Delivered { received: number; results: { alert: string; incident: string | null; status: string; opened: boolean }[] }

describe('POST /api/webhooks/alertmanager', () => {
  it('opens an incident for a firing alert, with service from job and severity from the label', async () => {
    const r = await h.call<Delivered>('POST', '/api/webhooks/alertmanager', alertmanagerBody());
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ received: 1, results: [{ alert: 'CheckoutHighErrorRate', status: 'firing', incident: 'INC-1', opened: true }] });
    const [inc] = (await h.call<{ incidents: Incident[] }>('GET', '/api/incidents')).body.incidents;
    expect(inc).toMatchObject({ service: 'checkout', severity: 'SEV1', fingerprint: 'c0ffee1234abcd01', title: 'Checkout 5xx ratio above 5%', openedBy: 'alertmanager' });
    const view = await h.call<IncidentView>('GET', '/api/incidents/1');
    expect(view.body.timeline.map((e) => e.kind)).toContain('alert_firing');
  });

  it('joins the open incident on a second firing of the same fingerprint, and records a repeat once', async () => {
    await h.call('POST', '/api/webhooks/alertmanager', alertmanagerBody());
    const again = await h.call<Delivered>('POST', '/api/webhooks/alertmanager', alertmanagerBody());
    expect(again.body.results[0]).toMatchObject({ incident: 'INC-1', opened: false });
    const other = await h.call<Delivered>('POST', '/api/webhooks/alertmanager',
      alertmanagerBody({ fingerprint: 'feedbeef00000002', alertname: 'CheckoutLatencyHigh', startsAt: '2026-03-01T10:05:00Z' }));
    expect(other.body.results[0]).toMatchObject({ incident: 'INC-1', opened: false });
    expect(h.store.incidents.list({ status: 'all' })).toHaveLength(1);
    const firing = h.store.timeline.list(1, { kinds: ['alert_firing'] });
    expect(firing.map((e) => e.summary)).toEqual([expect.stringContaining('CheckoutHighErrorRate'), expect.stringContaining('CheckoutLatencyHigh')]);
  });

  it('opens a separate incident for another service', async () => {
    await h.call('POST', '/api/webhooks/alertmanager', alertmanagerBody());
    const r = await h.call<Delivered>('POST', '/api/webhooks/alertmanager',
      alertmanagerBody({ fingerprint: 'aaaa', labels: { job: 'search', service: 'search-api', severity: 'warning' } }));
    expect(r.body.results[0]).toMatchObject({ incident: 'INC-2', opened: true });
    expect(h.store.incidents.get(2)).toMatchObject({ service: 'search-api', severity: 'SEV3' });
  });

  it('marks a resolved alert on the incident\'s timeline and drops one nobody is working on', async () => {
    await h.call('POST', '/api/webhooks/alertmanager', alertmanagerBody());
    const r = await h.call<Delivered>('POST', '/api/webhooks/alertmanager', alertmanagerBody({ status: 'resolved' }));
    expect(r.body.results[0]).toMatchObject({ status: 'resolved', incident: 'INC-1' });
    const resolved = h.store.timeline.list(1, { kinds: ['alert_resolved'] });
    expect(resolved).toHaveLength(1);
    expect(resolved[0]?.at).toBe('2026-03-01T10:40:00.000Z');
    const stray = await h.call<Delivered>('POST', '/api/webhooks/alertmanager', alertmanagerBody({ status: 'resolved', fingerprint: 'zzz', labels: { job: 'nobody' } }));
    expect(stray.body.results[0]).toMatchObject({ incident: null });
    expect(h.store.incidents.list({ status: 'all' })).toHaveLength(1);
  });

  it('answers a malformed payload with a 400 naming the field and writes nothing', async () => {
    const body = alertmanagerBody();
    const bad = { ...body, alerts: [{ ...(body.alerts as Record<string, unknown>[])[0], startsAt: 'soon' }] };
    const r = await h.call<{ error: { code: string; message: string } }>('POST', '/api/webhooks/alertmanager', bad);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/^body\.alerts\.0\.startsAt: /);
    const v3 = await h.call<{ error: { message: string } }>('POST', '/api/webhooks/alertmanager', { ...body, version: '3' });
    expect(v3.body.error.message).toMatch(/^body\.version: /);
    const empty = await h.call('POST', '/api/webhooks/alertmanager', { ...body, alerts: [] });
    expect(empty.status).toBe(400);
    expect(h.store.incidents.list({ status: 'all' })).toEqual([]);
    expect(h.store.actions.count()).toBe(0);
  });
});
