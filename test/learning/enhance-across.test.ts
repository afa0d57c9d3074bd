// H4: analyzeAcrossIncidents over a real SQLite store holding several incidents, and the recording rules it
// leads to, checked by Prometheus' own promtool.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analyzeAcrossIncidents, metricOf, normalizeQuery, ranksDown, recordingRule } from '../../coach/learning/enhance/index.ts';
import { Store } from '../../coach/store/index.ts';

const lat = 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="checkout"}[5m])))';
const dbq = 'sum(rate(db_query_duration_seconds_sum{service="checkout"}[5m]))';
const errs = 'sum by (service) (rate(http_requests_total{service="checkout",code=~"5.."}[5m]))';
const errsReordered = 'sum by(service)(rate(http_requests_total{code=~"5..", service="checkout"}[5m]))';

let store: Store;
beforeEach(() => { store = Store.open(':memory:'); });
afterEach(() => store.close());

const at = (day: number, h: number, m: number): string => new Date(Date.UTC(2026, 0, day, h, m)).toISOString();

function incident(day: number, opts: { alert?: string; actedAfter?: number | null; queries?: [string, string, number][] }): number {
  const inc = store.incidents.create({ title: `incident ${day}`, service: 'checkout', severity: 'SEV3', openedAt: at(day, 9, 0), openedBy: 'pat', fingerprint: null, channel: null });
  if (opts.alert) {
    store.timeline.add({ incidentId: inc.id, at: at(day, 9, 0), kind: 'alert_firing', summary: 'x', data: { alert: { name: opts.alert, service: 'checkout', startsAt: at(day, 9, 0), labels: {}, annotations: {} } } });
  }
  if (opts.actedAfter != null) store.actions.add({ incidentId: inc.id, actor: 'pat', at: at(day, 9, opts.actedAfter), kind: 'ack', text: '' });
  for (const [who, q, minute] of opts.queries ?? []) {
    store.actions.add({ incidentId: inc.id, actor: who, at: at(day, 10, minute), kind: 'query_run', text: q, payload: { query: q } });
  }
  return inc.id;
}

describe('analyzeAcrossIncidents', () => {
  it('finds a query run in three incidents however it was spaced or its matchers ordered, and not one run in two', () => {
    const a = incident(1, { queries: [['maria', errs, 0], ['maria', dbq, 30]] });
    const b = incident(2, { queries: [['li', errsReordered, 0], ['li', dbq, 40]] });
    const c = incident(3, { queries: [['maria', `  ${errs}  `, 0]] });
    incident(4, { queries: [['li', lat, 0]] });
    const r = analyzeAcrossIncidents(store);
    expect(r.queries).toEqual([expect.objectContaining({ incidents: [a, b, c], people: ['li', 'maria'], key: normalizeQuery(errs) })]);
    expect(r.queries.some((q) => q.query.includes('db_query'))).toBe(false);
    const focused = analyzeAcrossIncidents(store, { focus: { query: errsReordered } });
    expect(focused.queries.map((q) => q.incidents)).toEqual([[a, b, c]]);
    expect(analyzeAcrossIncidents(store, { focus: { query: dbq } }).queries).toEqual([]);
  });

  it('finds an alert that fired in three incidents with nobody acting within the window', () => {
    const quiet = [1, 2, 3].map((d) => incident(d, { alert: 'DiskAlmostFull', actedAfter: null }));
    incident(4, { alert: 'DiskAlmostFull', actedAfter: 10 });
    incident(5, { alert: 'DiskAlmostFull', actedAfter: 45 }); // acted, but only after the 30 minutes
    incident(6, { alert: 'CheckoutErrors', actedAfter: 2 });
    incident(7, { alert: 'CheckoutErrors', actedAfter: null });
    const r = analyzeAcrossIncidents(store, { now: at(30, 0, 0) });
    expect(r.quietAlerts).toEqual([{ alert: 'DiskAlmostFull', incidents: [...quiet, quiet[2] as number + 2] }]);
    expect(analyzeAcrossIncidents(store, { now: at(30, 0, 0), quietMinutes: 60 }).quietAlerts[0]?.incidents).toEqual(quiet);
    // An alert whose window has not ended yet is not judged.
    expect(analyzeAcrossIncidents(store, { now: at(3, 9, 10) }).quietAlerts).toEqual([]);
    expect(analyzeAcrossIncidents(store, { now: at(30, 0, 0), focus: { alert: 'CheckoutErrors' } }).quietAlerts).toEqual([]);
  });

  it('finds two metrics one person queried within minutes of each other in three incidents', () => {
    const ids = [1, 2, 3].map((d) => incident(d, { queries: [['maria', lat, 0], [d === 2 ? 'li' : 'maria', d === 2 ? errs : dbq, 3]] }));
    incident(4, { queries: [['li', lat, 0], ['li', dbq, 4]] });
    incident(5, { queries: [['li', lat, 0], ['ana', dbq, 1]] }); // two people: not one person correlating
    incident(6, { queries: [['li', lat, 0], ['li', dbq, 20]] }); // too far apart
    const r = analyzeAcrossIncidents(store);
    expect(r.correlations).toEqual([{
      metrics: ['db_query_duration_seconds_sum', 'http_request_duration_seconds_bucket'], incidents: [ids[0], ids[2], ids[2] as number + 1], people: ['li', 'maria'],
    }]);
    expect(analyzeAcrossIncidents(store, { focus: { query: dbq } }).correlations).toHaveLength(1);
    expect(analyzeAcrossIncidents(store, { focus: { query: errs } }).correlations).toEqual([]);
    expect(analyzeAcrossIncidents(store, { minIncidents: 4 }).correlations).toEqual([]);
  });
});

