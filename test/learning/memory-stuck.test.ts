// G3 with team memory, through the real coach service: after the person's own plan, a stuck nudge adds what
// someone looked at on a step like this in an earlier incident; never before a plan (G1), never from this incident.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCoach } from '../../coach/incident/index.ts';
import { Store } from '../../coach/store/index.ts';
import type { Clock } from '../../coach/types.ts';

const cleanup: (() => void)[] = [];
afterEach(() => { for (const f of cleanup.splice(0).reverse()) f(); });

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'mentat-memory-stuck-'));
  const store = Store.open(join(dir, 'm.db'));
  let now = new Date('2026-05-01T10:00:00.000Z');
  const clock: Clock = { now: () => now };
  const coach = createCoach({ store, clock });
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }), () => store.close(), () => coach.close());
  return { store, coach, at: (iso: string) => { now = new Date(iso); } };
}

describe('G3 with team memory', () => {
  it('adds what someone looked at on this step last time, attributed, only after a plan', async () => {
    const { store, coach, at } = setup();
    const old = store.incidents.create({ title: 'orders consumer lag', service: 'orders', severity: 'SEV2', openedAt: '2026-01-10T09:00:00.000Z', openedBy: 'maria' });
    store.actions.add({ incidentId: old.id, actor: 'maria', at: '2026-01-10T09:20:00.000Z', kind: 'query_run', step: 1,
      text: 'max by (partition) (kafka_consumergroup_lag{service="orders"})', payload: { query: 'max by (partition) (kafka_consumergroup_lag{service="orders"})' } });

    at('2026-05-01T10:00:00.000Z');
    const { incident } = await coach.open({ title: 'orders consumer lag again', service: 'orders', severity: 'SEV2', by: 'ana' });
    at('2026-05-01T10:30:00.000Z');
    const before = await coach.handle(incident.id, { kind: 'tick' });
    expect(before.turns.some((t) => t.rule === 'G3')).toBe(false);

    await coach.handle(incident.id, { kind: 'plan', from: 'ana', text: '1. check consumer lag per partition\n2. roll back the deploy' });
    at('2026-05-01T10:45:00.000Z');
    const stuck = await coach.handle(incident.id, { kind: 'tick' });
    const nudge = stuck.turns.find((t) => t.type === 'stuck_nudge');
    expect(nudge?.text).toMatch(/^You seem stuck on step 1 \(check consumer lag per partition\)\./);
    expect(nudge?.text).toContain(`Last time someone was stuck on this step (${old.key}), maria looked at max by (partition) (kafka_consumergroup_lag{service="orders"}).`);
    expect(nudge?.fields).toMatchObject({ memory: { by: 'maria', incident: old.key, kind: 'query_run' } });
  });

  it('says nothing from memory when no earlier incident fits the step', async () => {
    const { coach, at } = setup();
    const { incident } = await coach.open({ title: 'checkout errors', service: 'checkout', severity: 'SEV2', by: 'ana' });
    await coach.handle(incident.id, { kind: 'plan', from: 'ana', text: '1. check the error rate by endpoint' });
    await coach.handle(incident.id, { kind: 'action', from: 'ana', action: { kind: 'query_run', query: 'sum by (route) (rate(http_requests_total{service="checkout"}[5m]))' } });
    at('2026-05-01T10:30:00.000Z');
    const nudge = (await coach.handle(incident.id, { kind: 'tick' })).turns.find((t) => t.type === 'stuck_nudge');
    expect(nudge?.text).toMatch(/^You seem stuck on step 1/);
    expect(nudge?.text).not.toContain('Last time');
    expect(nudge?.fields?.memory).toBeUndefined();
  });
});
