// Every write carries a person's name (the server refuses anonymous ones), so the sidebar asks once.
import { useState } from 'react';

export function NameGate({ onName }: { onName: (name: string) => void }) {
  const [name, setName] = useState('');
  return (
    <main className="gate">
      <h1>Mentat</h1>
      <p>Your name goes on what you do here: plans, notes, queries you run. Teammates see it.</p>
      <p className="hint">It also gives you your roles from the team's people list (support may ask the developers; responders approve answers).</p>
      <form onSubmit={(e) => { e.preventDefault(); if (name.trim()) onName(name.trim()); }}>
        <label htmlFor="your-name">Your name</label>
        <input id="your-name" autoFocus autoComplete="username" value={name} onChange={(e) => setName(e.target.value)} />
        <button type="submit" className="primary" disabled={!name.trim()}>Save name</button>
      </form>
    </main>
  );
}
