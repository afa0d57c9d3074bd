// The workflow's timing: batches of questions, drafts left by a crash, withdrawals during a draft, and
// what phase one says.
import { describe, expect, it } from 'vitest';
import type { SupportChange } from '../../coach/support/index.ts';
import { as, rig } from './helpers.ts';

describe('support batches', () => {
  it('asks the responders once for every question that arrived within the window', async () => {
    const r = await rig({ batchWindowMs: 120_000 });
    try {
      const changes: SupportChange[] = [];
      r.support.subscribe((c) => changes.push(c));
      const ids: number[] = [];
      for (const q of ['Is card data safe?', 'When will checkout be back?', 'Are orders lost?']) {
        ids.push((await r.support.ask(as('sam'), { incident: r.incidentId, question: q })).id);
        r.clock.advance(30_000);
      }
      expect(r.support.flushDue()).toEqual([]);
      r.clock.advance(31_000);
      const sent = r.support.flushDue();
      expect(sent).toHaveLength(1);
      const batches = changes.filter((c) => c.type === 'support_batch');
      expect(batches).toHaveLength(1);
      expect(batches[0]!.type === 'support_batch' && batches[0]!.questions.map((q) => q.id)).toEqual(ids);
      for (const id of ids) expect(r.support.get(id).state).toBe('dev_review');
      expect(r.support.flushDue()).toEqual([]);
      // A later question starts a new batch.
      const late = await r.support.ask(as('sam'), { incident: r.incidentId, question: 'Any workaround?' });
      expect(late.batchId).not.toBe(r.support.get(ids[0]!).batchId);
      expect(r.support.nextDue()).toBe(new Date(r.clock.now().getTime() + 120_000).toISOString());
    } finally {
      r.close();
    }
  });

  it('leaves out withdrawn questions, and keeps a rewritten one rewritten', async () => {
    const r = await rig({ batchWindowMs: 1_000 });
    try {
      const a = await r.support.ask(as('sam'), { incident: r.incidentId, question: 'Is card data safe?' });
      const b = await r.support.ask(as('sam'), { incident: r.incidentId, question: 'When is it back?' });
      const c = await r.support.ask(as('sam'), { incident: r.incidentId, question: 'Any workaround?' });
      r.support.withdraw(as('sam'), a.id);
      await r.support.rewrite(as('alice'), b.id, 1, 'all good now, eta 10 mins');
      const changes: SupportChange[] = [];
      r.support.subscribe((x) => changes.push(x));
      r.clock.advance(1_001);
      r.support.flushDue();
      const batch = changes.find((x) => x.type === 'support_batch');
      expect(batch?.type === 'support_batch' && batch.questions.map((q) => [q.id, q.state])).toEqual([[b.id, 'rewritten'], [c.id, 'dev_review']]);
    } finally {
      r.close();
    }
  });
});

describe('phase one', () => {
  it('states only what the record holds, says what is not known, and drafts both tiers', async () => {
    const r = await rig();
    try {
      const q = await r.support.ask(as('sam'), { incident: r.incidentId, question: 'Is card data safe? When will checkout be back?' });
      expect(q.draft.text).toMatch(/INC-1 "Checkout 5xx errors above SLO" on checkout, SEV2, status open/);
      expect(q.draft.text).toMatch(/Not known yet: .*ETA.*data safety.*cause/);
      expect(q.candidate.tiers.customer).toMatch(/checkout/);
      expect(q.candidate.tiers.customer).toMatch(/do not have an estimate/);
      expect(q.candidate.tiers.partner).toMatch(/severity SEV2/);
      expect(q.candidate.missing).toEqual(expect.arrayContaining(['ETA', 'data safety']));
      expect(q.draft.engine).toBe('offline');
    } finally {
      r.close();
    }
  });

  it('reuses the latest published answer for a later question', async () => {
    const r = await rig();
    try {
      const first = await r.support.ask(as('sam'), { incident: r.incidentId, question: 'What is happening?' });
      r.support.edit(as('alice'), first.id, 1, { customer: 'Card payments fail for some customers; card data is safe.', partner: 'Card payments fail for some customers; data is safe.' });
      r.support.approve(as('bob'), first.id, 2);
      const next = await r.support.ask(as('sam'), { incident: r.incidentId, question: 'Is card data safe?' });
      expect(next.candidate.tiers.customer).toBe('Card payments fail for some customers; card data is safe.');
      expect(next.draft.text).toMatch(/Already approved for customers/);
    } finally {
      r.close();
    }
  });

  it('drafts a question a crash left without one, and answers a withdrawal during a slow draft', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((res) => { release = res; });
    const r = await rig({
      writer: {
        engine: 'slow',
        draft: async () => { await gate; return { support: 'guess', tiers: { customer: 'We are on it.', partner: 'We are on it.' }, missing: [], asks: [], engine: 'slow', fallback: null }; },
        rewrite: async () => { throw new Error('unused'); },
      },
    });
    try {
      const asking = r.support.ask(as('sam'), { incident: r.incidentId, question: 'Is it down?' });
      await new Promise((res) => setTimeout(res, 10));
      const [row] = r.support.list(r.incidentId);
      expect(row?.state).toBe('asked');
      r.support.withdraw(as('sam'), row!.id);
      release();
      expect((await asking).state).toBe('withdrawn');
      // A question stuck in `asked` (the process died mid-draft) is drafted on recovery.
      const id = r.store.support.insertQuestion({ incidentId: r.incidentId, question: 'Left behind?', askedBy: 'sam', at: r.clock.now().toISOString(), origin: { via: 'api' } });
      const recovered = await r.support.recoverDrafts();
      expect(recovered.map((q) => [q.id, q.state])).toEqual([[id, 'ai_draft']]);
    } finally {
      r.close();
    }
  });
});
