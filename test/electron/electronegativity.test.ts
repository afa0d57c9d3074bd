import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { blocking, scan, type Reviewed } from './electronegativity.ts';

const electronDir = fileURLToPath(new URL('../../electron/', import.meta.url));
const electronVersion = (JSON.parse(readFileSync(new URL('../../node_modules/electron/package.json', import.meta.url), 'utf8')) as { version: string }).version;

// Each entry is explained in docs/desktop.md ("Electronegativity findings"). An entry matches one exact
// line of code, so changing that line, or calling openExternal anywhere else, needs a fresh review.
const reviewed: Reviewed[] = [{
  id: 'OPEN_EXTERNAL_JS_CHECK',
  file: 'url-guard.ts',
  sample: 'await shell.openExternal(verdict.url);',
  why: 'The only openExternal call; its argument is the URL guard\'s normalized http(s) URL, checked on the line before.',
}];

describe('electronegativity over electron/', () => {
  it('reports no HIGH or MEDIUM finding that has not been reviewed', async () => {
    // The sources, without a compiled electron/dist that may or may not be there: the same code, bundled.
    const copy = mkdtempSync(join(tmpdir(), 'mentat-eneg-src-'));
    cpSync(electronDir, copy, { recursive: true, filter: (src) => !src.startsWith(join(electronDir, 'dist')) });
    const result = await scan(copy, electronVersion).finally(() => rmSync(copy, { recursive: true, force: true }));
    expect(result.errors).toEqual([]);
    expect(result.checks).toBeGreaterThan(20);
    const unreviewed = blocking(result.findings, reviewed);
    expect(unreviewed.map((f) => `${f.severity} ${f.id} ${f.file}:${f.line} ${f.sample}`)).toEqual([]);
    // Every review is still needed: a stale entry would silently cover the next finding at that spot.
    for (const r of reviewed) expect(result.findings.some((f) => f.id === r.id && f.file === r.file && f.sample === r.sample), r.id).toBe(true);
  });

  it('fails an insecure window, so the check above can fail', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mentat-eneg-'));
    // A window with the checklist switched off, no navigation limits and no permission handler.
    try {
      writeFileSync(join(dir, 'main.js'), [
        "const { app, BrowserWindow, shell } = require('electron');",
        "app.whenReady().then(() => {",
        "  const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false, webSecurity: false } });",
        "  win.webContents.on('new-window', (e, url) => shell.openExternal(url));",
        "  win.loadURL('http://example.com');",
        "});",
      ].join('\n'));
      const result = await scan(dir, electronVersion);
      const ids = blocking(result.findings, reviewed).map((f) => f.id);
      expect(ids).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK', 'OPEN_EXTERNAL_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK']));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
