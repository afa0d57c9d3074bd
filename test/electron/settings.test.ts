import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channels } from '../../electron/bridge.ts';
import { DEFAULT_SHORTCUT, defaultSettings, loadSettings, saveSettings } from '../../electron/settings.ts';
import { registerAskShortcut, showAndFocusAsk } from '../../electron/shortcut.ts';
import { FakeWindow } from './fake-electron.ts';

describe('settings.json', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'mentat-settings-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('defaults to solo mode and the standard shortcut, and round-trips', () => {
    const file = join(dir, 'settings.json');
    expect(loadSettings(file)).toEqual({ serverUrl: null, alwaysOnTop: false, shortcut: DEFAULT_SHORTCUT, notifications: true });
    saveSettings(file, { ...defaultSettings(), serverUrl: 'https://mentat.example.com', shortcut: 'Alt+Shift+F2' });
    expect(loadSettings(file)).toMatchObject({ serverUrl: 'https://mentat.example.com', shortcut: 'Alt+Shift+F2' });
  });

  it.each([
    ['{"serverUrl":"file:///etc"}', /serverUrl/],
    ['{"serverUrl":"javascript:alert(1)"}', /serverUrl/],
    ['{"shortcut":"M"}', /shortcut/],
    ['{"shortcut":"CommandOrControl+Shift+M; rm -rf"}', /shortcut/],
    ['{"alwaysOnTop":"yes"}', /alwaysOnTop/],
    ['{not json', /not valid JSON/],
  ])('reports %s with the field at fault instead of replacing the file', (content, message) => {
    const file = join(dir, 'settings.json');
    writeFileSync(file, content);
    expect(() => loadSettings(file)).toThrow(message);
    expect(() => loadSettings(file)).toThrow(/delete/);
  });
});

describe('global shortcut', () => {
  it('registers the accelerator and reports a taken or invalid one clearly', () => {
    const taken = new Set(['CommandOrControl+Shift+M']);
    const registered: string[] = [];
    const gs = {
      register: (a: string) => { if (a === 'Bogus+') throw new Error('conversion failure'); if (taken.has(a)) return false; registered.push(a); return true; },
      unregisterAll: () => {},
    };
    expect(registerAskShortcut(gs, 'CommandOrControl+Alt+M', () => {})).toEqual({ ok: true });
    const busy = registerAskShortcut(gs, 'CommandOrControl+Shift+M', () => {});
    expect(busy.ok).toBe(false);
    if (!busy.ok) expect(busy.message).toMatch(/CommandOrControl\+Shift\+M.*settings\.json/);
    expect(registerAskShortcut(gs, 'Bogus+', () => {}).ok).toBe(false);
    expect(registered).toEqual(['CommandOrControl+Alt+M']);
  });

  it('restores and shows the window and asks the page to focus the ask box', () => {
    const win = new FakeWindow({ width: 420, height: 800 });
    win.minimized = true;
    showAndFocusAsk(win);
    expect(win.minimized).toBe(false);
    expect(win.visible).toBe(true);
    expect(win.webContents.focused).toBe(1);
    expect(win.webContents.sent).toEqual([{ channel: channels.focusAsk, args: [] }]);
  });
});
