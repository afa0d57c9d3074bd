// `mentat translate` as CONTRACTS §1 specifies it, and the HTTP routes: translate, the person's run (logged as
// their query_run action, D4), catalog status and refresh.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translateCommand } from '../../coach/query/cli.ts';
import { createPromClient } from '../../coach/query/prom-client.ts';
import { createQueryServices } from '../../coach/query/services.ts';
import { QUERY_SERVICES_KEY } from '../../coach/server/routes/query.ts';
import { startServer, type RunningServer } from '../../coach/server/index.ts';
import { createCoach } from '../../coach/incident/index.ts';
import { Store } from '../../coach/store/index.ts';
import { systemClock } from '../../coach/types.ts';
import { tempDir } from '../support/tmp.ts';
import { labUrl } from '../support/prom-lab.ts';

function io(env: Record<string, string | undefined> = {}): { out: string[]; err: string[]; io: Parameters<typeof translateCommand>[1] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (s) => out.push(s), err: (s) => err.push(s), env } };
}

describe('mentat translate', () => {
  const tmp = tempDir('mentat-cli-');
  const db = join(tmp.dir, 'm.db');
  afterAll(() => tmp.cleanup());

  it('prints one JSON line with the contract fields and exits 0', async () => {
    const c = io({ MENTAT_DB: db });
    expect(await translateCommand(['--prometheus', labUrl(), '--json', 'p99', 'latency', 'per', 'handler'], c.io)).toBe(0);
    expect(c.out).toHaveLength(1);
    const r = JSON.parse(c.out[0] ?? '') as Record<string, unknown>;
    expect(r).toMatchObject({ language: 'promql', valid: true, engine: 'offline' });
    expect(r.query).toBe('histogram_quantile(0.99, sum by (le, handler) (rate(prometheus_http_request_duration_seconds_bucket[5m])))');
    expect((r.links as Record<string, string>).prometheus).toContain(`${labUrl()}/graph?g0.expr=`);
    expect((r.explanation as unknown[]).length).toBeGreaterThan(2);
    expect(c.out[0]).not.toContain('\n');
  });

  it('exits 0 with query null, a reason and the closest metrics when it declines', async () => {
    const c = io({ MENTAT_DB: db, PROMETHEUS_URL: labUrl() });
    expect(await translateCommand(['--json', 'what is the checkout error rate?'], c.io)).toBe(0);
    const r = JSON.parse(c.out[0] ?? '') as { query: unknown; reason: string; closest: string[] };
    expect(r.query).toBeNull();
    expect(r.reason).toContain('checkout');
    expect(r.closest.length).toBeGreaterThan(0);
  });

  it('never answers for a Prometheus that is down from another one\'s cached catalog', async () => {
    // The store holds the lab's catalog; 127.0.0.1:9 is another server, down, with none cached.
    const c = io({ MENTAT_DB: db });
    expect(await translateCommand(['--prometheus', 'http://127.0.0.1:9', '--json', 'is the node exporter up?'], c.io)).toBe(1);
    expect(c.out).toEqual([]);
    expect(c.err.join('\n')).toMatch(/No metric catalog of http:\/\/127\.0\.0\.1:9 is cached yet \(a catalog of http:\/\/127\.0\.0\.1:\d+ is cached, but it describes another server/);
  });

  it('fails with a clear message when Prometheus is down and nothing is cached, and 2 on usage errors', async () => {
    const empty = io({ MENTAT_DB: join(tmp.dir, 'empty.db') });
    expect(await translateCommand(['--prometheus', 'http://127.0.0.1:9', 'anything'], empty.io)).toBe(1);
    expect(empty.err.join('\n')).toMatch(/No metric catalog of http:\/\/127\.0\.0\.1:9 is cached yet, so there is nothing to translate against/);
    const usage = io({ MENTAT_DB: db });
    expect(await translateCommand(['--json'], usage.io)).toBe(2);
    expect(usage.err.join('\n')).toContain('Usage: mentat translate');
    expect(await translateCommand(['--prometheus', 'not a url', 'q'], usage.io)).toBe(2);
  });
});

describe('query routes', () => {
  let server: RunningServer;
  let store: Store;
  const tmp = tempDir('mentat-routes-');

  beforeAll(async () => {
    store = Store.open(join(tmp.dir, 'm.db'));
    const coach = createCoach({ store, clock: systemClock });
    const query = createQueryServices({ store, clock: systemClock, prom: createPromClient(labUrl()) });
    await query.refresh();
    server = await startServer({ host: '127.0.0.1', port: 0, tickMs: 0, log: () => undefined,
      deps: { store, coach, clock: systemClock, services: { [QUERY_SERVICES_KEY]: query } } });
  });
  afterAll(async () => { await server.close(); store.close(); tmp.cleanup(); });

  const call = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${server.url}${path}`, { method, headers: { 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
    return { status: res.status, body: (await res.json()) as T };
  };

  it('translates a question', async () => {
    const r = await call<{ query: string; valid: boolean }>('POST', '/api/translate', { question: 'how many goroutines does each job have?' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ query: 'sum by (job) (go_goroutines)', valid: true });
  });

  it("runs a query on a person's request and logs it as their query_run action", async () => {
    const inc = store.incidents.create({ title: 'slow', severity: 'SEV2', openedAt: new Date().toISOString(), openedBy: 'alice' });
    const before = store.actions.list(inc.id, { kind: 'query_run' }).length;
    const r = await call<{ result: { resultType: string; result: unknown[] }; summary: { series: number }; action: { actor: string; kind: string } }>(
      'POST', `/api/incidents/${inc.id}/query/run`, { from: 'alice', query: 'up' });
    expect(r.status).toBe(200);
    expect(r.body.result.resultType).toBe('vector');
    expect(r.body.summary.series).toBe(2);
    const logged = store.actions.list(inc.id, { kind: 'query_run' });
    expect(logged).toHaveLength(before + 1);
    expect(logged.at(-1)).toMatchObject({ actor: 'alice', kind: 'query_run', payload: { query: 'up', resultSummary: { series: 2 } } });

    const to = new Date();
    const from = new Date(to.getTime() - 60_000);
    const ranged = await call<{ result: { resultType: string } }>('POST', `/api/incidents/${inc.id}/query/run`,
      { from: 'bob', query: 'up{job="node"}', range: { from: from.toISOString(), to: to.toISOString() } });
    expect(ranged.body.result.resultType).toBe('matrix');
    expect(store.actions.list(inc.id, { kind: 'query_run' }).at(-1)).toMatchObject({ actor: 'bob', payload: { range: { from: from.toISOString(), to: to.toISOString() } } });

    // The step as seconds (what the sidebar sends) or as a Prometheus duration.
    for (const step of [5, '5s']) {
      const stepped = await call<{ result: { resultType: string; result: { values: unknown[] }[] } }>('POST', `/api/incidents/${inc.id}/query/run`,
        { from: 'bob', query: 'up{job="node"}', range: { from: from.toISOString(), to: to.toISOString(), step } });
      expect(stepped.status).toBe(200);
      expect(stepped.body.result.result[0]?.values.length).toBeGreaterThanOrEqual(2);
    }
    const badStep = await call<{ error: { message: string } }>('POST', `/api/incidents/${inc.id}/query/run`,
      { from: 'bob', query: 'up', range: { from: from.toISOString(), to: to.toISOString(), step: 'soon' } });
    expect(badStep.status).toBe(400);
    expect(badStep.body.error.message).toMatch(/range\.step/);
  });

  it('says what Prometheus rejected, and logs nothing', async () => {
    const inc = store.incidents.create({ title: 'x', severity: 'SEV3', openedAt: new Date().toISOString(), openedBy: 'a' });
    const r = await call<{ error: { code: string; message: string } }>('POST', `/api/incidents/${inc.id}/query/run`, { from: 'alice', query: 'sum(' });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/Prometheus rejected/);
    expect(store.actions.list(inc.id, { kind: 'query_run' })).toHaveLength(0);
  });

  it('reports and refreshes the catalog', async () => {
    const st = await call<{ available: boolean; families: number; source: string }>('GET', '/api/catalog/status');
    expect(st.body).toMatchObject({ available: true, source: labUrl() });
    expect(st.body.families).toBeGreaterThan(300);
    const re = await call<{ available: boolean; lastError: string | null }>('POST', '/api/catalog/refresh');
    expect(re.body).toMatchObject({ available: true, lastError: null });
  });
});
