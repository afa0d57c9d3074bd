// Migration 9's memory digests and reuse counts, kept by triggers. A digest must always say what the action log
// says of a resolved incident, a reuse count what counting the log says; team memory ranks the same either way.
import fc from 'fast-check';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Memory } from '../../coach/learning/memory/index.ts';
import { Store, schemaVersion, type DigestItem } from '../../coach/store/index.ts';
import { migrations } from '../../coach/store/migrations.ts';
import { oldStore } from '../support/old-store.ts';
import { tempDir } from '../support/tmp.ts';

let tmp: ReturnType<typeof tempDir>;
const at = (m: number): string => new Date(Date.UTC(2026, 2, 2, 10, 0) + m * 60_000).toISOString();

beforeEach(() => { tmp = tempDir(); });
afterEach(() => tmp.cleanup());

const KINDS = ['query_run', 'link_opened', 'note', 'plan', 'demo_stop', 'say', 'step_done'] as const;

/**
 * Each incident's digest beside what its actions say: equal, or none where none should be. A resolved incident
 * one of whose actions was changed or removed (`mayLack`) may have none: it is read from its actions instead.
 */
function checkDigests(store: Store, mayLack: ReadonlySet<number> = new Set()): void {
  const incidents = store.db.prepare('SELECT id, status FROM incidents').all() as { id: number; status: string }[];
  for (const { id, status } of incidents) {
    const digest = store.memoryDigests.items(id);
    if (status !== 'resolved') expect(digest, `incident ${id} is ${status}`).toBeNull();
    else if (digest === null) expect(mayLack.has(id), `resolved incident ${id} has no digest`).toBe(true);
    else expect(digest, `incident ${id}`).toEqual(store.memoryDigests.fromLog(id));
  }
  const orphans = store.db.prepare('SELECT count(*) FROM memory_digests WHERE incident_id NOT IN (SELECT id FROM incidents)').pluck().get();
  expect(orphans).toBe(0);
}

/** The reuse counts beside counting the log itself. */
function checkReuse(store: Store): void {
  const counted = store.db.prepare(`SELECT kind, text, count(DISTINCT incident_id) AS incidents, count(DISTINCT actor) AS people FROM actions
    WHERE kind IN ('query_run', 'link_opened') GROUP BY kind, text ORDER BY kind, text`).all();
  expect(store.db.prepare('SELECT kind, text, incidents, people FROM reuse_counts ORDER BY kind, text').all()).toEqual(counted);
  const runs = store.db.prepare(`SELECT kind, text, actor, count(*) AS runs FROM actions WHERE kind IN ('query_run', 'link_opened')
    GROUP BY kind, text, actor ORDER BY kind, text, actor`).all();
  expect(store.db.prepare('SELECT kind, text, actor, runs FROM reuse_people ORDER BY kind, text, actor').all()).toEqual(runs);
}

