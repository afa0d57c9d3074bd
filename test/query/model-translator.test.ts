// The model translator behind a fake OpenAI-compatible server on loopback: it answers what the offline
// engine declines, its query passes the same validation (errors fed back), and a failure leaves the decline.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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

  it('never shows a model query that stays invalid', async () => {
    fake.setDefault({ kind: 'structured', value: { query: 'sum(rate(nope_total[5m]))', reason: 'x' } });
    const r = await translator().translate('gizmo flux throughput', { now: now() });
    expect(r.query).toBeNull();
    expect(r.valid).toBe(false);
  });
});
