// The desktop shell, wired from its parts. Everything Electron-specific comes in through `ShellElectron`
// (the real modules in main.ts, a fake in tests), so this file holds the app's behaviour, not its globals.
import { join } from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';
import { channels } from './bridge.ts';
import { connect, type Connection, type StartEmbedded } from './connection.ts';
import { registerIpc } from './ipc.ts';
import { startLive, type Live } from './live.ts';
import type { GlobalShortcutLike, IpcMainLike, MenuBuilder, NotificationFactory, PreventableEvent, SafeStorageLike, ScreenLike, SessionLike, ShellLike, TrayLike, WebContentsLike, WindowLike } from './ports.ts';
import { hardenSession, hardenWebContents } from './security.ts';
import { openExternalSafely } from './url-guard.ts';
import { loadSettings, saveSettings } from './settings.ts';
import { registerAskShortcut, showAndFocusAsk } from './shortcut.ts';
import { TokenStore } from './token-store.ts';
import { sidebarWindowOptions } from './window-options.ts';
import { clampToDisplays, loadWindowState, saveWindowState } from './window-state.ts';

export interface AppLike {
  whenReady(): Promise<unknown>;
  getPath(name: 'userData'): string;
  requestSingleInstanceLock(): boolean;
  on(event: 'web-contents-created', listener: (event: unknown, contents: WebContentsLike) => void): unknown;
  on(event: 'second-instance' | 'window-all-closed', listener: () => void): unknown;
  on(event: 'before-quit', listener: (event: PreventableEvent) => void): unknown;
  quit(): void;
}

export interface ShellElectron {
  app: AppLike;
  createWindow(options: BrowserWindowConstructorOptions): WindowLike & { hide(): void; on(event: 'close', listener: (e: PreventableEvent) => void): unknown };
  createTray(iconPath: string): TrayLike;
  /** Only usable once the app is ready, hence a function. */
  defaultSession(): SessionLike;
  ipcMain: IpcMainLike;
  shell: ShellLike;
  safeStorage: SafeStorageLike;
  globalShortcut: GlobalShortcutLike;
  screen: ScreenLike;
  menu: MenuBuilder;
  notifications: NotificationFactory;
}

export interface ShellOptions {
  preloadPath: string;
  trayIconPath: string;
  /** MENTAT_SERVER_URL / MENTAT_TOKEN, read by the composition root. */
  serverUrl: string | null;
  token: string | null;
  startEmbedded: StartEmbedded;
  fetch?: typeof fetch;
  log(line: string): void;
}

export interface RunningShell {
  connection: Connection;
  window: WindowLike;
  live: Live;
  showIncident(id: number): void;
  stop(): Promise<void>;
}

/** Starts the shell; null when another instance already runs (that one is brought forward instead). */
export async function runShell(e: ShellElectron, opts: ShellOptions): Promise<RunningShell | null> {
  if (!e.app.requestSingleInstanceLock()) {
    e.app.quit();
    return null;
  }
  await e.app.whenReady();
  const userData = e.app.getPath('userData');
  const settingsFile = join(userData, 'settings.json');
  const stateFile = join(userData, 'window-state.json');
  const settings = loadSettings(settingsFile);
  const connection = await connect({
    serverUrl: opts.serverUrl ?? settings.serverUrl,
    token: opts.token,
    tokens: new TokenStore(join(userData, 'server-token.bin'), e.safeStorage),
    startEmbedded: opts.startEmbedded,
  });
  if (connection.warning) opts.log(connection.warning);
  const origin = new URL(connection.url).origin;
  const openInBrowser = (url: string): Promise<boolean> =>
    openExternalSafely(e.shell, url).catch((err: unknown) => {
      opts.log(`could not open ${url}: ${String(err)}`);
      return false;
    });

  hardenSession(e.defaultSession(), { serverOrigin: origin, token: connection.token });
  // Registered before any window exists, so no web contents is ever created without the guards.
  e.app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, { serverOrigin: origin, openInBrowser: (url) => void openInBrowser(url) }));

  const state = clampToDisplays(loadWindowState(stateFile), e.screen.getAllDisplays().map((d) => d.workArea));
  const win = e.createWindow(sidebarWindowOptions({ preloadPath: opts.preloadPath, state, alwaysOnTop: settings.alwaysOnTop }));
  win.once('ready-to-show', () => win.show());

  let saveTimer: NodeJS.Timeout | undefined;
  const persist = (): void => {
    clearTimeout(saveTimer);
    if (win.isDestroyed() || win.isMinimized()) return;
    try { saveWindowState(stateFile, win.getBounds()); } catch (err) { opts.log(`window state not saved: ${String(err)}`); }
  };
  const persistSoon = (): void => { clearTimeout(saveTimer); saveTimer = setTimeout(persist, 500); };
  win.on('resize', persistSoon);
  win.on('move', persistSoon);

  let quitting = false;
  // Closing the sidebar hides it: the tray, shortcut and notifications keep working until Quit.
  win.on('close', (ev: PreventableEvent) => {
    persist();
    if (quitting) return;
    ev.preventDefault();
    win.hide();
  });

  const show = (): void => {
    if (win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  };
  const showIncident = (id: number): void => {
    show();
    win.webContents.send(channels.showIncident, id);
  };

  const unregisterIpc = registerIpc(e.ipcMain, {
    allowedOrigin: origin,
    serverUrl: connection.url,
    token: connection.token,
    openInBrowser,
    setWorkingIncident: (id) => live.policy.setWorkingIncident(id),
    setAlwaysOnTop: (on) => {
      win.setAlwaysOnTop(on);
      try { saveSettings(settingsFile, { ...loadSettings(settingsFile), alwaysOnTop: on }); } catch (err) { opts.log(`setting not saved: ${String(err)}`); }
    },
  });

  const tray = e.createTray(opts.trayIconPath);
  tray.on('click', show);
  const live = await startLive({
    serverUrl: connection.url,
    token: connection.token,
    tray,
    menu: e.menu,
    notifications: e.notifications,
    notify: settings.notifications,
    actions: { openIncident: showIncident, showSidebar: show, quit: () => e.app.quit() },
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
    log: (line) => opts.log(line),
  });

  const shortcut = registerAskShortcut(e.globalShortcut, settings.shortcut, () => showAndFocusAsk(win));
  if (!shortcut.ok) opts.log(shortcut.message);

  e.app.on('second-instance', show);
  // The tray keeps the app alive with no window; only Quit ends it.
  e.app.on('window-all-closed', () => {});

  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    quitting = true;
    stopping ??= (async () => {
      clearTimeout(saveTimer);
      live.stop();
      e.globalShortcut.unregisterAll();
      unregisterIpc();
      tray.destroy();
      await live.done;
      await connection.close();
    })();
    return stopping;
  };
  let stopped = false;
  e.app.on('before-quit', (ev) => {
    if (stopped) return;
    // The embedded server must close its store cleanly before the process goes.
    ev.preventDefault();
    void stop().then(() => { stopped = true; e.app.quit(); });
  });

  await win.loadURL(connection.url + '/');
  return { connection, window: win, live, showIncident, stop };
}
