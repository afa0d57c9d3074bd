// Routes one alert to an incident through the coach: firing opens or joins, resolved marks the timeline.
import type { AlertRouter } from '../../sources/index.ts';
import type { ServerDeps } from '../route.ts';

export function alertRouter({ store, coach }: ServerDeps): AlertRouter {
  return async (alert, status, severity) => {
    const open = store.incidents.findOpenFor(alert.fingerprint ?? null, alert.service);
    if (status === 'resolved') return open ? coach.handle(open.id, { kind: 'alert', status, alert }) : null;
    if (open) return coach.handle(open.id, { kind: 'alert', status, alert });
    const opened = await coach.open({
      title: alert.annotations.summary ?? alert.name, service: alert.service, severity, by: 'alertmanager',
      at: alert.startsAt, fingerprint: alert.fingerprint ?? null,
    });
    return coach.handle(opened.incident.id, { kind: 'alert', status, alert });
  };
}
