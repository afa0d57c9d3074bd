import { describe, expect, it } from 'vitest';
import { checkExternalUrl, externalUrl, isSameOrigin, MAX_EXTERNAL_URL_LENGTH, openExternalSafely } from '../../electron/url-guard.ts';

// Each of these has been used to get a desktop app to run code or open a local file through
// shell.openExternal; none may pass.
const refused: [string, unknown][] = [
  ['javascript scheme', 'javascript:alert(1)'],
  ['javascript, mixed case', 'JaVaScRiPt:alert(1)'],
  ['javascript with a URL-looking body', 'javascript://example.com/%0Aalert(1)'],
  ['file scheme', 'file:///etc/passwd'],
  ['file, upper case', 'FILE:///C:/Windows/System32/calc.exe'],
  ['UNC path through file', 'file://attacker.example/share/payload.exe'],
  ['data URL', 'data:text/html,<script>alert(1)</script>'],
  ['data URL, base64', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
  ['vbscript', 'vbscript:msgbox(1)'],
  ['blob', 'blob:https://example.com/uuid'],
  ['ms-msdt protocol handler', 'ms-msdt:/id PCWDiagnostic /skip force'],
  ['search-ms protocol handler', 'search-ms:query=calc&crumb=location:\\\\attacker\\share'],
  ['smb', 'smb://attacker.example/share'],
  ['custom app scheme', 'slack://open'],
  ['mailto', 'mailto:someone@example.com'],
  ['ftp', 'ftp://example.com/file'],
  ['leading space', ' https://example.com'],
  ['leading space before javascript', ' javascript:alert(1)'],
  ['leading NUL', '\u0000javascript:alert(1)'],
  ['leading control char', '\u0001https://example.com'],
  ['tab inside the scheme', 'java\tscript:alert(1)'],
  ['newline inside the scheme', 'java\nscript:alert(1)'],
  ['carriage return inside the host', 'https://exa\rmple.com'],
  ['trailing newline', 'https://example.com/\n'],
  ['zero-width space prefix', '\u200bhttps://example.com'],
  ['byte order mark prefix', '\ufeffhttps://example.com'],
  ['non-breaking space', 'https://example.com/\u00a0x'],
  ['DEL character', 'https://exa\u007fmple.com'],
  ['backslashes after the scheme', 'http:\\\\evil.example'],
  ['mixed slashes', 'https:/\\evil.example'],
  ['backslash in the path', 'https://example.com\\@evil.example'],
  ['single slash', 'https:/evil.example'],
  ['no slashes', 'https:evil.example'],
  ['credentials', 'https://user:pass@example.com/'],
  ['user only', 'https://google.com@evil.example/'],
  ['percent-encoded scheme', '%6a%61%76%61%73%63%72%69%70%74:alert(1)'],
  ['percent-encoded colon', 'javascript%3Aalert(1)'],
  ['HTML-entity scheme', '&#106;avascript:alert(1)'],
  ['protocol-relative', '//evil.example/'],
  ['relative path', '/api/incidents'],
  ['bare host', 'example.com'],
  ['empty', ''],
  ['empty host', 'http://'],
  ['very long', `https://example.com/${'a'.repeat(MAX_EXTERNAL_URL_LENGTH)}`],
  ['number', 42],
  ['null', null],
  ['undefined', undefined],
  ['object with toString', { toString: () => 'https://example.com' }],
  ['URL object', new URL('https://example.com')],
  ['array', ['https://example.com']],
];

const allowed: [string, string, string][] = [
  ['https', 'https://grafana.example.com/explore?left=%7B%7D', 'https://grafana.example.com/explore?left=%7B%7D'],
  ['http on loopback', 'http://127.0.0.1:9090/graph?g0.expr=up', 'http://127.0.0.1:9090/graph?g0.expr=up'],
  ['upper-case scheme is normalized', 'HTTPS://Example.COM/Runbook', 'https://example.com/Runbook'],
  ['fragment', 'https://wiki.example.com/runbooks/checkout#rollback', 'https://wiki.example.com/runbooks/checkout#rollback'],
  ['IPv6 host', 'http://[::1]:3000/d/abc', 'http://[::1]:3000/d/abc'],
  ['internationalized host becomes punycode', 'https://bücher.example/', 'https://xn--bcher-kva.example/'],
  ['percent-encoded query', 'https://example.com/search?q=a%20b', 'https://example.com/search?q=a%20b'],
];

describe('external URL guard', () => {
  it.each(refused)('refuses %s', (_name, input) => {
    expect(externalUrl(input)).toBeNull();
    const verdict = checkExternalUrl(input);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason.length).toBeGreaterThan(0);
  });

  it.each(allowed)('allows %s', (_name, input, normalized) => {
    expect(externalUrl(input)).toBe(normalized);
  });

  it('allows a URL of exactly the maximum length and refuses one character more', () => {
    const base = 'https://example.com/';
    const atLimit = base + 'a'.repeat(MAX_EXTERNAL_URL_LENGTH - base.length);
    expect(externalUrl(atLimit)).toBe(atLimit);
    expect(externalUrl(atLimit + 'a')).toBeNull();
  });

  it('compares origins by scheme, host and port', () => {
    expect(isSameOrigin('http://127.0.0.1:4319/incidents/3', 'http://127.0.0.1:4319')).toBe(true);
    expect(isSameOrigin('http://127.0.0.1:4320/', 'http://127.0.0.1:4319')).toBe(false);
    expect(isSameOrigin('https://127.0.0.1:4319/', 'http://127.0.0.1:4319')).toBe(false);
    expect(isSameOrigin('http://localhost:4319/', 'http://127.0.0.1:4319')).toBe(false);
    expect(isSameOrigin('not a url', 'http://127.0.0.1:4319')).toBe(false);
  });
});

describe('openExternalSafely', () => {
  it('hands only guarded, normalized URLs to the shell', async () => {
    const opened: string[] = [];
    const shell = { openExternal: async (u: string) => { opened.push(u); } };
    for (const [, input] of refused) expect(await openExternalSafely(shell, input)).toBe(false);
    expect(await openExternalSafely(shell, 'HTTPS://Example.COM/a')).toBe(true);
    expect(opened).toEqual(['https://example.com/a']);
  });
});
