// The customer-support answer workflow (DESIGN §3, CONTRACTS §6). Every change of a question goes through
// `transition`, which writes the new state and its audit entry in one transaction; `publish` is the only
// code that sets `published`, and it holds the invariant: a responder approved exactly the current version,
// and that version is customer-safe.
import { requireRole, type Principal } from '../people/index.ts';
import type { Store } from '../store/index.ts';
import { CodedError, type Clock, type Incident } from '../types.ts';
import type { Workspace } from '../workspace/index.ts';
import { findUnsafe, scrub, type UnsafeSpan } from './customer-safe.ts';
import { incidentFacts } from './facts.ts';
import { TEMPLATE_NOTICE, offlineSupportWriter } from './offline-writer.ts';
import type { AuditEntry, Candidate, SupportBatch, SupportChange, SupportDraft, SupportQuestion, SupportState, Tiers } from './types.ts';
import type { SupportWriter, WriterResult } from './writer.ts';
import { checkQuestion, checkReply, checkTiers, checkVersion } from './validate.ts';

export const DRAFT_LABEL = "AI's guess: don't send this to customers. The team has been asked to check it.";
export const DEFAULT_BATCH_WINDOW_MS = 2 * 60_000;

export interface SupportDeps {
  store: Store;
  clock: Clock;
  workspace: Workspace;
  /** The model's writer when one is configured (it falls back to the offline one itself). */
  writer?: SupportWriter;
  /** Questions arriving within this long of a batch's first are asked together (default 2 minutes). */
  batchWindowMs?: number;
  log?: (line: string) => void;
}

export interface AskInput {
  incident: number | string;
  question: string;
  origin?: SupportQuestion['origin'];
}

export interface SupportService {
  ask(who: Principal, input: AskInput): Promise<SupportQuestion>;
  edit(who: Principal, id: number, version: unknown, tiers: Tiers): SupportQuestion;
  rewrite(who: Principal, id: number, version: unknown, reply: string): Promise<SupportQuestion>;
  approve(who: Principal, id: number, version: unknown): SupportQuestion;
  withdraw(who: Principal, id: number, reason?: string | null): SupportQuestion;
  get(id: number): SupportQuestion;
  list(incident: number | string): SupportQuestion[];
  /** Published answers of an incident, newest first, for support to reuse. */
  answers(incident: number | string): PublishedView[];
  /** Asks responders about every batch whose window has closed; returns the batches sent. */
  flushDue(): SupportBatch[];
  /** Drafts questions left in `asked` by a crash between the ask and its draft; returns them. */
  recoverDrafts(): Promise<SupportQuestion[]>;
  /** When the next batch window closes, or null. */
  nextDue(): string | null;
  subscribe(listener: (c: SupportChange) => void): () => void;
  readonly batchWindowMs: number;
}

export interface PublishedView {
  questionId: number;
  question: string;
  askedBy: string;
  tiers: Tiers;
  version: number;
  approvedBy: string;
  publishedAt: string;
}

const TERMINAL: SupportState[] = ['published', 'withdrawn'];

