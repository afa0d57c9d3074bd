// Migration 8's query runs: derived from the action log in id order, with the normalized query and metric,
// caught up however the actions were written, and backfilled when an older store file is opened.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analyzeAcrossIncidents } from '../../coach/learning/enhance/index.ts';
import { Store, schemaVersion } from '../../coach/store/index.ts';
import { migrations } from '../../coach/store/migrations.ts';
import { oldStore } from '../support/old-store.ts';
import { tempDir } from '../support/tmp.ts';

let tmp: ReturnType<typeof tempDir>;
const at = (m: number): string => new Date(Date.UTC(2026, 2, 2, 10, m)).toISOString();
const runs = (store: Store): { action_id: number; incident_id: number; actor: string; key: string; metric: string | null }[] =>
  store.db.prepare('SELECT action_id, incident_id, actor, key, metric FROM query_runs ORDER BY action_id').all() as never;

beforeEach(() => { tmp = tempDir(); });
afterEach(() => tmp.cleanup());

describe('query runs', () => {
  it('records only query runs of incidents, with one key for differently spaced and ordered matchers', () => {
    const store = Store.open(join(tmp.dir, 'm.db'));
    const inc = store.incidents.create({ title: 'Checkout errors', severity: 'SEV2', openedAt: at(0), openedBy: 'alice', service: 'checkout' });
    const a = store.actions.add({ incidentId: inc.id, actor: 'alice', at: at(1), kind: 'query_run', text: 'sum(rate(http_requests_total{job="api",code="500"}[5m]))' });
    store.actions.add({ incidentId: inc.id, actor: 'alice', at: at(2), kind: 'note', text: 'rate(x_total[5m]) looked flat' });
    store.actions.add({ incidentId: null, actor: 'bob', at: at(3), kind: 'query_run', text: 'up' });
    // The payload's query is what ran when the text says something else.
    const c = store.actions.add({ incidentId: inc.id, actor: 'bob', at: at(4), kind: 'query_run', text: 'the 500s', payload: { query: 'sum( rate(http_requests_total{code="500", job="api"}[5m]) )' } });
    expect(store.queryRuns.catchUp()).toBe(2);
    const rows = runs(store);
    expect(rows.map((r) => r.action_id)).toEqual([a.id, c.id]);
    expect(rows[0]?.key).toBe(rows[1]?.key);
    expect(rows.map((r) => r.metric)).toEqual(['http_requests_total', 'http_requests_total']);
    expect(store.queryRuns.catchUp()).toBe(0);
    store.close();
  });

  it('catches up actions written straight to SQL, across many spans, each once', () => {
    const store = Store.open(join(tmp.dir, 'm.db'));
    const inc = store.incidents.create({ title: 'Lag', severity: 'SEV3', openedAt: at(0), openedBy: 'alice', service: 'ledger' });
    const insert = store.db.prepare("INSERT INTO actions (incident_id, actor, at, kind, text, payload) VALUES (?, 'carol', ?, ?, ?, '{}')");
    store.tx(() => {
      for (let i = 0; i < 120_000; i++) {
        const query = i % 40_000 === 0;
        insert.run(inc.id, at(5), query ? 'query_run' : 'note', query ? `max(kafka_consumergroup_lag{partition="${i}"})` : 'checked the lag');
      }
    });
    expect(store.queryRuns.catchUp()).toBe(3);
    expect(runs(store).map((r) => r.metric)).toEqual(['kafka_consumergroup_lag', 'kafka_consumergroup_lag', 'kafka_consumergroup_lag']);
    expect(store.db.prepare('SELECT last_action_id FROM query_runs_mark').pluck().get()).toBe(store.db.prepare('SELECT max(id) FROM actions').pluck().get());
    expect(store.queryRuns.catchUp()).toBe(0);
    store.close();
  });

  it('backfills the query runs of a store file written before migration 8', () => {
    const path = join(tmp.dir, 'old.db');
    const old = oldStore(path, 7);
    const ids: number[] = [];
    for (let i = 1; i <= 3; i++) {
      old.prepare("INSERT INTO incidents (id, title, service, severity, status, opened_at, opened_by) VALUES (?, 'Errors', 'api', 'SEV2', 'resolved', ?, 'alice')").run(i, at(i));
      const r = old.prepare("INSERT INTO actions (incident_id, actor, at, kind, text, payload) VALUES (?, ?, ?, 'query_run', ?, '{}')")
        .run(i, i === 3 ? 'bob' : 'alice', at(i + 1), i === 2 ? 'sum( rate(api_errors_total[5m]))' : 'sum(rate(api_errors_total[5m]))');
      ids.push(Number(r.lastInsertRowid));
    }
    old.close();

    const store = Store.open(path);
    expect(schemaVersion(store.db)).toBe(Math.max(...migrations.map((m) => m.version)));
    expect(runs(store).map((r) => r.action_id)).toEqual(ids);
    const found = analyzeAcrossIncidents(store);
    expect(found.queries).toEqual([
      { query: 'sum(rate(api_errors_total[5m]))', key: 'sum(rate(api_errors_total[5m]))', incidents: [1, 2, 3], people: ['alice', 'bob'] },
    ]);
    store.close();
  });

  it('forgets the runs of a deleted incident (its actions stay, without an incident)', () => {
    const store = Store.open(join(tmp.dir, 'm.db'));
    const inc = store.incidents.create({ title: 'Errors', severity: 'SEV2', openedAt: at(0), openedBy: 'alice', service: 'api' });
    store.actions.add({ incidentId: inc.id, actor: 'alice', at: at(1), kind: 'query_run', text: 'sum(rate(api_errors_total[5m]))' });
    store.queryRuns.catchUp();
    store.db.prepare('DELETE FROM incidents WHERE id = ?').run(inc.id);
    expect(runs(store)).toEqual([]);
    store.close();
  });
});
