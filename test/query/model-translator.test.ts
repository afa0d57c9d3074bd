// The model translator behind a fake OpenAI-compatible server on loopback: it answers what the offline
// engine declines, with read-only tools to search the catalog, read labels and check a query against the
// catalog and the lab's own Prometheus parser; its query passes the same validation (errors fed back), and a
// failure leaves the decline.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { translateTools } from '../../coach/query/model-translator.ts';
import { createPromClient } from '../../coach/query/prom-client.ts';
import { createTranslator } from '../../coach/query/translator.ts';
import { systemClock } from '../../coach/types.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.ts';
import { modelFor } from '../llm/helpers.ts';
import { labStore, type LabStore } from './helpers.ts';

let lab: LabStore;
let fake: FakeOpenAI;
beforeAll(async () => { lab = await labStore(); fake = await startFakeOpenAI(); });
afterAll(async () => { await fake.close(); lab.cleanup(); });
afterEach(() => fake.setDefault({ kind: 'content', content: '' }));

const translator = (): ReturnType<typeof createTranslator> =>
  createTranslator({ catalog: lab.catalog, clock: systemClock, model: { model: modelFor(fake), name: 'fake-model', timeoutMs: 5000 } });
const now = (): string => new Date().toISOString();

describe('model translator', () => {
  it('is not asked when the offline engine is confident', async () => {
    const before = fake.chatRequests().length;
    const r = await translator().translate('1 minute load average', { now: now() });
    expect(r).toMatchObject({ engine: 'offline', query: 'node_load1' });
    expect(fake.chatRequests().length).toBe(before);
  });

  it('answers what the offline engine declines, grounded with catalog metrics, after a validation repair', async () => {
    fake.enqueue(
      { kind: 'structured', value: { query: 'rate(made_up_metric_total[5m])', reason: 'guess' } },
      { kind: 'structured', value: { query: 'sum(rate(prometheus_http_requests_total[5m]))', reason: 'all HTTP requests' } },
    );
    const before = fake.chatRequests().length;
    const r = await translator().translate('gizmo flux throughput', { now: now() });
    expect(r).toMatchObject({ engine: 'fake-model', valid: true, query: 'sum(rate(prometheus_http_requests_total[5m]))' });
    const reqs = fake.chatRequests().slice(before);
    expect(reqs).toHaveLength(2);
    expect(reqs[1]?.raw).toContain('the catalog has no metric made_up_metric_total');
    expect(reqs[0]?.raw).toContain('untrusted_data');
  });

  it('keeps the decline, with the reason for the fallback, when the model fails', async () => {
    fake.enqueue({ kind: 'error', status: 500, message: 'boom' });
    const r = await translator().translate('gizmo flux throughput', { now: now() });
    expect(r.query).toBeNull();
    expect(r.engine).toBe('offline');
    expect(r.fallback).toMatch(/\w/);
  });

  it('searches the catalog, reads labels and checks its query with the tools before answering', async () => {
    const prom = createPromClient(lab.url);
    const t = createTranslator({
      catalog: lab.catalog, clock: systemClock,
      model: { model: modelFor(fake), name: 'fake-model', timeoutMs: 5000, formatQuery: (q) => prom.formatQuery(q) },
    });
    fake.enqueue(
      { kind: 'tool', name: 'search_metrics', args: { words: 'goroutines' } },
      { kind: 'tool', name: 'metric_labels', args: { metric: 'go_goroutines' } },
      { kind: 'tool', name: 'check_query', args: { query: 'max(go_goroutines{job="prometheus"}' } },
      { kind: 'tool', name: 'check_query', args: { query: 'max(go_goroutines{job="prometheus"})' } },
      { kind: 'structured', value: { query: 'max(go_goroutines{job="prometheus"})', reason: 'goroutines of the prometheus job' } },
    );
    const before = fake.chatRequests().length;
    const r = await t.translate('gizmo flux goroutine thing', { now: now() });
    expect(r).toMatchObject({ engine: 'fake-model', valid: true, query: 'max(go_goroutines{job="prometheus"})' });
    const reqs = fake.chatRequests().slice(before);
    expect(reqs).toHaveLength(5);
    // Each tool's answer went back to the model: the family, its label values, the checker's complaint, then Prometheus' reading.
    expect(reqs[1]?.raw).toContain('go_goroutines (gauge');
    expect(reqs[2]?.raw).toMatch(/job: [^\n]*\\"prometheus\\"/);
    expect(reqs[3]?.raw).toMatch(/Invalid: /);
    expect(reqs[4]?.raw).toContain('Valid. Prometheus reads it as: max(go_goroutines{job=\\"prometheus\\"})');
    expect(reqs[0]?.body?.tools?.map((x) => x.function.name)).toEqual(expect.arrayContaining(['search_metrics', 'metric_labels', 'check_query']));
  });

  it('offers only read-only tools, and never shows a query Prometheus rejects', async () => {
    expect(translateTools(lab.catalog).map((x) => x.name)).toEqual(['search_metrics', 'metric_labels', 'check_query']);
    const t = createTranslator({
      catalog: lab.catalog, clock: systemClock,
      model: { model: modelFor(fake), name: 'fake-model', timeoutMs: 5000, formatQuery: () => Promise.reject(new Error('parse error: unexpected end of input')) },
    });
    fake.enqueue({ kind: 'structured', value: { query: 'max(go_goroutines)', reason: 'x' } });
    const r = await t.translate('gizmo flux goroutine thing', { now: now() });
    expect(r.query).toBeNull();
    expect(r.engine).toBe('offline');
    expect(r.fallback).toMatch(/Prometheus rejects the model's query: parse error/);
  });

  it('never shows a model query that stays invalid', async () => {
    fake.setDefault({ kind: 'structured', value: { query: 'sum(rate(nope_total[5m]))', reason: 'x' } });
    const r = await translator().translate('gizmo flux throughput', { now: now() });
    expect(r.query).toBeNull();
    expect(r.valid).toBe(false);
  });
});
