// Reading what an action was about: one key for "the same query" however it was spaced or its matchers
// ordered, the metric it reads, the services it names, and where a link points.

const KEYWORDS = new Set([
  'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'and', 'or', 'unless', 'offset', 'inf', 'nan',
]);

/** Whitespace collapsed (and dropped next to punctuation), label matchers sorted inside each `{…}`. */
export function normalizeQuery(q: string): string {
  const spaced = q.trim().replace(/\s+/g, ' ').replace(/\s*([(){}[\],=~!<>+*/^%-])\s*/g, '$1');
  return spaced.replace(/\{([^{}]*)\}/g, (_m, inner: string) => {
    const matchers = inner.match(/[A-Za-z_]\w*(?:=~|!~|!=|=)"(?:[^"\\]|\\.)*"/g) ?? [];
    return `{${[...matchers].sort().join(',')}}`;
  });
}

/** The first metric name the query reads, or null (a bare number, a Grafana variable only…). */
export function metricOf(q: string): string | null {
  const bare = q
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^{}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  for (const m of bare.matchAll(/[A-Za-z_:][\w:]*/g)) {
    const name = m[0];
    const after = bare.slice((m.index ?? 0) + name.length);
    if (/^\s*\(/.test(after) || KEYWORDS.has(name.toLowerCase())) continue;
    const before = bare[(m.index ?? 0) - 1];
    if (before && /[\w$.]/.test(before)) continue;
    return name;
  }
  return null;
}

const SERVICE_LABELS = ['service', 'job', 'app', 'application'];

/** Services a query's matchers or a link's parameters name (`service="checkout"`, `var-service=checkout`). */
export function servicesNamed(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/\b(service|job|app|application)\s*=~?\s*"([^"|*\\]+)"/g)) out.add(m[2] as string);
  for (const m of text.matchAll(/[?&](?:var-)?(service|job|app|application)=([\w.-]+)/g)) {
    if (SERVICE_LABELS.includes(m[1] as string)) out.add(m[2] as string);
  }
  return [...out];
}

function decoded(url: string): string {
  let s = url;
  for (let i = 0; i < 3; i++) {
    try {
      const next = decodeURIComponent(s.replace(/\+/g, ' '));
      if (next === s) break;
      s = next;
    } catch {
      break;
    }
  }
  return s;
}

/** Which query tool a link opens, when it is one. */
export function linkTarget(url: string): 'grafana' | 'prometheus' | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const where = `${u.hostname}${u.pathname}`.toLowerCase();
  if (where.includes('grafana') || u.pathname.startsWith('/explore') || u.pathname.startsWith('/d/')) return 'grafana';
  if (where.includes('prometheus') || u.pathname.startsWith('/graph') || u.pathname.startsWith('/query')) return 'prometheus';
  return null;
}

/** Whether a link carries the query (Grafana's Explore state and Prometheus' g0.expr both hold it encoded). */
export function linkHasQuery(url: string, query: string): boolean {
  const squash = (s: string): string => s.replace(/\s+/g, '');
  const q = squash(query);
  // Grafana's Explore state is JSON inside the URL, so the query's quotes arrive escaped.
  const d = squash(decoded(url));
  return q.length > 0 && (d.includes(q) || d.replace(/\\"/g, '"').includes(q));
}
