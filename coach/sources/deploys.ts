// Deploys are kept whether or not an incident is open, so an incident opened later can see what shipped before it.
import { z } from 'zod';
import type { CoachApi, HandleResult } from '../incident/api.ts';
import type { Store } from '../store/index.ts';
import type { Action, DeployData, Incident, Turn } from '../types.ts';

/** The generic deploy webhook (docs/webhooks.md). */
export const deployWebhookBody = z.object({
  service: z.string().trim().min(1).max(200),
  version: z.string().trim().min(1).max(200),
  at: z.iso.datetime({ offset: true }).optional(),
  by: z.string().trim().min(1).max(200).optional(),
  environment: z.string().trim().min(1).max(100).nullish(),
  url: z.url({ protocol: /^https?$/ }).nullish(),
  /** The sender's delivery id; a repeat of the same id is recorded once. */
  id: z.string().trim().min(1).max(200).optional(),
});
export type DeployWebhookBody = z.infer<typeof deployWebhookBody>;

/** Deliveries of the same deploy with neither an id nor a time count as one inside this window. */
const UNTIMED_DEDUPE_MS = 10 * 60_000;

export interface RecordedDeploy {
  deploy: DeployData;
  /** False when this delivery repeated one already recorded. */
  recorded: boolean;
  action: Action | null;
  /** The open incident the deploy was attached to, if any. */
  incident: HandleResult['incident'] | null;
}

function describe(d: DeployData): string {
  return `deploy ${d.service} ${d.version}${d.environment ? ` to ${d.environment}` : ''} by ${d.by}`;
}

function findDuplicate(store: Store, key: string, sinceIso: string | null): boolean {
  const row = store.db
    .prepare(`SELECT id FROM actions WHERE incident_id IS NULL AND kind = 'deploy' AND json_extract(payload, '$.dedupeKey') = ?
              ${sinceIso ? 'AND at >= ?' : ''} LIMIT 1`)
    .get(...(sinceIso ? [key, sinceIso] : [key])) as { id: number } | undefined;
  return row !== undefined;
}

export interface DeployDelivery {
  /** The sender's delivery id, when it has one: the surest way to spot a repeat. */
  deliveryId?: string | null;
  /** Whether the sender said when the deploy happened (else `deploy.at` is the arrival time). */
  timed: boolean;
  nowIso: string;
}

/** Records a deploy once, then attaches it to the open incident for its service, if there is one. */
export async function recordDeploy(store: Store, coach: CoachApi, deploy: DeployData, delivery: DeployDelivery): Promise<RecordedDeploy> {
  const base = `${deploy.service}|${deploy.version}|${deploy.environment ?? ''}`;
  const key = delivery.deliveryId ? `id:${delivery.deliveryId}` : delivery.timed ? `${base}|${deploy.at}` : base;
  const window = delivery.deliveryId || delivery.timed ? null : new Date(Date.parse(delivery.nowIso) - UNTIMED_DEDUPE_MS).toISOString();
  const action = store.tx(() => {
    if (findDuplicate(store, key, window)) return null;
    return store.actions.add({
      incidentId: null, actor: deploy.by, at: deploy.at, kind: 'deploy', text: describe(deploy), payload: { ...deploy, dedupeKey: key },
    });
  });
  if (!action) return { deploy, recorded: false, action: null, incident: null };
  const open = store.incidents.findOpenFor(null, deploy.service);
  if (!open) return { deploy, recorded: true, action, incident: null };
  const result = await coach.handle(open.id, { kind: 'deploy', deploy });
  return { deploy, recorded: true, action, incident: result.incident };
}

/** Deploys of `service` at or after `sinceIso`, oldest first, whether or not an incident was open then. */
export function recentDeploys(store: Store, service: string, sinceIso: string): DeployData[] {
  const rows = store.db
    .prepare(`SELECT payload FROM actions WHERE incident_id IS NULL AND kind = 'deploy' AND at >= ?
              AND json_extract(payload, '$.service') = ? ORDER BY at, id`)
    .all(sinceIso, service) as { payload: string }[];
  return rows.map((r) => {
    const p = JSON.parse(r.payload) as DeployData & { dedupeKey?: string };
    const { dedupeKey: _key, ...deploy } = p;
    return deploy;
  });
}

/** How far before an incident opened a deploy still counts as a suspect. */
export const DEPLOY_LOOKBACK_MINUTES = 120;

/**
 * Puts the deploys of a just-opened incident's service from the look-back window on its timeline, so the
 * coach can ask about a deploy that went out before anyone opened the incident. Returns the turns that caused.
 */
export async function attachRecentDeploys(store: Store, coach: CoachApi, incident: Incident, lookbackMinutes = DEPLOY_LOOKBACK_MINUTES): Promise<Turn[]> {
  if (!incident.service) return [];
  const since = new Date(Date.parse(incident.openedAt) - lookbackMinutes * 60_000).toISOString();
  const turns: Turn[] = [];
  for (const deploy of recentDeploys(store, incident.service, since)) {
    turns.push(...(await coach.handle(incident.id, { kind: 'deploy', deploy })).turns);
  }
  return turns;
}