export function createSupport(deps: SupportDeps): SupportService {
  const { store, clock } = deps;
  const writer = deps.writer ?? offlineSupportWriter;
  const windowMs = deps.batchWindowMs ?? DEFAULT_BATCH_WINDOW_MS;
  const listeners = new Set<(c: SupportChange) => void>();
  const log = deps.log ?? (() => undefined);
  const now = (): string => clock.now().toISOString();

  const emit = (c: SupportChange): void => {
    for (const l of listeners) {
      try { l(c); } catch (e) { log(`support listener failed: ${String(e)}`); }
    }
  };

  function load(id: number): SupportQuestion {
    const q = store.support.get(id);
    if (!q) throw new CodedError('question_not_found', `No support question ${id}.`, 404);
    return q;
  }

  function incidentOf(ref: number | string): Incident {
    return store.incidents.get(ref);
  }

  function audit(id: number, e: Omit<AuditEntry, 'at'> & { at?: string }): void {
    store.support.audit(id, { at: e.at ?? now(), ...e });
  }

  /** The one door every state change goes through: conditional write + audit entry, or nothing. */
  function transition(q: SupportQuestion, to: SupportState, entry: { by: string; action: string; text: string; version: number | null },
    patch: Parameters<Store['support']['setState']>[3] = {}, expectVersion?: number): void {
    if (TERMINAL.includes(q.state)) {
      throw new CodedError('question_closed', `Question ${q.id} is ${q.state}; it can no longer change.`, 409, { state: q.state });
    }
    const at = now();
    const ok = store.support.setState(q.id, to, at, patch, expectVersion ?? q.version);
    if (!ok) throw staleVersion(load(q.id), expectVersion ?? q.version);
    audit(q.id, { at, state: to, ...entry });
  }

  function staleVersion(current: SupportQuestion, given: number): CodedError {
    if (TERMINAL.includes(current.state)) {
      return new CodedError('question_closed', `Question ${current.id} is ${current.state}; it can no longer change.`, 409, { state: current.state });
    }
    const c = current.candidate;
    const who = c.by === 'ai' ? 'the AI draft' : c.by;
    const how = c.kind === 'edit' ? 'edited it' : c.kind === 'rewrite' ? 'rewrote it from their own words' : 'drafted it';
    return new CodedError('version_conflict',
      `Version ${given} is no longer current: ${who} ${how} as version ${c.version} at ${c.at.slice(11, 16)} UTC. ` +
      `Read version ${c.version} and approve that one if it is right.`, 409, { current: c.version, given, by: c.by, at: c.at });
  }

  function candidateFrom(version: number, r: WriterResult, by: string, kind: Candidate['kind'], reply: string | null): Candidate {
    return {
      version, tiers: r.tiers, missing: r.missing, asks: r.asks, by, engine: r.engine, fallback: r.fallback, kind, reply, at: now(),
      notice: r.engine === 'offline' && kind !== 'edit' ? TEMPLATE_NOTICE : null,
      unsafe: unsafeOf(r.tiers),
    };
  }

  function publishedView(q: SupportQuestion): PublishedView | null {
    return q.answer ? { questionId: q.id, question: q.question, askedBy: q.askedBy, ...q.answer } : null;
  }

  /**
   * The only way into `published`. A refusal for unsafe text is returned rather than thrown, so the
   * caller can record it in the audit trail outside the transaction that is being abandoned.
   */
  function publish(who: Principal, q: SupportQuestion, version: number): SupportQuestion | { refused: CodedError; entry: Omit<AuditEntry, 'at'> } {
    requireRole(who, ['responder'], 'approve an answer for customers');
    if (q.version !== version) throw staleVersion(q, version);
    const unsafe = unsafeOf(q.candidate.tiers);
    if (unsafe.length) {
      const first = unsafe[0];
      return {
        entry: { by: who.person, state: q.state, action: 'refuse', text: `approval refused: ${unsafe.map((u) => `${u.tier} ${u.kind} "${u.text}"`).join('; ')}`, version },
        refused: new CodedError('not_customer_safe',
          `Version ${version} cannot go to customers: its ${first?.tier} text has ${first ? KIND_WORDS[first.kind] : 'internal details'} ("${first?.text ?? ''}")` +
          `${unsafe.length > 1 ? ` and ${unsafe.length - 1} more` : ''}. Edit it out, or rewrite, then approve the new version.`, 422, { unsafe }),
      };
    }
    const answer = { tiers: q.candidate.tiers, version, approvedBy: who.person, publishedAt: now() };
    transition(q, 'published', { by: who.person, action: 'approve', text: JSON.stringify(q.candidate.tiers), version }, { answer }, version);
    return load(q.id);
  }

  /** Phase one: the guess is written now, while support waits; a model that fails falls back inside the writer. */
  async function completeDraft(id: number): Promise<SupportQuestion> {
    const asked = load(id);
    const incident = incidentOf(asked.incidentId);
    const facts = incidentFacts(store, deps.workspace, incident, now());
    const question = asked.question;
    let r: WriterResult;
    try {
      r = await writer.draft({ question, facts });
    } catch (e) {
      log(`support draft failed, offline answered: ${e instanceof Error ? e.message : String(e)}`);
      r = { ...(await offlineSupportWriter.draft({ question, facts })), fallback: 'the model writer failed' };
    }
    r = { ...r, tiers: scrubTiers(r.tiers) };
    const draft: SupportDraft = { text: scrub(r.support).text, label: DRAFT_LABEL, engine: r.engine, fallback: r.fallback };
    const q = store.tx(() => {
      const cur = load(id);
      // Withdrawn while the draft was being written: nothing more to do.
      if (cur.state !== 'asked') return cur;
      const at = now();
      const cand = candidateFrom(1, r, 'ai', 'draft', null);
      store.support.addVersion(id, cand);
      const open = store.support.openBatch(incident.id);
      const batch = open && open.dueAt > at ? open : store.support.createBatch(incident.id, at, new Date(clock.now().getTime() + windowMs).toISOString());
      transition(cur, 'ai_draft', { by: 'ai', action: 'draft', text: `${draft.text}\n\n${JSON.stringify(cand.tiers)}`, version: 1 },
        { version: 1, draft, batchId: batch.id }, 0);
      return load(id);
    });
    emit({ type: 'support_question', incidentId: q.incidentId, question: q });
    return q;
  }

  const svc: SupportService = {
    batchWindowMs: windowMs,

    async recoverDrafts() {
      const stuck = store.db.prepare("SELECT id FROM support_questions WHERE state = 'asked' ORDER BY id").all() as { id: number }[];
      const done: SupportQuestion[] = [];
      for (const { id } of stuck) {
        log(`support: question ${id} was asked before a restart and has no draft yet; drafting it now`);
        done.push(await completeDraft(id));
      }
      return done;
    },

    async ask(who, input) {
      requireRole(who, ['support', 'responder'], 'ask the dev team');
      const question = checkQuestion(input.question);
      const incident = incidentOf(input.incident);
      const at = now();
      const id = store.tx(() => {
        const qid = store.support.insertQuestion({ incidentId: incident.id, question, askedBy: who.person, at, origin: input.origin ?? { via: 'api' } });
        audit(qid, { at, by: who.person, state: 'asked', action: 'ask', text: question, version: null });
        return qid;
      });
      return completeDraft(id);
    },

    edit(who, id, version, tiers) {
      requireRole(who, ['responder'], 'edit an answer');
      const v = checkVersion(version);
      const t = checkTiers(tiers);
      const q = store.tx(() => {
        const cur = load(id);
        if (TERMINAL.includes(cur.state)) throw closed(cur);
        if (cur.version !== v) throw staleVersion(cur, v);
        const cand = candidateFrom(v + 1, { support: '', tiers: t, missing: cur.candidate.missing, asks: [], engine: 'human', fallback: null }, who.person, 'edit', null);
        store.support.addVersion(id, cand);
        transition(cur, 'rewritten', { by: who.person, action: 'edit', text: JSON.stringify(t), version: v + 1 }, { version: v + 1 }, v);
        return load(id);
      });
      emit({ type: 'support_question', incidentId: q.incidentId, question: q });
      return q;
    },

    async rewrite(who, id, version, reply) {
      requireRole(who, ['responder'], 'answer support in their own words');
      const v = checkVersion(version);
      const text = checkReply(reply);
      const before = load(id);
      if (TERMINAL.includes(before.state)) throw closed(before);
      if (before.version !== v) throw staleVersion(before, v);
      const incident = incidentOf(before.incidentId);
      const facts = incidentFacts(store, deps.workspace, incident, now());
      let r: WriterResult;
      try {
        r = await writer.rewrite({ question: before.question, reply: text, responder: who.person, facts });
      } catch (e) {
        log(`support rewrite failed, offline answered: ${e instanceof Error ? e.message : String(e)}`);
        r = { ...(await offlineSupportWriter.rewrite({ question: before.question, reply: text, responder: who.person, facts })), fallback: 'the model writer failed' };
      }
      r = { ...r, tiers: scrubTiers(r.tiers) };
      // The version is checked again at commit: someone may have changed it while the rewrite was written.
      const q = store.tx(() => {
        const cur = load(id);
        if (TERMINAL.includes(cur.state)) throw closed(cur);
        if (cur.version !== v) throw staleVersion(cur, v);
        const cand = candidateFrom(v + 1, r, who.person, 'rewrite', text);
        store.support.addVersion(id, cand);
        transition(cur, 'rewritten', { by: who.person, action: 'rewrite', text: `${text}\n\n${JSON.stringify(cand.tiers)}`, version: v + 1 }, { version: v + 1 }, v);
        return load(id);
      });
      emit({ type: 'support_question', incidentId: q.incidentId, question: q });
      return q;
    },

    approve(who, id, version) {
      const v = checkVersion(version);
      const r = store.tx(() => {
        const cur = load(id);
        if (TERMINAL.includes(cur.state)) throw closed(cur);
        return publish(who, cur, v);
      });
      if ('refused' in r) {
        audit(id, r.entry);
        throw r.refused;
      }
      const q = r;
      emit({ type: 'support_question', incidentId: q.incidentId, question: q });
      emit({ type: 'support_published', incidentId: q.incidentId, question: q });
      return q;
    },

    withdraw(who, id, reason) {
      const q = store.tx(() => {
        const cur = load(id);
        if (cur.askedBy !== who.person) requireRole(who, ['responder'], `withdraw a question ${cur.askedBy} asked`);
        if (TERMINAL.includes(cur.state)) throw closed(cur);
        transition(cur, 'withdrawn', { by: who.person, action: 'withdraw', text: reason?.trim() || 'withdrawn', version: cur.version });
        return load(id);
      });
      emit({ type: 'support_question', incidentId: q.incidentId, question: q });
      return q;
    },

    get: load,
    list: (ref) => store.support.list(incidentOf(ref).id),
    answers: (ref) => store.support.published(incidentOf(ref).id).flatMap((q) => publishedView(q) ?? []),

    flushDue() {
      const at = now();
      const sent: { batch: SupportBatch; questions: SupportQuestion[] }[] = [];
      store.tx(() => {
        for (const b of store.support.dueBatches(at)) {
          if (!store.support.markBatchSent(b.id, at)) continue;
          const open = b.questionIds.map(load).filter((q) => !TERMINAL.includes(q.state));
          for (const q of open) {
            if (q.state !== 'ai_draft') continue;
            transition(q, 'dev_review', { by: 'mentat', action: 'review', text: `asked the responders in batch ${b.id} with ${open.length - 1} other question(s)`, version: q.version });
          }
          sent.push({ batch: { ...b, sentAt: at }, questions: open.map((q) => load(q.id)) });
        }
      });
      for (const s of sent) {
        if (s.questions.length) emit({ type: 'support_batch', incidentId: s.batch.incidentId, batch: s.batch, questions: s.questions });
      }
      return sent.map((s) => s.batch);
    },

    nextDue: () => store.support.nextDue(),

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return svc;
}

function closed(q: SupportQuestion): CodedError {
  return new CodedError('question_closed', `Question ${q.id} is ${q.state}; it can no longer change.`, 409, { state: q.state });
}

const KIND_WORDS: Record<UnsafeSpan['kind'], string> = {
  hostname: 'an internal hostname', ip: 'an IP address', pod: 'a pod name', arn: 'a cloud resource id', stack_trace: 'a stack trace',
  error_string: 'an internal error string', secret: 'a secret', email: 'an email address', phone: 'a phone number',
};

export type TierSpan = UnsafeSpan & { tier: keyof Tiers };

export function unsafeOf(t: Tiers): TierSpan[] {
  return (['customer', 'partner'] as const).flatMap((tier) => findUnsafe(t[tier]).map((s) => ({ ...s, tier })));
}

function scrubTiers(t: Tiers): Tiers {
  return { customer: scrub(t.customer).text, partner: scrub(t.partner).text };
}
