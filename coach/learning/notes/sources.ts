// Collects what a note cites, so `sources` holds exactly the record entries the markdown states.
import type { Action, Plan, TimelineEvent } from '../../types.ts';
import type { NoteRecord, NoteSources, RankedQuery, SourceQuery } from './types.ts';

export class Citations {
  private readonly actions = new Map<number, Action>();
  private readonly events = new Map<number, TimelineEvent>();
  private readonly plans = new Map<number, Plan>();
  private readonly queries = new Map<number, RankedQuery>();

  constructor(private readonly record: NoteRecord) {}

  action(a: Action): Action {
    this.actions.set(a.id, a);
    return a;
  }

  event(e: TimelineEvent): TimelineEvent {
    this.events.set(e.id, e);
    return e;
  }

  plan(p: Plan): Plan {
    this.plans.set(p.id, p);
    return p;
  }

  query(q: RankedQuery): RankedQuery {
    this.queries.set(q.actionId, q);
    return q;
  }

  sources(): NoteSources {
    const i = this.record.incident;
    const byTime = <T extends { at: string; id: number }>(xs: T[]): T[] => xs.sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id);
    return {
      incident: { id: i.id, key: i.key, title: i.title, service: i.service, severity: i.severity, status: i.status, openedAt: i.openedAt, openedBy: i.openedBy, resolvedAt: i.resolvedAt },
      queries: [...this.queries.values()].map((q): SourceQuery => ({
        query: q.query, by: q.by, at: q.at, actionId: q.actionId, explanation: q.explanation, language: q.language, runs: q.runs, reasons: q.reasons,
      })),
      actions: byTime([...this.actions.values()]).map((a) => ({ id: a.id, kind: a.kind, by: a.actor, at: a.at, text: a.text, step: a.step })),
      events: byTime([...this.events.values()]).map((e) => ({ id: e.id, kind: e.kind, at: e.at, text: e.summary })),
      plans: [...this.plans.values()].map((p) => ({ id: p.id, by: p.author, at: p.createdAt, steps: p.steps.map((s) => ({ n: s.n, text: s.text, state: s.state, updatedAt: s.updatedAt })) })),
    };
  }
}
