// The open incidents, kept current: any change to an incident (opened, status changed) refetches the list.
import { useCallback, useEffect, useState } from 'react';
import { useEventStream, type Client, type Incident, type StreamState } from '../api/index.ts';

export interface IncidentList {
  incidents: Incident[] | null;
  error: string | null;
  stream: StreamState;
  reload(): void;
}

export function useIncidents(client: Client): IncidentList {
  const [incidents, setIncidents] = useState<Incident[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    client.listIncidents('open').then(
      (list) => {
        setIncidents(list);
        setError(null);
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [client]);
  useEffect(reload, [reload]);
  const stream = useEventStream(
    client.eventsUrl(),
    (c) => {
      if (c.type === 'incident') reload();
    },
    reload,
  );
  return { incidents, error, stream, reload };
}
