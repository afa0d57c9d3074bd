// Always on top: which incident, how bad, where it stands. Status is the people's call, set here.
import type { Incident } from '../api/index.ts';
import type { IncidentStatus } from '../../../coach/types.ts';
import { ago, fullTime, useAsync } from '../common/index.ts';
import { useSession } from '../shell/session.ts';
import type { IncidentState } from './useIncident.ts';

const STATUSES: IncidentStatus[] = ['open', 'acknowledged', 'mitigated', 'resolved'];

export function IncidentHeader({ incident, state }: { incident: Incident; state: IncidentState }) {
  const { client } = useSession();
  const change = useAsync(async (s: IncidentStatus) => state.apply(await client.setStatus(incident.id, s)));
  return (
    <section className="inc-header" aria-label="Incident summary">
      <div className="inc-line">
        <span className="inc-key">{incident.key}</span>
        <span className={`sev sev-${incident.severity}`} title="Severity">{incident.severity}</span>
        {incident.service && <span className="svc" title="Service">{incident.service}</span>}
        <label className="status-select">
          <span className="visually-hidden">Status</span>
          <select value={incident.status} disabled={change.busy} onChange={(e) => void change.run(e.target.value as IncidentStatus)}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>{s[0]?.toUpperCase() + s.slice(1)}</option>
            ))}
          </select>
        </label>
      </div>
      <h1 className="inc-title">{incident.title}</h1>
      <p className="inc-meta">
        Opened <time dateTime={incident.openedAt} title={fullTime(incident.openedAt)}>{ago(incident.openedAt)}</time> by {incident.openedBy}
      </p>
      {change.error && <p role="alert" className="error">{change.error}</p>}
    </section>
  );
}
