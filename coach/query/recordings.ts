// Recorded demonstrations (D3) live in the action log: a person starts a recording, works as usual, and
// stops it with a title. The steps are their own actions in between, so nothing is captured twice.
import type { Store } from '../store/index.ts';
import type { Action } from '../types.ts';
import { CodedError } from '../types.ts';

export const RECORDING_START = 'demo_start';
export const RECORDING_STOP = 'demo_stop';
const NOT_STEPS = new Set([RECORDING_START, RECORDING_STOP, 'say', 'ack', 'status', 'role']);

export interface Recording {
  title: string;
  actor: string;
  incidentId: number | null;
  startedAt: string;
  stoppedAt: string;
  steps: string[];
}

export function startRecording(store: Store, actor: string, at: string, incidentId: number | null = null): Action {
  return store.actions.add({ incidentId, actor, at, kind: RECORDING_START, text: 'started recording a demonstration' });
}

export function stopRecording(store: Store, actor: string, at: string, title: string, incidentId: number | null = null): Recording {
  const clean = title.trim().replace(/\s+/g, ' ');
  if (!clean) throw new CodedError('recording_title', 'Give the recording a title, e.g. "compare two time ranges in Grafana".');
  return store.tx(() => {
    const start = store.db.prepare(`SELECT at FROM actions WHERE actor = ? AND kind = ? AND at <= ?
      AND NOT EXISTS (SELECT 1 FROM actions s WHERE s.actor = actions.actor AND s.kind = ? AND s.at >= actions.at AND s.at <= ?)
      ORDER BY at DESC, id DESC LIMIT 1`).get(actor, RECORDING_START, at, RECORDING_STOP, at) as { at: string } | undefined;
    if (!start) throw new CodedError('recording_not_started', `${actor} has no recording running: start one first.`, 409);
    store.actions.add({ incidentId, actor, at, kind: RECORDING_STOP, text: clean, payload: { title: clean, startedAt: start.at } });
    return load(store, actor, start.at, at, clean, incidentId);
  });
}

export function stepText(a: Action): string | null {
  const q = typeof a.payload.query === 'string' ? a.payload.query : null;
  const url = typeof a.payload.url === 'string' ? a.payload.url : null;
  if (a.kind === 'query_run') return `Run the query \`${q ?? a.text}\``;
  if (a.kind === 'link_opened') return `Open ${a.text && a.text !== url ? `${a.text} (${url ?? ''})` : url ?? a.text}`;
  if (a.kind === 'note') return `Note: ${a.text}`;
  return a.text ? a.text : null;
}

function load(store: Store, actor: string, from: string, to: string, title: string, incidentId: number | null): Recording {
  const rows = store.db.prepare('SELECT * FROM actions WHERE actor = ? AND at >= ? AND at <= ? ORDER BY at, id').all(actor, from, to) as
    { id: number; incident_id: number | null; actor: string; at: string; kind: string; step: number | null; text: string; payload: string }[];
  const steps = rows
    .map((r): Action => ({ id: r.id, incidentId: r.incident_id, actor: r.actor, at: r.at, kind: r.kind, step: r.step, text: r.text, payload: JSON.parse(r.payload) as Record<string, unknown> }))
    .filter((a) => !NOT_STEPS.has(a.kind))
    .map(stepText)
    .filter((s): s is string => s !== null);
  return { title, actor, incidentId, startedAt: from, stoppedAt: to, steps };
}

/** Every finished recording, newest first. */
export function listRecordings(store: Store, limit = 200): Recording[] {
  const stops = store.db.prepare('SELECT * FROM actions WHERE kind = ? ORDER BY at DESC, id DESC LIMIT ?').all(RECORDING_STOP, limit) as
    { actor: string; at: string; text: string; incident_id: number | null; payload: string }[];
  return stops.map((s) => {
    const p = JSON.parse(s.payload) as { startedAt?: string };
    return load(store, s.actor, p.startedAt ?? s.at, s.at, s.text, s.incident_id);
  });
}
