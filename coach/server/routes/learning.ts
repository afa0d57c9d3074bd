// Learning notes over HTTP (CONTRACTS §7). Routes only authenticate and validate; who may edit or publish,
// and which version, is decided in coach/learning with the caller's Principal.
import { z } from 'zod';
import type { LearningNotesService } from '../../learning/index.ts';
import { CodedError } from '../../types.ts';
import { bodies } from '../bodies.ts';
import { principalOf } from '../identity.ts';
import { defineRoute, respond, type Route, type ServerDeps } from '../route.ts';
import { incidentId, parseQuery, positiveInt } from './common.ts';

/** The key under which the server keeps the learning-note service in deps.services. */
export const LEARNING_NOTES_KEY = 'learningNotes';

export function learningNotesOf(deps: ServerDeps): LearningNotesService {
  const s = deps.services[LEARNING_NOTES_KEY] as LearningNotesService | undefined;
  if (!s) throw new CodedError('learning_notes_unavailable', 'Learning notes are not set up on this server.', 503);
  return s;
}

const nid = (p: string | undefined): number => positiveInt(p, 'note id');

const listQuery = z.object({
  state: z.enum(['draft', 'published', 'all']).default('all'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const learningRoutes: Route[] = [
  defineRoute({
    method: 'POST',
    path: '/api/incidents/:id/learning-note',
    body: bodies.learningNoteGenerate,
    summary: 'Writes a new draft version of the incident\'s learning note from its record (409 while the incident is neither mitigated nor resolved).',
    handler: async (req, deps) => respond(201, { note: await learningNotesOf(deps).generate(principalOf(req, deps), incidentId(req.params.id)) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/incidents/:id/learning-note',
    summary: "The incident's learning note at its current version (404 when there is none yet).",
    handler: (req, deps) => ({ note: learningNotesOf(deps).latest(incidentId(req.params.id)) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/learning-notes/:nid/edit',
    body: bodies.learningNoteEdit,
    summary: "A responder's edit of the current version: a new version (403 not a responder, 409 stale).",
    handler: (req, deps) => ({ note: learningNotesOf(deps).edit(principalOf(req, deps), nid(req.params.nid), req.body.version, req.body.markdown) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/learning-notes/:nid/publish',
    body: bodies.learningNotePublish,
    summary: 'A responder publishes exactly this version (403 not a responder, 409 not the current version).',
    handler: (req, deps) => ({ note: learningNotesOf(deps).publish(principalOf(req, deps), nid(req.params.nid), req.body.version) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/learning-notes',
    summary: 'Learning notes, newest first: ?state=published|draft|all&limit=N (at most 100).',
    handler: (req, deps) => {
      const q = parseQuery(listQuery, req.query);
      return { notes: learningNotesOf(deps).list({ state: q.state, limit: q.limit }) };
    },
  }),
];