describe('memory digests and reuse counts', () => {
  it('hold what the log holds through random writes, resolutions, reopenings, changes and deletions', () => {
    const op = fc.oneof(
      fc.record({ t: fc.constant('incident' as const), resolved: fc.boolean() }),
      fc.record({
        t: fc.constant('action' as const), pick: fc.nat(), kind: fc.constantFrom(...KINDS), text: fc.string({ maxLength: 12 }),
        payload: fc.oneof(
          fc.constant('{}'), fc.constant('not json'), fc.constant('{"url":"https://grafana.example/d/x"}'),
          fc.constant('{"query":"sum(rate(x_total[5m]))","language":"promql"}'), fc.constant('{"query":7}'),
          fc.string({ maxLength: 8 }).map((s) => JSON.stringify({ query: s, url: s })),
        ),
        noIncident: fc.boolean(),
      }),
      fc.record({ t: fc.constant('status' as const), pick: fc.nat(), status: fc.constantFrom('open', 'acknowledged', 'mitigated', 'resolved') }),
      fc.record({ t: fc.constant('delete' as const), pick: fc.nat() }),
      fc.record({
        t: fc.constant('change' as const), pick: fc.nat(), field: fc.constantFrom('actor', 'text', 'incident_id', 'kind'),
        value: fc.constantFrom('alice', 'bob', 'carol', 'up', 'query_run', 'note', 'link_opened', null),
      }),
      fc.record({ t: fc.constant('drop' as const), pick: fc.nat() }),
    );
    fc.assert(fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
      const store = Store.open(':memory:');
      try {
        const ids = (): number[] => store.db.prepare('SELECT id FROM incidents ORDER BY id').pluck().all() as number[];
        const addAction = store.db.prepare('INSERT INTO actions (incident_id, actor, at, kind, step, text, payload) VALUES (?, ?, ?, ?, ?, ?, ?)');
        let n = 0;
        const changed = new Set<number>();
        for (const o of ops) {
          n++;
          const list = ids();
          if (o.t === 'incident') {
            store.db.prepare("INSERT INTO incidents (title, service, severity, status, opened_at, opened_by) VALUES ('Lag', 'ledger', 'SEV2', ?, ?, 'alice')")
              .run(o.resolved ? 'resolved' : 'open', at(n));
          } else if (list.length === 0) {
            continue;
          } else {
            const id = list[o.pick % list.length] as number;
            if (o.t === 'action') addAction.run(o.noIncident ? null : id, o.pick % 2 ? 'alice' : 'bob', at(n), o.kind, o.pick % 3 || null, o.text, o.payload);
            else if (o.t === 'status') store.incidents.setStatus(id, o.status, at(n));
            else if (o.t === 'delete') store.db.prepare('DELETE FROM incidents WHERE id = ?').run(id);
            else {
              // Actions are never changed or removed by Mentat; the counts must still follow if they are.
              const actions = store.db.prepare('SELECT id FROM actions ORDER BY id').pluck().all() as number[];
              const target = actions[o.pick % Math.max(1, actions.length)];
              if (target === undefined) continue;
              const was = store.db.prepare('SELECT incident_id FROM actions WHERE id = ?').pluck().get(target) as number | null;
              if (was !== null) changed.add(was);
              changed.add(id);
              if (o.t === 'drop') store.db.prepare('DELETE FROM actions WHERE id = ?').run(target);
              else if (o.field === 'incident_id') store.db.prepare('UPDATE actions SET incident_id = ? WHERE id = ?').run(o.pick % 2 ? id : null, target);
              else if (o.value !== null) store.db.prepare(`UPDATE actions SET ${o.field} = ? WHERE id = ?`).run(o.value, target);
            }
          }
        }
        checkDigests(store, changed);
        checkReuse(store);
      } finally {
        store.close();
      }
    }), { numRuns: 150 });
  });

  it('read what ranking needs of a payload: a link URL, a query that differs from the text, nothing from bad JSON', () => {
    const store = Store.open(':memory:');
    const inc = store.incidents.create({ title: 'Lag', service: 'ledger', severity: 'SEV2', openedAt: at(0), openedBy: 'alice' });
    const add = (kind: string, text: string, payload: string): number =>
      Number(store.db.prepare('INSERT INTO actions (incident_id, actor, at, kind, text, payload) VALUES (?, ?, ?, ?, ?, ?)').run(inc.id, 'alice', at(1), kind, text, payload).lastInsertRowid);
    const a = add('link_opened', 'ledger dashboard', '{"url":"https://grafana.example/d/ledger"}');
    const b = add('query_run', 'the lag', '{"query":"max(kafka_consumergroup_lag)"}');
    const c = add('query_run', 'up', 'not json');
    const d = add('note', 'checked lag', '{"url":"https://x.example"}');
    add('say', 'is it lag?', '{}');
    store.incidents.setStatus(inc.id, 'resolved', at(2));
    const items = store.memoryDigests.items(inc.id) as DigestItem[];
    expect(items.map((i) => [i[0], i[3], i[6]])).toEqual([
      [a, 'link_opened', 'https://grafana.example/d/ledger'], [b, 'query_run', 'max(kafka_consumergroup_lag)'], [c, 'query_run', 'up'], [d, 'note', null],
    ]);
    store.close();
  });

  it('are built for the resolved incidents of a store file written before migration 9', () => {
    const path = join(tmp.dir, 'old.db');
    const old = oldStore(path, 8);
    for (let i = 1; i <= 3; i++) {
      old.prepare("INSERT INTO incidents (id, title, service, severity, status, opened_at, opened_by) VALUES (?, 'Errors', 'api', 'SEV2', ?, ?, 'alice')").run(i, i === 2 ? 'open' : 'resolved', at(i));
      old.prepare("INSERT INTO actions (incident_id, actor, at, kind, text, payload) VALUES (?, 'alice', ?, 'query_run', 'sum(rate(api_errors_total[5m]))', '{}')").run(i, at(i + 1));
    }
    old.close();
    const store = Store.open(path);
    expect(schemaVersion(store.db)).toBe(Math.max(...migrations.map((m) => m.version)));
    expect(store.memoryDigests.items(1)).toHaveLength(1);
    expect(store.memoryDigests.items(2)).toBeNull();
    checkDigests(store);
    checkReuse(store);
    expect(store.db.prepare('SELECT incidents, people FROM reuse_counts').get()).toEqual({ incidents: 3, people: 1 });
    store.close();
  });

  it('change nothing team memory finds: the same hits with digests as read from the actions', () => {
    const store = Store.open(':memory:');
    const svc = ['ledger', 'checkout', 'search'];
    for (let i = 0; i < 30; i++) {
      const inc = store.incidents.create({ title: `Lag on ${svc[i % 3]}`, service: svc[i % 3], severity: 'SEV2', openedAt: at(i * 100), openedBy: 'alice' });
      for (let k = 0; k < 12; k++) {
        const q = `max by (partition) (kafka_consumergroup_lag{service="${svc[(i + k) % 3]}"})`;
        store.actions.add({ incidentId: inc.id, actor: `user-${(i + k) % 5}`, at: at(i * 100 + k + 1), kind: k % 3 === 0 ? 'note' : k % 3 === 1 ? 'query_run' : 'link_opened',
          text: k % 3 === 0 ? `checked partition lag on ${svc[i % 3]}` : k % 3 === 1 ? q : `${svc[i % 3]} dashboard`,
          payload: k % 3 === 1 ? { query: q } : k % 3 === 2 ? { url: `https://grafana.example/d/${svc[i % 3]}` } : {} });
      }
      if (i < 29) store.incidents.setStatus(inc.id, 'resolved', at(i * 100 + 50));
    }
    const now = new Date(Date.parse(at(4000)));
    const search = (): unknown => [null, 'partition lag', 'dashboard'].map((question) =>
      new Memory(store).search({ incidentId: 30, question, now, limit: 10 }).map((h) => [h.item.ref, h.score, h.item.query, h.item.url, h.item.action?.payload]));
    expect(store.db.prepare('SELECT count(*) FROM memory_digests').pluck().get()).toBe(29);
    const withDigests = search();
    store.db.exec('DELETE FROM memory_digests');
    expect(search()).toEqual(withDigests);
    store.close();
  });

  it('keep each incident profile\'s service=alert pairs as its service and alerts change (migration 11)', () => {
    const store = Store.open(':memory:');
    const pairs = (id: number): string => store.db.prepare('SELECT pair FROM incident_terms WHERE rowid = ?').pluck().get(id) as string;
    const fire = (id: number, name: string): void => {
      store.timeline.add({ incidentId: id, at: at(5), kind: 'alert_firing', summary: `${name} firing`, data: { alert: { name, labels: { severity: 'page' }, annotations: {} } } });
    };
    const inc = store.incidents.create({ title: 'Lag', service: 'ledger api', severity: 'SEV2', openedAt: at(0), openedBy: 'alice' });
    expect(pairs(inc.id)).toBe('');
    fire(inc.id, 'KafkaConsumerLag');
    fire(inc.id, 'KafkaConsumerLag');
    fire(inc.id, 'HighLatency');
    expect(pairs(inc.id)).toBe('ledger_api=KafkaConsumerLag ledger_api=HighLatency');
    store.db.prepare('UPDATE incidents SET service = ? WHERE id = ?').run('payments', inc.id);
    expect(pairs(inc.id)).toBe('payments=KafkaConsumerLag payments=HighLatency');
    store.db.prepare('UPDATE incidents SET service = NULL WHERE id = ?').run(inc.id);
    expect(pairs(inc.id)).toBe('');
    const bare = store.incidents.create({ title: 'No service', severity: 'SEV3', openedAt: at(0), openedBy: 'alice' });
    fire(bare.id, 'HighLatency');
    expect(pairs(bare.id)).toBe('');
    // What team memory asks for: incidents of the same service and alert, by the one pair token.
    const other = store.incidents.create({ title: 'Lag again', service: 'payments', severity: 'SEV2', openedAt: at(9), openedBy: 'bob' });
    fire(other.id, 'HighLatency');
    store.db.prepare('UPDATE incidents SET service = ? WHERE id = ?').run('payments', inc.id);
    expect(store.db.prepare(`SELECT rowid FROM incident_terms WHERE incident_terms MATCH 'pair : "payments=highlatency"' ORDER BY rowid`).pluck().all()).toEqual([inc.id, other.id]);
    store.close();
  });
});
