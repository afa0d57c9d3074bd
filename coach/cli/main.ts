// `mentat`: the command-line front end. Commands load lazily so a client command starts fast.
import { CodedError } from '../types.ts';
import { EXIT_FAILED, EXIT_USAGE, UsageError, type CliIo } from './io.ts';
import { COMMANDS, commandHelp, overview } from './usage.ts';

type Command = (args: string[], io: CliIo) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./serve.ts')).serveCommand,
  incident: async () => (await import('./client-commands.ts')).incidentCommand,
  ask: async () => (await import('./client-commands.ts')).askCommand,
  plan: async () => (await import('./client-commands.ts')).planCommand,
  note: async () => (await import('./client-commands.ts')).noteCommand,
  people: async () => (await import('./people.ts')).peopleCommand,
  notes: async () => (await import('./notes.ts')).notesCommand,
  replay: async () => (await import('./delegated.ts')).replay,
  translate: async () => (await import('./delegated.ts')).translate,
};

function usageFailure(io: CliIo, message: string, command: string | null): number {
  io.err(`mentat: ${message}`);
  const c = command ? COMMANDS[command] : undefined;
  io.err(c ? `Usage: ${c.usage}` : 'Usage: mentat COMMAND …   (mentat --help lists the commands)');
  return EXIT_USAGE;
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    (name ? io.out : io.err)(overview());
    return name ? 0 : EXIT_USAGE;
  }
  if (name === 'help') {
    const topic = rest[0];
    const text = topic ? commandHelp(topic) : overview();
    if (!text) return usageFailure(io, `no command "${topic ?? ''}".`, null);
    io.out(text);
    return 0;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    const text = commandHelp(name);
    if (text) {
      io.out(text);
      return 0;
    }
  }
  const load = commands[name];
  if (!load) return usageFailure(io, `unknown command "${name}".`, null);
  try {
    return await (await load())(rest, io);
  } catch (e) {
    if (e instanceof UsageError) return usageFailure(io, e.message, e.command ?? name);
    if (e instanceof CodedError || (e instanceof Error && e.name === 'CodedError')) {
      const code = (e as CodedError).code;
      if (code === 'usage') return usageFailure(io, e.message, name);
      io.err(`mentat: ${e.message}`);
      return EXIT_FAILED;
    }
    io.err(`mentat: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return EXIT_FAILED;
  }
}

/** The process entry (bin/mentat.js). */
export async function run(): Promise<void> {
  const { processIo } = await import('./compose.ts');
  const code = await main(process.argv.slice(2), processIo());
  // serve has closed its server and store by now; anything a library left running must not hold the exit.
  if (process.argv[2] === 'serve') process.exit(code);
  process.exitCode = code;
}
