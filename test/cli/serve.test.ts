// `mentat serve` as a process: the listening line, flags over environment, refusing to expose itself, clean exit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../../coach/store/index.ts';
import { runCli, startServe, type Served } from './support/spawn.ts';

let dir: string;
let served: Served | null = null;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'mentat-serve-')); });
afterEach(async () => {
  await served?.stop('SIGKILL');
  served = null;
  rmSync(dir, { recursive: true, force: true });
});

describe('mentat serve', () => {
  it('prints exactly "listening on http://HOST:PORT", answers /healthz, and exits 0 on SIGTERM', async () => {
    served = await startServe(['--port', '0', '--db', join(dir, 'a.db')]);
    expect(served.stdout()).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+\n$/);
    const res = await fetch(`${served.url}/healthz`);
    expect(await res.json()).toEqual({ ok: true });
    expect(await served.stop('SIGTERM')).toBe(0);
    served = null;
  });

  it('with --demo, seeds the bundled incident into an empty store once, and never into one in use', async () => {
    const db = join(dir, 'demo.db');
    served = await startServe(['--port', '0', '--db', db, '--demo']);
    const list = async (): Promise<{ title: string; key: string }[]> =>
      ((await (await fetch(`${served!.url}/api/incidents?status=all`)).json()) as { incidents: { title: string; key: string }[] }).incidents;
    expect((await list()).map((i) => i.title)).toEqual(['Checkout 5xx errors above SLO']);
    // A support question from sam waits on the demo incident, its AI draft labelled, for a responder.
    const qs = (await (await fetch(`${served.url}/api/incidents/1/support/questions`)).json()) as { questions: { askedBy: string; state: string; draft: { label: string } }[] };
    expect(qs.questions.map((q) => [q.askedBy, q.state])).toEqual([['sam', 'ai_draft']]);
    expect(qs.questions[0]?.draft.label).toMatch(/don't send this to customers/);
    await served.stop('SIGTERM');
    served = await startServe(['--port', '0', '--db', db, '--demo']);
    expect(await list()).toHaveLength(1);
  });

  it("without a Prometheus, reads questions against the workspace's metrics.yml and says so", async () => {
    const workspace = join(import.meta.dirname, '..', '..', 'workspace', 'demo');
    served = await startServe(['--port', '0', '--db', join(dir, 'ws.db'), '--workspace', workspace]);
    const status = (await (await fetch(`${served.url}/api/catalog/status`)).json()) as { available: boolean; source?: string };
    expect(status.available).toBe(true);
    const inc = (await (await fetch(`${served.url}/api/incidents`, { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: 'alice', title: 'Checkout slow', service: 'checkout', severity: 'SEV2' }) })).json()) as { incident: { id: number } };
    const id = inc.incident.id;
    const post = async (path: string, body: unknown): Promise<{ turns: { type: string; text: string; fields?: Record<string, unknown> }[] }> =>
      (await (await fetch(`${served!.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as never;
    await post(`/api/incidents/${id}/plan`, { from: 'alice', text: '1. check latency per route' });
    const asked = await post(`/api/incidents/${id}/say`, { from: 'alice', text: 'what is the p99 request duration per route?' });
    const d1 = asked.turns.find((t) => t.type === 'query');
    expect((d1?.fields?.query as { text: string }).text).toBe('histogram_quantile(0.99, sum by (le, route) (rate(http_request_duration_seconds_bucket{service="checkout"}[5m])))');
    expect(d1?.text).toMatch(/metrics\.yml: no Prometheus is configured/);
    expect(d1?.fields?.catalog).toBe('workspace metrics.yml');
    expect(served.stderr()).toMatch(/questions are read against the workspace's metrics\.yml \(\d+ metrics\)/);
  });

  it('takes its settings from the environment, and flags win', async () => {
    served = await startServe(['--db', join(dir, 'flag.db')], { MENTAT_PORT: '0', MENTAT_DB: join(dir, 'env.db'), MENTAT_HOST: '0.0.0.0', MENTAT_TOKEN: 't' });
    const url = served.url.replace('0.0.0.0', '127.0.0.1');
    expect(served.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/);
    const created = await fetch(`${url}/api/incidents`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer t' }, body: JSON.stringify({ title: 'x', from: 'a' }),
    });
    expect(created.status).toBe(201);
    expect(await served.stop('SIGINT')).toBe(0);
    served = null;
    const store = Store.open(join(dir, 'flag.db'));
    expect(store.incidents.list({ status: 'all' }).map((i) => i.title)).toEqual(['x']);
    store.close();
  });

  it('refuses a non-loopback host without a token, and bad flags with usage', async () => {
    const open = await runCli(['serve', '--port', '0', '--host', '0.0.0.0', '--db', join(dir, 'b.db')]);
    expect(open.code).toBe(1);
    expect(open.stderr).toContain('MENTAT_TOKEN');
    expect(open.stdout).toBe('');
    const port = await runCli(['serve', '--port', 'eighty']);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('Usage: mentat serve');
    const unknown = await runCli(['serve', '--colour']);
    expect(unknown.code).toBe(2);
    const ws = await runCli(['serve', '--port', '0', '--db', join(dir, 'c.db'), '--workspace', join(dir, 'missing')]);
    expect(ws.code).toBe(1);
    expect(ws.stderr).toContain('does not exist');
  });

  it('says so when the port is taken', async () => {
    served = await startServe(['--port', '0', '--db', join(dir, 'first.db')]);
    const port = new URL(served.url).port;
    const second = await runCli(['serve', '--port', port, '--db', join(dir, 'second.db')]);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`Port ${port} on 127.0.0.1 is taken`);
    expect((await fetch(`${served.url}/healthz`)).status).toBe(200);
  });
});
