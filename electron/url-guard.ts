// Links leave the app only through here. Anything that is not a plain http(s) URL to a named host is
// refused, including URLs the WHATWG parser would "repair" (leading control characters, backslashes):
// a link that needs repairing was written to slip past someone.
import type { ShellLike } from './ports.ts';

/** Longest URL we hand to the OS; browsers cope with more, but nothing legitimate in an incident is longer. */
export const MAX_EXTERNAL_URL_LENGTH = 4096;

export type UrlVerdict =
  | { ok: true; url: string }
  | { ok: false; reason: string };

export function checkExternalUrl(input: unknown): UrlVerdict {
  if (typeof input !== 'string') return { ok: false, reason: 'not a string' };
  if (input.length === 0) return { ok: false, reason: 'empty' };
  if (input.length > MAX_EXTERNAL_URL_LENGTH) return { ok: false, reason: 'too long' };
  // The parser strips or ignores some of these, which is exactly how "\x01javascript:" or
  // "java\tscript:" become dangerous; a legitimate link has none of them.
  if (hasSpaceOrControl(input)) return { ok: false, reason: 'contains whitespace or control characters' };
  if (input.includes('\\')) return { ok: false, reason: 'contains a backslash' };
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return { ok: false, reason: 'not an absolute URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, reason: `scheme ${url.protocol} is not allowed` };
  }
  if (!/^https?:\/\/[^/]/i.test(input)) return { ok: false, reason: 'not in the form http(s)://host/…' };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'carries credentials' };
  if (url.hostname === '') return { ok: false, reason: 'has no host' };
  return { ok: true, url: url.href };
}

/** The normalized URL when it may be opened externally, otherwise null. */
export function externalUrl(input: unknown): string | null {
  const verdict = checkExternalUrl(input);
  return verdict.ok ? verdict.url : null;
}

/** Same scheme, host and port as the app's own server: the only place the window may navigate. */
export function isSameOrigin(candidate: string, origin: string): boolean {
  try {
    return new URL(candidate).origin === new URL(origin).origin;
  } catch {
    return false;
  }
}

/** C0/C1 controls, DEL, every Unicode space and the zero-width characters. */
function hasSpaceOrControl(s: string): boolean {
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (c <= 0x20 || (c >= 0x7f && c <= 0xa0)) return true;
    if ((c >= 0x200b && c <= 0x200f) || c === 0x2060 || c === 0xfeff) return true;
    if (/\s/u.test(ch)) return true;
  }
  return false;
}

/**
 * The app's only call to shell.openExternal: the URL is checked here, right before it leaves, so no
 * caller can forget to. Resolves false when the URL was refused.
 */
export async function openExternalSafely(shell: ShellLike, input: unknown): Promise<boolean> {
  const verdict = checkExternalUrl(input);
  if (!verdict.ok) return false;
  await shell.openExternal(verdict.url);
  return true;
}
