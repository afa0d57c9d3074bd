import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = new URL('../../', import.meta.url);
const config = parse(readFileSync(new URL('electron-builder.yml', root), 'utf8')) as Record<string, unknown>;

// Electron's fuses as of Electron 45 (https://www.electronjs.org/docs/latest/tutorial/fuses), with the
// value each must have: nothing may be left to a default.
const fuses: Record<string, boolean> = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: false,
};

describe('electron-builder.yml', () => {
  it('is accepted by electron-builder\'s own schema', async () => {
    const require = createRequire(import.meta.url);
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration: (c: unknown, logger: { isEnabled: boolean; add(k: string, v: unknown): void }) => Promise<void>;
    };
    await expect(validateConfiguration(config, { isEnabled: false, add: () => {} })).resolves.toBeUndefined();
    // The validator is not a rubber stamp: an unknown fuse is refused.
    await expect(validateConfiguration({ ...config, electronFuses: { ...fuses, runAsNodee: false } }, { isEnabled: false, add: () => {} })).rejects.toThrow(/electronFuses/);
  });

  it('sets every fuse explicitly, to its hardened value', () => {
    const set = config.electronFuses as Record<string, unknown>;
    for (const [name, value] of Object.entries(fuses)) expect(set[name], name).toBe(value);
  });

  it('unpacks better-sqlite3\'s native module from the asar and rebuilds it for Electron', () => {
    expect(config.asar).toBe(true);
    const unpack = config.asarUnpack as string[];
    expect(unpack.some((p) => p.includes('node_modules/better-sqlite3'))).toBe(true);
    expect(unpack).toContain('**/*.node');
    expect(config.npmRebuild).toBe(true);
  });

  it('ships the compiled shell, the built UI and the demo workspace', () => {
    const files = config.files as string[];
    for (const f of ['electron/dist/**/*', 'renderer/dist/**/*', 'workspace/demo/**/*', 'package.json']) expect(files).toContain(f);
    const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { main: string };
    expect(pkg.main).toBe('electron/dist/main.js');
  });

  it('targets Linux, macOS (hardened) and Windows', () => {
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
    expect(config.productName).toBe('Mentat');
    expect((config.linux as { target: string[] }).target).toEqual(['AppImage', 'deb']);
    expect((config.mac as { target: string[]; hardenedRuntime: boolean })).toMatchObject({ target: ['dmg'], hardenedRuntime: true });
    expect((config.win as { target: string[] }).target).toEqual(['nsis']);
  });
});
