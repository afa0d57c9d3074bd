import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { parseReplayArgs, replayCommand, runReplay } from '../../coach/replay/index.ts';
import { CodedError } from '../../coach/types.ts';

const open = '{"at":"2026-03-02T10:00:00Z","incident":{"title":"Checkout errors","service":"checkout","severity":"SEV2"}}';
const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

async function replay(lines: string[]): Promise<{ line: number; turns: Record<string, unknown>[] }[]> {
  const out: string[] = [];
  await runReplay(lines, { out: (l) => out.push(l) });
  return out.map((l) => JSON.parse(l) as { line: number; turns: Record<string, unknown>[] });
}

async function failure(lines: string[]): Promise<CodedError> {
  try {
    await replay(lines);
  } catch (e) {
    if (e instanceof CodedError) return e;
    throw e;
  }
  throw new Error('expected the replay to fail');
}

describe('runReplay', () => {
  it('prints one line per event, counting blank lines, with fields flattened into each turn', async () => {
    const out = await replay([
      open, '',
      '{"at":"2026-03-02T10:03:00Z","from":"alice","plan":"1. check p99 latency"}',
      '{"at":"2026-03-02T10:04:00Z","tick":true}',
    ]);
    expect(out.map((o) => o.line)).toEqual([1, 3, 4]);
    expect(out[1]?.turns[0]).toEqual({
      step: 1, plan_id: 1, phase: 'guide', type: 'plan_step', rule: 'G1', engine: 'offline',
      text: 'Your plan has 1 step, starting with step 1: check p99 latency. What do you expect to find there?',
    });
  });

  it.each([
    [['not json'], 'line 1: not valid JSON'],
    [[open, '{"at":"2026-03-02T10:01:00Z","weather":"rain"}'], 'line 2: unknown event'],
    [[open, '{"from":"a","say":"hi"}'], 'line 2: say event: at:'],
    [[open, '{"at":"2026-03-02T09:59:00Z","tick":true}'], 'line 2: time goes backwards'],
    [['{"at":"2026-03-02T10:00:00Z","tick":true}'], 'line 1: the first event must open the incident'],
    [[open, '', open], 'line 3: a scenario opens one incident'],
    [[open, '{"at":"2026-03-02T10:01:00Z","from":"a","action":{"kind":"step_done"}}'], 'line 2: There is no open plan step'],
  ])('stops at a bad line and names it: %j', async (lines, message) => {
    const e = await failure(lines);
    expect(e.code).toBe('replay_bad_line');
    expect(e.message.startsWith(message)).toBe(true);
  });
});

describe('replayCommand', () => {
  function io(stdin?: string) {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { stdout: (l: string) => out.push(l), stderr: (l: string) => err.push(l), ...(stdin !== undefined ? { stdin: Readable.from([stdin]) } : {}) } };
  }

  it('parses its options', () => {
    expect(parseReplayArgs(['--workspace', 'ws', '--prometheus=http://p:9090', 'f.jsonl'])).toEqual({ file: 'f.jsonl', workspaceDir: 'ws', prometheusUrl: 'http://p:9090' });
    expect(() => parseReplayArgs([])).toThrow(/exactly one scenario file/);
    expect(() => parseReplayArgs(['--workspace'])).toThrow(/--workspace needs a value/);
    expect(() => parseReplayArgs(['--fast', 'f'])).toThrow(/Unknown option --fast/);
  });

  it('plays a file and the demo workspace, and reads stdin for "-"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mentat-replay-'));
    dirs.push(dir);
    const file = join(dir, 's.jsonl');
    writeFileSync(file, `${open}\n{"at":"2026-03-02T10:01:00Z","from":"a","say":"who owns checkout?"}\n`);
    const a = io();
    expect(await replayCommand(['--workspace', join(import.meta.dirname, '../../workspace/demo'), file], a.io)).toBe(0);
    expect(a.out).toHaveLength(2);
    expect(a.out[1]).toContain('@shop/checkout-team');
    const b = io(`${open}\n`);
    expect(await replayCommand(['-'], b.io)).toBe(0);
    expect(JSON.parse(b.out[0] ?? '{}')).toMatchObject({ line: 1 });
  });

  it('exits 1 naming the line for a bad scenario, 2 for usage', async () => {
    const a = io(`${open}\n{"at":"2026-03-02T09:00:00Z","tick":true}\n`);
    expect(await replayCommand(['-'], a.io)).toBe(1);
    expect(a.err).toEqual([expect.stringMatching(/^mentat replay: line 2: time goes backwards/)]);
    const b = io();
    expect(await replayCommand([], b.io)).toBe(2);
    const c = io();
    expect(await replayCommand(['/nonexistent/s.jsonl'], c.io)).toBe(1);
    expect(c.err[0]).toMatch(/Cannot read \/nonexistent\/s\.jsonl/);
  });
});
