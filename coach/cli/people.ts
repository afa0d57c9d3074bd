// `mentat people token NAME | list | revoke NAME`: personal API tokens, written straight into the store
// file the server uses (CONTRACTS §5). A token is printed once; the store keeps only its hash.
import { parseArgs } from 'node:util';
import { PERSON_NAME } from '../people/index.ts';
import { defaultDbPath } from '../store/db.ts';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliIo } from './io.ts';

export async function peopleCommand(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: { db: { type: 'string' }, workspace: { type: 'string' }, json: { type: 'boolean' } } });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e), 'people');
  }
  const [sub, name, ...extra] = parsed.positionals;
  if (!sub || !['token', 'list', 'revoke'].includes(sub)) throw new UsageError(`say what to do: token NAME, list or revoke NAME (got "${sub ?? ''}").`, 'people');
  if (sub !== 'list' && (!name || !PERSON_NAME.test(name))) {
    throw new UsageError(`${sub} needs a person's name of letters, digits, dot, dash or underscore (got "${name ?? ''}").`, 'people');
  }
  if (extra.length) throw new UsageError(`unexpected "${extra.join(' ')}".`, 'people');
  const dbPath = parsed.values.db ?? io.env.MENTAT_DB?.trim() ?? defaultDbPath(io.env);
  const { Store } = await import('../store/index.ts');
  const store = Store.open(dbPath);
  try {
    if (sub === 'list') {
      const people = store.tokens.list();
      if (parsed.values.json) io.out(JSON.stringify({ people }));
      else io.out(people.length ? people.map((p) => `${p.person}\ttoken since ${p.createdAt}`).join('\n') : `No one has a token in ${dbPath}: this is a solo server on loopback.`);
      return EXIT_OK;
    }
    const person = name as string;
    if (sub === 'revoke') {
      const gone = store.tokens.revoke(person);
      if (!gone) {
        io.err(`mentat: ${person} has no token in ${dbPath}.`);
        return EXIT_FAILED;
      }
      io.out(parsed.values.json ? JSON.stringify({ person, revoked: true }) : `Revoked ${person}'s token.`);
      return EXIT_OK;
    }
    const wsDir = parsed.values.workspace ?? io.env.MENTAT_WORKSPACE?.trim();
    let roles: string[] | null = null;
    if (wsDir) {
      const { loadWorkspace } = await import('../workspace/index.ts');
      const { createDirectory } = await import('../people/index.ts');
      roles = createDirectory(loadWorkspace(wsDir).people).lookup(person)?.roles ?? [];
    }
    const first = store.tokens.count() === 0;
    const token = store.tokens.issue(person, new Date().toISOString());
    if (parsed.values.json) {
      io.out(JSON.stringify({ person, token, roles, store: dbPath }));
    } else {
      io.out(token);
      io.err(`This is ${person}'s token; it is shown only now (an older one no longer works). Send it as "Authorization: Bearer <token>", or paste it into the sidebar's sign-in.`);
      if (first) io.err(`${dbPath} now has a personal token, so its server is a team server: every /api request needs a person's token, on loopback too.`);
      if (roles && roles.length === 0) io.err(`Note: ${person} is not in the workspace's people.yml, so they hold no role (they cannot ask support questions or approve answers).`);
    }
    return EXIT_OK;
  } finally {
    store.close();
  }
}
