// D5 without a fresh translation (no Prometheus, or a decline): a remembered query is offered only when what
// was run holds the question's meaningful words, not merely the service both name.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recall } from '../../coach/query/memory.ts';
import { Store } from '../../coach/store/index.ts';
import { tempDir } from '../support/tmp.ts';

let tmp: ReturnType<typeof tempDir>;
let store: Store;
beforeEach(() => { tmp = tempDir(); store = Store.open(join(tmp.dir, 'm.db')); });
afterEach(() => { store.close(); tmp.cleanup(); });

describe('recall without a fresh translation', () => {
  it('does not offer the checkout 5xx ratio for a question about checkout p99 latency', () => {
    const past = store.incidents.create({ title: 'checkout errors', service: 'checkout', severity: 'SEV2', openedAt: '2026-01-01T00:00:00Z', openedBy: 'alice' });
    const ratio = 'sum(rate(http_requests_total{service="checkout", code=~"5.."}[5m])) / sum(rate(http_requests_total{service="checkout"}[5m]))';
    store.actions.add({ incidentId: past.id, actor: 'alice', at: '2026-01-01T00:10:00Z', kind: 'query_run', text: ratio, payload: { query: ratio } });
    const now = store.incidents.create({ title: 'checkout slow', service: 'checkout', severity: 'SEV2', openedAt: '2026-02-01T00:00:00Z', openedBy: 'bob' });
    expect(recall(store, 'what is the p99 latency of checkout?', { metrics: [], catalog: null, incidentId: now.id, now: new Date('2026-02-01T00:05:00Z') })).toBeNull();
  });

  it('offers one whose text holds the question\'s words', () => {
    const past = store.incidents.create({ title: 'ledger lag', service: 'payments', severity: 'SEV2', openedAt: '2026-01-01T00:00:00Z', openedBy: 'alice' });
    const q = 'max by (partition) (kafka_consumergroup_lag{consumergroup="ledger-settlement"})';
    store.actions.add({ incidentId: past.id, actor: 'maria', at: '2026-01-01T00:10:00Z', kind: 'query_run', text: 'ledger consumer lag per partition', payload: { query: q } });
    const now = store.incidents.create({ title: 'ledger lag again', service: 'payments', severity: 'SEV2', openedAt: '2026-02-01T00:00:00Z', openedBy: 'bob' });
    const r = recall(store, 'consumer lag per partition for the ledger', { metrics: [], catalog: null, incidentId: now.id, now: new Date('2026-02-01T00:05:00Z') });
    expect(r?.query).toBe(q);
    expect(r?.attribution).toMatch(/^maria ran this in INC-/);
  });
});
