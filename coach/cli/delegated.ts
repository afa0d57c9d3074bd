// Commands whose work lives in another capability: replay (coach/replay) and translate (coach/query).
import { replayCommand } from '../replay/index.ts';
import { EXIT_USAGE, type CliIo } from './io.ts';

export async function replay(args: string[], io: CliIo): Promise<number> {
  return replayCommand(args, { stdout: io.out, stderr: io.err, ...(io.stdin ? { stdin: io.stdin } : {}) });
}

export async function translate(_args: string[], io: CliIo): Promise<number> {
  io.err('mentat: translate is not available in this build yet.');
  return EXIT_USAGE;
}
