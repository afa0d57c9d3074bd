// The sidebar window's construction options: a narrow, resizable panel with Electron's security
// checklist applied. Kept as a pure function so the test can read every flag that matters.
import type { BrowserWindowConstructorOptions } from 'electron';
import type { WindowState } from './window-state.ts';
import { MIN_HEIGHT, MIN_WIDTH } from './window-state.ts';

export interface SidebarWindowInput {
  /** Absolute path of the compiled preload script (CommonJS, as sandboxed preloads must be). */
  preloadPath: string;
  state: WindowState;
  alwaysOnTop: boolean;
}

export function sidebarWindowOptions(input: SidebarWindowInput): BrowserWindowConstructorOptions {
  const { state } = input;
  return {
    title: 'Mentat',
    width: state.width,
    height: state.height,
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    resizable: true,
    alwaysOnTop: input.alwaysOnTop,
    // Shown on ready-to-show so the person never sees an empty white frame.
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      preload: input.preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
      safeDialogs: true,
      // Middle-click would otherwise open links in a new window; links leave only through the URL guard.
      disableBlinkFeatures: 'Auxclick',
    },
  };
}
