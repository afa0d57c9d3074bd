// Customer-support answers over HTTP (CONTRACTS §6). Routes only authenticate and validate; who may do
// what is decided in coach/support, with the caller's Principal.
import { CodedError } from '../../types.ts';
import type { SupportService } from '../../support/index.ts';
import { bodies } from '../bodies.ts';
import { directoryOf, principalOf } from '../identity.ts';
import { defineRoute, respond, type Route, type ServerDeps } from '../route.ts';
import { incidentId, positiveInt } from './common.ts';

/** The key under which the server keeps the support workflow in deps.services. */
export const SUPPORT_KEY = 'support';

export function supportOf(deps: ServerDeps): SupportService {
  const s = deps.services[SUPPORT_KEY] as SupportService | undefined;
  if (!s) throw new CodedError('support_unavailable', 'Customer-support answers are not set up on this server.', 503);
  return s;
}

const qid = (p: string | undefined): number => positiveInt(p, 'question id');

export const supportRoutes: Route[] = [
  defineRoute({
    method: 'GET',
    path: '/api/me',
    summary: 'Who the server takes you for: your person and roles (team server), or solo mode.',
    handler: (req, deps) => {
      const caller = req.caller;
      const dir = directoryOf(deps);
      if (caller?.kind === 'person') {
        const p = dir.tokenPrincipal(caller.person);
        return { mode: 'team', person: p.person, roles: p.roles, display: dir.lookup(p.person)?.display ?? null };
      }
      const as = req.query.get('as')?.trim();
      if (caller?.kind === 'shared') return { mode: 'shared', person: null, roles: [], display: null };
      const p = as ? dir.soloPrincipal(as) : null;
      return { mode: 'solo', person: p?.person ?? null, roles: p?.roles ?? ['responder', 'support'], display: p ? dir.lookup(p.person)?.display ?? null : null };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/incidents/:id/support/questions',
    body: bodies.supportAsk,
    summary: "Support asks the dev team; the answer carries the AI's draft at once (phase one).",
    handler: async (req, deps) => {
      const question = await supportOf(deps).ask(principalOf(req, deps), {
        incident: incidentId(req.params.id), question: req.body.question, origin: { via: req.headers['x-mentat-client'] === 'sidebar' ? 'sidebar' : 'api' },
      });
      return respond(201, { question });
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/incidents/:id/support/questions',
    summary: "An incident's support questions, newest first, with state, draft, candidate and audit.",
    handler: (req, deps) => ({ questions: supportOf(deps).list(incidentId(req.params.id)) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/incidents/:id/support/answers',
    summary: 'Answers responders approved for this incident, newest first, for support to reuse.',
    handler: (req, deps) => ({ answers: supportOf(deps).answers(incidentId(req.params.id)) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/support/questions/:qid',
    summary: 'One support question with its audit trail.',
    handler: (req, deps) => ({ question: supportOf(deps).get(qid(req.params.qid)) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/support/questions/:qid/audit',
    summary: "A question's audit trail and every version, as a JSON export.",
    handler: (req, deps) => {
      const q = supportOf(deps).get(qid(req.params.qid));
      return { question: { id: q.id, incidentId: q.incidentId, question: q.question, askedBy: q.askedBy, state: q.state }, audit: q.audit,
        versions: deps.store.support.versions(q.id), exportedAt: deps.clock.now().toISOString() };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/support/questions/:qid/edit',
    body: bodies.supportEdit,
    summary: 'A responder edits the current version\'s tiers: a new version (409 when the version is not current).',
    handler: (req, deps) => ({ question: supportOf(deps).edit(principalOf(req, deps), qid(req.params.qid), req.body.version, req.body.tiers) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/support/questions/:qid/rewrite',
    body: bodies.supportRewrite,
    summary: "A responder's own words become both tiers, with the facts still missing asked back: a new version.",
    handler: async (req, deps) => ({ question: await supportOf(deps).rewrite(principalOf(req, deps), qid(req.params.qid), req.body.version, req.body.reply) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/support/questions/:qid/approve',
    body: bodies.supportApprove,
    summary: 'A responder approves exactly this version: it is published (403 not a responder, 409 stale, 422 not customer-safe).',
    handler: (req, deps) => ({ question: supportOf(deps).approve(principalOf(req, deps), qid(req.params.qid), req.body.version) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/support/questions/:qid/withdraw',
    body: bodies.supportWithdraw,
    summary: 'The asker (or a responder) withdraws a question; it is never published.',
    handler: (req, deps) => ({ question: supportOf(deps).withdraw(principalOf(req, deps), qid(req.params.qid), req.body.reason ?? null) }),
  }),
];
