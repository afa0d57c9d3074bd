// One incident, live: loaded once, kept current from the event stream, refetched after a reconnect.
// The checklist is computed on the server from the whole incident, so it is refreshed (debounced)
// after changes that can tick an item rather than guessed here.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useEventStream, type Client, type HandleResult, type IncidentView, type LearningChange, type LiveChange, type StreamState, type SuggestionChange, type SupportChange } from '../api/index.ts';
import { applyChange, applyResult, applySuggestion } from './merge.ts';

/** Changes of the Enhance side (learning notes, suggestions) as the panes hear them. */
export type EnhanceChange = LearningChange | SuggestionChange | { type: 'reconnected' };

export interface IncidentState {
  view: IncidentView | null;
  error: string | null;
  stream: StreamState;
  apply(result: HandleResult): void;
  patch(fn: (v: IncidentView) => IncidentView): void;
  /** Refetches the whole view, e.g. to undo an optimistic change the server refused. */
  reload(): void;
  /** The support workflow's live changes for this incident, from the same event stream; returns unsubscribe. */
  onSupport: (listener: (change: SupportChange | { type: 'reconnected' }) => void) => () => void;
  /** Learning-note and suggestion changes from the same stream; returns unsubscribe. */
  onEnhance: (listener: (change: EnhanceChange) => void) => () => void;
}

const REFRESH_DEBOUNCE_MS = 400;

export function useIncident(client: Client, id: number): IncidentState {
  const [view, setView] = useState<IncidentView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const supportListeners = useRef(new Set<(change: SupportChange | { type: 'reconnected' }) => void>());
  const enhanceListeners = useRef(new Set<(change: EnhanceChange) => void>());

  const load = useCallback(() => {
    client.view(id).then(
      (v) => {
        setView(v);
        setError(null);
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [client, id]);

  const scheduleRefresh = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(load, REFRESH_DEBOUNCE_MS);
  }, [load]);

  useEffect(() => {
    setView(null);
    load();
    return () => clearTimeout(timer.current);
  }, [load]);

  const onChange = useCallback(
    (change: LiveChange) => {
      if (change.type.startsWith('support_')) {
        for (const l of supportListeners.current) l(change as SupportChange);
        return;
      }
      if (change.type === 'learning_note' || change.type === 'suggestion') {
        if (change.type === 'suggestion') {
          const s = change.suggestion;
          setView((v) => (v ? applySuggestion(v, s) : v));
        }
        for (const l of enhanceListeners.current) l(change);
        return;
      }
      const coach = change as Exclude<LiveChange, SupportChange | LearningChange | SuggestionChange>;
      setView((v) => (v ? applyChange(v, coach) : v));
      if (change.type !== 'turn' && change.type !== 'note') scheduleRefresh();
    },
    [scheduleRefresh],
  );

  const onReconnect = useCallback(() => {
    load();
    for (const l of supportListeners.current) l({ type: 'reconnected' });
    for (const l of enhanceListeners.current) l({ type: 'reconnected' });
  }, [load]);
  const stream = useEventStream(client.eventsUrl(id), onChange, onReconnect);
  const onSupport = useCallback((listener: (change: SupportChange | { type: 'reconnected' }) => void) => {
    supportListeners.current.add(listener);
    return () => {
      supportListeners.current.delete(listener);
    };
  }, []);

  const onEnhance = useCallback((listener: (change: EnhanceChange) => void) => {
    enhanceListeners.current.add(listener);
    return () => {
      enhanceListeners.current.delete(listener);
    };
  }, []);

  const apply = useCallback(
    (result: HandleResult) => {
      setView((v) => (v ? applyResult(v, result) : v));
      scheduleRefresh();
    },
    [scheduleRefresh],
  );
  const patch = useCallback((fn: (v: IncidentView) => IncidentView) => setView((v) => (v ? fn(v) : v)), []);

  return { view, error, stream, apply, patch, reload: load, onSupport, onEnhance };
}
