// The whole shell against a real embedded server (real SQLite in a temp dir, real HTTP on loopback),
// with Electron replaced by the fake: what the window loads, what the IPC answers, what the tray lists,
// which notifications appear, and that quitting closes the server.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../../coach/store/index.ts';
import { channels } from '../../electron/bridge.ts';
import { startEmbeddedServer } from '../../electron/embedded-server.ts';
import { runShell, type RunningShell } from '../../electron/shell.ts';
import { fakeElectron, frame, type FakeElectron } from './fake-electron.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));

async function until<T>(what: string, probe: () => T | null | undefined | false, tries = 200): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('desktop shell in solo mode', () => {
  let dir: string;
  let e: FakeElectron;
  let shell: RunningShell | null;
  const logs: string[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mentat-shell-'));
    const appRoot = join(dir, 'app');
    mkdirSync(join(appRoot, 'renderer', 'dist'), { recursive: true });
    writeFileSync(join(appRoot, 'renderer', 'dist', 'index.html'), '<!doctype html><title>Mentat</title><div id="root"></div>');
    mkdirSync(join(appRoot, 'workspace'));
    symlinkSync(join(repo, 'workspace', 'demo'), join(appRoot, 'workspace', 'demo'), 'dir');
    e = fakeElectron(join(dir, 'userData'));
    e.displays.splice(0, 1, { x: 0, y: 0, width: 1280, height: 720 });
    mkdirSync(e.app.userData, { recursive: true });
    // A window last seen on a monitor that is now unplugged.
    writeFileSync(join(e.app.userData, 'window-state.json'), JSON.stringify({ width: 420, height: 900, x: 2500, y: 100 }));
    shell = await runShell(e, {
      preloadPath: '/app/electron/dist/preload.cjs',
      trayIconPath: '/app/electron/assets/tray.png',
      serverUrl: null,
      token: null,
      startEmbedded: (o) => startEmbeddedServer({ ...o, dbPath: join(dir, 'mentat.db'), appRoot, env: { MENTAT_SUPPORT_BATCH_SECONDS: '0' }, log: (l) => logs.push(l) }),
      log: (l) => logs.push(l),
    });
  });

  afterEach(async () => {
    await shell?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads the embedded server in a hardened, clamped sidebar window', async () => {
    expect(shell).not.toBeNull();
    const s = shell as RunningShell;
    expect(s.connection.mode).toBe('solo');
    expect(s.connection.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(s.connection.token.length).toBeGreaterThanOrEqual(40);
    const win = e.windows[0];
    expect(e.windows).toHaveLength(1);
    expect(win?.loaded).toEqual([`${s.connection.url}/`]);
    expect(win?.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, preload: '/app/electron/dist/preload.cjs' });
    // Off-screen position dropped, height fitted to the 720-pixel display.
    expect(win?.options).toMatchObject({ width: 420, height: 720 });
    expect(win?.options.x).toBeUndefined();
    expect(win?.visible).toBe(true);
    expect(win?.webContents.openHandler).not.toBeNull();
    expect(e.sessionFake.permissionRequest).not.toBeNull();

    // The real server answers, and only with the token the shell generated.
    const health = await fetch(`${s.connection.url}/healthz`);
    expect(health.status).toBe(200);
    expect((await fetch(`${s.connection.url}/api/incidents`)).status).toBe(401);
    const page = await fetch(`${s.connection.url}/`);
    expect(await page.text()).toContain('<title>Mentat</title>');

    expect(e.ipcFake.sendSync(channels.config, frame(`${s.connection.url}/`))).toEqual({ serverUrl: s.connection.url, token: s.connection.token });
    expect(e.ipcFake.sendSync(channels.config, frame('https://evil.example/'))).toBeNull();
  });

  it('lists new incidents in the tray and notifies about them and about alerts on the worked incident', async () => {
    const s = shell as RunningShell;
    const tray = e.trays[0];
    // The demo incident was seeded before the app started: listed, but not announced as new.
    expect(tray?.menu.filter((m) => m.label?.startsWith('INC-'))).toHaveLength(1);
    expect(e.shown).toEqual([]);
    const auth = { authorization: `Bearer ${s.connection.token}`, 'content-type': 'application/json' };
    const res = await fetch(`${s.connection.url}/api/incidents`, { method: 'POST', headers: auth, body: JSON.stringify({ title: 'Ledger 5xx', service: 'ledger', severity: 'SEV2', from: 'ana' }) });
    expect(res.status).toBe(201);
    const { incident } = await res.json() as { incident: { id: number; key: string } };

    const notice = await until('the new-incident notification', () => e.shown.find((n) => n.options.title === `New incident ${incident.key} (SEV2)`));
    expect(notice.shown).toBe(true);
    await until('the tray to list the incident', () => tray?.menu.some((m) => m.label?.startsWith(`${incident.key} · SEV2`)));

    // Clicking the notification brings the sidebar to that incident.
    e.windows[0]?.hide();
    notice.emit('click');
    expect(e.windows[0]?.visible).toBe(true);
    expect(e.windows[0]?.webContents.sent).toContainEqual({ channel: channels.showIncident, args: [incident.id] });

    // The person works it; a new alert on it is worth a notification.
    await e.ipcFake.invoke(channels.setWorkingIncident, frame(`${s.connection.url}/`), incident.id);
    const alert = {
      version: '4', groupKey: 'g', status: 'firing', receiver: 'mentat', groupLabels: {}, commonLabels: {}, commonAnnotations: {}, externalURL: 'http://am', truncatedAlerts: 0,
      alerts: [{ status: 'firing', labels: { alertname: 'LedgerLatencyHigh', service: 'ledger', severity: 'page' }, annotations: { summary: 'p99 above 2s' }, startsAt: new Date().toISOString(), endsAt: '0001-01-01T00:00:00Z', generatorURL: 'http://prom/graph', fingerprint: 'abc123' }],
    };
    const hook = await fetch(`${s.connection.url}/api/webhooks/alertmanager`, { method: 'POST', headers: auth, body: JSON.stringify(alert) });
    expect(hook.status).toBeLessThan(300);
    const alertNotice = await until('the alert notification', () => e.shown.find((n) => n.options.title === `New alert on ${incident.key}`));
    expect(alertNotice.options.body).toMatch(/LedgerLatencyHigh/);
  });

  it("notifies once when support's batch of questions about the worked incident reaches the responders", async () => {
    const s = shell as RunningShell;
    // Support asks with a personal token, issued in the same store file the embedded server uses.
    const store = Store.open(join(dir, 'mentat.db'));
    const sam = store.tokens.issue('sam', new Date().toISOString());
    store.close();
    const shared = { authorization: `Bearer ${s.connection.token}`, 'content-type': 'application/json' };
    const opened = await fetch(`${s.connection.url}/api/incidents`, { method: 'POST', headers: shared, body: JSON.stringify({ title: 'Checkout 5xx', service: 'checkout', severity: 'SEV2', from: 'ana' }) });
    const { incident } = await opened.json() as { incident: { id: number; key: string } };
    await e.ipcFake.invoke(channels.setWorkingIncident, frame(`${s.connection.url}/`), incident.id);
    const asked = await fetch(`${s.connection.url}/api/incidents/${incident.id}/support/questions`, {
      method: 'POST', headers: { authorization: `Bearer ${sam}`, 'content-type': 'application/json' }, body: JSON.stringify({ question: 'Is card data safe?' }),
    });
    expect(asked.status).toBe(201);
    const title = `Support has 1 question for you on ${incident.key}`;
    const notice = await until('the support batch notification', () => e.shown.find((n) => n.options.title === title));
    expect(notice.options.body).toContain('Is card data safe?');
    e.windows[0]?.hide();
    notice.emit('click');
    expect(e.windows[0]?.visible).toBe(true);
    expect(e.windows[0]?.webContents.sent).toContainEqual({ channel: channels.showIncident, args: [incident.id] });
    // One batch, one notification: nothing else about it follows.
    await new Promise((r) => setTimeout(r, 300));
    expect(e.shown.filter((n) => String(n.options.title).startsWith('Support has'))).toHaveLength(1);
  });

  it('shows the sidebar and asks it to focus the ask box on the global shortcut', () => {
    const press = e.shortcuts.get('CommandOrControl+Shift+M');
    expect(press).toBeDefined();
    e.windows[0]?.hide();
    press?.();
    expect(e.windows[0]?.visible).toBe(true);
    expect(e.windows[0]?.webContents.sent).toContainEqual({ channel: channels.focusAsk, args: [] });
  });

  it('hides on close, saves its bounds, and on quit closes the server and releases everything', async () => {
    const s = shell as RunningShell;
    const win = e.windows[0];
    if (!win) throw new Error('no window');
    win.bounds = { x: 40, y: 30, width: 460, height: 700 };
    expect(win.emitPreventable('close')).toBe(true);
    expect(win.visible).toBe(false);
    const stateFile = join(e.app.userData, 'window-state.json');
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toEqual({ x: 40, y: 30, width: 460, height: 700 });

    await e.ipcFake.invoke(channels.setAlwaysOnTop, frame(`${s.connection.url}/`), true);
    expect(win.alwaysOnTop).toBe(true);
    expect(JSON.parse(readFileSync(join(e.app.userData, 'settings.json'), 'utf8'))).toMatchObject({ alwaysOnTop: true });

    e.app.quit();
    await s.stop();
    shell = null;
    expect(e.shortcuts.size).toBe(0);
    expect(e.ipcFake.handlers.size).toBe(0);
    expect(e.trays[0]?.destroyed).toBe(true);
    await expect(fetch(`${s.connection.url}/healthz`)).rejects.toThrow();
    expect(existsSync(join(dir, 'mentat.db'))).toBe(true);
  });
});