describe('recording rules', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mentat-rules-'));

  it.each([
    [errs, 'service:http_requests:rate5m'],
    [lat, 'all:http_request_duration_seconds:p99_rate5m'],
    [dbq, 'all:db_query_duration_seconds_sum:sum_rate5m'],
    ['sum by (route) (rate(http_requests_total{route="/it\'s"}[1m]))', 'route:http_requests:rate1m'],
    ['node_filesystem_avail_bytes{mountpoint="/"} / node_filesystem_size_bytes{mountpoint="/"}', 'all:node_filesystem_avail_bytes:value'],
  ])('%s becomes %s, a rule file promtool accepts', (query, record) => {
    const rule = recordingRule(query);
    expect(rule?.record).toBe(record);
    const file = join(dir, `${record.replace(/:/g, '_')}.yml`);
    writeFileSync(file, rule?.yaml ?? '');
    const r = spawnSync('/usr/bin/promtool', ['check', 'rules', file], { encoding: 'utf8' });
    expect(`${r.stdout}${r.stderr}`).toMatch(/SUCCESS: 1 rules found/);
    expect(r.status).toBe(0);
  });

  it('refuses what cannot be a rule: Grafana variables, no metric', () => {
    expect(recordingRule('rate(x_total[$__rate_interval])')).toBeNull();
    expect(recordingRule('1 + 1')).toBeNull();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('query keys and ranking', () => {
  it('normalises spacing and matcher order only', () => {
    expect(normalizeQuery(errs)).toBe(normalizeQuery(errsReordered));
    expect(normalizeQuery(errs)).not.toBe(normalizeQuery(errs.replace('5..', '4..')));
    expect(metricOf(lat)).toBe('http_request_duration_seconds_bucket');
    expect(metricOf('sum by (job) (up)')).toBe('up');
  });

  it('ranks a kind down after the dismiss limit, until accepted more often than dismissed', () => {
    expect(ranksDown({}, 'shortcut', 2)).toBe(false);
    expect(ranksDown({ shortcut: { accepted: 0, dismissed: 1, offered: 0 } }, 'shortcut', 2)).toBe(false);
    expect(ranksDown({ shortcut: { accepted: 1, dismissed: 2, offered: 0 } }, 'shortcut', 2)).toBe(true);
    expect(ranksDown({ shortcut: { accepted: 3, dismissed: 2, offered: 0 } }, 'shortcut', 2)).toBe(false);
  });
});
