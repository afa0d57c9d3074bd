// A stand-in for the parts of Electron the shell uses, recording what the shell asks of it. Electron's
// binary cannot run here, so the shell is exercised through its ports (electron/ports.ts) instead.
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions, NotificationConstructorOptions } from 'electron';
import type { FrameLike, HeadersDetails, PreventableEvent, RequestDetails, Rect, SyncEventLike } from '../../electron/ports.ts';
import type { ShellElectron } from '../../electron/shell.ts';

// Listeners of every event shape share one map; the port interfaces give each event its real type, so
// `any` here only lets one fake satisfy all of their overloads.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Listener = (...args: any[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  removeListener(event: string, listener: Listener): this {
    this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== listener));
    return this;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(event) ?? []) l(...args);
  }
  /** Emits a cancellable event and says whether a listener cancelled it. */
  emitPreventable(event: string, ...args: unknown[]): boolean {
    let prevented = false;
    const ev: PreventableEvent = { preventDefault: () => { prevented = true; } };
    this.emit(event, ev, ...args);
    return prevented;
  }
}

export function frame(url: string, parent: FrameLike | null = null): FrameLike {
  return { url, parent };
}

export class FakeWebContents extends Emitter {
  openHandler: ((d: { url: string }) => { action: 'deny' }) | null = null;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  focused = 0;
  setWindowOpenHandler(h: (d: { url: string }) => { action: 'deny' }): void { this.openHandler = h; }
  send(channel: string, ...args: unknown[]): void { this.sent.push({ channel, args }); }
  focus(): void { this.focused++; }
}

export class FakeWindow extends Emitter {
  readonly webContents = new FakeWebContents();
  bounds: Rect;
  visible = false;
  minimized = false;
  destroyed = false;
  alwaysOnTop: boolean;
  loaded: string[] = [];
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    this.bounds = { x: options.x ?? 100, y: options.y ?? 100, width: options.width ?? 800, height: options.height ?? 600 };
    this.alwaysOnTop = options.alwaysOnTop ?? false;
  }
  getBounds(): Rect { return { ...this.bounds }; }
  isDestroyed(): boolean { return this.destroyed; }
  isVisible(): boolean { return this.visible; }
  isMinimized(): boolean { return this.minimized; }
  restore(): void { this.minimized = false; }
  show(): void { this.visible = true; }
  hide(): void { this.visible = false; }
  focus(): void {}
  setAlwaysOnTop(flag: boolean): void { this.alwaysOnTop = flag; }
  async loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    this.emit('ready-to-show');
  }
}

export class FakeIpcMain extends Emitter {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void { this.handlers.delete(channel); }
  /** What ipcRenderer.invoke from `from` would resolve to (or reject with). */
  async invoke(channel: string, from: FrameLike | null, ...args: unknown[]): Promise<unknown> {
    const h = this.handlers.get(channel);
    if (!h) throw new Error(`No handler registered for '${channel}'`);
    return h({ senderFrame: from }, ...args);
  }
  sendSync(channel: string, from: FrameLike | null): unknown {
    const ev: SyncEventLike = { senderFrame: from, returnValue: undefined };
    this.emit(channel, ev);
    return ev.returnValue;
  }
}

export class FakeSafeStorage {
  constructor(public available = true, public backend: string | undefined = 'gnome_libsecret') {}
  isEncryptionAvailable(): boolean { return this.available; }
  // Reversible but not the plaintext, so a test can tell whether a file holds the token in the clear.
  encryptString(s: string): Buffer { return Buffer.concat([Buffer.from('v10'), Buffer.from(s, 'utf8').map((b) => b ^ 0x5a)]); }
  decryptString(b: Buffer): string {
    if (b.subarray(0, 3).toString() !== 'v10') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(b.subarray(3).map((x) => x ^ 0x5a)).toString('utf8');
  }
  getSelectedStorageBackend(): string { return this.backend ?? 'unknown'; }
}

