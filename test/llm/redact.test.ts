import { describe, expect, it } from 'vitest';
import { EMAIL, REDACTED, redact, type RedactionKind } from '../../coach/llm/index.ts';

const cases: { kind: RedactionKind; input: string; secret: string; expected?: string }[] = [
  { kind: 'authorization_header', input: 'curl -H "Authorization: Bearer abc.def-123456" https://api', secret: 'abc.def-123456', expected: 'curl -H "Authorization: Bearer [REDACTED]" https://api' },
  { kind: 'authorization_header', input: 'Proxy-Authorization: Basic dXNlcjpwYXNzd29yZA==', secret: 'dXNlcjpwYXNzd29yZA==' },
  { kind: 'authorization_header', input: '{"authorization": "tok_9f8e7d6c5b4a"}', secret: 'tok_9f8e7d6c5b4a' },
  { kind: 'bearer_token', input: 'sent with bearer 9f8e7d6c5b4a3f2e1d0c', secret: '9f8e7d6c5b4a3f2e1d0c', expected: 'sent with bearer [REDACTED]' },
  { kind: 'url_password', input: 'db=postgres://admin:s3cr3t-pw@db.internal:5432/app', secret: 's3cr3t-pw', expected: 'db=postgres://admin:[REDACTED]@db.internal:5432/app' },
  { kind: 'url_password', input: 'see https://user:pass@host.example.com/x', secret: ':pass@', expected: 'see https://user:[REDACTED]@host.example.com/x' },
  { kind: 'url_password', input: 'redis://:hunter22@cache:6379', secret: 'hunter22', expected: 'redis://:[REDACTED]@cache:6379' },
  { kind: 'openai_key', input: 'OPENAI key sk-proj-AbCdEfGhIjKlMnOpQrStUvWx0123', secret: 'sk-proj-AbCdEfGhIjKlMnOpQrStUvWx0123' },
  { kind: 'slack_token', input: 'bot xoxb-1234567890-0987654321-AbCdEfGhIjKl', secret: 'xoxb-1234567890-0987654321-AbCdEfGhIjKl' },
  { kind: 'slack_token', input: 'user xoxp-1111-2222-3333-abcdef and refresh xoxr-abcdefghij12', secret: 'xoxp-1111-2222-3333-abcdef' },
  { kind: 'slack_token', input: 'socket xapp-1-A01234ABCDE-1234567890-abcdef0123456789', secret: 'xapp-1-A01234ABCDE-1234567890-abcdef0123456789' },
  { kind: 'github_token', input: 'token ghp_0123456789abcdefghijABCDEFGHIJ012345 pushed', secret: 'ghp_0123456789abcdefghijABCDEFGHIJ012345' },
  { kind: 'github_token', input: 'pat github_pat_11ABCDEFG0_abcdefghijklmnopqrstuvwxyz0123', secret: 'github_pat_11ABCDEFG0_abcdefghijklmnopqrstuvwxyz0123' },
  { kind: 'aws_access_key', input: 'id AKIAIOSFODNN7EXAMPLE in use', secret: 'AKIAIOSFODNN7EXAMPLE', expected: 'id [REDACTED] in use' },
  { kind: 'aws_secret_key', input: 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', expected: 'aws_secret_access_key = [REDACTED]' },
  { kind: 'google_api_key', input: 'maps AIzaSyA1234567890abcdefghijklmnopqrstuv done', secret: 'AIzaSyA1234567890abcdefghijklmnopqrstuv' },
  { kind: 'jwt', input: 'cookie=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.c2lnbmF0dXJl_-x', secret: 'eyJzdWIiOiIxMjM0NSJ9' },
  { kind: 'secret_assignment', input: 'password=hunter2 next', secret: 'hunter2', expected: 'password=[REDACTED] next' },
  { kind: 'secret_assignment', input: 'passwd: correct-horse', secret: 'correct-horse', expected: 'passwd: [REDACTED]' },
  { kind: 'secret_assignment', input: 'client secret="a b c" ok', secret: 'a b c', expected: 'client secret="[REDACTED]" ok' },
  { kind: 'secret_assignment', input: 'GET /cb?token=abc123&state=x', secret: 'abc123', expected: 'GET /cb?token=[REDACTED]&state=x' },
  { kind: 'secret_assignment', input: "api_key: 'k-998877'", secret: 'k-998877', expected: "api_key: '[REDACTED]'" },
  { kind: 'secret_assignment', input: 'export DB_PASSWORD=Tr0ub4dor', secret: 'Tr0ub4dor', expected: 'export DB_PASSWORD=[REDACTED]' },
  { kind: 'secret_assignment', input: '{"refresh_token": "rt-5566"}', secret: 'rt-5566', expected: '{"refresh_token": "[REDACTED]"}' },
  { kind: 'email', input: 'paged alice.smith+oncall@example.co.uk at 10:02', secret: 'alice.smith+oncall@example.co.uk', expected: `paged ${EMAIL} at 10:02` },
];

describe('redact: what is redacted', () => {
  for (const c of cases) {
    it(`${c.kind}: ${c.input.slice(0, 40)}`, () => {
      const out = redact(c.input);
      expect(out.text).not.toContain(c.secret);
      expect(out.found).toContain(c.kind);
      if (c.expected) expect(out.text).toBe(c.expected);
    });
  }

  it('private key blocks, with or without an END line', () => {
    const block = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx1y2z3\nQWERTYkeybody==\n-----END RSA PRIVATE KEY-----';
    const out = redact(`before\n${block}\nafter`);
    expect(out.text).toBe(`before\n-----BEGIN RSA PRIVATE KEY-----\n${REDACTED}\n-----END RSA PRIVATE KEY-----\nafter`);
    expect(out.found).toEqual(['private_key']);
    const cut = redact('-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA and more');
    expect(cut.text).not.toContain('b3BlbnNzaC1rZXktdjEAAAAA');
  });

  it('reports each kind once and several kinds together', () => {
    const out = redact('a@b.io c@d.io AKIAIOSFODNN7EXAMPLE password=x1');
    expect(out.found).toEqual(['aws_access_key', 'secret_assignment', 'email']);
  });

  it('is idempotent', () => {
    for (const c of cases) {
      const once = redact(c.input).text;
      expect(redact(once).text).toBe(once);
    }
  });
});

describe('redact: what is left alone', () => {
  it.each([
    'checkout 5xx rate is 12% since 10:02, deploy v1.4.2 by bob',
    'sum by (handler) (rate(http_requests_total{job="api"}[5m]))',
    'a bearer of bad news',
    'the tokenizer=fast flag and broken=1',
    'https://grafana.example.com/d/abc?orgId=1&from=now-1h',
    'task-1234567890abcdefghijklmn is a ticket, not a key',
    'the password is in the vault',
  ])('%s', (text) => {
    expect(redact(text)).toEqual({ text, found: [] });
  });
});

describe('redact: linear time', () => {
  // 2^20 characters: any pattern that is quadratic on one of these needs ~10^12 steps and hangs the test,
  // while a linear pass takes milliseconds. Correctness is asserted too, so the test cannot pass vacuously.
  const n = 1 << 20;
  const adversarial: [string, string][] = [
    ['one long word', 'a'.repeat(n)],
    ['dots and underscores', '_.'.repeat(n / 2)],
    ['an email local part that never meets its @', 'a.'.repeat(n / 2)],
    ['a domain that never ends', `x@${'b.'.repeat(n / 2)}1`],
    ['repeated key prefixes', 'sk-'.repeat(n / 3)],
    ['repeated JWT headers', 'eyJ'.repeat(n / 3)],
    ['repeated unterminated key blocks', '-----BEGIN PRIVATE KEY-----'.repeat(n / 27)],
    ['repeated secret keywords', 'password'.repeat(n / 8)],
    ['repeated open quotes after a key', 'token="'.repeat(n / 7)],
    ['repeated URL schemes with a user', 'https://u:'.repeat(n / 10)],
    ['repeated header names', 'authorization:'.repeat(n / 14)],
    ['repeated bearer words', 'bearer '.repeat(n / 7)],
  ];
  it.each(adversarial)('%s', (_label, text) => {
    const out = redact(`${text} alice@example.com`);
    expect(out.text).not.toContain('alice@example.com');
    expect(out.found.includes('email') || out.found.includes('private_key')).toBe(true);
  });
});
