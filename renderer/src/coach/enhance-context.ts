// What Enhance turns share with the rest of the Coach pane: the split view that an accepted split_view
// opens, and the shortcuts the person accepted (which later query cards show).
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { Client, IncidentView, Suggestion, Turn } from '../api/index.ts';
import { applySuggestion, type EnhanceChange } from '../incident/index.ts';
import { acceptedShortcuts, type SplitDef } from './suggestion.ts';

export interface Enhance {
  split: SplitDef | null;
  openSplit: (split: SplitDef) => void;
  closeSplit: () => void;
  /** Accepted shortcut ids (e.g. run_and_open_grafana) for this person. */
  shortcuts: Set<string>;
  /** Folds a suggestion the server answered into what the page remembers. */
  remember: (s: Suggestion) => void;
}

const none: Enhance = { split: null, openSplit: () => undefined, closeSplit: () => undefined, shortcuts: new Set(), remember: () => undefined };
export const EnhanceContext = createContext<Enhance>(none);
export const useEnhance = (): Enhance => useContext(EnhanceContext);

export interface EnhanceDeps {
  client: Client;
  name: string;
  turns: Turn[];
  onEnhance: (l: (c: EnhanceChange) => void) => () => void;
  patch: (fn: (v: IncidentView) => IncidentView) => void;
}

export function useEnhanceState({ client, name, turns, onEnhance, patch }: EnhanceDeps): Enhance {
  const [answered, setAnswered] = useState<Suggestion[]>([]);
  const [split, setSplit] = useState<SplitDef | null>(null);
  const remember = useCallback((s: Suggestion) => {
    setAnswered((list) => [...list.filter((x) => x.id !== s.id), s]);
    patch((v) => applySuggestion(v, s));
  }, [patch]);
  useEffect(() => {
    let live = true;
    client.acceptedSuggestions().then((list) => {
      if (live) setAnswered((cur) => [...list.filter((s) => !cur.some((c) => c.id === s.id)), ...cur]);
    }, () => undefined);
    return () => {
      live = false;
    };
  }, [client]);
  useEffect(() => onEnhance((c) => {
    if (c.type !== 'suggestion') return;
    // The turn's state is already folded in by the incident's own stream handler.
    const s = c.suggestion;
    if (!s.person || s.person.toLowerCase() === name.toLowerCase()) setAnswered((list) => [...list.filter((x) => x.id !== s.id), s]);
  }), [onEnhance, name]);
  const shortcuts = useMemo(() => acceptedShortcuts(answered, name, turns), [answered, name, turns]);
  const closeSplit = useCallback(() => setSplit(null), []);
  return useMemo(() => ({ split, openSplit: setSplit, closeSplit, shortcuts, remember }), [split, closeSplit, shortcuts, remember]);
}
