// Learning-note generation offline for an incident of 2,000 timeline events and 600 query runs (goal < 1 s).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLearningNotes } from '../coach/learning/index.ts';
import { Store } from '../coach/store/index.ts';
import { loadWorkspace } from '../coach/workspace/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'mentat-bench-notes-'));
const store = Store.open(join(dir, 'b.db'));
const base = Date.parse('2026-03-02T08:00:00Z');
const iso = (s: number): string => new Date(base + s * 1000).toISOString();
const inc = store.incidents.create({ title: 'Noisy', service: 'checkout', severity: 'SEV2', openedBy: 'alice', openedAt: iso(0) });
store.tx(() => {
  for (let i = 0; i < 2000; i++) store.timeline.add({ incidentId: inc.id, at: iso(i + 1), kind: 'alert_firing', summary: `Alert${i % 7} firing`, data: { alert: { name: `Alert${i % 7}` } } });
  for (let i = 0; i < 600; i++) store.actions.add({ incidentId: inc.id, actor: i % 2 ? 'alice' : 'bob', at: iso(i * 3 + 2), kind: 'query_run', text: '', payload: { query: `rate(x_total{shard="${i % 40}"}[5m])` } });
  store.timeline.add({ incidentId: inc.id, at: iso(2100), kind: 'status', summary: 'alice set the status to resolved', data: { from: 'acknowledged', to: 'resolved', by: 'alice' } });
  store.incidents.setStatus(inc.id, 'resolved', iso(2100));
});
const notes = createLearningNotes({ store, clock: { now: () => new Date(base + 3_000_000) }, workspace: loadWorkspace(null) });
const who = { person: 'alice', roles: ['responder' as const], via: 'solo' as const };
const times: number[] = [];
for (let i = 0; i < 10; i++) {
  const t0 = performance.now();
  await notes.generate(who, inc.id);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
console.log(`learning note, 2,000 events + 600 query runs, offline: p50 ${times[5]?.toFixed(1)} ms, max ${times[9]?.toFixed(1)} ms (goal < 1000 ms)`);
store.close();
rmSync(dir, { recursive: true, force: true });
