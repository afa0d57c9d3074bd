// Every route, fuzzed over real HTTP: generated JSON bodies (random, and shaped like the route's own with
// wrong values), garbage bytes, odd content types, odd ids and query strings. None may answer 5xx, and
// the store file stays whole. The counts are printed: requests sent, 5xx seen (the goal is 0).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '../../coach/server/index.ts';
import { startHarness, type Harness } from './support/harness.ts';

let h: Harness;
let incident = 0;
beforeAll(async () => {
  h = await startHarness();
  const made = await h.call<{ incident: { id: number } }>('POST', '/api/incidents', { title: 'fuzz target', service: 'checkout', from: 'alice' });
  incident = made.body.incident.id;
  await h.call('POST', `/api/incidents/${incident}/plan`, { from: 'alice', text: '1. check the deploy\n2. check the db' });
  await h.call('POST', `/api/incidents/${incident}/notes`, { from: 'alice', text: 'a note' });
});
afterAll(async () => { await h.close(); });

const ID = fc.oneof(
  fc.constant(() => String(incident)), fc.constant(() => `INC-${incident}`), fc.constant(() => '999999'),
  fc.constant(() => 'INC-abc'), fc.constant(() => '-1'), fc.constant(() => '1e9'), fc.constant(() => '%00'),
  fc.constant(() => '..%2F..%2Fetc'), fc.string({ maxLength: 12 }).map((s) => () => encodeURIComponent(s)),
);

/** Bodies shaped like real ones, with each field's value drawn from anything JSON can hold. */
const FIELDS = ['from', 'text', 'title', 'service', 'severity', 'query', 'language', 'range', 'status', 'state', 'kind', 'payload', 'question',
  'incident', 'alerts', 'version', 'at', 'by', 'deploy', 'answer', 'grade', 'note', 'pinned', 'reason', 'draft', 'steps', 'n', 'limit'];
const shaped = fc.dictionary(fc.constantFrom(...FIELDS), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 });

const BODY = fc.oneof(
  shaped.map((b) => ({ type: 'application/json', body: JSON.stringify(b) })),
  fc.jsonValue({ maxDepth: 4 }).map((v) => ({ type: 'application/json', body: JSON.stringify(v) })),
  fc.string({ maxLength: 200 }).map((s) => ({ type: 'application/json', body: s })),
  fc.uint8Array({ maxLength: 300 }).map((b) => ({ type: 'application/json', body: Buffer.from(b).toString('latin1') })),
  fc.string({ maxLength: 100 }).map((s) => ({ type: 'text/plain', body: s })),
  fc.constant({ type: 'application/json; charset=utf-16', body: '{}' }),
  fc.constant({ type: '', body: '' }),
);

const QUERY = fc.oneof(fc.constant(''), fc.dictionary(fc.constantFrom('q', 'limit', 'kind', 'mode', 'status', 'incident', 'since', 'access_token'),
  fc.string({ maxLength: 20 }), { maxKeys: 3 }).map((d) => `?${new URLSearchParams(d).toString()}`));

const UNAVAILABLE = new Set(['query_unavailable', 'prometheus_not_configured', 'catalog_unavailable']);

describe('fuzzing every route', () => {
  it('never answers 5xx, whatever the body, path or query', async () => {
    const routes = allRoutes().filter((r) => r.path !== '/api/events');
    let sent = 0;
    const errors: string[] = [];
    for (const route of routes) {
      await fc.assert(fc.asyncProperty(fc.array(ID, { minLength: 3, maxLength: 3 }), BODY, QUERY, async (ids, body, query) => {
        let k = 0;
        const path = route.path.replace(/:[a-zA-Z]+/g, () => (ids[k++ % ids.length] ?? (() => '1'))());
        const res = await fetch(`${h.url}${path}${query}`, {
          method: route.method,
          headers: body.type ? { 'content-type': body.type } : {},
          ...(route.method === 'GET' ? {} : { body: body.body }),
        });
        const text = await res.text();
        sent++;
        // A 503 naming a capability that is not set up here (no Prometheus) is the documented answer, not a fault.
        const code = res.status === 503 ? ((JSON.parse(text) as { error?: { code?: string } }).error?.code ?? '') : '';
        if (res.status >= 500 && !UNAVAILABLE.has(code)) {
          errors.push(`${route.method} ${path}${query} ${body.type} ${body.body.slice(0, 120)} → ${res.status}`);
          console.error(errors[errors.length - 1]);
        }
        return res.status < 500 || UNAVAILABLE.has(code);
      }), { numRuns: 40, seed: 20261201 });
    }
    console.log(`fuzz: ${sent} requests over ${routes.length} routes; 5xx: ${errors.length}`);
    expect(errors).toEqual([]);
    const check = h.store.db.prepare('PRAGMA integrity_check').get() as { integrity_check: string };
    expect(check.integrity_check).toBe('ok');
  }, 300_000);
});
