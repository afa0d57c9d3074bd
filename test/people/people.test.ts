// people.yml, roles and principals, and `mentat people token` against a real store file.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../coach/cli/main.ts';
import type { CliIo } from '../../coach/cli/io.ts';
import { createDirectory, parseRoster, requireRole } from '../../coach/people/index.ts';
import { Store, hashToken } from '../../coach/store/index.ts';
import { parseGlossary } from '../../coach/workspace/index.ts';
import { tempDir } from '../support/tmp.ts';

const ROSTER = `
people:
  alice: { roles: [responder], slack: U0ALICE01, display: Alice }
  bob: { roles: [responder, support], slack: [U0BOB0001, W0BOB0002] }
  sam: { roles: [support] }
slack_groups:
  S0ONCALL1: responder
`;

describe('people.yml', () => {
  it('reads people, their roles and Slack ids, and user groups', () => {
    const r = parseRoster(ROSTER);
    expect(r.people.map((p) => [p.name, p.roles, p.slack])).toEqual([
      ['alice', ['responder'], ['U0ALICE01']], ['bob', ['responder', 'support'], ['U0BOB0001', 'W0BOB0002']], ['sam', ['support'], []],
    ]);
    expect(r.slackGroups).toEqual([{ id: 'S0ONCALL1', role: 'responder' }]);
  });

  it.each([
    ['people:\n  alice: { roles: [admin] }', /people\.alice\.roles\.0/],
    ['people:\n  alice: { roles: [] }', /at least one role/],
    ['people:\n  alice: { roles: [support], email: a@b.c }', /email|Unrecognized/i],
    ['people:\n  "al ice": { roles: [support] }', /al ice is not a name of letters/],
    ['people:\n  a: { roles: [support], slack: U0SAME001 }\n  b: { roles: [support], slack: U0SAME001 }', /U0SAME001 is listed for both a and b/],
    ['slack_groups:\n  not-a-group: responder', /not-a-group is not a Slack user group id/],
    ['people: [', /not valid YAML/],
  ])('names the problem in %j', (text, re) => {
    expect(() => parseRoster(text)).toThrow(re);
  });

  it('reads the glossary, lower-casing terms, and refuses a malformed one', () => {
    expect(parseGlossary('glossary:\n  ZK: our coordination service\n')).toEqual({ zk: 'our coordination service' });
    expect(parseGlossary('sidekiq: our job system\n')).toEqual({ sidekiq: 'our job system' });
    expect(() => parseGlossary('glossary:\n  zk: [a, b]\n')).toThrow(/term: plain words/);
  });
});

describe('principals and roles', () => {
  const dir = createDirectory(parseRoster(ROSTER));

  it('takes roles from the roster, never from the caller', () => {
    expect(dir.tokenPrincipal('alice').roles).toEqual(['responder']);
    expect(dir.tokenPrincipal('mallory').roles).toEqual([]);
    expect(dir.sharedPrincipal('alice').roles).toEqual([]);
  });

  it('maps Slack users through their ids and user groups', () => {
    expect(dir.slackPrincipal('U0ALICE01')).toEqual({ person: 'alice', roles: ['responder'], via: 'slack' });
    expect(dir.slackPrincipal('U0STRANGE')).toEqual({ person: 'slack:U0STRANGE', roles: [], via: 'slack' });
    expect(dir.slackPrincipal('U0STRANGE', ['S0ONCALL1', 'S0OTHER01'])).toMatchObject({ roles: ['responder'] });
    expect(dir.lookup('slack:W0BOB0002')?.name).toBe('bob');
  });

  it('in solo mode, a listed name has its roles and anyone else holds both', () => {
    expect(dir.soloPrincipal('sam').roles).toEqual(['support']);
    expect(dir.soloPrincipal('Me').roles).toEqual(['responder', 'support']);
  });

  it('says who lacks which role, and why', () => {
    expect(() => requireRole(dir.tokenPrincipal('sam'), ['responder'], 'approve an answer')).toThrow(/Only a responder may approve an answer: sam is support/);
    expect(() => requireRole(dir.sharedPrincipal('x'), ['responder'], 'approve')).toThrow(/shared MENTAT_TOKEN is nobody in particular/);
    expect(() => requireRole(dir.tokenPrincipal('mallory'), ['support', 'responder'], 'ask')).toThrow(/mallory has no role/);
    expect(() => requireRole(dir.tokenPrincipal('bob'), ['responder'], 'approve')).not.toThrow();
  });
});

function io(env: Record<string, string> = {}): CliIo & { outs: string[]; errs: string[] } {
  const outs: string[] = [];
  const errs: string[] = [];
  return { outs, errs, out: (t) => outs.push(t), err: (t) => errs.push(t), readStdin: async () => '', env };
}

describe('mentat people', () => {
  it('prints a new token once, keeps only its hash, replaces an older one, lists and revokes', async () => {
    const tmp = tempDir();
    try {
      const db = join(tmp.dir, 'm.db');
      const a = io();
      expect(await main(['people', 'token', 'alice', '--db', db], a)).toBe(0);
      const token = a.outs[0]!;
      expect(token).toMatch(/^mnt_[A-Za-z0-9_-]{43}$/);
      expect(a.errs.join('\n')).toMatch(/shown only now[\s\S]*now has a personal token, so its server is a team server/);
      const store = Store.open(db);
      const row = store.db.prepare('SELECT hash FROM person_tokens WHERE person = ?').get('alice') as { hash: string };
      expect(row.hash).toBe(hashToken(token));
      expect(JSON.stringify(store.db.prepare('SELECT * FROM person_tokens').all())).not.toContain(token);
      store.close();
      const b = io();
      expect(await main(['people', 'token', 'alice', '--db', db, '--json'], b)).toBe(0);
      const second = (JSON.parse(b.outs[0]!) as { token: string }).token;
      expect(second).not.toBe(token);
      const s2 = Store.open(db);
      expect(s2.tokens.personFor(token)).toBeNull();
      expect(s2.tokens.personFor(second)).toBe('alice');
      s2.close();
      const l = io();
      expect(await main(['people', 'list', '--db', db], l)).toBe(0);
      expect(l.outs[0]).toMatch(/^alice\ttoken since /);
      expect(await main(['people', 'revoke', 'alice', '--db', db], io())).toBe(0);
      const again = io();
      expect(await main(['people', 'revoke', 'alice', '--db', db], again)).toBe(1);
      expect(again.errs[0]).toMatch(/alice has no token/);
    } finally {
      tmp.cleanup();
    }
  });

  it('warns when the person has no role in the workspace, and refuses bad names with usage', async () => {
    const tmp = tempDir();
    try {
      const w = io();
      expect(await main(['people', 'token', 'zed', '--db', join(tmp.dir, 'm.db'), '--workspace', 'workspace/demo'], w)).toBe(0);
      expect(w.errs.join('\n')).toMatch(/zed is not in the workspace's people\.yml/);
      const bad = io();
      expect(await main(['people', 'token', 'a b', '--db', join(tmp.dir, 'm.db')], bad)).toBe(2);
      expect(bad.errs[0]).toMatch(/needs a person's name/);
      expect(await main(['people', 'frobnicate'], io())).toBe(2);
    } finally {
      tmp.cleanup();
    }
  });
});
