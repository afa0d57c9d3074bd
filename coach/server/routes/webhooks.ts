// Webhooks in: Alertmanager, a generic deploy notice, GitHub deployment statuses (docs/webhooks.md).
import {
  alertmanagerPayload, deployFromGithub, deployWebhookBody, githubDeploymentStatus, ingestAlertmanager, recordDeploy,
  recordGithubStatus, verifyGithubSignature,
} from '../../sources/index.ts';
import { CodedError } from '../../types.ts';
import { defineRoute, respond, type Route, type RouteRequest, type ServerDeps } from '../route.ts';
import { zodToCodedError } from '../errors.ts';

function githubSecret(deps: ServerDeps): string | null {
  const s = deps.services.githubSecret;
  return typeof s === 'string' && s ? s : null;
}

function signed(req: RouteRequest, deps: ServerDeps): boolean {
  const secret = githubSecret(deps);
  return secret !== null && verifyGithubSignature(req.raw, req.headers['x-hub-signature-256'], secret);
}

export const webhookRoutes: Route[] = [
  defineRoute({
    method: 'POST',
    path: '/api/webhooks/alertmanager',
    body: alertmanagerPayload,
    summary: 'Alertmanager webhook (version 4): firing alerts open or join incidents; resolved ones are marked.',
    handler: async (req, deps) => {
      const results = await ingestAlertmanager(req.body, deps);
      return { received: results.length, results };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/webhooks/deploy',
    body: deployWebhookBody,
    summary: 'A deploy happened: kept for later incidents, attached to the open incident for its service.',
    handler: async (req, { store, coach, clock }) => {
      const b = req.body;
      const now = clock.now().toISOString();
      const deploy = { service: b.service, version: b.version, at: b.at ? new Date(b.at).toISOString() : now, by: b.by ?? 'deploy-webhook',
        environment: b.environment ?? null, url: b.url ?? null, source: 'webhook' as const };
      const r = await recordDeploy(store, coach, deploy, { deliveryId: b.id ?? null, timed: b.at !== undefined, nowIso: now });
      return respond(r.recorded ? 201 : 200, { recorded: r.recorded, deploy, incident: r.incident?.key ?? null });
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/webhooks/github',
    summary: 'GitHub webhook: deployment_status events; a successful one is a deploy.',
    authorize: signed,
    handler: async (req, deps) => {
      const secret = githubSecret(deps);
      if (secret && !signed(req, deps)) {
        throw new CodedError('bad_signature', 'X-Hub-Signature-256 is missing or does not match the configured GitHub webhook secret.', 401);
      }
      const event = req.headers['x-github-event'];
      if (typeof event !== 'string' || !event) throw new CodedError('missing_event', 'Send the X-GitHub-Event header.', 400);
      if (event === 'ping') return { ok: true, event };
      if (event !== 'deployment_status') return respond(202, { ignored: event });
      const parsed = githubDeploymentStatus.safeParse(req.body);
      if (!parsed.success) throw zodToCodedError(parsed.error, 'body');
      const p = parsed.data;
      const now = deps.clock.now().toISOString();
      const delivery = req.headers['x-github-delivery'];
      if (p.deployment_status.state !== 'success') {
        const action = recordGithubStatus(deps.store, p, now);
        return { recorded: action !== null, state: p.deployment_status.state, deploy: null, incident: null };
      }
      const deploy = deployFromGithub(p, now);
      const r = await recordDeploy(deps.store, deps.coach, deploy, {
        deliveryId: `github:${p.deployment_status.id}`, timed: true, nowIso: now,
      });
      return respond(r.recorded ? 201 : 200, {
        recorded: r.recorded, state: 'success', deploy, incident: r.incident?.key ?? null,
        ...(typeof delivery === 'string' ? { delivery } : {}),
      });
    },
  }),
];
