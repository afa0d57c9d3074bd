// Working an incident: the ask box, the plan and its steps, actions, notes.
import { z } from 'zod';
import type { CoachChange } from '../../incident/api.ts';
import { CodedError } from '../../types.ts';
import { BROADCAST_KEY, defineRoute, type Route, type ServerDeps } from '../route.ts';
import { actor, incidentId, isoTime, positiveInt } from './common.ts';

const text = z.string().trim().min(1).max(20_000);

const actionBody = z.object({
  from: actor,
  kind: z.string().trim().min(1).max(64).regex(/^[a-z][a-z0-9_.-]*$/, 'Use a lower-case kind such as query_run'),
  step: z.number().int().positive().nullish(),
  text: z.string().max(20_000).optional(),
  query: z.string().max(20_000).optional(),
  language: z.enum(['promql', 'logql', 'traceql']).optional(),
  range: z.object({ from: isoTime, to: isoTime }).optional(),
  url: z.url({ protocol: /^https?$/ }).optional(),
  payload: z.record(z.string(), z.unknown()).optional(),
});

const stepKinds = { done: 'step_done', open: 'step_reopened', dropped: 'step_dropped' } as const;

function broadcast(deps: ServerDeps, change: CoachChange): void {
  const fn = deps.services[BROADCAST_KEY];
  if (typeof fn === 'function') (fn as (c: CoachChange) => void)(change);
}

export const incidentWorkRoutes: Route[] = [
  defineRoute({
    method: 'POST',
    path: '/api/incidents/:id/say',
    body: z.object({ from: actor, text }),
    summary: 'The ask box: a question, "I\'m stuck", or a statement; the coach answers with turns.',
    handler: (req, { coach }) => coach.handle(incidentId(req.params.id), { kind: 'say', from: req.body.from, text: req.body.text }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/incidents/:id/plan',
    body: z.object({ from: actor, text }),
    summary: 'State (or restate) the plan as free text; it is split into steps.',
    handler: (req, { coach }) => coach.handle(incidentId(req.params.id), { kind: 'plan', from: req.body.from, text: req.body.text }),
  }),
  defineRoute({
    method: 'PATCH',
    path: '/api/incidents/:id/plan/steps/:n',
    body: z.object({ from: actor, state: z.enum(['open', 'done', 'dropped']) }),
    summary: 'Mark a plan step done, dropped or open again; logged as the person\'s action.',
    handler: async (req, { coach, store, clock }) => {
      const id = incidentId(req.params.id);
      const n = positiveInt(req.params.n, 'The step number');
      const state = req.body.state;
      // The coach marks steps done or dropped as it logs those actions; reopening is only logged, so it is set here.
      if (state === 'open') {
        store.tx(() => store.plans.setStepState(store.incidents.get(id).id, n, 'open', clock.now().toISOString()));
      }
      const result = await coach.handle(id, { kind: 'action', from: req.body.from, action: { kind: stepKinds[state], step: n } });
      return { ...result, plan: store.plans.current(result.incident.id) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/incidents/:id/actions',
    body: actionBody,
    summary: 'Log something a person did (ran a query, opened a link, rolled back…).',
    handler: (req, { coach }) => {
      const { from, ...action } = req.body;
      return coach.handle(incidentId(req.params.id), { kind: 'action', from, action });
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/incidents/:id/notes',
    body: z.object({ from: actor, text, pinned: z.boolean().optional() }),
    summary: 'Add a note to the incident\'s scratchpad, optionally pinned.',
    handler: (req, { coach }) =>
      coach.handle(incidentId(req.params.id), { kind: 'note', from: req.body.from, text: req.body.text, ...(req.body.pinned === undefined ? {} : { pinned: req.body.pinned }) }),
  }),
  defineRoute({
    method: 'PATCH',
    path: '/api/incidents/:id/notes/:noteId',
    body: z.object({ from: actor, text: text.optional(), pinned: z.boolean().optional() })
      .refine((b) => b.text !== undefined || b.pinned !== undefined, { message: 'Send text, pinned or both', path: ['text'] }),
    summary: 'Edit a note\'s text or pin it.',
    handler: (req, deps) => {
      const id = incidentId(req.params.id);
      const noteId = positiveInt(req.params.noteId, 'The note id');
      const { store, clock } = deps;
      const note = store.tx(() => {
        store.incidents.get(id);
        const before = store.notes.get(noteId);
        if (before.incidentId !== id) throw new CodedError('note_not_found', `Incident ${id} has no note ${noteId}.`, 404);
        return store.notes.update(noteId, clock.now().toISOString(), {
          ...(req.body.text === undefined ? {} : { text: req.body.text }),
          ...(req.body.pinned === undefined ? {} : { pinned: req.body.pinned }),
        });
      });
      broadcast(deps, { type: 'note', incidentId: id, note });
      return { note };
    },
  }),
];
