// `mentat serve` as a real child process on a temp database, as a person or the desktop shell starts it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Store } from '../../coach/store/index.ts';
import { tempDir } from '../support/tmp.ts';

export const ROOT = join(import.meta.dirname, '..', '..');
export const UI_DIR = join(ROOT, 'renderer', 'dist');
export const DEMO_WORKSPACE = join(ROOT, 'workspace', 'demo');

export interface MentatServer {
  url: string;
  port: number;
  dbPath: string;
  /** Stops the process (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port and database. */
  start(): Promise<void>;
  close(): Promise<void>;
  /** An API call; on a team server it goes with `token`, or the first issued person's token. */
  api<T = Record<string, unknown>>(method: string, path: string, body?: unknown, token?: string): Promise<T>;
  /** Personal tokens issued before the server started (a team server), by person. */
  tokens: Record<string, string>;
}

export interface ServeOptions {
  prometheus?: string;
  workspace?: string;
  /** Seed the bundled demo incident (default: yes, with the demo workspace). */
  demo?: boolean;
  extraArgs?: string[];
  /** Issue these people's tokens in the store before the server starts, which makes it a team server. */
  tokens?: string[];
  /** More environment for the server process (e.g. MENTAT_SUPPORT_BATCH_SECONDS). */
  env?: Record<string, string>;
}

const START_TIMEOUT_MS = 20_000;

function launch(args: string[], extraEnv: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'mentat.js'), 'serve', ...args], {
      cwd: ROOT,
      env: { ...process.env, OPENAI_API_KEY: '', OPENAI_BASE_URL: '', MENTAT_TOKEN: '', SLACK_BOT_TOKEN: '', ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`mentat serve did not print its URL within ${START_TIMEOUT_MS} ms:\n${out}`));
    }, START_TIMEOUT_MS);
    const onData = (d: Buffer): void => {
      out += d.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve({ child, url: m[1].replace(/\/$/, '') });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`mentat serve exited (${code}) before listening:\n${out}`));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(hard);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startMentat(opts: ServeOptions = {}): Promise<MentatServer> {
  if (!existsSync(join(UI_DIR, 'index.html'))) throw new Error('renderer/dist is missing: run `npm run build:ui` first (npm test does).');
  const tmp = tempDir('mentat-e2e-');
  const dbPath = join(tmp.dir, 'mentat.db');
  const base = ['--host', '127.0.0.1', '--db', dbPath, '--workspace', opts.workspace ?? DEMO_WORKSPACE, ...((opts.demo ?? !opts.workspace) ? ['--demo'] : []), ...(opts.prometheus ? ['--prometheus', opts.prometheus] : []), ...(opts.extraArgs ?? [])];
  const tokens: Record<string, string> = {};
  if (opts.tokens?.length) {
    const store = Store.open(dbPath);
    try {
      for (const person of opts.tokens) tokens[person] = store.tokens.issue(person, new Date().toISOString());
    } finally {
      store.close();
    }
  }
  const defaultToken = opts.tokens?.[0] ? tokens[opts.tokens[0]] : undefined;
  let { child, url } = await launch([...base, '--port', '0'], opts.env);
  const port = Number(new URL(url).port);
  const server: MentatServer = {
    get url() {
      return url;
    },
    port,
    dbPath,
    stop: () => exited(child),
    start: async () => {
      ({ child, url } = await launch([...base, '--port', String(port)], opts.env));
    },
    close: async () => {
      await exited(child);
      tmp.cleanup();
    },
    tokens,
    api: async <T>(method: string, path: string, body?: unknown, token = defaultToken): Promise<T> => {
      const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
      if (token) headers.authorization = `Bearer ${token}`;
      const res = await fetch(url + path, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
      return JSON.parse(text) as T;
    },
  };
  return server;
}
