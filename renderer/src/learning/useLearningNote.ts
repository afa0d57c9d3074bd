// An incident's learning note, kept current: loaded once, replaced by newer versions from our own
// requests and the event stream (`learning_note`), refetched after a reconnect. A refusal keeps the
// server's message; a 409 also reloads, so the reviewer sees the version that is current now.
import { useCallback, useEffect, useState } from 'react';
import { ApiError, type Client, type LearningNote } from '../api/index.ts';
import type { EnhanceChange } from '../incident/index.ts';

export interface LearningNoteState {
  /** undefined while loading; null when no note was drafted yet. */
  note: LearningNote | null | undefined;
  busy: 'draft' | 'edit' | 'publish' | null;
  error: string | null;
  draft(): Promise<boolean>;
  edit(markdown: string): Promise<boolean>;
  publish(): Promise<boolean>;
  clearError(): void;
}

/** The newer of two copies of a note: a higher version wins; at the same version, published wins. */
export function newerNote(cur: LearningNote | null | undefined, next: LearningNote): LearningNote {
  if (!cur || cur.id !== next.id) return next;
  if (next.version !== cur.version) return next.version > cur.version ? next : cur;
  return next.state === 'published' || cur.state !== 'published' ? next : cur;
}

/**
 * `ready`: the incident is mitigated or resolved. Before that no note can exist unless one was drafted
 * earlier (then the stream or a later load brings it), so the page does not ask.
 */
export function useLearningNote(client: Client, incidentId: number, onEnhance: (l: (c: EnhanceChange) => void) => () => void, ready: boolean): LearningNoteState {
  const [note, setNote] = useState<LearningNote | null | undefined>(undefined);
  const [busy, setBusy] = useState<LearningNoteState['busy']>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    client.learningNote(incidentId).then(setNote, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [client, incidentId]);
  useEffect(() => {
    if (ready) load();
  }, [load, ready]);

  const put = useCallback((n: LearningNote) => setNote((cur) => newerNote(cur, n)), []);
  useEffect(() => onEnhance((c) => {
    if (c.type === 'reconnected') load();
    else if (c.type === 'learning_note' && c.incidentId === incidentId) put(c.note);
  }), [onEnhance, incidentId, load, put]);

  const run = useCallback(async (kind: NonNullable<LearningNoteState['busy']>, fn: () => Promise<LearningNote>): Promise<boolean> => {
    setBusy(kind);
    setError(null);
    try {
      put(await fn());
      return true;
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      if (e instanceof ApiError && e.status === 409) load();
      return false;
    } finally {
      setBusy(null);
    }
  }, [put, load]);

  return {
    note,
    busy,
    error,
    draft: () => run('draft', () => client.draftLearningNote(incidentId)),
    edit: (markdown) => (note ? run('edit', () => client.editLearningNote(note.id, { version: note.version, markdown })) : Promise.resolve(false)),
    publish: () => (note ? run('publish', () => client.publishLearningNote(note.id, { version: note.version })) : Promise.resolve(false)),
    clearError: () => setError(null),
  };
}
