// The composition root of the page: where it runs, who is using it, which incident is open.
import { useEffect, useMemo, useState } from 'react';
import { createClient } from '../api/index.ts';
import { loadName, readEnvironment, saveName, type Environment } from '../env.ts';
import { IncidentPicker, useIncidents } from '../picker/index.ts';
import { IncidentScreen } from './IncidentScreen.tsx';
import { NameGate } from './NameGate.tsx';
import { SessionContext, useSession, type Session } from './session.ts';
import { LiveDot, StreamBanner } from './StreamBanner.tsx';
import { useHashRoute } from './useHashRoute.ts';

export function App() {
  const env = useMemo(() => readEnvironment(), []);
  const [name, setName] = useState(loadName);
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
  return <Signed env={env} name={name} onRename={() => setName(null)} />;
}

function Signed({ env, name, onRename }: { env: Environment; name: string; onRename: () => void }) {
  const session = useMemo<Session>(() => ({ env, name, client: createClient(env, name) }), [env, name]);
  const [id, go] = useHashRoute();
  // The tray's incident list opens an incident here.
  useEffect(() => env.bridge?.onShowIncident?.((incidentId) => go(incidentId)), [env, go]);
  return (
    <SessionContext.Provider value={session}>
      {id === null ? <PickerScreen onPick={go} onRename={onRename} /> : <IncidentScreen key={id} id={id} onBack={() => go(null)} />}
    </SessionContext.Provider>
  );
}

function PickerScreen({ onPick, onRename }: { onPick: (id: number) => void; onRename: () => void }) {
  const { client, name } = useSession();
  const list = useIncidents(client);
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Mentat</span>
        <span className="spacer" />
        <span className="me">{name}</span>
        <button type="button" className="link" onClick={onRename} aria-label="Change your name">Change</button>
        <LiveDot state={list.stream} />
      </header>
      <StreamBanner state={list.stream} />
      <IncidentPicker list={list} onPick={(i) => onPick(i.id)} />
    </div>
  );
}
