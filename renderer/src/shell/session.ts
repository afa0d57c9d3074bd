// What every pane needs from the composition root: the client (bound to the person's name), the
// person, and how to open links outside the app.
import { createContext, useContext } from 'react';
import type { Client } from '../api/index.ts';
import type { Environment } from '../env.ts';

export interface Session {
  client: Client;
  name: string;
  env: Environment;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionContext');
  return s;
}
