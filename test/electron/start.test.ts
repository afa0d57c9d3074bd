// `npm start` on a machine without Electron's binary: it serves the sidebar on loopback, prints the URL
// and why it is not the desktop app, shows the demo incident, and says clearly when the port is taken.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const electronDir = join(repo, 'node_modules', 'electron');
const pathTxt = join(electronDir, 'path.txt');
// Where the binary is installed, --browser asks for the fallback explicitly; the printed reason differs.
const binaryInstalled = existsSync(pathTxt) && existsSync(join(electronDir, 'dist', readFileSync(pathTxt, 'utf8').trim()));

interface Started { child: ChildProcess; out: () => string; err: () => string; exited: Promise<number | null> }

function start(env: Record<string, string>): Started {
  const child = spawn(process.execPath, [join(repo, 'bin', 'start.js'), ...(binaryInstalled ? ['--browser'] : [])], {
    cwd: repo,
    env: { ...process.env, MENTAT_WORKSPACE: '', MENTAT_TOKEN: '', OPENAI_API_KEY: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { err += d.toString(); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out: () => out, err: () => err, exited };
}

async function waitFor(what: string, probe: () => RegExpMatchArray | null, started: Started, ms = 60_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const m = probe();
    if (m) return m;
    if (started.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no ${what}; stdout: ${started.out()} stderr: ${started.err()}`);
}

describe('npm start without the desktop app', () => {
  let dir: string;
  let uiDir: string;
  let running: Started | null = null;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mentat-start-'));
    // A stand-in build so the test neither depends on nor rewrites the repository's renderer/dist.
    uiDir = join(dir, 'ui');
    mkdirSync(uiDir);
    writeFileSync(join(uiDir, 'index.html'), '<!doctype html><title>Mentat sidebar</title><div id="root"></div>');
  });

  afterEach(async () => {
    if (running && running.child.exitCode === null) {
      running.child.kill('SIGTERM');
      await running.exited;
    }
    running = null;
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the sidebar and the demo incident on loopback, printing the URL and why', async () => {
    const db = join(dir, 'data', 'mentat.db');
    running = start({ MENTAT_PORT: '0', MENTAT_DB: db, MENTAT_UI_DIR: uiDir });
    const [url] = await waitFor('URL line', () => running?.out().match(/http:\/\/127\.0\.0\.1:\d+/) ?? null, running);
    if (binaryInstalled) expect(running.out()).toMatch(/--browser/);
    else expect(running.out()).toContain('Electron\'s binary is not installed here (run `npx install-electron` to get it) — serving the sidebar in your browser instead');

    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Mentat sidebar</title>');
    const list = await (await fetch(`${url}/api/incidents`)).json() as { incidents: { key: string; title: string }[] };
    expect(list.incidents).toHaveLength(1);
    expect(existsSync(db)).toBe(true);

    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
  });

  it('says clearly when the port is taken', async () => {
    const blocker = createServer((_req, res) => res.end());
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const { port } = blocker.address() as AddressInfo;
    try {
      running = start({ MENTAT_PORT: String(port), MENTAT_DB: join(dir, 'm.db'), MENTAT_UI_DIR: uiDir });
      expect(await running.exited).toBe(1);
      expect(running.err()).toContain(`port ${port} on 127.0.0.1 is already in use`);
      expect(running.err()).toMatch(/MENTAT_PORT/);
    } finally {
      await new Promise<void>((r) => blocker.close(() => r()));
    }
  });

  it('refuses a port that is not a number', async () => {
    running = start({ MENTAT_PORT: 'eighty', MENTAT_DB: join(dir, 'm.db'), MENTAT_UI_DIR: uiDir });
    expect(await running.exited).toBe(2);
    expect(running.err()).toMatch(/MENTAT_PORT must be a number/);
    expect(existsSync(join(dir, 'm.db'))).toBe(false);
  });
});
