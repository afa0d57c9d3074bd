// Deployment states other than success (pending, failure, error, inactive…) are kept, but are not deploys.
import type { Store } from '../store/index.ts';
import type { Action } from '../types.ts';
import type { GithubDeploymentStatus } from './github.ts';
import { githubService, githubVersion } from './github.ts';

/** Records the status once per GitHub deployment status id; returns null for a repeated delivery. */
export function recordGithubStatus(store: Store, p: GithubDeploymentStatus, nowIso: string): Action | null {
  const key = `github-status:${p.deployment_status.id}`;
  return store.tx(() => {
    const seen = store.db
      .prepare(`SELECT 1 FROM actions WHERE incident_id IS NULL AND kind = 'deploy_status' AND json_extract(payload, '$.dedupeKey') = ? LIMIT 1`)
      .get(key);
    if (seen) return null;
    const service = githubService(p);
    const state = p.deployment_status.state;
    return store.actions.add({
      incidentId: null,
      actor: p.deployment.creator?.login ?? p.sender?.login ?? 'github',
      at: nowIso,
      kind: 'deploy_status',
      text: `deployment of ${service} ${githubVersion(p)} to ${p.deployment.environment}: ${state}`,
      payload: { dedupeKey: key, service, version: githubVersion(p), environment: p.deployment.environment, state,
        description: p.deployment_status.description ?? null, url: p.deployment_status.target_url ?? null },
    });
  });
}
