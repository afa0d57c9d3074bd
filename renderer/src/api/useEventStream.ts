// The live feed: one EventSource per view. The browser retries a dropped stream by itself (the server
// sends `retry: 2000`); when it gives up (readyState CLOSED, e.g. after an HTTP error) a new one is made.
// Every `hello` after the first means the stream came back, so the view refetches what it missed.
import { useEffect, useRef, useState } from 'react';
import { asChange, type LiveChange } from './schemas.ts';

export type StreamState = 'connecting' | 'live' | 'offline';

const TYPES = ['incident', 'timeline', 'turn', 'action', 'plan', 'note', 'support_question', 'support_batch', 'support_published', 'learning_note', 'suggestion'] as const;
const MAX_BACKOFF_MS = 10_000;

export function useEventStream(
  url: string | null,
  onChange: (change: LiveChange) => void,
  onReconnect: () => void,
): StreamState {
  const [state, setState] = useState<StreamState>('connecting');
  const handlers = useRef({ onChange, onReconnect });
  handlers.current = { onChange, onReconnect };

  useEffect(() => {
    if (!url) return;
    let es: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let greeted = false;
    let backoff = 1000;
    let stopped = false;

    const connect = (): void => {
      es = new EventSource(url);
      es.addEventListener('hello', () => {
        backoff = 1000;
        setState('live');
        if (greeted) handlers.current.onReconnect();
        greeted = true;
      });
      for (const type of TYPES) {
        es.addEventListener(type, (ev: MessageEvent<string>) => {
          let change: LiveChange;
          try {
            change = asChange(JSON.parse(ev.data));
          } catch {
            return; // A change this build does not understand is skipped; the next refetch brings the truth.
          }
          handlers.current.onChange(change);
        });
      }
      es.onerror = () => {
        setState('offline');
        if (es && es.readyState === EventSource.CLOSED && !stopped) {
          es.close();
          timer = setTimeout(connect, backoff);
          backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        }
      };
    };
    setState('connecting');
    connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      es?.close();
    };
  }, [url]);

  return state;
}
