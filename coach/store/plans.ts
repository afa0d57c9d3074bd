import type { Db } from './db.ts';
import type { Plan, PlanStep, StepState } from '../types.ts';
import { CodedError } from '../types.ts';

interface PlanRow { id: number; incident_id: number; author: string; created_at: string; text: string }
interface StepRow { plan_id: number; n: number; text: string; state: StepState; updated_at: string }

/**
 * Splits a free-text plan into steps: numbered ("1." "2)"), bulleted ("-", "*") or one step per line;
 * a single line with "then" / ";" separators becomes several steps.
 */
export function splitPlan(text: string): string[] {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const marker = /^(?:\d{1,3}[.)]|[-*•]|\[[ xX]?\])\s+/;
  let steps: string[];
  if (lines.length > 1) {
    steps = lines.map((l) => l.replace(marker, '').trim());
  } else {
    // One line typed into a command or chat box: "1. a 2. b", "a; b", "a then b".
    steps = (lines[0] ?? '').replace(marker, '').split(/\s*(?:;|\bthen\b|(?<=\s)\d{1,3}[.)](?=\s))\s*/i);
  }
  return steps.map((s) => s.replace(/\s+/g, ' ')).filter((s) => s.length > 0);
}

export class PlanRepo {
  constructor(private readonly db: Db) {}

  /** A new plan replaces the previous one as the current plan; earlier ones stay for history. */
  create(incidentId: number, author: string, at: string, text: string): Plan {
    const steps = splitPlan(text);
    if (steps.length === 0) throw new CodedError('plan_empty', 'The plan has no steps: write at least one line.');
    const info = this.db
      .prepare('INSERT INTO plans (incident_id, author, created_at, text) VALUES (?, ?, ?, ?)')
      .run(incidentId, author, at, text);
    const planId = Number(info.lastInsertRowid);
    const ins = this.db.prepare("INSERT INTO plan_steps (plan_id, n, text, state, updated_at) VALUES (?, ?, ?, 'open', ?)");
    steps.forEach((s, i) => ins.run(planId, i + 1, s, at));
    return this.getById(planId);
  }

  current(incidentId: number): Plan | null {
    const r = this.db
      .prepare('SELECT * FROM plans WHERE incident_id = ? ORDER BY id DESC LIMIT 1')
      .get(incidentId) as PlanRow | undefined;
    return r ? this.withSteps(r) : null;
  }

  history(incidentId: number): Plan[] {
    const rows = this.db.prepare('SELECT * FROM plans WHERE incident_id = ? ORDER BY id').all(incidentId) as PlanRow[];
    return rows.map((r) => this.withSteps(r));
  }

  setStepState(incidentId: number, n: number, state: StepState, at: string): Plan {
    const plan = this.current(incidentId);
    if (!plan) throw new CodedError('no_plan', 'This incident has no plan yet: state one first.', 409);
    if (!plan.steps.some((s) => s.n === n)) {
      throw new CodedError('step_not_found', `The plan has no step ${n}; it has steps 1–${plan.steps.length}.`, 404);
    }
    this.db.prepare('UPDATE plan_steps SET state = ?, updated_at = ? WHERE plan_id = ? AND n = ?').run(state, at, plan.id, n);
    return this.getById(plan.id);
  }

  private getById(id: number): Plan {
    return this.withSteps(this.db.prepare('SELECT * FROM plans WHERE id = ?').get(id) as PlanRow);
  }

  private withSteps(r: PlanRow): Plan {
    const steps = (this.db.prepare('SELECT * FROM plan_steps WHERE plan_id = ? ORDER BY n').all(r.id) as StepRow[]).map(
      (s): PlanStep => ({ n: s.n, text: s.text, state: s.state, updatedAt: s.updated_at }),
    );
    return { id: r.id, incidentId: r.incident_id, author: r.author, createdAt: r.created_at, text: r.text, steps };
  }
}
