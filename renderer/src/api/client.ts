// The sidebar's only way to the server: JSON over HTTP, with the person's name on every write.
import { z } from 'zod';
import type { Environment } from '../env.ts';
import type { ApiBody } from '../../../coach/server/bodies.ts';
import { asAnswers, asHandleResult, asIncident, asIncidents, asMe, asNote, asQuestion, asQuestions, asView, errorSchema } from './schemas.ts';
import type { HandleResult, Incident, IncidentView, Me, Note, PublishedAnswer, SupportQuestion } from './schemas.ts';
import { parseRunResponse, type RunOutcome, type RunRequest } from './run-result.ts';
import { asLearningNote, asSuggestion, asSuggestions, type LearningNote, type Suggestion } from './learning.ts';

const recordingSchema = z.looseObject({ title: z.string(), steps: z.array(z.string()) });

/** A failed request, carrying the server's code and its message for people. */
export class ApiError extends Error {
  constructor(readonly code: string, message: string, readonly status: number, readonly details?: unknown) {
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
  /** Support asks the dev team; the answer already carries the AI's draft. */
  askSupport(id: number, body: ApiBody<'supportAsk'>): Promise<SupportQuestion>;
  supportQuestions(id: number): Promise<SupportQuestion[]>;
  supportAnswers(id: number): Promise<PublishedAnswer[]>;
  supportQuestion(qid: number): Promise<SupportQuestion>;
  /** The audit trail and every version, exactly as the server exports it. */
  supportAudit(qid: number): Promise<unknown>;
  editSupport(qid: number, body: ApiBody<'supportEdit'>): Promise<SupportQuestion>;
  rewriteSupport(qid: number, body: ApiBody<'supportRewrite'>): Promise<SupportQuestion>;
  approveSupport(qid: number, body: ApiBody<'supportApprove'>): Promise<SupportQuestion>;
  withdrawSupport(qid: number, body: ApiBody<'supportWithdraw'>): Promise<SupportQuestion>;
  /** The incident's learning note (latest version), or null when none has been drafted. */
  learningNote(id: number): Promise<LearningNote | null>;
  /** Drafts a new version from the record (409 while the incident is neither mitigated nor resolved). */
  draftLearningNote(id: number): Promise<LearningNote>;
  /** A responder's edit: a new version (409 when `version` is no longer current). */
  editLearningNote(nid: number, body: { version: number; markdown: string }): Promise<LearningNote>;
  /** Publishes exactly `version` (403 not a responder, 409 not current). */
  publishLearningNote(nid: number, body: { version: number }): Promise<LearningNote>;
  acceptSuggestion(sid: number): Promise<Suggestion>;
  dismissSuggestion(sid: number): Promise<Suggestion>;
  /** The person's accepted suggestions, when the server lists them; [] when it has no such route. */
  acceptedSuggestions(): Promise<Suggestion[]>;
  eventsUrl(incident?: number): string;
}

type Fetch = typeof fetch;

async function request(env: Environment, fetchImpl: Fetch, method: string, path: string, body?: Record<string, unknown>): Promise<unknown> {
  // The server records where a support question came from by this header.
  const headers: Record<string, string> = { accept: 'application/json', 'x-mentat-client': 'sidebar' };
  if (body) headers['content-type'] = 'application/json';
  if (env.token) headers.authorization = `Bearer ${env.token}`;
  let res: Response;
  try {
    res = await fetchImpl(env.baseUrl + path, { method, headers, body: body ? JSON.stringify(body) : undefined });
  } catch {
    throw new ApiError('offline', 'The Mentat server cannot be reached. Check that it is running; the sidebar retries on its own.', 0);
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null; // A proxy's HTML error page: the status line below says what happened.
  }
  if (!res.ok) {
    const err = errorSchema.safeParse(json);
    if (err.success) throw new ApiError(err.data.error.code, err.data.error.message, res.status, err.data.error.details);
    throw new ApiError('http_' + res.status, `The server answered ${res.status} ${res.statusText}.`, res.status);
  }
  return json;
}

/** Who the server takes this page for (GET /api/me): a team server answers 401 without a valid token. */
export async function whoAmI(env: Environment, as?: string, fetchImpl: Fetch = fetch.bind(window)): Promise<Me> {
  const q = as ? `?as=${encodeURIComponent(as)}` : '';
  return asMe(await request(env, fetchImpl, 'GET', `/api/me${q}`));
}

export function createClient(env: Environment, from: string, fetchImpl: Fetch = fetch.bind(window)): Client {
  const call = (method: string, path: string, body?: Record<string, unknown>): Promise<unknown> =>
    request(env, fetchImpl, method, path, body ? { from, ...body } : undefined);
  const inc = (id: number) => `/api/incidents/${id}`;
  const sq = (qid: number) => `/api/support/questions/${qid}`;
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
    askSupport: async (id, body) => asQuestion(await call('POST', `${inc(id)}/support/questions`, { ...body })),
    supportQuestions: async (id) => asQuestions(await call('GET', `${inc(id)}/support/questions`)),
    supportAnswers: async (id) => asAnswers(await call('GET', `${inc(id)}/support/answers`)),
    supportQuestion: async (qid) => asQuestion(await call('GET', sq(qid))),
    supportAudit: (qid) => call('GET', `${sq(qid)}/audit`),
    editSupport: async (qid, body) => asQuestion(await call('POST', `${sq(qid)}/edit`, { ...body })),
    rewriteSupport: async (qid, body) => asQuestion(await call('POST', `${sq(qid)}/rewrite`, { ...body })),
    approveSupport: async (qid, body) => asQuestion(await call('POST', `${sq(qid)}/approve`, { ...body })),
    withdrawSupport: async (qid, body) => asQuestion(await call('POST', `${sq(qid)}/withdraw`, { ...body })),
    learningNote: async (id) => {
      try {
        return asLearningNote(await call('GET', `${inc(id)}/learning-note`));
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
    draftLearningNote: async (id) => asLearningNote(await call('POST', `${inc(id)}/learning-note`, {})),
    editLearningNote: async (nid, body) => asLearningNote(await call('POST', `/api/learning-notes/${nid}/edit`, { ...body })),
    publishLearningNote: async (nid, body) => asLearningNote(await call('POST', `/api/learning-notes/${nid}/publish`, { ...body })),
    acceptSuggestion: async (sid) => asSuggestion(await call('POST', `/api/suggestions/${sid}/accept`, {})),
    dismissSuggestion: async (sid) => asSuggestion(await call('POST', `/api/suggestions/${sid}/dismiss`, {})),
    acceptedSuggestions: async () => {
      try {
        return asSuggestions(await call('GET', `/api/suggestions?person=${encodeURIComponent(from)}&state=accepted`));
      } catch (e) {
        if (e instanceof ApiError && (e.status === 404 || e.status === 405)) return [];
        throw e;
      }
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
