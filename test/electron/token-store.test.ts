import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CodedError } from '../../coach/types.ts';
import { TokenStore } from '../../electron/token-store.ts';
import { FakeSafeStorage } from './fake-electron.ts';

const TOKEN = 'mentat-team-token-0123456789abcdef';

describe('token storage through safeStorage', () => {
  let dir: string;
  let file: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'mentat-token-')); file = join(dir, 'server-token.bin'); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stores the token encrypted, readable only by the owner, and reads it back', () => {
    const store = new TokenStore(file, new FakeSafeStorage());
    expect(store.load()).toBeNull();
    store.save(TOKEN);
    expect(readFileSync(file).includes(Buffer.from(TOKEN))).toBe(false);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(new TokenStore(file, new FakeSafeStorage()).load()).toBe(TOKEN);
    store.clear();
    expect(existsSync(file)).toBe(false);
  });

  it('refuses to store anything when encryption is unavailable, and says what to do', () => {
    const store = new TokenStore(file, new FakeSafeStorage(false));
    let err: unknown;
    try { store.save(TOKEN); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(CodedError);
    expect((err as CodedError).code).toBe('token_encryption_unavailable');
    expect((err as CodedError).message).toMatch(/keyring|keychain/);
    expect((err as CodedError).message).toMatch(/MENTAT_TOKEN/);
    expect(existsSync(file)).toBe(false);
  });

  it('treats the Linux basic_text backend as plaintext and refuses it', () => {
    const store = new TokenStore(file, new FakeSafeStorage(true, 'basic_text'));
    expect(store.unavailableReason()).toMatch(/plaintext/);
    expect(() => store.save(TOKEN)).toThrow(CodedError);
    expect(existsSync(file)).toBe(false);
  });

  it('reports a stored token that can no longer be decrypted instead of returning garbage', () => {
    writeFileSync(file, 'not a sealed token');
    expect(() => new TokenStore(file, new FakeSafeStorage()).load()).toThrow(/cannot be decrypted/);
  });

  it('reports a stored token when the keychain is locked', () => {
    new TokenStore(file, new FakeSafeStorage()).save(TOKEN);
    expect(() => new TokenStore(file, new FakeSafeStorage(false)).load()).toThrow(/keychain is not available/);
  });

  it.each([[''], ['   '], ['x'.repeat(5000)]])('rejects an empty or oversized token %#', (token) => {
    expect(() => new TokenStore(file, new FakeSafeStorage()).save(token)).toThrow(/empty or too long/);
  });
});
