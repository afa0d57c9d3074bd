// The demonstrator: team memory above a fresh query (D5), links only from the catalog (D2), recorded
// demonstrations before generic steps (D3), and a reasoned decline instead of a guess (D1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemonstrator } from '../../coach/query/demonstrator.ts';
import { createTranslator } from '../../coach/query/translator.ts';
import { startRecording, stopRecording } from '../../coach/query/recordings.ts';
import type { DemonstrateContext } from '../../coach/query/api.ts';
import { systemClock, type LinkEntry } from '../../coach/types.ts';
import { labStore, type LabStore } from './helpers.ts';

let lab: LabStore;
beforeAll(async () => { lab = await labStore(); });
afterAll(() => lab.cleanup());

const links: LinkEntry[] = [
  { title: 'Checkout SLOs', url: 'https://grafana.example/d/slo-checkout', kind: 'slo', services: ['checkout'], tags: ['slo', 'availability'] },
  { title: 'Checkout runbook', url: 'https://wiki.example/runbooks/checkout', kind: 'runbook', services: ['checkout'], tags: ['runbook'] },
  { title: 'Payments SLOs', url: 'https://grafana.example/d/slo-payments', kind: 'slo', services: ['payments'], tags: ['slo'] },
];

function setup(): { demo: ReturnType<typeof createDemonstrator>; ctx: DemonstrateContext; past: number } {
  const past = lab.store.incidents.create({ title: 'earlier', severity: 'SEV2', openedAt: '2026-01-01T00:00:00Z', openedBy: 'alice' });
  const now = lab.store.incidents.create({ title: 'now', service: 'checkout', severity: 'SEV2', openedAt: new Date().toISOString(), openedBy: 'bob' });
  const translator = createTranslator({ catalog: lab.catalog, clock: systemClock, links: { prometheusUrl: lab.url } });
  const demo = createDemonstrator({ translator, store: lab.store, links, prometheusUrl: lab.url, catalog: () => lab.catalog });
  const ctx: DemonstrateContext = { incidentId: now.id, incidentKey: now.key, service: 'checkout', alertStart: null, now: new Date().toISOString(), asker: 'bob' };
  return { demo, ctx, past: past.id };
}

describe('demonstrator', () => {
  it('offers the query a person ran in an earlier incident above a fresh translation, attributed', async () => {
    const { demo, ctx, past } = setup();
    const ran = 'topk(3, sum by (handler) (rate(prometheus_http_requests_total{code=~"5.."}[1m])))';
    lab.store.actions.add({ incidentId: past, actor: 'alice', at: '2026-01-01T00:10:00Z', kind: 'query_run', text: ran, payload: { query: ran } });
    const turns = await demo.demonstrate('5xx error rate of prometheus HTTP requests by handler', ctx);
    expect(turns.map((t) => [t.type, t.rule])).toEqual([['memory', 'D5'], ['query', 'D1']]);
    expect(turns[0]?.text).toBe(`Last time (INC-${past}) alice ran: ${ran}`);
    expect(turns[0]?.fields).toMatchObject({ by: 'alice', incident: `INC-${past}`, attribution: `ran by alice in INC-${past}` });
    const card = turns[1]?.fields?.query as { language: string; text: string; explanation: unknown[]; links: Record<string, string> };
    expect(card.language).toBe('promql');
    expect(card.explanation.length).toBeGreaterThan(0);
    expect(new URL(card.links.prometheus ?? '').searchParams.get('g0.expr')).toBe(card.text);
    expect(JSON.stringify(turns)).not.toMatch(/"result"|"values"/);
    // The same query as the fresh one: the person's, attributed, is enough.
    const same = card.text;
    lab.store.actions.add({ incidentId: past, actor: 'erin', at: '2026-01-01T00:20:00Z', kind: 'query_run', text: same, payload: { query: same } });
    const again = await demo.demonstrate('5xx error rate of prometheus HTTP requests by handler', ctx);
    expect(again.map((t) => t.type)).toEqual(['memory']);
    // Spaced or ordered differently, it is still the same query.
    const respaced = same.replace(/,\s*/g, ' ,  ').replace(/\(/g, '( ');
    lab.store.actions.add({ incidentId: past, actor: 'fay', at: '2026-01-01T00:30:00Z', kind: 'query_run', text: respaced, payload: { query: respaced } });
    const third = await demo.demonstrate('5xx error rate of prometheus HTTP requests by handler', ctx);
    expect(third.map((t) => t.type)).toEqual(['memory']);
  });

  it('answers where-questions from the link catalog only', async () => {
    const { demo, ctx } = setup();
    const [t] = await demo.demonstrate('where do I see the SLOs for checkout?', ctx);
    expect(t).toMatchObject({ phase: 'demonstrate', type: 'link', rule: 'D2', fields: { url: 'https://grafana.example/d/slo-checkout' } });
    const [none] = await demo.demonstrate('where can I see the kafka lag dashboard?', ctx);
    expect(none?.type).toBe('decline');
    expect(JSON.stringify(none)).not.toMatch(/https?:/);
  });

  it('gives a recorded demonstration before generic steps', async () => {
    const { demo, ctx } = setup();
    const [generic] = await demo.demonstrate('how do I compare two time ranges?', ctx);
    expect(generic).toMatchObject({ type: 'steps', rule: 'D3', fields: { source: 'generic' } });
    expect(generic?.text).toMatch(/^Compare two time ranges:\n1\. /);

    startRecording(lab.store, 'carol', '2026-02-01T10:00:00.000Z', ctx.incidentId);
    lab.store.actions.add({ incidentId: ctx.incidentId, actor: 'carol', at: '2026-02-01T10:01:00.000Z', kind: 'link_opened', text: 'Checkout dashboard', payload: { url: 'https://grafana.example/d/checkout' } });
    lab.store.actions.add({ incidentId: ctx.incidentId, actor: 'carol', at: '2026-02-01T10:02:00.000Z', kind: 'query_run', text: 'rate(x[5m])', payload: { query: 'sum(rate(prometheus_http_requests_total[5m] offset 1d))' } });
    const rec = stopRecording(lab.store, 'carol', '2026-02-01T10:03:00.000Z', 'Compare time ranges on the checkout dashboard');
    expect(rec.steps).toEqual(['Open Checkout dashboard (https://grafana.example/d/checkout)', 'Run the query `sum(rate(prometheus_http_requests_total[5m] offset 1d))`']);
    const [recorded] = await demo.demonstrate('how do I compare two time ranges?', ctx);
    expect(recorded).toMatchObject({ type: 'steps', fields: { source: 'recording', by: 'carol' } });
    expect(recorded?.text).toContain('1. Open Checkout dashboard');
  });

  it('declines with the reason and closest metrics rather than guessing', async () => {
    const { demo, ctx } = setup();
    const turns = await demo.demonstrate('what is the kafka consumer lag of checkout?', ctx);
    expect(turns).toHaveLength(1);
    expect(turns[0]).toMatchObject({ phase: 'demonstrate', type: 'decline', rule: 'D1' });
    expect(turns[0]?.text).toMatch(/will not guess/);
  });

  it('refuses to stop a recording that was never started', () => {
    expect(() => stopRecording(lab.store, 'dave', new Date().toISOString(), 'x')).toThrow(/no recording running/);
  });
});
