// The composition root of the page: where it runs, who is using it, which incident is open.
// A team server names the person by their token (/api/me); solo and shared servers take a typed name.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { createClient, whoAmI, type Me } from '../api/index.ts';
import { loadName, readEnvironment, saveName, saveToken, type Environment } from '../env.ts';
import { IncidentPicker, useIncidents } from '../picker/index.ts';
import { IncidentScreen } from './IncidentScreen.tsx';
import { NameGate } from './NameGate.tsx';
import { SessionContext, useSession, type Session } from './session.ts';
import { SignedInAs } from './SignedInAs.tsx';
import { HealthBanner } from './HealthBanner.tsx';
import { LiveDot, StreamBanner } from './StreamBanner.tsx';
import { TokenGate } from './TokenGate.tsx';
import { useHashRoute } from './useHashRoute.ts';
import { useWho } from './useWho.ts';

export function App() {
  const [env, setEnv] = useState<Environment>(readEnvironment);
  const { who, recheck } = useWho(env);
  const [name, setName] = useState(loadName);
  const signOutTeam = useCallback(() => {
    saveToken(null);
    setEnv((e) => ({ ...e, token: null, tokenSource: null }));
  }, []);
  const rename = useCallback(() => setName(null), []);

  if (who.status === 'checking') return <p className="empty">Connecting to Mentat…</p>;
  if (who.status === 'unreachable') {
    return (
      <main className="gate">
        <h1>Mentat</h1>
        <p role="alert" className="error">{who.message}</p>
        <button type="button" onClick={recheck}>Try again</button>
      </main>
    );
  }
  if (who.status === 'needs-token') {
    return (
      <TokenGate
        env={env}
        refused={who.message}
        onToken={(token) => {
          if (env.tokenSource !== 'bridge') saveToken(token);
          setEnv({ ...env, token, tokenSource: 'signed-in' });
        }}
      />
    );
  }
  const me = who.me;
  if (me.mode === 'team' && me.person) {
    return <Signed env={env} name={me.person} me={me} signOut={env.tokenSource === 'bridge' ? null : signOutTeam} />;
  }
  if (!name) {
    return (
      <NameGate
        onName={(n) => {
          saveName(n);
          setName(n);
        }}
      />
    );
  }
  return <Signed env={env} name={name} me={me} signOut={rename} />;
}

/** Roles in solo mode come from the workspace's people list for the typed name (/api/me?as=NAME). */
function useRoles(env: Environment, name: string, me: Me): string[] {
  const [roles, setRoles] = useState<string[]>(me.mode === 'team' ? me.roles : []);
  useEffect(() => {
    if (me.mode !== 'solo') {
      setRoles(me.roles);
      return;
    }
    let live = true;
    whoAmI(env, name).then((m) => live && setRoles(m.roles), () => live && setRoles(me.roles));
    return () => {
      live = false;
    };
  }, [env, name, me]);
  return roles;
}

function Signed({ env, name, me, signOut }: { env: Environment; name: string; me: Me; signOut: (() => void) | null }) {
  const roles = useRoles(env, name, me);
  const client = useMemo(() => createClient(env, name), [env, name]);
  const session = useMemo<Session>(() => ({ env, name, client, roles, mode: me.mode, signOut }), [env, name, client, roles, me.mode, signOut]);
  const [id, go] = useHashRoute();
  // The tray's incident list opens an incident here.
  useEffect(() => env.bridge?.onShowIncident?.((incidentId) => go(incidentId)), [env, go]);
  return (
    <SessionContext.Provider value={session}>
      {id === null ? <PickerScreen onPick={go} /> : <IncidentScreen key={id} id={id} onBack={() => go(null)} />}
    </SessionContext.Provider>
  );
}

function PickerScreen({ onPick }: { onPick: (id: number) => void }) {
  const { client } = useSession();
  const list = useIncidents(client);
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Mentat</span>
        <span className="spacer" />
        <SignedInAs />
        <LiveDot state={list.stream} />
      </header>
      <StreamBanner state={list.stream} />
      <HealthBanner />
      <IncidentPicker list={list} onPick={(i) => onPick(i.id)} />
    </div>
  );
}
