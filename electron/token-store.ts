// The team server's token, kept encrypted by the OS keychain through safeStorage. When the OS cannot
// encrypt (no keyring on Linux, for one), we refuse to store the token rather than write it in the clear.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CodedError } from '../coach/types.ts';
import type { SafeStorageLike } from './ports.ts';

export class TokenStore {
  constructor(
    private readonly file: string,
    private readonly safeStorage: SafeStorageLike,
  ) {}

  /** Null when encryption is usable; otherwise what is wrong and what the person can do. */
  unavailableReason(): string | null {
    if (!this.safeStorage.isEncryptionAvailable()) {
      return 'This system offers no encrypted storage (no keychain or keyring is available), so Mentat will not save the team server token. Unlock or install a keyring (GNOME Keyring or KWallet on Linux), or set MENTAT_TOKEN each time you start the app.';
    }
    // On Linux without a keyring Chromium falls back to a fixed, public key: encrypted in name only.
    if (this.safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
      return 'No keyring is running, so the token could only be stored with a fixed public key, which is plaintext in effect; Mentat will not save it. Start GNOME Keyring or KWallet, or set MENTAT_TOKEN each time you start the app.';
    }
    return null;
  }

  save(token: string): void {
    if (token.trim() === '' || token.length > 4096) {
      throw new CodedError('token_invalid', 'The token is empty or too long. Copy it again from the team server and retry.');
    }
    const reason = this.unavailableReason();
    if (reason) throw new CodedError('token_encryption_unavailable', reason);
    const sealed = this.safeStorage.encryptString(token);
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(this.file, sealed, { mode: 0o600 });
  }

  /** The stored token, or null when none is stored. A file that no longer decrypts is an error. */
  load(): string | null {
    if (!existsSync(this.file)) return null;
    if (!this.safeStorage.isEncryptionAvailable()) {
      throw new CodedError('token_encryption_unavailable', 'A token is stored but the system keychain is not available to decrypt it. Unlock your keychain or keyring and restart Mentat.');
    }
    try {
      return this.safeStorage.decryptString(readFileSync(this.file));
    } catch {
      throw new CodedError('token_unreadable', `The stored token at ${this.file} cannot be decrypted (the keychain may have changed). Delete that file and set the token again.`);
    }
  }

  clear(): void {
    rmSync(this.file, { force: true });
  }
}
