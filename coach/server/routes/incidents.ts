// Incidents: list, open, view, change status.
import { z } from 'zod';
import { attachRecentDeploys } from '../../sources/index.ts';
import { bodies } from '../bodies.ts';
import { defineRoute, respond, type Route } from '../route.ts';
import { incidentId, parseQuery } from './common.ts';

const listQuery = z.object({ status: z.enum(['open', 'all']).default('open') });

const openBody = bodies.openIncident;
const statusBody = bodies.setStatus;

export const incidentRoutes: Route[] = [
  defineRoute({
    method: 'GET',
    path: '/api/incidents',
    summary: 'List incidents: open ones (default) or all.',
    handler: (req, { store }) => {
      const { status } = parseQuery(listQuery, req.query);
      return { incidents: store.incidents.list({ status }) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/incidents',
    body: openBody,
    summary: 'Open an incident; the answer carries the coach\'s first turns.',
    handler: async (req, { coach, store }) => {
      const b = req.body;
      const result = await coach.open({ title: b.title, service: b.service ?? null, ...(b.severity ? { severity: b.severity } : {}), by: b.from });
      const deployTurns = await attachRecentDeploys(store, coach, result.incident);
      return respond(201, { ...result, incident: store.incidents.get(result.incident.id), turns: [...result.turns, ...deployTurns] });
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/incidents/:id',
    summary: 'Everything about one incident: timeline, plan, notes, actions, turns, checklist.',
    handler: (req, { coach }) => coach.view(incidentId(req.params.id)),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/incidents/:id/status',
    body: statusBody,
    summary: 'Move an incident to acknowledged, mitigated, resolved (or back to open).',
    handler: (req, { coach }) =>
      coach.handle(incidentId(req.params.id), { kind: 'status', from: req.body.from, status: req.body.status }),
  }),
];
