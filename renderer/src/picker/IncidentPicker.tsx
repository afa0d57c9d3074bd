// The way in: the open incidents, newest first, or a clear empty state with a way to open one.
import { useState } from 'react';
import type { Severity } from '../../../coach/types.ts';
import type { Incident } from '../api/index.ts';
import { ago, fullTime, useAsync } from '../common/index.ts';
import { useSession } from '../shell/session.ts';
import type { IncidentList } from './useIncidents.ts';

export function IncidentPicker({ list, onPick }: { list: IncidentList; onPick: (i: Incident) => void }) {
  const { incidents, error } = list;
  const sorted = incidents ? [...incidents].sort((a, b) => b.openedAt.localeCompare(a.openedAt)) : null;
  return (
    <div className="pane picker">
      <h2>Open incidents</h2>
      {error && <p role="alert" className="error">{error}</p>}
      {!sorted && !error && <p className="empty">Loading…</p>}
      {sorted && sorted.length === 0 && (
        <div className="empty-state">
          <p><strong>No open incidents.</strong></p>
          <p>When an alert fires or a teammate opens one, it appears here on its own.</p>
        </div>
      )}
      {sorted && sorted.length > 0 && (
        <ul className="incident-list" aria-label="Open incidents">
          {sorted.map((i) => (
            <li key={i.id}>
              <a
                className="incident-item"
                href={`#/incident/${i.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  onPick(i);
                }}
                aria-label={`${i.key} ${i.title}`}
              >
                <span className="inc-line">
                  <span className="inc-key">{i.key}</span>
                  <span className={`sev sev-${i.severity}`}>{i.severity}</span>
                  <span className="status">{i.status}</span>
                  <span className="spacer" />
                  <time dateTime={i.openedAt} title={fullTime(i.openedAt)}>{ago(i.openedAt)}</time>
                </span>
                <span className="inc-title-small">{i.title}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
      <OpenIncidentForm onOpened={onPick} />
    </div>
  );
}

function OpenIncidentForm({ onOpened }: { onOpened: (i: Incident) => void }) {
  const { client } = useSession();
  const [title, setTitle] = useState('');
  const [service, setService] = useState('');
  const [severity, setSeverity] = useState<Severity>('SEV3');
  const open = useAsync(async () => {
    const r = await client.openIncident({ title: title.trim(), severity, ...(service.trim() ? { service: service.trim() } : {}) });
    onOpened(r.incident);
  });
  return (
    <details className="open-form">
      <summary>Open an incident</summary>
      <form onSubmit={(e) => { e.preventDefault(); if (title.trim()) void open.run(); }}>
        <label>Title<input value={title} onChange={(e) => setTitle(e.target.value)} required /></label>
        <div className="row">
          <label>Service<input value={service} onChange={(e) => setService(e.target.value)} /></label>
          <label>Severity
            <select value={severity} onChange={(e) => setSeverity(e.target.value as Severity)}>
              {(['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const).map((s) => <option key={s}>{s}</option>)}
            </select>
          </label>
        </div>
        <button type="submit" className="primary" disabled={open.busy || !title.trim()}>Open incident</button>
        {open.error && <p role="alert" className="error">{open.error}</p>}
      </form>
    </details>
  );
}
