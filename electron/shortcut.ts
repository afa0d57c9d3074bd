// The global shortcut that brings the sidebar forward with the ask box focused, from any application.
import { channels } from './bridge.ts';
import type { GlobalShortcutLike, WindowLike } from './ports.ts';

export type ShortcutResult = { ok: true } | { ok: false; message: string };

/** Shows the window (restoring it if minimized) and tells the renderer to focus the ask box. */
export function showAndFocusAsk(win: WindowLike): void {
  if (win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
  win.webContents.focus();
  win.webContents.send(channels.focusAsk);
}

export function registerAskShortcut(globalShortcut: GlobalShortcutLike, accelerator: string, onPress: () => void): ShortcutResult {
  let ok: boolean;
  try {
    ok = globalShortcut.register(accelerator, onPress);
  } catch {
    // Electron throws on accelerators it cannot parse.
    ok = false;
  }
  if (ok) return { ok: true };
  return {
    ok: false,
    message: `The shortcut ${accelerator} is already taken by another application or is not valid, so it is off. Choose another "shortcut" in settings.json (for example CommandOrControl+Alt+M).`,
  };
}
