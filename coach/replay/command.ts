// The `mentat replay` command: argument parsing and file/stdin reading around runReplay.
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { Demonstrator } from '../query/api.ts';
import { CodedError } from '../types.ts';
import { runReplay } from './run.ts';

export const REPLAY_USAGE = 'usage: mentat replay [--workspace DIR] [--prometheus URL] FILE.jsonl   (FILE "-" reads stdin)';

export interface ReplayIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  stdin?: Readable;
  /** Builds the Demonstrator for a Prometheus URL, when the query capability is wired in. */
  makeDemonstrator?: (opts: { prometheusUrl: string | null; workspaceDir: string | null }) => Promise<Demonstrator | undefined>;
}

export interface ReplayArgs { file: string; workspaceDir: string | null; prometheusUrl: string | null }

export function parseReplayArgs(args: string[]): ReplayArgs {
  let workspaceDir: string | null = null;
  let prometheusUrl: string | null = null;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const value = (): string => {
      const v = args[++i];
      if (v === undefined || (v.startsWith('--') && v !== '-')) throw new CodedError('usage', `${a} needs a value. ${REPLAY_USAGE}`);
      return v;
    };
    if (a === '--workspace') workspaceDir = value();
    else if (a.startsWith('--workspace=')) workspaceDir = a.slice(12);
    else if (a === '--prometheus') prometheusUrl = value();
    else if (a.startsWith('--prometheus=')) prometheusUrl = a.slice(13);
    else if (a.startsWith('--')) throw new CodedError('usage', `Unknown option ${a}. ${REPLAY_USAGE}`);
    else files.push(a);
  }
  if (files.length !== 1) throw new CodedError('usage', `Give exactly one scenario file. ${REPLAY_USAGE}`);
  return { file: files[0] as string, workspaceDir, prometheusUrl };
}

/** Runs the command; returns the exit status (0 ok, 1 bad scenario, 2 usage) after writing any error to stderr. */
export async function replayCommand(args: string[], io: ReplayIo): Promise<number> {
  try {
    const a = parseReplayArgs(args);
    let input: Readable;
    if (a.file === '-') {
      if (!io.stdin) throw new CodedError('usage', 'No standard input to read the scenario from.');
      input = io.stdin;
    } else {
      await access(a.file).catch(() => { throw new CodedError('replay_no_file', `Cannot read ${a.file}: check the path.`); });
      input = createReadStream(a.file, 'utf8');
    }
    const demonstrator = await io.makeDemonstrator?.({ prometheusUrl: a.prometheusUrl, workspaceDir: a.workspaceDir });
    const lines = createInterface({ input, crlfDelay: Infinity });
    try {
      await runReplay(lines, { workspaceDir: a.workspaceDir, prometheusUrl: a.prometheusUrl, out: io.stdout, ...(demonstrator ? { demonstrator } : {}) });
    } finally {
      lines.close();
    }
    return 0;
  } catch (e) {
    if (e instanceof CodedError) {
      io.stderr(`mentat replay: ${e.message}`);
      return e.code === 'usage' ? 2 : 1;
    }
    throw e;
  }
}
