import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sidebarWindowOptions } from '../../electron/window-options.ts';
import { clampToDisplays, DEFAULT_HEIGHT, DEFAULT_WIDTH, loadWindowState, MIN_HEIGHT, MIN_WIDTH, saveWindowState } from '../../electron/window-state.ts';

describe('sidebar window options', () => {
  const opts = sidebarWindowOptions({ preloadPath: '/app/electron/dist/preload.cjs', state: { width: 420, height: 800, x: 10, y: 20 }, alwaysOnTop: true });

  it('applies the security checklist to the renderer', () => {
    expect(opts.webPreferences).toMatchObject({
      preload: '/app/electron/dist/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
  });

  it('is a narrow, resizable sidebar that remembers where it was', () => {
    expect(opts).toMatchObject({ width: 420, height: 800, x: 10, y: 20, resizable: true, minWidth: MIN_WIDTH, minHeight: MIN_HEIGHT, alwaysOnTop: true, show: false });
  });

  it('leaves placement to the OS when no position is known', () => {
    const o = sidebarWindowOptions({ preloadPath: '/p', state: { width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT }, alwaysOnTop: false });
    expect(o.x).toBeUndefined();
    expect(o.y).toBeUndefined();
    expect(o.alwaysOnTop).toBe(false);
  });
});

describe('window state', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'mentat-window-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips through its file', () => {
    const file = join(dir, 'nested', 'window-state.json');
    saveWindowState(file, { width: 500, height: 900, x: 1400, y: 40 });
    expect(loadWindowState(file)).toEqual({ width: 500, height: 900, x: 1400, y: 40 });
  });

  it.each([
    ['missing file', null],
    ['not JSON', '{"width": 5'],
    ['wrong types', '{"width":"wide","height":800}'],
    ['fractional size', '{"width":420.5,"height":800}'],
    ['absurd coordinates', '{"width":420,"height":800,"x":1e12,"y":0}'],
    ['an array', '[420,800]'],
  ])('falls back to the default for %s', (_name, content) => {
    const file = join(dir, 'window-state.json');
    if (content !== null) writeFileSync(file, content);
    expect(loadWindowState(file)).toEqual({ width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT });
  });

  it('refuses to save an invalid state', () => {
    const file = join(dir, 'window-state.json');
    expect(() => saveWindowState(file, { width: Number.NaN, height: 800 })).toThrow();
    saveWindowState(file, { width: 420, height: 800 });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ width: 420, height: 800 });
  });

  const laptop = { x: 0, y: 0, width: 1440, height: 875 };
  const external = { x: 1440, y: -200, width: 2560, height: 1415 };

  it('keeps a window that is fully visible as it is', () => {
    const s = { width: 420, height: 800, x: 1000, y: 50 };
    expect(clampToDisplays(s, [laptop, external])).toEqual(s);
  });

  it('pulls a half off-screen window fully onto the display it overlaps most', () => {
    expect(clampToDisplays({ width: 420, height: 800, x: 1300, y: 50 }, [laptop])).toEqual({ width: 420, height: 800, x: 1020, y: 50 });
    expect(clampToDisplays({ width: 420, height: 800, x: 3900, y: 900 }, [laptop, external])).toEqual({ width: 420, height: 800, x: 3580, y: 415 });
  });

  it('drops the position of a window on a monitor that is gone', () => {
    expect(clampToDisplays({ width: 420, height: 800, x: 3000, y: 100 }, [laptop])).toEqual({ width: 420, height: 800 });
  });

  it('shrinks a window larger than the display, but not below the minimum', () => {
    expect(clampToDisplays({ width: 3000, height: 3000, x: 0, y: 0 }, [laptop])).toEqual({ width: 1440, height: 875, x: 0, y: 0 });
    expect(clampToDisplays({ width: 100, height: 100 }, [laptop])).toEqual({ width: MIN_WIDTH, height: MIN_HEIGHT });
  });

  it('never makes a window larger than a display smaller than the minimum', () => {
    const tiny = { x: 0, y: 0, width: 300, height: 400 };
    const s = clampToDisplays({ width: 420, height: 800, x: 0, y: 0 }, [tiny]);
    expect(s).toEqual({ width: 300, height: 400, x: 0, y: 0 });
  });

  it('passes the state through when no display is known', () => {
    expect(clampToDisplays({ width: 420, height: 800, x: -5000, y: 0 }, [])).toEqual({ width: 420, height: 800, x: -5000, y: 0 });
  });
});
