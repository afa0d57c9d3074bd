// Runs a person's request, remembering whether it is in flight and what went wrong, so every control
// can disable itself while busy and show the server's message (it says what to do) when it fails.
import { useCallback, useState } from 'react';

export interface AsyncAction<A extends unknown[]> {
  run(...args: A): Promise<boolean>;
  busy: boolean;
  error: string | null;
  clear(): void;
}

export function useAsync<A extends unknown[]>(fn: (...args: A) => Promise<unknown>): AsyncAction<A> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (...args: A): Promise<boolean> => {
      setBusy(true);
      setError(null);
      try {
        await fn(...args);
        return true;
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [fn],
  );
  return { run, busy, error, clear: () => setError(null) };
}
