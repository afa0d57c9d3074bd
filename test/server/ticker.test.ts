// The periodic tick: a plan step left alone long enough gets a stuck nudge with nobody acting (G3).
import { afterEach, describe, expect, it } from 'vitest';
import type { HandleResult, IncidentView } from '../../coach/incident/api.ts';
import { startHarness, type Harness } from './support/harness.ts';

let h: Harness | null = null;
afterEach(async () => { await h?.close(); h = null; });

describe('tick', () => {
  it('nudges a quiet plan step on an open incident, and leaves resolved incidents alone', async () => {
    let now = Date.parse('2026-03-01T10:00:00Z');
    h = await startHarness({ clock: { now: () => new Date(now) } });
    const open = await h.call<HandleResult>('POST', '/api/incidents', { title: 'checkout errors', service: 'checkout', from: 'ana' });
    const done = await h.call<HandleResult>('POST', '/api/incidents', { title: 'old one', service: 'search', from: 'ana' });
    for (const inc of [open.body.incident, done.body.incident]) {
      await h.call('POST', `/api/incidents/${inc.id}/plan`, { from: 'ana', text: '1. check the error rate by endpoint\n2. roll back' });
    }
    await h.call('POST', `/api/incidents/${done.body.incident.id}/status`, { from: 'ana', status: 'resolved' });

    await h.server.tick();
    const before = await h.call<IncidentView>('GET', `/api/incidents/${open.body.incident.id}`);
    expect(before.body.turns.filter((t) => t.type === 'stuck_nudge')).toEqual([]);

    now += 3 * 60 * 60_000;
    await h.server.tick();
    const after = await h.call<IncidentView>('GET', `/api/incidents/${open.body.incident.id}`);
    const nudges = after.body.turns.filter((t) => t.type === 'stuck_nudge');
    expect(nudges).toHaveLength(1);
    expect(nudges[0]).toMatchObject({ rule: 'G3', phase: 'guide' });
    const resolved = await h.call<IncidentView>('GET', `/api/incidents/${done.body.incident.id}`);
    expect(resolved.body.turns.filter((t) => t.type === 'stuck_nudge')).toEqual([]);
  });
});
