// Shared fixtures for the support agent's tests: an incident's facts and a fallback writer that says it answered.
import type { DraftInput, IncidentFacts, RewriteInput, SupportWriter, WriterResult } from '../../coach/support/writer.ts';

export const FACTS: IncidentFacts = {
  key: 'INC-7',
  title: 'Checkout 5xx above SLO',
  service: 'checkout',
  severity: 'SEV2',
  status: 'mitigated',
  openedAt: '2025-03-01T10:02:00Z',
  resolvedAt: null,
  customerFacing: true,
  alertStartedAt: '2025-03-01T10:01:00Z',
  timeline: [
    '10:02 alert CheckoutErrors firing',
    '10:05 status acknowledged by alice',
    '10:10 bob: db password=hunter2 on db-7.internal, paging carol@example.com',
    '10:40 status mitigated: rollback of v1.4.2 done, next update at 11:15',
  ],
  published: [],
  glossary: { zk: 'the coordination service', sidekiq: 'the background job queue' },
  now: '2025-03-01T10:45:00Z',
};

export const DRAFT_IN: DraftInput = { question: 'Customers see failed payments. Is their data OK and when will it be fixed?', facts: FACTS };
export const REWRITE_IN: RewriteInput = {
  question: DRAFT_IN.question,
  reply: 'zk borked, sidekiq backed up, mid AZ failover, should be done in 30 minutes',
  responder: 'alice',
  facts: FACTS,
};

/** A good draft answer: every time in it is in FACTS. */
export const GOOD_DRAFT = {
  support: 'Since 10:02 UTC checkout has failed some payments; a fix is in place and being watched. No ETA yet; responders were asked.',
  customer: 'Since 10:02 UTC some payments have failed. A fix is in place and we are watching it. Next update at 11:15 UTC.',
  partner: 'Checkout returned errors from 10:02 UTC; a rollback at 10:40 UTC mitigated it. Next update at 11:15 UTC.',
  missing: ['ETA', 'data safety'],
  asks: ['When do you expect it to be fully fixed?', 'Is any customer data affected?'],
};

export const GOOD_REWRITE = {
  support: 'ignored for a rewrite',
  customer: 'A service our payments rely on failed, and queued work is catching up. We expect it to be done in about 30 minutes.',
  partner: 'The coordination service failed; the background job queue backed up during a zone failover, expected done in 30 minutes.',
  missing: ['data safety'],
  asks: ['Is any customer data affected?'],
};

/** Stands in for the offline writer: an injected dependency, so its words are plainly its own. */
export function fallbackWriter(): SupportWriter & { calls: string[] } {
  const calls: string[] = [];
  const result = (kind: string): WriterResult => ({
    support: kind === 'draft' ? 'offline note' : '',
    tiers: { customer: `offline ${kind} customer`, partner: `offline ${kind} partner` },
    missing: ['ETA'],
    asks: [],
    engine: 'offline',
    fallback: null,
  });
  return {
    engine: 'offline',
    calls,
    async draft() {
      calls.push('draft');
      return result('draft');
    },
    async rewrite() {
      calls.push('rewrite');
      return result('rewrite');
    },
  };
}
