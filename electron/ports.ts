// The slices of Electron's API the shell uses, as structural types. The main process passes the real
// modules in (electron/main.ts checks they fit); tests pass test/electron/fake-electron.ts.
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions, NotificationConstructorOptions } from 'electron';

export interface Rect { x: number; y: number; width: number; height: number }

export interface PreventableEvent { preventDefault(): void }

export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
}

export interface InvokeEventLike {
  readonly senderFrame: FrameLike | null;
}

export interface SyncEventLike extends InvokeEventLike {
  returnValue: unknown;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: (event: SyncEventLike) => void): unknown;
  removeListener(channel: string, listener: (event: SyncEventLike) => void): unknown;
}

export interface WindowOpenDetails { url: string }

export interface WebContentsLike {
  setWindowOpenHandler(handler: (details: WindowOpenDetails) => { action: 'deny' }): void;
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  send(channel: string, ...args: unknown[]): void;
  focus(): void;
}

export interface HeadersDetails { url: string; responseHeaders?: Record<string, string | string[]> }
export interface RequestDetails { url: string; requestHeaders: Record<string, string> }

export interface SessionLike {
  setPermissionRequestHandler(handler: (wc: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (wc: unknown, permission: string) => boolean): void;
  webRequest: {
    onHeadersReceived(listener: (details: HeadersDetails, callback: (response: { responseHeaders?: Record<string, string | string[]> }) => void) => void): void;
    onBeforeSendHeaders(listener: (details: RequestDetails, callback: (response: { requestHeaders?: Record<string, string> }) => void) => void): void;
  };
}

export interface WindowLike {
  readonly webContents: WebContentsLike;
  getBounds(): Rect;
  isDestroyed(): boolean;
  isVisible(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
  setAlwaysOnTop(flag: boolean): void;
  loadURL(url: string): Promise<void>;
  on(event: 'resize' | 'move' | 'close' | 'closed', listener: () => void): unknown;
  once(event: 'ready-to-show', listener: () => void): unknown;
}

export type WindowFactory = (options: BrowserWindowConstructorOptions) => WindowLike;

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' means no keyring, i.e. a hard-coded key, i.e. plaintext in effect. */
  getSelectedStorageBackend?(): string;
}

export interface GlobalShortcutLike {
  register(accelerator: string, callback: () => void): boolean;
  unregisterAll(): void;
}

export interface TrayLike {
  setContextMenu(menu: unknown): void;
  setToolTip(text: string): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface NotificationLike {
  on(event: 'click', listener: () => void): unknown;
  show(): void;
}

export interface NotificationFactory {
  isSupported(): boolean;
  create(options: NotificationConstructorOptions): NotificationLike;
}

export interface MenuBuilder {
  buildFromTemplate(template: MenuItemConstructorOptions[]): unknown;
}

export interface ScreenLike {
  getAllDisplays(): { workArea: Rect }[];
}

export interface ShellLike {
  openExternal(url: string): Promise<void>;
}
