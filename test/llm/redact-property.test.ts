import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redact } from '../../coach/llm/index.ts';

/** A secret as it appears in text, and the part of it that must never survive redaction. */
interface Planted {
  text: string;
  secret: string;
}

const s = (re: RegExp): fc.Arbitrary<string> => fc.stringMatching(re);
const plain = (re: RegExp): fc.Arbitrary<Planted> => s(re).map((text) => ({ text, secret: text }));

const secrets: Record<string, fc.Arbitrary<Planted>> = {
  openai: plain(/^sk-(proj-)?[A-Za-z0-9_-]{20,48}$/),
  slack: plain(/^(xox[abprs]|xapp)-[A-Za-z0-9-]{10,48}$/),
  github: plain(/^(ghp_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,60})$/),
  awsAccess: plain(/^AKIA[A-Z0-9]{16}$/),
  google: plain(/^AIza[A-Za-z0-9_-]{35}$/),
  jwt: plain(/^eyJ[A-Za-z0-9_-]{8,40}\.eyJ[A-Za-z0-9_-]{8,40}\.[A-Za-z0-9_-]{8,40}$/),
  awsSecret: s(/^[A-Za-z0-9/+]{40}$/).map((v) => ({ text: `aws_secret_access_key=${v}`, secret: v })),
  bearer: s(/^[A-Za-z0-9._~+/-]{11,40}[0-9]$/).map((v) => ({ text: `Bearer ${v}`, secret: v })),
  header: s(/^[A-Za-z0-9._~+/=-]{12,40}$/).map((v) => ({ text: `Authorization: Basic ${v}`, secret: v })),
  assignment: fc
    .tuple(fc.constantFrom('password', 'passwd', 'secret', 'token', 'api_key', 'DB_PASSWORD'), fc.constantFrom('=', ': ', ' = '), s(/^[A-Za-z0-9!#$%*_.~-]{12,32}$/))
    .map(([key, sep, v]) => ({ text: `${key}${sep}${v}`, secret: v })),
  urlPassword: fc
    .tuple(fc.constantFrom('https', 'postgres', 'redis', 'amqp'), s(/^[a-z]{1,10}$/), s(/^[A-Za-z0-9!$%*_.~-]{10,30}$/), s(/^[a-z]{2,10}\.[a-z]{2,6}$/))
    .map(([scheme, user, pass, host]) => ({ text: `${scheme}://${user}:${pass}@${host}/x`, secret: `:${pass}@` })),
  email: plain(/^[a-z0-9][a-z0-9._+-]{2,20}@[a-z0-9]{2,12}\.(com|io|co\.uk|example)$/),
  pem: s(/^[A-Za-z0-9+/]{24,64}$/).map((v) => ({ text: `-----BEGIN EC PRIVATE KEY-----\n${v}\n-----END EC PRIVATE KEY-----`, secret: v })),
};

/** Surrounding text: anything printable or not, up to a few lines. */
const noise = fc.string({ unit: 'binary-ascii', maxLength: 60 });

describe('redact: property', () => {
  for (const [name, planted] of Object.entries(secrets)) {
    it(`never lets a generated ${name} secret through, whatever surrounds it`, () => {
      fc.assert(
        fc.property(noise, planted, noise, (before, p, after) => {
          const out = redact(`${before} ${p.text} ${after}`);
          expect(out.text).not.toContain(p.secret);
          expect(out.found.length).toBeGreaterThan(0);
        }),
        { numRuns: 300 },
      );
    });
  }

  it('never lets any of several secrets in one text through', () => {
    const all = fc.array(fc.oneof(...Object.values(secrets)), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(all, fc.array(noise, { minLength: 7, maxLength: 7 }), (planted, gaps) => {
        const text = planted.map((p, i) => `${gaps[i] ?? ''} ${p.text} `).join('') + (gaps[6] ?? '');
        const out = redact(text).text;
        for (const p of planted) expect(out).not.toContain(p.secret);
      }),
      { numRuns: 300 },
    );
  });

  it('is idempotent on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 200 }), (text) => {
        const once = redact(text).text;
        expect(redact(once).text).toBe(once);
      }),
      { numRuns: 500 },
    );
  });
});
