// What every pane needs from the composition root: the client (bound to the person), who the person is
// and what they may do, and how to open links outside the app.
import { createContext, useContext } from 'react';
import type { Client } from '../api/index.ts';
import type { Environment } from '../env.ts';

export interface Session {
  client: Client;
  name: string;
  env: Environment;
  /** The person's roles as the server reports them (responder, support); the server still decides. */
  roles: string[];
  /** team: signed in with a personal token; solo/shared: the name was typed here. */
  mode: 'team' | 'solo' | 'shared';
  /** Forget the token (team) or the name (solo) and ask again; null when the desktop shell holds the token. */
  signOut: (() => void) | null;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionContext');
  return s;
}

export const isResponder = (s: Pick<Session, 'roles'>): boolean => s.roles.includes('responder');
