// GitHub `deployment_status` webhooks: a successful deployment is a deploy; other states are kept as a record.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { DeployData } from '../types.ts';

const login = z.looseObject({ login: z.string() });

export const githubDeploymentStatus = z.looseObject({
  action: z.string().optional(),
  deployment_status: z.looseObject({
    id: z.number(),
    state: z.string().min(1),
    environment: z.string().nullish(),
    target_url: z.string().nullish(),
    environment_url: z.string().nullish(),
    created_at: z.string().nullish(),
    description: z.string().nullish(),
    creator: login.nullish(),
  }),
  deployment: z.looseObject({
    id: z.number(),
    sha: z.string().min(7),
    ref: z.string().min(1),
    environment: z.string().min(1),
    created_at: z.string().nullish(),
    creator: login.nullish(),
    // Deployments may carry their own payload; a `service` there wins over the repository's name.
    payload: z.union([z.record(z.string(), z.unknown()), z.string()]).nullish(),
  }),
  repository: z.looseObject({ name: z.string().min(1), full_name: z.string().optional(), html_url: z.string().optional() }),
  sender: login.nullish(),
});
export type GithubDeploymentStatus = z.infer<typeof githubDeploymentStatus>;

/** Checks `X-Hub-Signature-256: sha256=<hex HMAC of the raw body>`. */
export function verifyGithubSignature(raw: Buffer, header: string | string[] | undefined, secret: string): boolean {
  if (typeof header !== 'string' || !header.startsWith('sha256=')) return false;
  const given = Buffer.from(header.slice(7), 'hex');
  const expected = createHmac('sha256', secret).update(raw).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function githubService(p: GithubDeploymentStatus): string {
  const fromPayload = typeof p.deployment.payload === 'object' && p.deployment.payload ? p.deployment.payload.service : undefined;
  return typeof fromPayload === 'string' && fromPayload.trim() ? fromPayload.trim() : p.repository.name;
}

/** `main@1a2b3c4`, or the short sha alone when the ref is the sha. */
export function githubVersion(p: GithubDeploymentStatus): string {
  const sha = p.deployment.sha.slice(0, 7);
  return p.deployment.ref === p.deployment.sha ? sha : `${p.deployment.ref}@${sha}`;
}

export function deployFromGithub(p: GithubDeploymentStatus, nowIso: string): DeployData {
  const s = p.deployment_status;
  return {
    service: githubService(p),
    version: githubVersion(p),
    at: s.created_at && !Number.isNaN(Date.parse(s.created_at)) ? new Date(s.created_at).toISOString() : nowIso,
    by: p.deployment.creator?.login ?? s.creator?.login ?? p.sender?.login ?? 'github',
    environment: s.environment ?? p.deployment.environment,
    url: s.environment_url || s.target_url || null,
    source: 'github',
  };
}
