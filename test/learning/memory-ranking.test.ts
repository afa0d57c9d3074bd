// Team memory ranking: relevance beats recency, reuse counts, every hit says who did it where and when.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attribution, Memory, recency, relevance, reuseFactor, score, stuckHints } from '../../coach/learning/memory/index.ts';
import { Store } from '../../coach/store/index.ts';

const DAY = 86_400_000;
const now = new Date(Date.UTC(2026, 5, 1));
const ago = (days: number): string => new Date(now.getTime() - days * DAY).toISOString();

describe('the memory score', () => {
  const strong = { service: 0.4, alerts: 0.6, labels: 1, incidentWords: 2, itemWords: 3 };
  const weak = { service: 0.4, alerts: 0, labels: 0, incidentWords: 0.3, itemWords: 0.4 };
  it('a strong match from a year ago beats a weak one from today', () => {
    expect(score(strong, { incidents: 0, people: 0 }, ago(365), now)).toBeGreaterThan(score(weak, { incidents: 0, people: 0 }, ago(0), now));
    expect(relevance(strong)).toBeGreaterThan(relevance(weak));
  });
  it('decays gently and never to zero', () => {
    expect(recency(ago(0), now)).toBe(1);
    expect(recency(ago(730), now)).toBeCloseTo(0.5, 5);
    expect(recency(ago(3650), now)).toBeGreaterThan(0.1);
  });
  it('reuse lifts an item, with diminishing returns', () => {
    expect(reuseFactor({ incidents: 0, people: 0 })).toBe(1);
    expect(reuseFactor({ incidents: 3, people: 2 })).toBeGreaterThan(reuseFactor({ incidents: 1, people: 0 }));
    expect(reuseFactor({ incidents: 100, people: 40 })).toBeLessThan(2);
  });
  it('says who did it, where and when', () => {
    expect(attribution({ kind: 'query_run', actor: 'maria', incidentKey: 'INC-41', at: '2025-03-02T10:00:00Z' })).toBe('maria ran this in INC-41 (2025-03-02)');
    expect(attribution({ kind: 'link_opened', actor: 'ben', incidentKey: null, at: '2025-03-02T10:00:00Z' }, { incidents: 2, people: 1 }))
      .toBe('ben opened this (2025-03-02); run again in 2 other incidents');
  });
});

