import type { Db } from './db.ts';
import type { Incident, IncidentStatus, Severity } from '../types.ts';
import { CodedError } from '../types.ts';

interface Row {
  id: number; title: string; service: string | null; severity: Severity; status: IncidentStatus;
  fingerprint: string | null; opened_at: string; opened_by: string; resolved_at: string | null; channel: string | null;
}

export function incidentKey(id: number): string {
  return `INC-${id}`;
}

/** Accepts 42, "42" or "INC-42". */
export function parseIncidentRef(ref: string | number): number | null {
  if (typeof ref === 'number') return Number.isInteger(ref) && ref > 0 ? ref : null;
  const m = /^(?:inc-)?(\d{1,12})$/i.exec(ref.trim());
  return m ? Number(m[1]) : null;
}

function toIncident(r: Row): Incident {
  return {
    id: r.id, key: incidentKey(r.id), title: r.title, service: r.service, severity: r.severity, status: r.status,
    fingerprint: r.fingerprint, openedAt: r.opened_at, openedBy: r.opened_by, resolvedAt: r.resolved_at, channel: r.channel,
  };
}

export interface NewIncident {
  title: string;
  service?: string | null;
  severity: Severity;
  openedAt: string;
  openedBy: string;
  fingerprint?: string | null;
  channel?: string | null;
}

export class IncidentRepo {
  constructor(private readonly db: Db) {}

  create(n: NewIncident): Incident {
    const info = this.db
      .prepare(`INSERT INTO incidents (title, service, severity, status, fingerprint, opened_at, opened_by, channel)
                VALUES (?, ?, ?, 'open', ?, ?, ?, ?)`)
      .run(n.title, n.service ?? null, n.severity, n.fingerprint ?? null, n.openedAt, n.openedBy, n.channel ?? null);
    return this.get(Number(info.lastInsertRowid));
  }

  find(id: number): Incident | null {
    const r = this.db.prepare('SELECT * FROM incidents WHERE id = ?').get(id) as Row | undefined;
    return r ? toIncident(r) : null;
  }

  /** Like find, but an unknown id is an error a person can read. */
  get(ref: number | string): Incident {
    const id = parseIncidentRef(ref);
    const found = id === null ? null : this.find(id);
    if (!found) throw new CodedError('incident_not_found', `No incident ${String(ref)}.`, 404);
    return found;
  }

  list(opts: { status?: 'open' | 'all'; limit?: number } = {}): Incident[] {
    const where = opts.status === 'all' ? '' : "WHERE status <> 'resolved'";
    const rows = this.db.prepare(`SELECT * FROM incidents ${where} ORDER BY id DESC LIMIT ?`).all(opts.limit ?? 200) as Row[];
    return rows.map(toIncident);
  }

  /** The open incident an alert should join: same fingerprint, else same service. */
  findOpenFor(fingerprint: string | null, service: string | null): Incident | null {
    if (fingerprint) {
      const r = this.db
        .prepare("SELECT * FROM incidents WHERE fingerprint = ? AND status <> 'resolved' ORDER BY id DESC LIMIT 1")
        .get(fingerprint) as Row | undefined;
      if (r) return toIncident(r);
    }
    if (service) {
      const r = this.db
        .prepare("SELECT * FROM incidents WHERE service = ? AND status <> 'resolved' ORDER BY id DESC LIMIT 1")
        .get(service) as Row | undefined;
      if (r) return toIncident(r);
    }
    return null;
  }

  setStatus(id: number, status: IncidentStatus, at: string): Incident {
    this.db
      .prepare('UPDATE incidents SET status = ?, resolved_at = CASE WHEN ? = \'resolved\' THEN ? ELSE NULL END WHERE id = ?')
      .run(status, status, at, id);
    return this.get(id);
  }

  setChannel(id: number, channel: string | null): Incident {
    this.db.prepare('UPDATE incidents SET channel = ? WHERE id = ?').run(channel, id);
    return this.get(id);
  }

  findByChannel(channel: string): Incident | null {
    const r = this.db
      .prepare("SELECT * FROM incidents WHERE channel = ? ORDER BY (status = 'resolved'), id DESC LIMIT 1")
      .get(channel) as Row | undefined;
    return r ? toIncident(r) : null;
  }
}
