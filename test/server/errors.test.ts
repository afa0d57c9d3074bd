// The edges: validation naming fields, bad JSON, wrong content type, oversize bodies, unknown things, methods.
import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HandleResult } from '../../coach/incident/api.ts';
import { startHarness, type Harness } from './support/harness.ts';

let h: Harness;
beforeEach(async () => { h = await startHarness({ bodyLimitBytes: 64 * 1024 }); });
afterEach(async () => { await h.close(); });

interface ErrorBody { error: { code: string; message: string; details?: { issues: { path: string }[] } } }

async function incidentId(): Promise<number> {
  return (await h.call<HandleResult>('POST', '/api/incidents', { title: 't', from: 'ana' })).body.incident.id;
}

/** Sends a body of `size` bytes in chunks and reports the status, whether or not the server read it all. */
function sendLarge(url: string, size: number): Promise<number> {
  const target = new URL('/api/incidents', url);
  return new Promise((resolve, reject) => {
    const req = request(target, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    const chunk = Buffer.alloc(16 * 1024, 0x20);
    let sent = 0;
    const pump = (): void => {
      while (sent < size) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
}

describe('request validation', () => {
  it('names the missing field with a 400', async () => {
    const r = await h.call<ErrorBody>('POST', '/api/incidents', { from: 'ana' });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_body');
    expect(r.body.error.message).toBe('body.title: Required');
  });

  it('requires a named author for writes', async () => {
    const id = await incidentId();
    const r = await h.call<ErrorBody>('POST', `/api/incidents/${id}/say`, { text: 'hello' });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toBe('body.from: Required');
    const blank = await h.call<ErrorBody>('POST', `/api/incidents/${id}/say`, { text: 'hello', from: '  ' });
    expect(blank.body.error.message).toMatch(/^body\.from: /);
  });

  it('names nested fields and lists every issue', async () => {
    const id = await incidentId();
    const r = await h.call<ErrorBody>('POST', `/api/incidents/${id}/actions`, { from: 'ana', kind: 'query_run', range: { from: 'yesterday' } });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/^body\.range\.from: /);
    expect(r.body.error.details?.issues.map((i) => i.path)).toEqual(['body.range.from', 'body.range.to']);
  });

  it('rejects a bad step state and a bad query string', async () => {
    const id = await incidentId();
    const r = await h.call<ErrorBody>('PATCH', `/api/incidents/${id}/plan/steps/1`, { from: 'ana', state: 'finished' });
    expect(r.body.error.message).toMatch(/^body\.state: /);
    const q = await h.call<ErrorBody>('GET', '/api/incidents?status=closed');
    expect(q.status).toBe(400);
    expect(q.body.error).toMatchObject({ code: 'invalid_query' });
    expect(q.body.error.message).toMatch(/^query\.status: /);
    const s = await h.call<ErrorBody>('GET', '/api/actions/search');
    expect(s.body.error.message).toBe('query.q: Required');
  });

  it('answers malformed JSON with invalid_json and writes nothing', async () => {
    const r = await h.call<ErrorBody>('POST', '/api/incidents', '{"title": "x", from: ana}');
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_json');
    expect(h.store.incidents.list({ status: 'all' })).toEqual([]);
  });

  it('wants JSON: 415 for another content type', async () => {
    const r = await h.call<ErrorBody>('POST', '/api/incidents', 'title=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(r.status).toBe(415);
    expect(r.body.error.code).toBe('unsupported_media_type');
  });

  it('refuses a body over the limit with 413, declared or streamed', async () => {
    const declared = await h.call<ErrorBody>('POST', '/api/incidents', JSON.stringify({ title: 'x'.repeat(70 * 1024), from: 'a' }));
    expect(declared.status).toBe(413);
    expect(declared.body.error.code).toBe('body_too_large');
    expect(await sendLarge(h.url, 4 * 1024 * 1024)).toBe(413);
    expect((await h.call('GET', '/healthz')).status).toBe(200);
    expect(h.store.incidents.list({ status: 'all' })).toEqual([]);
  });
});

describe('unknown things', () => {
  it('404s an unknown incident, note, step and route', async () => {
    expect((await h.call<ErrorBody>('GET', '/api/incidents/999')).body.error.code).toBe('incident_not_found');
    expect((await h.call('GET', '/api/incidents/INC-999')).status).toBe(404);
    expect((await h.call('GET', '/api/incidents/banana')).status).toBe(404);
    expect((await h.call('POST', '/api/incidents/999/say', { from: 'a', text: 'hi' })).status).toBe(404);
    const id = await incidentId();
    expect((await h.call('PATCH', `/api/incidents/${id}/notes/77`, { from: 'a', text: 'x' })).status).toBe(404);
    expect((await h.call<ErrorBody>('PATCH', `/api/incidents/${id}/plan/steps/1`, { from: 'a', state: 'done' })).body.error.code).toBe('no_plan');
    await h.call('POST', `/api/incidents/${id}/plan`, { from: 'a', text: 'look at logs' });
    expect((await h.call('PATCH', `/api/incidents/${id}/plan/steps/5`, { from: 'a', state: 'done' })).status).toBe(404);
    expect((await h.call<ErrorBody>('GET', '/api/nothing-here')).body.error.code).toBe('not_found');
    expect((await h.call('GET', '/nothing-here')).status).toBe(404);
  });

  it('says 405 with Allow for a known path and the wrong method', async () => {
    const r = await h.call<ErrorBody>('DELETE', '/api/incidents');
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('GET, POST');
  });

  it('does not show another incident\'s note', async () => {
    const a = await incidentId();
    const b = await incidentId();
    const note = await h.call<HandleResult>('POST', `/api/incidents/${a}/notes`, { from: 'ana', text: 'mine' });
    const r = await h.call('PATCH', `/api/incidents/${b}/notes/${note.body.note?.id ?? 0}`, { from: 'ben', text: 'hijack' });
    expect(r.status).toBe(404);
    expect(h.store.notes.list(a)[0]?.text).toBe('mine');
  });
});
