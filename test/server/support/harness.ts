// A real server on 127.0.0.1 over a real SQLite file in a temp dir, and a small JSON client for it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CoachApi } from '../../../coach/incident/api.ts';
import { startServer, type RunningServer, type ServerOptions } from '../../../coach/server/index.ts';
import { Store } from '../../../coach/store/index.ts';
import { systemClock, type Clock } from '../../../coach/types.ts';
import { createCoach } from '../../../coach/incident/index.ts';
import type { Workspace } from '../../../coach/workspace/index.ts';

export interface Harness {
  url: string;
  store: Store;
  coach: CoachApi;
  dir: string;
  server: RunningServer;
  call<T = Record<string, unknown>>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: T; headers: Headers }>;
  close(): Promise<void>;
}

export async function startHarness(opts: Partial<Omit<ServerOptions, 'deps'>> & { clock?: Clock; services?: Record<string, unknown>; workspace?: Workspace } = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'mentat-server-'));
  const store = Store.open(join(dir, 'mentat.db'));
  const clock = opts.clock ?? systemClock;
  const coach = createCoach({ store, clock, ...(opts.workspace ? { workspace: opts.workspace } : {}) });
  const server = await startServer({
    host: '127.0.0.1', port: 0, tickMs: 0, log: () => {}, ...opts,
    deps: { store, coach, clock, services: { workspace: coach.workspace, ...opts.services } },
  });
  const call: Harness['call'] = async (method, path, body, headers = {}) => {
    const res = await fetch(server.url + path, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as never, headers: res.headers };
  };
  return {
    url: server.url, store, coach, dir, server, call,
    close: async () => {
      await server.close();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
