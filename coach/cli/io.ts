// What a command may touch of the outside world, passed in so tests and other front ends can supply their own.
import type { Readable } from 'node:stream';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Reads all of standard input (for `plan ID -`). */
  readStdin: () => Promise<string>;
  /** Standard input as a stream, for commands that read it line by line (replay). */
  stdin?: Readable;
  env: Record<string, string | undefined>;
}

/** Exit statuses: 0 done, 1 it failed (the message says why), 2 the command line was wrong. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** A command line that cannot be run as written; main prints the message and the usage line. */
export class UsageError extends Error {
  constructor(message: string, readonly command: string | null = null) {
    super(message);
    this.name = 'UsageError';
  }
}
