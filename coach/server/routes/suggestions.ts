// Enhancement suggestions (H2–H5) over HTTP: a person accepts or dismisses what was offered to them, and
// reads back what they accepted. Who may answer is decided in coach/learning/enhance, with the caller's person.
import { z } from 'zod';
import { createSuggestionService, type SuggestionService } from '../../learning/enhance/index.ts';
import { bodies } from '../bodies.ts';
import { principalOf } from '../identity.ts';
import { defineRoute, type Route, type ServerDeps } from '../route.ts';
import { actor, incidentId, parseQuery, positiveInt } from './common.ts';

/** The key under which the server keeps the suggestion workflow in deps.services. */
export const SUGGESTIONS_KEY = 'suggestions';

export function suggestionsOf(deps: ServerDeps): SuggestionService {
  return (deps.services[SUGGESTIONS_KEY] as SuggestionService | undefined) ?? createSuggestionService({ store: deps.store, clock: deps.clock });
}

const sid = (p: string | undefined): number => positiveInt(p, 'suggestion id');

const listQuery = z.object({
  person: actor,
  state: z.enum(['offered', 'accepted', 'dismissed']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

const answer = (accept: boolean): Route => defineRoute({
  method: 'POST',
  path: `/api/suggestions/:sid/${accept ? 'accept' : 'dismiss'}`,
  body: bodies.suggestionAnswer,
  summary: accept
    ? 'Accept a suggestion offered to you; it is remembered (404 unknown, 403 not yours, 409 already answered).'
    : 'Dismiss a suggestion offered to you; dismissals rank its kind down for you (404, 403, 409 as for accept).',
  handler: (req, deps) => ({
    suggestion: suggestionsOf(deps).answer({ id: sid(req.params.sid), person: principalOf(req, deps).person, accept }),
  }),
});

export const suggestionRoutes: Route[] = [
  answer(true),
  answer(false),
  defineRoute({
    method: 'GET',
    path: '/api/suggestions',
    summary: "A person's suggestions, newest first; ?state=accepted lists what they accepted.",
    handler: (req, { store }) => {
      const q = parseQuery(listQuery, req.query);
      return { suggestions: store.suggestions.ofPerson(q.person, q.state, q.limit) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/incidents/:id/suggestions',
    summary: 'Every suggestion offered in an incident, oldest first, with its state.',
    handler: (req, { store }) => {
      const id = incidentId(req.params.id);
      store.incidents.get(id);
      return { suggestions: store.suggestions.list(id) };
    },
  }),
];
