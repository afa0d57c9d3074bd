// docs/api.md is the API's reference: every route the server mounts has its own heading there (or in
// docs/webhooks.md for the webhooks) with an example request.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allRoutes } from '../../coach/server/routes/index.ts';

const docs = readFileSync('docs/api.md', 'utf8') + '\n' + readFileSync('docs/webhooks.md', 'utf8');

/** The text under the heading for a route, up to the next heading of the same or a higher level. */
function section(method: string, path: string): string | null {
  // Lines inside code fences are never headings ("# alertmanager.yml" is a comment).
  let fenced = false;
  const lines = docs.split('\n').map((l) => {
    if (l.startsWith('```')) fenced = !fenced;
    return fenced && !l.startsWith('```') ? `    ${l}` : l;
  });
  const at = lines.findIndex((l) => /^#{2,4} /.test(l) && l.includes(`${method} ${path}`));
  if (at < 0) return null;
  const level = /^#+/.exec(lines[at] ?? '')?.[0].length ?? 3;
  const end = lines.findIndex((l, i) => i > at && new RegExp(`^#{1,${level}} `).test(l));
  return lines.slice(at, end < 0 ? undefined : end).join('\n');
}

describe('docs/api.md', () => {
  const routes = allRoutes().map((r) => ({ method: r.method, path: r.path.replace(/\?.*$/, '') }));

  it('has the routes to check', () => {
    expect(routes.length).toBeGreaterThan(15);
  });

  it.each(allRoutes().map((r) => [r.method, r.path] as const))('documents %s %s with an example', (method, path) => {
    const text = section(method, path);
    expect(text, `no heading for ${method} ${path}`).not.toBeNull();
    expect(text, `no example request for ${method} ${path}`).toMatch(/curl /);
  });
});
