// Working an incident: the ask box, the plan and its steps, actions, notes.
import type { CoachChange } from '../../incident/api.ts';
import { CodedError } from '../../types.ts';
import { bodies } from '../bodies.ts';
import { BROADCAST_KEY, defineRoute, type Route, type ServerDeps } from '../route.ts';
import { incidentId, positiveInt } from './common.ts';


const stepKinds = { done: 'step_done', open: 'step_reopened', dropped: 'step_dropped' } as const;

function broadcast(deps: ServerDeps, change: CoachChange): void {
  const fn = deps.services[BROADCAST_KEY];
  if (typeof fn === 'function') (fn as (c: CoachChange) => void)(change);
}

export const incidentWorkRoutes: Route[] = [
  defineRoute({
    method: 'POST',
    path: '/api/incidents/:id/say',
    body: bodies.say,
    summary: 'The ask box: a question, "I\'m stuck", or a statement; the coach answers with turns.',
    handler: (req, { coach }) => coach.handle(incidentId(req.params.id), { kind: 'say', from: req.body.from, text: req.body.text }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/incidents/:id/plan',
    body: bodies.plan,
    summary: 'State (or restate) the plan as free text; it is split into steps.',
    handler: (req, { coach }) => coach.handle(incidentId(req.params.id), { kind: 'plan', from: req.body.from, text: req.body.text }),
  }),
  defineRoute({
    method: 'PATCH',
    path: '/api/incidents/:id/plan/steps/:n',
    body: bodies.setStep,
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
    body: bodies.action,
    summary: 'Log something a person did (ran a query, opened a link, rolled back…).',
    handler: (req, { coach }) => {
      const { from, ...action } = req.body;
      return coach.handle(incidentId(req.params.id), { kind: 'action', from, action });
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/incidents/:id/notes',
    body: bodies.addNote,
    summary: 'Add a note to the incident\'s scratchpad, optionally pinned.',
    handler: (req, { coach }) =>
      coach.handle(incidentId(req.params.id), { kind: 'note', from: req.body.from, text: req.body.text, ...(req.body.pinned === undefined ? {} : { pinned: req.body.pinned }) }),
  }),
  defineRoute({
    method: 'PATCH',
    path: '/api/incidents/:id/notes/:noteId',
    body: bodies.editNote,
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
