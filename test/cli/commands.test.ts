// The client commands against a running server, and the CLI's usage errors and help.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startServe, type Served } from './support/spawn.ts';

let dir: string;
let served: Served;
let env: Record<string, string>;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mentat-cli-'));
  served = await startServe(['--port', '0', '--db', join(dir, 'm.db')]);
  env = { MENTAT_URL: served.url, MENTAT_USER: 'ana' };
});
afterAll(async () => {
  await served.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('client commands', () => {
  it('opens, lists and shows an incident, asks, plans from stdin and notes', async () => {
    const opened = await runCli(['incident', 'open', '--title', 'Checkout errors', '--service', 'checkout', '--severity', 'SEV2'], env);
    expect(opened.code).toBe(0);
    expect(opened.stdout).toMatch(/^Opened INC-1 · SEV2 · open · checkout · Checkout errors$/m);
    expect(opened.stdout).toMatch(/^\[(explain|guide) · [EG]\d\] /m);

    const asked = await runCli(['ask', 'INC-1', 'what', 'should', 'I', 'do?'], env);
    expect(asked.code).toBe(0);
    expect(asked.stdout).toMatch(/^\[guide · G1\] .+\?$/m);

    const planned = await runCli(['plan', '1', '-', '--as', 'ben'], env, '1. check the error rate\n2. roll back the deploy\n');
    expect(planned.code).toBe(0);
    expect(planned.stdout).toContain('Plan by ben:');
    expect(planned.stdout).toContain('[ ] 2. roll back the deploy');

    const noted = await runCli(['note', '1', 'error', 'rate', 'up', 'since', '10:02', '--pin'], env);
    expect(noted.stdout).toMatch(/^Noted on INC-1 \(note \d+\)\.$/m);

    const listed = await runCli(['incident', 'list', '--json'], env);
    const body = JSON.parse(listed.stdout) as { incidents: { key: string; openedBy: string }[] };
    expect(body.incidents).toEqual([expect.objectContaining({ key: 'INC-1', openedBy: 'ana' })]);

    const shown = await runCli(['incident', 'show', 'INC-1'], env);
    expect(shown.stdout).toContain('[ ] 1. check the error rate');
    expect(shown.stdout).toContain('ana: error rate up since 10:02');
    const json = await runCli(['incident', 'show', '1', '--json'], env);
    expect(JSON.parse(json.stdout)).toMatchObject({ incident: { key: 'INC-1' }, plan: { author: 'ben' } });
  });

  it('reports a server error in words: an unknown incident', async () => {
    const r = await runCli(['ask', '999', 'hello?'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('No incident 999');
  });

  it('tells the person to run mentat serve when no server answers', async () => {
    const r = await runCli(['incident', 'list'], { MENTAT_URL: 'http://127.0.0.1:9' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('mentat serve');
  });

  it('sends MENTAT_TOKEN as a bearer token', async () => {
    const tokened = await startServe(['--port', '0', '--db', join(dir, 'tok.db')], { MENTAT_TOKEN: 'tok' });
    try {
      const without = await runCli(['incident', 'list'], { MENTAT_URL: tokened.url });
      expect(without.code).toBe(1);
      expect(without.stderr).toContain('token');
      const withToken = await runCli(['incident', 'list'], { MENTAT_URL: tokened.url, MENTAT_TOKEN: 'tok' });
      expect(withToken).toMatchObject({ code: 0, stdout: 'No incidents.\n' });
    } finally {
      await tokened.stop();
    }
  });
});

describe('usage', () => {
  it('exits 2 with the usage line for a wrong command line', async () => {
    const cases: [string[], string][] = [
      [['frobnicate'], 'unknown command'],
      [['ask', '1'], 'Usage: mentat ask'],
      [['ask', 'abc', 'why?'], 'incident id'],
      [['incident', 'open'], 'Usage: mentat incident'],
      [['incident', 'open', '--title', 'x', '--severity', 'high'], 'SEV1'],
      [['incident', 'close', '1'], 'Unknown incident command'],
      [['note', '1', 'x', '--bogus'], 'Usage: mentat note'],
      [['plan'], 'Usage: mentat plan'],
      [[], 'Usage:'],
    ];
    for (const [args, expected] of cases) {
      const r = await runCli(args, env);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr).toContain(expected);
    }
  });

  it('prints help for everything and for one command', async () => {
    const all = await runCli(['--help']);
    expect(all.code).toBe(0);
    for (const c of ['serve', 'incident', 'ask', 'plan', 'note', 'translate', 'replay']) expect(all.stdout).toContain(`mentat ${c}`);
    const one = await runCli(['help', 'serve']);
    expect(one.stdout).toContain('MENTAT_TOKEN');
    expect((await runCli(['ask', '--help'])).stdout).toContain('Usage: mentat ask ID QUESTION');
    expect((await runCli(['help', 'nope'])).code).toBe(2);
  });

  it('delegates translate to the query capability', async () => {
    const r = await runCli(['translate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: mentat translate');
  });

  it('delegates replay to the replay capability', async () => {
    const file = join(dir, 'scenario.jsonl');
    writeFileSync(file, [
      JSON.stringify({ at: '2026-03-01T10:00:00Z', incident: { title: 'Checkout errors', service: 'checkout', severity: 'SEV2' } }),
      JSON.stringify({ at: '2026-03-01T10:01:00Z', from: 'ana', say: 'what should I do?' }),
    ].join('\n'));
    const r = await runCli(['replay', file]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { line: number; turns: { rule: string }[] });
    expect(lines.map((l) => l.line)).toEqual([1, 2]);
    expect(lines[1]?.turns.map((t) => t.rule)).toContain('G1');
  });
});
