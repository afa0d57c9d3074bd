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

const dirs = [ours, ...(existsSync(bench) ? [bench] : [])];

describe.each(dirs)('scenarios in %s', (dir) => {
  const list = scenarios(dir);
  it('has scenarios', () => expect(list.length).toBeGreaterThan(0));
  it.each(list)('$name', async ({ name, file, expect: expectations }) => {
    // Scenarios named demo-* play against the bundled demo workspace (OWNERS, links); the rest against none.
    const byLine = await play(file, name.startsWith('demo-') ? demoWorkspace : null);
    // An expectation about a line the replay never printed (a blank line, a typo in the line number) checks nothing.
    const problems = expectations.flatMap((e) => (byLine.has(e.line) ? check(byLine.get(e.line) ?? [], e) : ['printed nothing']).map((p) => `line ${e.line}: ${p}`));
    expect(problems).toEqual([]);
  });
});
