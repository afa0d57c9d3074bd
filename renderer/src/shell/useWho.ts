// Who the server takes this page for: GET /api/me, asked again whenever the token changes. A team
// server answers 401 without a valid token, and the page then asks for one.
import { useCallback, useEffect, useState } from 'react';
import { ApiError, whoAmI, type Me } from '../api/index.ts';
import type { Environment } from '../env.ts';

export type Who =
  | { status: 'checking' }
  | { status: 'needs-token'; message: string | null }
  | { status: 'unreachable'; message: string }
  | { status: 'ready'; me: Me };

export function useWho(env: Environment): { who: Who; recheck: () => void } {
  const [who, setWho] = useState<Who>({ status: 'checking' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setWho({ status: 'checking' });
    whoAmI(env).then(
      (me) => live && setWho({ status: 'ready', me }),
      (e: unknown) => {
        if (!live) return;
        if (e instanceof ApiError && e.status === 401) {
          setWho({ status: 'needs-token', message: env.token ? e.message : null });
        } else {
          setWho({ status: 'unreachable', message: e instanceof Error ? e.message : String(e) });
        }
      },
    );
    return () => {
      live = false;
    };
  }, [env, attempt]);
  const recheck = useCallback(() => setAttempt((n) => n + 1), []);
  return { who, recheck };
}
