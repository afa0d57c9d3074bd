// Incidents opened outside Slack (an Alertmanager webhook, the desktop) are announced in a configured
// channel, with how to link the incident's own channel.
import type { webApi } from '@slack/bolt';
import type { CoachApi } from '../../coach/incident/api.ts';
import type { Incident } from '../../coach/types.ts';
import { postBlocks } from './post.ts';
import { context, mrkdwn } from './views/limits.ts';
import { incidentLine } from './views/status.ts';

export function announceOpened(opts: {
  coach: CoachApi;
  client: webApi.WebClient;
  channel: string;
  incidentUrl: (id: number) => string | null;
  log: (line: string) => void;
}): () => void {
  return opts.coach.subscribe((change) => {
    if (change.type !== 'timeline' || change.event.kind !== 'opened') return;
    let incident: Incident;
    try {
      incident = opts.coach.view(change.incidentId).incident;
    } catch {
      return;
    }
    // Opened from Slack means it already has its channel, where the opening was posted.
    if (incident.channel) return;
    const url = opts.incidentUrl(incident.id);
    const blocks = [
      mrkdwn(`:rotating_light: ${incidentLine(incident)}${url ? ` · <${url}|open in Mentat>` : ''}`),
      context(`Work it in a channel of its own: \`/mentat incident link ${incident.key}\` there.`),
    ];
    postBlocks(opts.client, { channel: opts.channel, threadTs: null }, blocks, `${incident.key} opened: ${incident.title}`)
      .catch((e: unknown) => opts.log(`slack: announcing ${incident.key} failed: ${e instanceof Error ? e.message : String(e)}`));
  });
}
