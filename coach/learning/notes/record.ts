// Reads an incident's record for a learning note: timeline, plans, actions and notes, and the queries people
// ran, deduplicated and ranked. Linear in the size of the record (two pointers over time-sorted lists), so
// an incident with thousands of events is read in milliseconds.
import { explainPromQL } from '../../query/explain.ts';
import type { Store } from '../../store/index.ts';
import type { Action, Incident, Plan, TimelineEvent } from '../../types.ts';
import type { NoteRecord, RankedQuery, StatusChange } from './types.ts';

/** Queries the note cites (and explains); more are counted but not listed. */
export const MAX_CITED_QUERIES = 15;

export const str = (v: unknown): string => (typeof v === 'string' ? v : '');

const norm = (q: string): string => q.trim().replace(/\s+/g, ' ');

/** An alert event's alert name, or its summary line. */
export function alertName(e: TimelineEvent): string {
  const name = (e.data.alert as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' && name ? name : e.summary;
}

/** The query text of an action, when it ran one. */
export function queryOf(a: Action): string | null {
  const q = typeof a.payload.query === 'string' ? a.payload.query : a.kind === 'query_run' ? a.text : '';
  return q.trim() ? q : null;
}

export function explainQuery(query: string, language: string): string {
  if (language !== 'promql') return `A ${language === 'logql' ? 'LogQL' : 'TraceQL'} query, as it was run.`;
  try {
    const parts = explainPromQL(query, null, 5);
    const whole = query.trim();
    // The outermost part is the whole query: its sentence leads, without repeating the query.
    const lines = parts.map((p) => (p.part.trim() === whole ? p.says.charAt(0).toUpperCase() + p.says.slice(1) : `\`${p.part}\` — ${p.says}`));
    return lines.length ? lines.join('\n') : 'A PromQL query, as it was run.';
  } catch {
    return 'A PromQL query, as it was run.';
  }
}

export function readRecord(store: Store, incident: Incident): NoteRecord {
  const timeline = store.timeline.list(incident.id, { limit: 100_000 });
  const plans = store.plans.history(incident.id).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id);
  const actions = store.actions.list(incident.id, { limit: 100_000 });
  const notes = store.notes.list(incident.id);
  const statusChanges: StatusChange[] = timeline.flatMap((e) => {
    if (e.kind !== 'status') return [];
    const d = e.data;
    return [{ eventId: e.id, at: e.at, from: str(d.from), to: str(d.to), by: str(d.by) }];
  });

  // The plan current at each action: actions and plans are both sorted by time.
  const planAt = new Map<number, Plan>();
  let p = -1;
  for (const a of actions) {
    while (p + 1 < plans.length && (plans[p + 1]?.createdAt ?? '') <= a.at) p++;
    const plan = plans[p];
    if (plan) planAt.set(a.id, plan);
  }
  const stepOf: NoteRecord['stepOf'] = (a) => {
    if (a.step === null) return null;
    const plan = planAt.get(a.id);
    const step = plan?.steps.find((s) => s.n === a.step);
    return plan && step ? { plan, n: step.n, text: step.text } : null;
  };

  // The last query run before each mitigation or resolution.
  const closing = statusChanges.filter((s) => s.to === 'mitigated' || s.to === 'resolved');
  const beforeStatus = new Map<number, StatusChange[]>();
  let c = 0;
  let lastQuery: Action | null = null;
  for (const a of actions) {
    while (c < closing.length && (closing[c]?.at ?? '') < a.at) {
      const s = closing[c] as StatusChange;
      if (lastQuery) beforeStatus.set(lastQuery.id, [...(beforeStatus.get(lastQuery.id) ?? []), s]);
      c++;
    }
    if (queryOf(a)) lastQuery = a;
  }
  for (; c < closing.length; c++) {
    const s = closing[c] as StatusChange;
    if (lastQuery) beforeStatus.set(lastQuery.id, [...(beforeStatus.get(lastQuery.id) ?? []), s]);
  }

  const byKey = new Map<string, { first: Action; runs: number; people: Set<string>; step: { n: number; text: string } | null; before: StatusChange[] }>();
  for (const a of actions) {
    const q = queryOf(a);
    if (!q) continue;
    const key = norm(q);
    let e = byKey.get(key);
    if (!e) {
      e = { first: a, runs: 0, people: new Set(), step: null, before: [] };
      byKey.set(key, e);
    }
    e.runs++;
    e.people.add(a.actor);
    const st = stepOf(a);
    if (st && !e.step) e.step = { n: st.n, text: st.text };
    e.before.push(...(beforeStatus.get(a.id) ?? []));
  }
  const queries: RankedQuery[] = [...byKey.values()].map((e) => {
    const reasons: string[] = [];
    if (e.runs > 1) reasons.push(`run ${e.runs} times`);
    for (const s of e.before) reasons.push(`run right before the incident was ${s.to} at ${s.at.slice(11, 16)} UTC`);
    if (e.step) reasons.push(`advanced step ${e.step.n} ("${e.step.text}")`);
    const language = typeof e.first.payload.language === 'string' ? e.first.payload.language : 'promql';
    return {
      query: queryOf(e.first) as string, by: e.first.actor, at: e.first.at, actionId: e.first.id, explanation: '', language,
      runs: e.runs, reasons, people: [...e.people], step: e.step?.n ?? null, stepText: e.step?.text ?? null,
      score: (e.runs > 1 ? 1 + Math.min(e.runs, 10) / 10 : 0) + (e.before.length ? 2 : 0) + (e.step ? 1.5 : 0),
    };
  });
  queries.sort((a, b) => b.score - a.score || a.at.localeCompare(b.at) || a.actionId - b.actionId);
  for (const q of queries.slice(0, MAX_CITED_QUERIES)) q.explanation = explainQuery(q.query, q.language);

  let grounding: string | null = null;
  return {
    incident, timeline, plans, actions, notes, queries, statusChanges, stepOf,
    groundingText: () => (grounding ??= JSON.stringify({ incident, timeline, plans, actions, notes }).replace(/T(\d\d:\d\d)/g, ' $1')),
  };
}
