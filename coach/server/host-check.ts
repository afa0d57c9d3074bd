// Which Host and Origin the server answers. A page on attacker.example whose name re-resolves to 127.0.0.1
// (DNS rebinding) reaches a loopback server with `Host: attacker.example:PORT`: refused with 421. A write
// from a page of another origin carries its `Origin`: refused with 403. docs/api.md, "Host and Origin".
import { hostname, networkInterfaces } from 'node:os';
import { CodedError } from '../types.ts';

export interface HostRule {
  /** Canonical host names (lower case, no trailing dot, IPv6 in brackets). */
  names: ReadonlySet<string>;
  /** Ports a Host or Origin may name; a Host without a port is its scheme's default. */
  ports: ReadonlySet<number>;
}

const WILDCARD = new Set(['0.0.0.0', '::', '[::]', '']);
/** What a Host header may contain: a name or IPv4 address, or a bracketed IPv6 address, and a port. */
const HOST_SYNTAX = /^(?:[a-z0-9_.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** A host as the WHATWG URL parser writes it (127.1 → 127.0.0.1, [0:0::1] → [::1]), without a trailing dot. */
export function canonicalHost(host: string): string | null {
  try {
    const u = new URL(`http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}/`);
    return u.hostname.replace(/\.$/, '') || null;
  } catch {
    return null;
  }
}

export interface HostRuleOptions {
  /** The address the server is bound to. */
  bindHost: string;
  port: number;
  /** MENTAT_PUBLIC_URL: the address people and Slack use, behind a proxy or not. */
  publicUrl?: string | null;
  /** MENTAT_ALLOWED_HOSTS: more names, comma-separated. */
  extraHosts?: readonly string[];
}

export function hostRule(o: HostRuleOptions): HostRule {
  const names = new Set<string>(['127.0.0.1', 'localhost', '[::1]']);
  const ports = new Set<number>([o.port]);
  const add = (h: string | null | undefined): void => {
    const c = h ? canonicalHost(h) : null;
    if (c) names.add(c);
  };
  if (WILDCARD.has(o.bindHost)) {
    // Bound to every interface: the machine's own names and addresses are its own.
    add(hostname());
    for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) add(a.address);
  } else {
    add(o.bindHost);
  }
  if (o.publicUrl) {
    const u = new URL(o.publicUrl);
    add(u.hostname);
    ports.add(u.port ? Number(u.port) : u.protocol === 'https:' ? 443 : 80);
  }
  for (const h of o.extraHosts ?? []) add(h.trim());
  return { names, ports };
}

function listed(rule: HostRule): string {
  return [...rule.names].slice(0, 6).join(', ') + (rule.names.size > 6 ? ', …' : '');
}

/** Null when the Host is one the server answers for; otherwise the error to answer with (421, or 400 when absent). */
export function checkHost(rule: HostRule, header: string | undefined): CodedError | null {
  if (header === undefined || header === '') {
    return new CodedError('host_required', 'The request has no Host header; send the address you reached the server at.', 400);
  }
  const h = header.trim();
  const name = HOST_SYNTAX.test(h) ? canonicalHost(h.replace(/:\d{1,5}$/, '')) : null;
  const port = /:(\d{1,5})$/.exec(h)?.[1];
  const known = name !== null && rule.names.has(name) && (port === undefined || rule.ports.has(Number(port)));
  if (known) return null;
  return new CodedError('misdirected_request',
    `This server does not answer for the host "${h.slice(0, 100)}": it answers for ${listed(rule)} on port ${[...rule.ports].join(' or ')}. ` +
    'If people reach it by another name, set MENTAT_PUBLIC_URL (or MENTAT_ALLOWED_HOSTS) to it.', 421);
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Null when a request may change state from where it comes from; a 403 when its Origin is another site's. */
export function checkOrigin(rule: HostRule, method: string, origin: string | undefined): CodedError | null {
  if (SAFE.has(method) || origin === undefined) return null;
  let ok = false;
  if (origin !== 'null') {
    try {
      const u = new URL(origin);
      const port = u.port ? Number(u.port) : u.protocol === 'https:' ? 443 : 80;
      ok = (u.protocol === 'http:' || u.protocol === 'https:') && rule.names.has(u.hostname.replace(/\.$/, '')) && rule.ports.has(port);
    } catch {
      ok = false;
    }
  }
  if (ok) return null;
  return new CodedError('cross_origin',
    `Refused: a page at ${origin.slice(0, 100)} may not change anything here. Only this server's own pages (and the desktop app) may.`, 403);
}
