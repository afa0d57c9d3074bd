// The demo workspace's recorded incident, as a new user first sees it: seeded by the server when it
// does that, otherwise replayed here through the public API (webhooks, plan, say, actions).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Incident } from '../../coach/types.ts';
import { DEMO_WORKSPACE, type MentatServer } from './mentat-server.ts';

export const DEMO_TITLE = 'Checkout 5xx errors above SLO';

const replayLine = z.looseObject({
  incident: z.looseObject({ title: z.string() }).optional(),
  deploy: z.record(z.string(), z.unknown()).optional(),
  alert: z.object({ name: z.string(), service: z.string(), startsAt: z.string(), labels: z.record(z.string(), z.string()), annotations: z.record(z.string(), z.string()) }).optional(),
  from: z.string().optional(),
  plan: z.string().optional(),
  say: z.string().optional(),
  action: z.record(z.string(), z.unknown()).optional(),
});

/** The demo workspace's recorded incident, seeded by the server, or replayed through the API when it is not. */
export async function demoIncident(server: MentatServer): Promise<Incident> {
  const all = await server.api<{ incidents: Incident[] }>('GET', '/api/incidents?status=all');
  const seeded = all.incidents.find((i) => i.title === DEMO_TITLE);
  if (seeded) return seeded;
  return seedDemo(server);
}

async function seedDemo(server: MentatServer): Promise<Incident> {
  const lines = readFileSync(join(DEMO_WORKSPACE, 'incident.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => replayLine.parse(JSON.parse(l)));
  let incident: Incident | null = null;
  for (const l of lines) {
    if (l.incident) {
      incident = (await server.api<{ incident: Incident }>('POST', '/api/incidents', { ...l.incident, from: 'demo' })).incident;
      continue;
    }
    if (!incident) throw new Error('demo replay does not open with an incident');
    const id = incident.id;
    if (l.deploy) await server.api('POST', '/api/webhooks/deploy', l.deploy);
    else if (l.alert) await server.api('POST', '/api/webhooks/alertmanager', alertPayload(l.alert));
    else if (l.plan) await server.api('POST', `/api/incidents/${id}/plan`, { from: l.from, text: l.plan });
    else if (l.say) await server.api('POST', `/api/incidents/${id}/say`, { from: l.from, text: l.say });
    else if (l.action) await server.api('POST', `/api/incidents/${id}/actions`, { from: l.from, ...l.action });
  }
  if (!incident) throw new Error('demo replay is empty');
  return incident;
}

function alertPayload(a: { name: string; service: string; startsAt: string; labels: Record<string, string>; annotations: Record<string, string> }): unknown {
  const labels = { alertname: a.name, service: a.service, ...a.labels };
  return {
    version: '4', groupKey: `{}:{alertname="${a.name}"}`, status: 'firing', receiver: 'mentat', groupLabels: { alertname: a.name },
    commonLabels: labels, commonAnnotations: a.annotations, externalURL: 'http://alertmanager.example.internal', truncatedAlerts: 0,
    alerts: [{ status: 'firing', labels, annotations: a.annotations, startsAt: a.startsAt, endsAt: '0001-01-01T00:00:00Z', generatorURL: '', fingerprint: 'demo0001' }],
  };
}
