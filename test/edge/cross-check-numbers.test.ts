// G5 on numbers: a stated figure is compared with the latest related query result of the incident, across
// units (%, ms, k, MB), and only a clear mismatch (every reading at least twice off) is asked about.
import { describe, expect, it } from 'vitest';
import { numberChecks } from '../../coach/edge/rules/cross-check-numbers.ts';
import { decide } from '../../coach/edge/index.ts';
import { action, ctx, plan, state, T } from './helpers.ts';

const run = (query: string, values: number[], at = T('10:10'), series = values.length) =>
  action({ kind: 'query_run', at, actor: 'sofia', text: query, payload: { query, resultSummary: { resultType: 'vector', series, sample: values.map((v) => ({ labels: {}, value: String(v) })) } } });

const P99 = 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="checkout"}[5m])))';
const ERRORS = 'sum(rate(http_requests_total{service="checkout",code=~"5.."}[5m])) / sum(rate(http_requests_total{service="checkout"}[5m]))';
const LAG = 'max(kafka_consumergroup_lag{consumergroup="orders-sync"})';
const RSS = 'sum(process_resident_memory_bytes{service="checkout"})';

function checks(text: string, ...actions: ReturnType<typeof run>[]) {
  return numberChecks(state({ now: T('10:20'), actions, plan: plan(['check latency']) }), text);
}

describe('G5 on stated numbers', () => {
  it('asks when every reading of the number is far from what the query returned', () => {
    const [t] = checks('p99 is around 250ms now', run(P99, [2.4]));
    expect(t).toMatchObject({ phase: 'guide', type: 'cross_check', rule: 'G5', fields: { subject: 'query_result', stated: '250ms', recorded: [2.4], query: P99 } });
    expect(t?.text).toBe(`${P99} showed 2.4 when sofia ran it at 10:10 UTC; you said 250ms. Which is right, or is it measuring something else?`);
    expect(checks('error rate is like 1%', run(ERRORS, [0.09]))).toHaveLength(1);
    expect(checks('lag is only 20k', run(LAG, [950_000]))).toHaveLength(1);
    expect(checks('memory is about 300MB', run(RSS, [2.1e9]))).toHaveLength(1);
  });

  it('stays quiet when the number agrees in some unit, or is not a measurement, or names something no query measured', () => {
    expect(checks('p99 is around 2400 ms', run(P99, [2.4]))).toEqual([]);
    expect(checks('p99 ~2.3s', run(P99, [2.4]))).toEqual([]);
    expect(checks('error rate about 9%', run(ERRORS, [0.09]))).toEqual([]);
    expect(checks('lag roughly 1m messages', run(LAG, [950_000]))).toEqual([]);
    expect(checks('memory 2GB', run(RSS, [2.1e9]))).toEqual([]);
    // Times, versions, windows, people and percentile names are not measurements.
    expect(checks('p99 went bad at 10:05 after v2.14.0, 3 of us are on it, looking at the last 15 minutes', run(P99, [2.4]))).toEqual([]);
    expect(checks('still seeing 503s and slow p99 on checkout', run(P99, [2.4]))).toEqual([]);
    // Something else than the query measured: another percentile, another resource, no query at all.
    expect(checks('p50 is 250ms', run(P99, [2.4]))).toEqual([]);
    expect(checks('memory is at 40%', run('sum(rate(container_cpu_usage_seconds_total[5m])) / sum(kube_pod_container_resource_limits{resource="cpu"})', [0.97]))).toEqual([]);
    expect(checks('p99 is 250ms')).toEqual([]);
    // Between agreeing and clearly off (1.5x): too close to call.
    expect(checks('p99 is 1.6s', run(P99, [2.4]))).toEqual([]);
  });

  it('compares with the latest run of a query about it, and reaches the person through the policy', () => {
    expect(checks('p99 is 250ms', run(P99, [2.4], T('10:05')), run(P99, [0.26], T('10:15')))).toEqual([]);
    const s = state({ now: T('10:20'), actions: [run(P99, [2.4])], plan: plan(['check latency']) });
    const turns = decide(s, { kind: 'say', from: 'sofia', text: 'ok p99 is 250ms' }, ctx()).turns;
    expect(turns.filter((t) => t.type === 'cross_check')).toHaveLength(1);
  });
});
