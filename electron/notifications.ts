// Decides which server events deserve a native notification: a new incident, a new alert on the
// incident the person is working, or support's batch of questions about it (responders are asked once
// per batch, so that is one notification, never one per question). Everything else (turns, notes, teammates' actions) stays in the
// sidebar: a notification at 3 a.m. has to be worth waking for.
import { z } from 'zod';
import type { ServerEvent } from './event-stream.ts';

export const IncidentSummarySchema = z.object({
  id: z.number().int().positive(),
  key: z.string(),
  title: z.string(),
  severity: z.string(),
  status: z.string(),
  service: z.string().nullable().optional(),
});
export type IncidentSummary = z.infer<typeof IncidentSummarySchema>;

const IncidentChange = z.object({ type: z.literal('incident'), incident: IncidentSummarySchema });
const TimelineChange = z.object({
  type: z.literal('timeline'),
  incidentId: z.number().int().positive(),
  event: z.object({ kind: z.string(), summary: z.string(), data: z.record(z.string(), z.unknown()).optional() }),
});

const SupportBatchChange = z.object({
  type: z.literal('support_batch'),
  incidentId: z.number().int().positive(),
  batch: z.object({ id: z.number().int() }),
  questions: z.array(z.object({ question: z.string() })),
});

export interface Notice {
  title: string;
  body: string;
  incidentId: number;
}

export class NotificationPolicy {
  private readonly keys = new Map<number, string>();
  private working: number | null = null;
  private readonly batches = new Set<number>();

  /** Incidents that already exist when the app starts: they were never "new" to this person. */
  constructor(known: Iterable<IncidentSummary> = []) {
    for (const inc of known) this.keys.set(inc.id, inc.key);
  }

  setWorkingIncident(id: number | null): void {
    this.working = id;
  }

  get workingIncident(): number | null {
    return this.working;
  }

  decide(ev: ServerEvent): Notice | null {
    let payload: unknown;
    try {
      payload = JSON.parse(ev.data);
    } catch {
      return null;
    }
    const incident = IncidentChange.safeParse(payload);
    if (incident.success) return this.onIncident(incident.data.incident);
    const timeline = TimelineChange.safeParse(payload);
    if (timeline.success) return this.onTimeline(timeline.data);
    const batch = SupportBatchChange.safeParse(payload);
    if (batch.success) return this.onSupportBatch(batch.data);
    return null;
  }

  private onIncident(inc: IncidentSummary): Notice | null {
    const isNew = !this.keys.has(inc.id);
    this.keys.set(inc.id, inc.key);
    if (!isNew || inc.status === 'resolved') return null;
    const service = inc.service ? ` · ${inc.service}` : '';
    return { title: `New incident ${inc.key} (${inc.severity})`, body: `${inc.title}${service}`, incidentId: inc.id };
  }

  private onTimeline(change: z.infer<typeof TimelineChange>): Notice | null {
    if (change.event.kind !== 'alert_firing' || change.incidentId !== this.working) return null;
    const key = this.keys.get(change.incidentId) ?? `incident ${change.incidentId}`;
    return { title: `New alert on ${key}`, body: change.event.summary, incidentId: change.incidentId };
  }

  private onSupportBatch(change: z.infer<typeof SupportBatchChange>): Notice | null {
    if (change.incidentId !== this.working || change.questions.length === 0 || this.batches.has(change.batch.id)) return null;
    this.batches.add(change.batch.id);
    const n = change.questions.length;
    const key = this.keys.get(change.incidentId) ?? `incident ${change.incidentId}`;
    const body = change.questions.map((q) => `• ${q.question}`).join('\n');
    return { title: `Support has ${n} question${n === 1 ? '' : 's'} for you on ${key}`, body, incidentId: change.incidentId };
  }
}

/** True when the event may change the list of open incidents (so the tray menu needs a refresh). */
export function changesIncidentList(ev: ServerEvent): boolean {
  return ev.event === 'incident' || ev.event === 'hello';
}
