// Incidents for learning-note tests, played through the real coach into a real SQLite file.
import { join } from 'node:path';
import { demoPaths, seedDemo } from '../../coach/demo/index.ts';
import { createCoach } from '../../coach/incident/index.ts';
import type { CoachApi } from '../../coach/incident/api.ts';
import type { Principal } from '../../coach/people/index.ts';
import { Store } from '../../coach/store/index.ts';
import type { Clock, Incident } from '../../coach/types.ts';
import { loadWorkspace, type Workspace } from '../../coach/workspace/index.ts';

export const alice: Principal = { person: 'alice', roles: ['responder'], via: 'solo' };
export const bob: Principal = { person: 'bob', roles: ['responder'], via: 'solo' };
export const sam: Principal = { person: 'sam', roles: ['support'], via: 'solo' };

export const QUERY_A = 'sum by (route) (rate(http_requests_total{service="checkout",code=~"5.."}[5m]))';
export const QUERY_B = 'histogram_quantile(0.99, sum by (le, route) (rate(http_request_duration_seconds_bucket{service="checkout"}[5m])))';
export const OTHER_QUERY = 'up{job="payments-secret-other-incident"}';

export interface World { store: Store; coach: CoachApi; clock: Clock & { set(iso: string): void }; workspace: Workspace }

export function world(dir: string): World {
  const { workspaceDir } = demoPaths(process.cwd());
  const workspace = loadWorkspace(workspaceDir);
  const store = Store.open(join(dir, 'notes.db'));
  let now = new Date('2026-03-02T12:00:00Z');
  const clock = { now: () => now, set: (iso: string) => { now = new Date(iso); } };
  return { store, coach: createCoach({ store, clock, workspace }), clock, workspace };
}

/** The bundled demo incident, resolved by bob a minute after its last event. */
export async function demoIncident(w: World): Promise<Incident> {
  const { incidentFile } = demoPaths(process.cwd());
  const incident = await seedDemo({ store: w.store, workspace: w.workspace, file: incidentFile, now: new Date('2026-03-02T12:00:00Z') });
  if (!incident) throw new Error('demo not seeded');
  w.clock.set('2026-03-02T11:59:40Z');
  await w.coach.handle(incident.id, { kind: 'status', from: 'bob', status: 'resolved' });
  return w.store.incidents.get(incident.id);
}

/** A small incident: a plan, QUERY_A run twice (step 1), QUERY_B once, mitigated, and another incident with OTHER_QUERY. */
export async function smallIncidents(w: World): Promise<{ main: Incident; other: Incident }> {
  const at = (m: number): string => new Date(Date.UTC(2026, 2, 3, 9, m)).toISOString();
  const other = (await w.coach.open({ title: 'Payments latency', service: 'payments', by: 'carol', at: at(0) })).incident;
  await w.coach.handle(other.id, { kind: 'action', at: at(1), from: 'carol', action: { kind: 'query_run', query: OTHER_QUERY } });
  const main = (await w.coach.open({ title: 'Checkout slow', service: 'checkout', severity: 'SEV2', by: 'alice', at: at(2) })).incident;
  await w.coach.handle(main.id, { kind: 'plan', at: at(3), from: 'alice', text: '1. find the slowest checkout endpoints\n2. roll back' });
  await w.coach.handle(main.id, { kind: 'action', at: at(4), from: 'alice', action: { kind: 'query_run', step: 1, query: QUERY_A } });
  await w.coach.handle(main.id, { kind: 'action', at: at(5), from: 'bob', action: { kind: 'query_run', query: QUERY_B } });
  await w.coach.handle(main.id, { kind: 'note', at: at(6), from: 'bob', text: 'p99 of POST /cart is 4s', pinned: true });
  await w.coach.handle(main.id, { kind: 'action', at: at(7), from: 'alice', action: { kind: 'query_run', step: 1, query: QUERY_A } });
  await w.coach.handle(main.id, { kind: 'action', at: at(8), from: 'bob', action: { kind: 'rollback', text: 'rolled back checkout to v2.13' } });
  await w.coach.handle(main.id, { kind: 'status', at: at(9), from: 'bob', status: 'mitigated' });
  return { main: w.store.incidents.get(main.id), other: w.store.incidents.get(other.id) };
}
