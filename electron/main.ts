// The desktop app's composition root: the only file that touches Electron's globals and the process
// environment. It adapts the real modules to the shell's ports and starts it.
import { join } from 'node:path';
import { BrowserWindow, Menu, Notification, Tray, app, dialog, globalShortcut, ipcMain, safeStorage, screen, session, shell } from 'electron';
import { CodedError } from '../coach/types.ts';
import { startEmbeddedServer } from './embedded-server.ts';
import { runShell, type ShellElectron } from './shell.ts';

const here = import.meta.dirname;

const electronPorts: ShellElectron = {
  app,
  // The security preferences are restated where the window is made, so no caller can weaken them.
  createWindow: (options) => new BrowserWindow({
    ...options,
    webPreferences: {
      ...options.webPreferences,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      disableBlinkFeatures: 'Auxclick',
    },
  }),
  createTray: (iconPath) => new Tray(iconPath),
  defaultSession: () => session.defaultSession,
  ipcMain,
  shell,
  safeStorage,
  globalShortcut,
  screen,
  menu: Menu,
  notifications: { isSupported: () => Notification.isSupported(), create: (options) => new Notification(options) },
};

const log = (line: string): void => console.error(`mentat: ${line}`);

runShell(electronPorts, {
  // Compiled layout: electron/dist/{main.js,preload.cjs}; assets and the built UI live beside them in the app.
  preloadPath: join(here, 'preload.cjs'),
  trayIconPath: join(here, '..', 'assets', process.platform === 'darwin' ? 'trayTemplate.png' : 'tray.png'),
  serverUrl: process.env.MENTAT_SERVER_URL?.trim() || null,
  token: process.env.MENTAT_TOKEN?.trim() || null,
  startEmbedded: (opts) => startEmbeddedServer({
    ...opts,
    dbPath: process.env.MENTAT_DB?.trim() || join(app.getPath('userData'), 'mentat.db'),
    appRoot: app.getAppPath(),
    env: process.env,
    log,
  }),
  log,
}).catch((err: unknown) => {
  const message = err instanceof CodedError ? err.message : `Mentat could not start: ${err instanceof Error ? err.message : String(err)}`;
  log(err instanceof Error ? (err.stack ?? message) : message);
  dialog.showErrorBox('Mentat could not start', message);
  app.exit(1);
});