describe('memory search on a store', () => {
  let dir: string;
  let store: Store;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mentat-memory-'));
    store = Store.open(join(dir, 'm.db'));
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const incident = (title: string, service: string, at: string, alert: string, labels: Record<string, string>): number => {
    const inc = store.incidents.create({ title, service, severity: 'SEV2', openedAt: at, openedBy: 'alertmanager' });
    store.timeline.add({ incidentId: inc.id, at, kind: 'alert_firing', summary: `${alert} firing`,
      data: { alert: { name: alert, service, startsAt: at, labels: { alertname: alert, service, ...labels }, annotations: { summary: title } } } });
    return inc.id;
  };
  const ran = (incidentId: number, actor: string, at: string, query: string): number =>
    store.actions.add({ incidentId, actor, at, kind: 'query_run', text: query, payload: { query, language: 'promql' } }).id;

  it('ranks the fitting old query above a weak recent one, attributed', () => {
    const old = incident('Ledger settlement lag on payments', 'payments', ago(380), 'KafkaConsumerLag', { consumergroup: 'ledger-settlement' });
    const planted = ran(old, 'maria', ago(380), 'max by (partition) (kafka_consumergroup_lag{consumergroup="ledger-settlement"})');
    for (let i = 0; i < 30; i++) {
      const other = incident(`HighLatency on search ${i}`, 'search', ago(i), 'HighLatency', { route: `/r${i}` });
      ran(other, 'ben', ago(i), `histogram_quantile(0.99, rate(http_request_duration_seconds_bucket{service="search", route="/r${i}"}[5m]))`);
    }
    const today = incident('payments ledger-settlement lag', 'payments', ago(0), 'KafkaConsumerLag', { consumergroup: 'ledger-settlement' });
    const hits = new Memory(store).search({ incidentId: today, now, limit: 5 });
    expect(hits[0]?.item.ref).toBe(`action:${planted}`);
    expect(hits[0]?.attribution).toBe(`maria ran this in INC-${old} (${ago(380).slice(0, 10)})`);
  });

  it('counts reuse: the query run again by others in later incidents ranks first among equals', () => {
    const ids = [1, 2, 3, 4].map((i) => incident(`checkout errors ${i}`, 'checkout', ago(100 + i), 'HighErrorRate', {}));
    const once = 'sum by (code) (rate(http_requests_total{service="checkout", code=~"5.."}[5m]))';
    const often = 'sum by (route) (rate(http_requests_total{service="checkout", code=~"5.."}[5m]))';
    ran(ids[0] ?? 0, 'ana', ago(104), once);
    ran(ids[0] ?? 0, 'ana', ago(104), often);
    ran(ids[1] ?? 0, 'ben', ago(102), often);
    ran(ids[2] ?? 0, 'carl', ago(101), often);
    const today = incident('checkout errors', 'checkout', ago(0), 'HighErrorRate', {});
    const hits = new Memory(store).search({ incidentId: today, question: 'checkout 5xx by route or code', now, kinds: ['query_run'] });
    expect(hits[0]?.item.text).toBe(often);
    expect(hits[0]?.reuse.incidents).toBeGreaterThanOrEqual(2);
    expect(hits.filter((h) => h.item.text === often)).toHaveLength(1);
  });

  it('one memory, searched again, sees what was done since: new items and new reuse', () => {
    const memory = new Memory(store);
    // Other services' incidents, so that sharing checkout's service and alert says something.
    for (let i = 0; i < 20; i++) incident(`search latency ${i}`, 'search', ago(60 + i), 'HighLatency', {});
    const past = incident('checkout errors', 'checkout', ago(50), 'HighErrorRate', {});
    const later = incident('checkout errors again', 'checkout', ago(20), 'HighErrorRate', {});
    const today = incident('checkout errors today', 'checkout', ago(0), 'HighErrorRate', {});
    const query = 'sum by (route) (rate(http_requests_total{service="checkout", code=~"5.."}[5m]))';
    ran(past, 'ana', ago(50), query);
    const first = memory.search({ incidentId: today, now, kinds: ['query_run'] });
    expect(first.map((h) => h.item.text)).toEqual([query]);
    expect(first[0]?.reuse).toEqual({ incidents: 0, people: 0 });

    ran(later, 'ben', ago(20), query);
    const note = store.actions.add({ incidentId: past, actor: 'ana', at: ago(49), kind: 'note', text: 'the 5xx came from one route' }).id;
    const second = memory.search({ incidentId: today, now });
    expect(second.find((h) => h.item.kind === 'query_run')?.reuse).toEqual({ incidents: 1, people: 1 });
    expect(second.map((h) => h.item.ref)).toContain(`action:${note}`);
  });

  it('finds what someone looked at for a step like this one, from another incident only', () => {
    const old = incident('checkout latency', 'checkout', ago(30), 'HighLatency', {});
    store.actions.add({ incidentId: old, actor: 'maria', at: ago(30), kind: 'link_opened', step: 2, text: 'checkout slow query log', payload: { url: 'https://grafana.example/d/slow-queries' } });
    const today = incident('checkout latency again', 'checkout', ago(0), 'HighLatency', {});
    store.actions.add({ incidentId: today, actor: 'ana', at: ago(0), kind: 'link_opened', text: 'slow query log for today', payload: { url: 'https://grafana.example/d/x' } });
    const [hint] = stuckHints(new Memory(store), { incidentId: today, step: 1, stepText: 'look at the slow query log', now });
    expect(hint?.looked).toBe('https://grafana.example/d/slow-queries');
    expect(hint?.incidentKey).toBe(`INC-${old}`);
    expect(hint?.actor).toBe('maria');
  });
});
