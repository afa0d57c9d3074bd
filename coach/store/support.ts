// Customer-support questions: the question row, its candidate versions, its append-only audit trail, the
// batches responders are asked in, and outbound deliveries of published answers. The workflow rules live
// in coach/support; this file only reads and writes rows.
import { prepared, type Db } from './db.ts';
import { parseJsonObject } from './json.ts';
import type {
  AuditEntry, Candidate, SupportBatch, SupportDraft, SupportQuestion, SupportState,
} from '../support/types.ts';

interface QuestionRow {
  id: number; incident_id: number; question: string; asked_by: string; asked_at: string; updated_at: string;
  state: SupportState; version: number; draft: string; answer: string | null; batch_id: number | null; origin: string;
}
interface AuditRow { at: string; by: string; state: SupportState; action: string; text: string; version: number | null }
interface BatchRow { id: number; incident_id: number; opened_at: string; due_at: string; sent_at: string | null }

export interface NewQuestion {
  incidentId: number;
  question: string;
  askedBy: string;
  at: string;
  origin: SupportQuestion['origin'];
}

export interface Delivery {
  id: number;
  questionId: number;
  url: string;
  body: string;
  attempts: number;
  nextAt: string;
  state: 'pending' | 'delivered' | 'failed';
  lastError: string | null;
}

export class SupportRepo {
  constructor(private readonly db: Db) {}

  insertQuestion(q: NewQuestion): number {
    const info = this.db.prepare(
      'INSERT INTO support_questions (incident_id, question, asked_by, asked_at, updated_at, state, origin) VALUES (?, ?, ?, ?, ?, \'asked\', ?)',
    ).run(q.incidentId, q.question, q.askedBy, q.at, q.at, JSON.stringify(q.origin));
    return Number(info.lastInsertRowid);
  }

  /** Moves a question to a state; `expectVersion` makes the write conditional (optimistic concurrency). */
  setState(id: number, state: SupportState, at: string, patch: { version?: number; draft?: SupportDraft; answer?: unknown; batchId?: number | null } = {},
    expectVersion?: number): boolean {
    const sets = ['state = ?', 'updated_at = ?'];
    const args: unknown[] = [state, at];
    if (patch.version !== undefined) { sets.push('version = ?'); args.push(patch.version); }
    if (patch.draft !== undefined) { sets.push('draft = ?'); args.push(JSON.stringify(patch.draft)); }
    if (patch.answer !== undefined) { sets.push('answer = ?'); args.push(JSON.stringify(patch.answer)); }
    if (patch.batchId !== undefined) { sets.push('batch_id = ?'); args.push(patch.batchId); }
    // A published or withdrawn question never changes again, whoever races to write it.
    let sql = `UPDATE support_questions SET ${sets.join(', ')} WHERE id = ? AND state NOT IN ('published', 'withdrawn')`;
    args.push(id);
    if (expectVersion !== undefined) { sql += ' AND version = ?'; args.push(expectVersion); }
    return this.db.prepare(sql).run(...args).changes === 1;
  }

  addVersion(questionId: number, c: Candidate): void {
    this.db.prepare('INSERT INTO support_versions (question_id, version, body) VALUES (?, ?, ?)').run(questionId, c.version, JSON.stringify(c));
  }

  version(questionId: number, version: number): Candidate | null {
    const r = this.db.prepare('SELECT body FROM support_versions WHERE question_id = ? AND version = ?').get(questionId, version) as { body: string } | undefined;
    return r ? (JSON.parse(r.body) as Candidate) : null;
  }

  versions(questionId: number): Candidate[] {
    return (this.db.prepare('SELECT body FROM support_versions WHERE question_id = ? ORDER BY version').all(questionId) as { body: string }[])
      .map((r) => JSON.parse(r.body) as Candidate);
  }

