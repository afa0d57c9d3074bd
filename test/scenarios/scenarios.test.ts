// Runs every scenario with expectations (ours, and the shared EDGE bench when present) through runReplay.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runReplay } from '../../coach/replay/index.ts';
import { check, type Expectation } from './checker.ts';

const ours = join(import.meta.dirname);
const bench = '/work/shared/bench/edge';
const demoWorkspace = join(import.meta.dirname, '../../workspace/demo');

function scenarios(dir: string): { name: string; file: string; expect: Expectation[] }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl') && !f.endsWith('.expect.jsonl') && existsSync(join(dir, f.replace(/\.jsonl$/, '.expect.jsonl'))))
    .sort()
    .map((f) => ({
      name: f, file: join(dir, f),
      expect: readFileSync(join(dir, f.replace(/\.jsonl$/, '.expect.jsonl')), 'utf8').split('\n').filter(Boolean)
        .map((l) => JSON.parse(l) as Expectation),
    }));
}

async function play(file: string, workspaceDir: string | null): Promise<Map<number, Record<string, unknown>[]>> {
  const out: string[] = [];
  await runReplay(readFileSync(file, 'utf8').split('\n'), { workspaceDir, out: (l) => out.push(l) });
  return new Map(out.map((l) => JSON.parse(l) as { line: number; turns: Record<string, unknown>[] }).map((o) => [o.line, o.turns]));
}

/** What a scenario's expectations find wrong with its replay, by line. */
async function problemsOf(file: string, expectations: Expectation[], workspaceDir: string | null): Promise<string[]> {
  const byLine = await play(file, workspaceDir);
  // An expectation about a line the replay never printed (a blank line, a typo in the line number) checks nothing.
  return expectations.flatMap((e) => (byLine.has(e.line) ? check(byLine.get(e.line) ?? [], e) : ['printed nothing']).map((p) => `line ${e.line}: ${p}`));
}

/**
 * A blind set as a regression suite: every scenario that passes must keep passing, and the ones that do not yet
 * are named, so a fix shows up as a change to that list.
 */
function blindSuite(title: string, dir: string, count: number, notYet: ReadonlySet<string>): void {
  describe(title, () => {
    const list = scenarios(join(ours, dir));
    it(`has the ${count} scenarios it was written with`, () => expect(list.length).toBe(count));
    it.each(list)('$name', async ({ name, file, expect: expectations }) => {
      const problems = await problemsOf(file, expectations, null);
      if (notYet.has(name)) expect(problems, `${name} passes now: take it off the list of those that do not yet`).not.toEqual([]);
      else expect(problems).toEqual([]);
    });
  });
}

const dirs = [ours, ...(existsSync(bench) ? [bench] : [])];

describe.each(dirs)('scenarios in %s', (dir) => {
  const list = scenarios(dir);
  it('has scenarios', () => expect(list.length).toBeGreaterThan(0));
  it.each(list)('$name', async ({ name, file, expect: expectations }) => {
    // Scenarios named demo-* play against the bundled demo workspace (OWNERS, links); the rest against none.
    expect(await problemsOf(file, expectations, name.startsWith('demo-') ? demoWorkspace : null)).toEqual([]);
  });
});

// The blind EDGE set (blind-2/, written by a session that had not read the coach). Most of those not passing yet need a query engine the replay does not have (no catalog): the coach declines (D1).
const BLIND_NOT_YET = new Set([
  'flow-cart-demand-plan-query-thanks.jsonl', 'query-long-rps-by-status-inventory.jsonl', 'query-non-native-p95-profile-api.jsonl',
  'query-p99-terse-checkout.jsonl', 'query-typo-error-ratio-accounts.jsonl', 'thanks-merci-non-native-feature-flags.jsonl',
  'thanks-thumbs-emoji-after-query-session-store.jsonl',
  'plea-non-native-tax-service.jsonl', 'step-ack-on-page-payments-gateway.jsonl', 'thanks-after-crosscheck-cdn-purge.jsonl',
  'xcheck-non-native-sms-gateway.jsonl',
]);

blindSuite('blind EDGE scenarios (blind-2)', 'blind-2', 35, BLIND_NOT_YET);

// The blind set for G5 on stated numbers (blind-g5n/, written by a session that had not read the coach): first
// scored 10/14, 13/14 after two parsing fixes ("300ms" read as 300 million seconds; a memory figure compared
// with a CPU query). The one still failing is named here.
const NUMBERS_NOT_YET = new Set(['cc-lag-nonnative.jsonl']);

blindSuite('blind G5 number scenarios (blind-g5n)', 'blind-g5n', 14, NUMBERS_NOT_YET);
