// Validation before anything is shown, explanations read off the parse tree, and deep links parsed back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatePromQL } from '../../coach/query/validate.ts';
import { explainPromQL } from '../../coach/query/explain.ts';
import { grafanaLink, prometheusLink, queryLinks, rangeInput } from '../../coach/query/links.ts';
import { labStore, type LabStore } from './helpers.ts';

let lab: LabStore;
beforeAll(async () => { lab = await labStore(); });
afterAll(() => lab.cleanup());

describe('validatePromQL', () => {
  it('accepts a valid query over catalog metrics', () => {
    const v = validatePromQL('histogram_quantile(0.99, sum by (le, handler) (rate(prometheus_http_request_duration_seconds_bucket{handler="/api/v1/query"}[5m])))', lab.catalog);
    expect(v.errors).toEqual([]);
    expect(v.metrics).toEqual(['prometheus_http_request_duration_seconds_bucket']);
  });

  it.each([
    ['sum(rate(up[5m]', /syntax error/],
    ['rate(up)', /argument 1 of rate\(\) must be a matrix/],
    ['histogram_quantile(up)', /takes 2 argument/],
    ['predict_linear(node_filesystem_avail_bytes[1h])', /takes 2 argument/],
    ['checkout_requests_total', /no metric checkout_requests_total/],
    ['up{team="x"}', /up has no label team/],
    ['prometheus_http_requests_total{handler="/nope"}', /no series with handler="\/nope"/],
    ['sum by (device) (up)', /grouping by device/],
    ['frobnicate(up)', /syntax error|unknown function/],
  ])('rejects %s', (q, why) => {
    const v = validatePromQL(q, lab.catalog);
    expect(v.ok).toBe(false);
    expect(v.errors.join('; ')).toMatch(why);
  });
});

describe('explainPromQL', () => {
  const q = 'topk(3, sum by (handler) (rate(prometheus_http_requests_total{code=~"5.."}[5m] offset 1h)))';
  it('explains each aggregation, function, selector and offset, outermost first, the same way every time', () => {
    const parts = explainPromQL(q, lab.catalog);
    expect(parts.map((p) => p.part)).toEqual([
      q,
      'sum by (handler) (rate(prometheus_http_requests_total{code=~"5.."}[5m] offset 1h))',
      'rate(prometheus_http_requests_total{code=~"5.."}[5m] offset 1h)',
      'prometheus_http_requests_total{code=~"5.."}[5m] offset 1h',
      'prometheus_http_requests_total{code=~"5.."}[5m]',
      'prometheus_http_requests_total{code=~"5.."}',
    ]);
    expect(parts[0]?.says).toBe('keeps the 3 series with the highest values.');
    expect(parts[1]?.says).toContain('one result per handler');
    expect(parts[2]?.says).toMatch(/^rate: the per-second/);
    expect(parts[3]?.says).toContain('1h into the past');
    expect(parts[5]?.says).toContain('Counter of HTTP requests');
    expect(parts[5]?.says).toContain('code matches "5.."');
    expect(explainPromQL(q, lab.catalog)).toEqual(parts);
  });

  it('explains binary operators and filters', () => {
    const parts = explainPromQL('predict_linear(node_filesystem_avail_bytes{mountpoint="/"}[1h], 4 * 3600) < 0', lab.catalog);
    expect(parts[0]?.says).toMatch(/keeps only the series below/);
    expect(parts.some((p) => p.says.startsWith('predict_linear:'))).toBe(true);
  });
});

describe('deep links', () => {
  const expr = 'sum by (handler) (rate(prometheus_http_requests_total{handler="/api/v1/query"}[5m]))';
  const t = { now: '2026-03-01T12:00:00.000Z', alertStart: '2026-03-01T11:30:00.000Z' };

  it('opens the query in Prometheus with a range from before the alert to now', () => {
    const u = new URL(prometheusLink('http://prom.example:9090/', expr, t));
    expect(u.origin + u.pathname).toBe('http://prom.example:9090/graph');
    expect(u.searchParams.get('g0.expr')).toBe(expr);
    expect(u.searchParams.get('g0.tab')).toBe('0');
    expect(u.searchParams.get('g0.range_input')).toBe('45m');
    expect(u.searchParams.get('g0.end_input')).toBe('2026-03-01 12:00:00');
    expect(rangeInput(3 * 3_600_000)).toBe('3h');
  });

  it('opens the query in Grafana Explore with the configured datasource uid, and no link without one', () => {
    const g = { url: 'https://grafana.example', orgId: 3, datasources: { prometheus: 'prom-uid', loki: 'loki-uid' } };
    const u = new URL(grafanaLink(g, 'promql', expr, t) ?? '');
    expect(u.pathname).toBe('/explore');
    expect(u.searchParams.get('schemaVersion')).toBe('1');
    expect(u.searchParams.get('orgId')).toBe('3');
    const panes = JSON.parse(u.searchParams.get('panes') ?? '{}') as Record<string, { datasource: string; queries: { expr: string; datasource: { uid: string; type: string } }[]; range: { from: string; to: string } }>;
    const pane = Object.values(panes)[0];
    expect(pane?.datasource).toBe('prom-uid');
    expect(pane?.queries[0]?.expr).toBe(expr);
    expect(pane?.queries[0]?.datasource).toEqual({ type: 'prometheus', uid: 'prom-uid' });
    expect(Number(pane?.range.from)).toBe(Date.parse('2026-03-01T11:15:00Z'));
    expect(Number(pane?.range.to)).toBe(Date.parse(t.now));
    expect(grafanaLink(g, 'traceql', '{ status = error }', t)).toBeNull();
    const tempo = new URL(grafanaLink({ ...g, datasources: { tempo: 't-uid' } }, 'traceql', '{ status = error }', t) ?? '');
    const tq = Object.values(JSON.parse(tempo.searchParams.get('panes') ?? '{}') as Record<string, { queries: { query: string; queryType: string }[] }>)[0];
    expect(tq?.queries[0]).toMatchObject({ query: '{ status = error }', queryType: 'traceql' });
  });

  it('a link from the lab opens the same query the lab evaluates', async () => {
    const links = queryLinks({ prometheusUrl: lab.url }, 'promql', 'up{job="node"}', { now: new Date().toISOString() });
    const u = new URL(links.prometheus ?? '');
    const res = await fetch(`${lab.url}/api/v1/query?query=${encodeURIComponent(u.searchParams.get('g0.expr') ?? '')}`);
    const body = (await res.json()) as { data: { result: { metric: { job: string } }[] } };
    expect(body.data.result.map((r) => r.metric.job)).toEqual(['node']);
    expect((await fetch(links.prometheus ?? '')).status).toBe(200);
  });
});
