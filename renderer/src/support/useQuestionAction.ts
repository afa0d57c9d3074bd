// Runs one review action on a question and folds the answer in. A refusal keeps the server's message
// (it says what to do); a 409 also reloads the question, so the person sees what changed under them.
import { useCallback, useState } from 'react';
import { ApiError, type SupportQuestion } from '../api/index.ts';
import { useSession } from '../shell/session.ts';

export interface UnsafeDetail {
  tier: string;
  kind: string;
  text: string;
}

export interface ActionError {
  message: string;
  unsafe: UnsafeDetail[];
}

function unsafeOf(details: unknown): UnsafeDetail[] {
  const list = (details as { unsafe?: unknown } | null | undefined)?.unsafe;
  if (!Array.isArray(list)) return [];
  return list.filter((u): u is UnsafeDetail =>
    !!u && typeof u === 'object' && typeof (u as UnsafeDetail).text === 'string' && typeof (u as UnsafeDetail).kind === 'string');
}

export function useQuestionAction(question: SupportQuestion, put: (q: SupportQuestion) => void) {
  const { client } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ActionError | null>(null);
  const run = useCallback(async (fn: () => Promise<SupportQuestion>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      put(await fn());
      return true;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      setError({ message, unsafe: e instanceof ApiError ? unsafeOf(e.details) : [] });
      if (e instanceof ApiError && e.status === 409) {
        client.supportQuestion(question.id).then(put, () => undefined);
      }
      return false;
    } finally {
      setBusy(false);
    }
  }, [client, question.id, put]);
  return { run, busy, error, clear: () => setError(null) };
}
