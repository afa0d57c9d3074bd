// The sidebar's only way to the server: JSON over HTTP, with the person's name on every write.
import { z } from 'zod';
import type { Environment } from '../env.ts';
import type { ApiBody } from '../../../coach/server/bodies.ts';
import { asHandleResult, asIncident, asIncidents, asNote, asView, errorSchema } from './schemas.ts';
import type { HandleResult, Incident, IncidentView, Note } from './schemas.ts';
import { parseRunResponse, type RunOutcome, type RunRequest } from './run-result.ts';

const recordingSchema = z.looseObject({ title: z.string(), steps: z.array(z.string()) });

/** A failed request, carrying the server's code and its message for people. */
export class ApiError extends Error {
  constructor(readonly code: string, message: string, readonly status: number) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface Client {
  listIncidents(status?: 'open' | 'all'): Promise<Incident[]>;
  openIncident(input: ApiBody<'openIncident'>): Promise<HandleResult>;
  view(id: number): Promise<IncidentView>;
  say(id: number, text: string): Promise<HandleResult>;
  plan(id: number, text: string): Promise<HandleResult>;
  setStep(id: number, n: number, state: ApiBody<'setStep'>['state']): Promise<HandleResult>;
  act(id: number, action: ApiBody<'action'>): Promise<HandleResult>;
  addNote(id: number, text: string, pinned?: boolean): Promise<HandleResult>;
  editNote(id: number, noteId: number, change: ApiBody<'editNote'>): Promise<Note>;
  setStatus(id: number, status: ApiBody<'setStatus'>['status']): Promise<HandleResult>;
  runQuery(id: number, req: RunRequest): Promise<RunOutcome>;
  /** Starts recording a demonstration (D3): the person's next actions become its steps. */
  startRecording(id: number): Promise<void>;
  /** Stops the person's recording and titles it; answers the steps it captured. */
  stopRecording(id: number, title: string): Promise<{ title: string; steps: string[] }>;
  eventsUrl(incident?: number): string;
}

export function createClient(env: Environment, from: string, fetchImpl: typeof fetch = fetch.bind(window)): Client {
  async function call(method: string, path: string, body?: Record<string, unknown>): Promise<unknown> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body) headers['content-type'] = 'application/json';
    if (env.token) headers.authorization = `Bearer ${env.token}`;
    let res: Response;
    try {
      res = await fetchImpl(env.baseUrl + path, { method, headers, body: body ? JSON.stringify({ from, ...body }) : undefined });
    } catch {
      throw new ApiError('offline', 'The Mentat server cannot be reached. Check that it is running; the sidebar retries on its own.', 0);
    }
    const text = await res.text();
    const json: unknown = text ? JSON.parse(text) : null;
    if (!res.ok) {
      const err = errorSchema.safeParse(json);
      if (err.success) throw new ApiError(err.data.error.code, err.data.error.message, res.status);
      throw new ApiError('http_' + res.status, `The server answered ${res.status} ${res.statusText}.`, res.status);
    }
    return json;
  }
  const inc = (id: number) => `/api/incidents/${id}`;
  return {
    listIncidents: async (status = 'open') => asIncidents(await call('GET', `/api/incidents?status=${status}`)),
    openIncident: async (input) => asHandleResult(await call('POST', '/api/incidents', input)),
    view: async (id) => asView(await call('GET', inc(id))),
    say: async (id, text) => asHandleResult(await call('POST', `${inc(id)}/say`, { text } satisfies ApiBody<'say'>)),
    plan: async (id, text) => asHandleResult(await call('POST', `${inc(id)}/plan`, { text } satisfies ApiBody<'plan'>)),
    setStep: async (id, n, state) => asHandleResult(await call('PATCH', `${inc(id)}/plan/steps/${n}`, { state } satisfies ApiBody<'setStep'>)),
    act: async (id, action) => asHandleResult(await call('POST', `${inc(id)}/actions`, { ...action })),
    addNote: async (id, text, pinned) =>
      asHandleResult(await call('POST', `${inc(id)}/notes`, { text, ...(pinned ? { pinned } : {}) } satisfies ApiBody<'addNote'>)),
    editNote: async (id, noteId, change) => {
      const res = (await call('PATCH', `${inc(id)}/notes/${noteId}`, change)) as { note?: unknown } | null;
      return asNote(res?.note);
    },
    setStatus: async (id, status) => asHandleResult(await call('POST', `${inc(id)}/status`, { status } satisfies ApiBody<'setStatus'>)),
    runQuery: async (id, req) => parseRunResponse(await call('POST', `${inc(id)}/query/run`, { ...req })),
    startRecording: async (id) => {
      await call('POST', '/api/recordings/start', { incident: id } satisfies ApiBody<'startRecording'>);
    },
    stopRecording: async (id, title) => {
      const res = await call('POST', '/api/recordings/stop', { incident: id, title } satisfies ApiBody<'stopRecording'>);
      return recordingSchema.parse(res);
    },
    eventsUrl: (incident) => {
      const q = new URLSearchParams();
      if (incident !== undefined) q.set('incident', String(incident));
      if (env.token) q.set('access_token', env.token);
      const s = q.toString();
      return `${env.baseUrl}/api/events${s ? '?' + s : ''}`;
    },
  };
}

export { asIncident };