export class FakeSession {
  permissionRequest: ((wc: unknown, p: string, cb: (granted: boolean) => void) => void) | null = null;
  permissionCheck: ((wc: unknown, p: string) => boolean) | null = null;
  headersReceived: ((d: HeadersDetails, cb: (r: { responseHeaders?: Record<string, string | string[]> }) => void) => void) | null = null;
  beforeSendHeaders: ((d: RequestDetails, cb: (r: { requestHeaders?: Record<string, string> }) => void) => void) | null = null;
  setPermissionRequestHandler(h: FakeSession['permissionRequest']): void { this.permissionRequest = h; }
  setPermissionCheckHandler(h: FakeSession['permissionCheck']): void { this.permissionCheck = h; }
  readonly webRequest = {
    onHeadersReceived: (l: FakeSession['headersReceived']): void => { this.headersReceived = l; },
    onBeforeSendHeaders: (l: FakeSession['beforeSendHeaders']): void => { this.beforeSendHeaders = l; },
  };
}

export class FakeTray extends Emitter {
  menu: MenuItemConstructorOptions[] = [];
  toolTip = '';
  destroyed = false;
  constructor(readonly icon: string) { super(); }
  setContextMenu(menu: unknown): void { this.menu = menu as MenuItemConstructorOptions[]; }
  setToolTip(t: string): void { this.toolTip = t; }
  destroy(): void { this.destroyed = true; }
}

export class FakeNotification extends Emitter {
  shown = false;
  constructor(readonly options: NotificationConstructorOptions) { super(); }
  show(): void { this.shown = true; }
}

export class FakeApp extends Emitter {
  quitCalls = 0;
  constructor(readonly userData: string, public lock = true) { super(); }
  async whenReady(): Promise<void> {}
  getPath(_name: 'userData'): string { return this.userData; }
  requestSingleInstanceLock(): boolean { return this.lock; }
  quit(): void {
    this.quitCalls++;
    this.emitPreventable('before-quit');
  }
}

export interface FakeElectron extends ShellElectron {
  app: FakeApp;
  windows: FakeWindow[];
  trays: FakeTray[];
  sessionFake: FakeSession;
  ipcFake: FakeIpcMain;
  safeStorageFake: FakeSafeStorage;
  opened: string[];
  shortcuts: Map<string, () => void>;
  takenShortcuts: Set<string>;
  shown: FakeNotification[];
  displays: Rect[];
}

export function fakeElectron(userData: string): FakeElectron {
  const app = new FakeApp(userData);
  const windows: FakeWindow[] = [];
  const trays: FakeTray[] = [];
  const sessionFake = new FakeSession();
  const ipcFake = new FakeIpcMain();
  const safeStorageFake = new FakeSafeStorage();
  const opened: string[] = [];
  const shortcuts = new Map<string, () => void>();
  const takenShortcuts = new Set<string>();
  const shown: FakeNotification[] = [];
  const displays: Rect[] = [{ x: 0, y: 0, width: 1920, height: 1080 }];
  return {
    app, windows, trays, sessionFake, ipcFake, safeStorageFake, opened, shortcuts, takenShortcuts, shown, displays,
    createWindow(options) {
      const w = new FakeWindow(options);
      windows.push(w);
      app.emit('web-contents-created', {}, w.webContents);
      return w;
    },
    createTray(icon) { const t = new FakeTray(icon); trays.push(t); return t; },
    defaultSession: () => sessionFake,
    ipcMain: ipcFake,
    shell: { openExternal: async (url: string) => { opened.push(url); } },
    safeStorage: safeStorageFake,
    globalShortcut: {
      register: (accel, cb) => { if (takenShortcuts.has(accel)) return false; shortcuts.set(accel, cb); return true; },
      unregisterAll: () => shortcuts.clear(),
    },
    screen: { getAllDisplays: () => displays.map((workArea) => ({ workArea })) },
    menu: { buildFromTemplate: (t) => t },
    notifications: { isSupported: () => true, create: (o) => { const n = new FakeNotification(o); shown.push(n); return n; } },
  };
}