  audit(questionId: number, e: AuditEntry): void {
    this.db.prepare('INSERT INTO support_audit (question_id, at, by, state, action, text, version) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(questionId, e.at, e.by, e.state, e.action, e.text, e.version);
  }

  auditOf(questionId: number): AuditEntry[] {
    return (this.db.prepare('SELECT at, by, state, action, text, version FROM support_audit WHERE question_id = ? ORDER BY id').all(questionId) as AuditRow[])
      .map((r) => ({ at: r.at, by: r.by, state: r.state, action: r.action, text: r.text, version: r.version }));
  }

  /** The question with its current candidate and audit, or null. */
  get(id: number): SupportQuestion | null {
    const r = this.db.prepare('SELECT * FROM support_questions WHERE id = ?').get(id) as QuestionRow | undefined;
    return r ? this.assemble(r) : null;
  }

  list(incidentId: number, opts: { limit?: number } = {}): SupportQuestion[] {
    const rows = this.db.prepare('SELECT * FROM support_questions WHERE incident_id = ? ORDER BY id DESC LIMIT ?')
      .all(incidentId, opts.limit ?? 500) as QuestionRow[];
    return rows.map((r) => this.assemble(r));
  }

  /** Of these incidents, those with at least one published answer (one query for many). */
  withPublished(incidentIds: number[]): Set<number> {
    if (incidentIds.length === 0) return new Set();
    const rows = prepared(this.db, `SELECT DISTINCT incident_id FROM support_questions WHERE state = 'published' AND incident_id IN (${incidentIds.map(() => '?').join(',')})`)
      .pluck().all(...incidentIds) as number[];
    return new Set(rows);
  }

  published(incidentId: number, limit = 100): SupportQuestion[] {
    const rows = prepared(this.db, "SELECT * FROM support_questions WHERE incident_id = ? AND state = 'published' ORDER BY updated_at DESC, id DESC LIMIT ?")
      .all(incidentId, limit) as QuestionRow[];
    return rows.map((r) => this.assemble(r));
  }

  private assemble(r: QuestionRow): SupportQuestion {
    const candidate = this.version(r.id, r.version);
    const draft = parseJsonObject(r.draft) as unknown as SupportDraft;
    const origin = parseJsonObject(r.origin) as SupportQuestion['origin'];
    return {
      id: r.id, incidentId: r.incident_id, state: r.state, question: r.question, askedBy: r.asked_by, askedAt: r.asked_at,
      updatedAt: r.updated_at, version: r.version, draft,
      candidate: candidate ?? emptyCandidate(r.asked_at),
      answer: r.answer ? (JSON.parse(r.answer) as SupportQuestion['answer']) : null,
      batchId: r.batch_id, origin, audit: this.auditOf(r.id),
    };
  }

  // Batches ------------------------------------------------------------------------------------------

  openBatch(incidentId: number): SupportBatch | null {
    const r = this.db.prepare('SELECT * FROM support_batches WHERE incident_id = ? AND sent_at IS NULL ORDER BY id DESC LIMIT 1').get(incidentId) as BatchRow | undefined;
    return r ? this.toBatch(r) : null;
  }

  createBatch(incidentId: number, openedAt: string, dueAt: string): SupportBatch {
    const info = this.db.prepare('INSERT INTO support_batches (incident_id, opened_at, due_at) VALUES (?, ?, ?)').run(incidentId, openedAt, dueAt);
    return { id: Number(info.lastInsertRowid), incidentId, openedAt, dueAt, sentAt: null, questionIds: [] };
  }

  batch(id: number): SupportBatch | null {
    const r = this.db.prepare('SELECT * FROM support_batches WHERE id = ?').get(id) as BatchRow | undefined;
    return r ? this.toBatch(r) : null;
  }

  /** Batches whose window has closed and whose responders were not asked yet. */
  dueBatches(now: string): SupportBatch[] {
    return (this.db.prepare('SELECT * FROM support_batches WHERE sent_at IS NULL AND due_at <= ? ORDER BY due_at').all(now) as BatchRow[])
      .map((r) => this.toBatch(r));
  }

  /** Marks a batch sent; false when another caller already did (so responders are asked once). */
  markBatchSent(id: number, at: string): boolean {
    return this.db.prepare('UPDATE support_batches SET sent_at = ? WHERE id = ? AND sent_at IS NULL').run(at, id).changes === 1;
  }

  nextDue(): string | null {
    const r = this.db.prepare('SELECT MIN(due_at) AS due FROM support_batches WHERE sent_at IS NULL').get() as { due: string | null };
    return r.due;
  }

  private toBatch(r: BatchRow): SupportBatch {
    const ids = (this.db.prepare('SELECT id FROM support_questions WHERE batch_id = ? ORDER BY id').all(r.id) as { id: number }[]).map((x) => x.id);
    return { id: r.id, incidentId: r.incident_id, openedAt: r.opened_at, dueAt: r.due_at, sentAt: r.sent_at, questionIds: ids };
  }

  // Where a question was announced, per surface, so a restarted front end can keep that message current.

  setNotice(questionId: number, surface: string, ref: Record<string, unknown>): void {
    this.db.prepare('INSERT INTO support_notices (question_id, surface, ref) VALUES (?, ?, ?) ON CONFLICT (question_id, surface) DO UPDATE SET ref = excluded.ref')
      .run(questionId, surface, JSON.stringify(ref));
  }

  notice(questionId: number, surface: string): Record<string, unknown> | null {
    const r = this.db.prepare('SELECT ref FROM support_notices WHERE question_id = ? AND surface = ?').get(questionId, surface) as { ref: string } | undefined;
    return r ? parseJsonObject(r.ref) : null;
  }

  // Deliveries ---------------------------------------------------------------------------------------

  enqueueDelivery(questionId: number, url: string, body: string, at: string): number {
    const info = this.db.prepare("INSERT INTO support_deliveries (question_id, url, body, next_at, state) VALUES (?, ?, ?, ?, 'pending')")
      .run(questionId, url, body, at);
    return Number(info.lastInsertRowid);
  }

  dueDeliveries(now: string, limit = 20): Delivery[] {
    return (this.db.prepare("SELECT * FROM support_deliveries WHERE state = 'pending' AND next_at <= ? ORDER BY next_at LIMIT ?").all(now, limit) as DeliveryRow[])
      .map(toDelivery);
  }

  delivery(id: number): Delivery | null {
    const r = this.db.prepare('SELECT * FROM support_deliveries WHERE id = ?').get(id) as DeliveryRow | undefined;
    return r ? toDelivery(r) : null;
  }

  recordAttempt(id: number, outcome: { state: Delivery['state']; nextAt: string; error: string | null }): void {
    this.db.prepare('UPDATE support_deliveries SET attempts = attempts + 1, state = ?, next_at = ?, last_error = ? WHERE id = ?')
      .run(outcome.state, outcome.nextAt, outcome.error, id);
  }

  nextDeliveryAt(): string | null {
    const r = this.db.prepare("SELECT MIN(next_at) AS n FROM support_deliveries WHERE state = 'pending'").get() as { n: string | null };
    return r.n;
  }
}

interface DeliveryRow { id: number; question_id: number; url: string; body: string; attempts: number; next_at: string; state: Delivery['state']; last_error: string | null }

const toDelivery = (r: DeliveryRow): Delivery => ({
  id: r.id, questionId: r.question_id, url: r.url, body: r.body, attempts: r.attempts, nextAt: r.next_at, state: r.state, lastError: r.last_error,
});

function emptyCandidate(at: string): Candidate {
  return { version: 0, tiers: { customer: '', partner: '' }, missing: [], asks: [], by: 'ai', engine: 'offline', fallback: null, kind: 'draft', reply: null, at, notice: null, unsafe: [] };
}
