// mentat notes export|show|generate|publish INC-1: learning notes on a running server (CONTRACTS §7).
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { noteExport } from '../learning/notes/export.ts';
import type { LearningNote } from '../learning/notes/types.ts';
import { ApiClient } from './client.ts';
import { EXIT_OK, UsageError, type CliIo } from './io.ts';

const SUBCOMMANDS = ['export', 'show', 'generate', 'publish'] as const;

function whoAmI(io: CliIo, as: string | undefined): string {
  let name = as ?? io.env.MENTAT_USER;
  if (!name) {
    try { name = userInfo().username; } catch { name = undefined; }
  }
  if (!name) throw new UsageError('Who is acting? Pass --as NAME or set MENTAT_USER.', 'notes');
  return name;
}

function summaryLines(n: LearningNote): string[] {
  const state = n.state === 'published' ? `published by ${n.publishedBy ?? '?'} at ${n.publishedAt ?? '?'}` : 'draft (a responder reviews it before publishing)';
  return [
    `${n.incidentKey} learning note ${n.id}, version ${n.version} of ${n.versions.length}: ${state}`,
    `written by ${n.engine}${n.fallback ? ` (fallback: ${n.fallback})` : ''}; ${n.questions.length} questions; cites ${n.sources.queries.length} queries and ${n.sources.actions.length} actions`,
  ];
}

export async function notesCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || !(SUBCOMMANDS as readonly string[]).includes(sub)) {
    throw new UsageError(sub ? `Unknown notes command "${sub}".` : `notes needs ${SUBCOMMANDS.join(', ')}.`, 'notes');
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest, allowPositionals: true, strict: true,
      options: { server: { type: 'string' }, as: { type: 'string' }, json: { type: 'boolean', default: false }, version: { type: 'string' } },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e), 'notes');
  }
  const { values: v, positionals } = parsed;
  const ref = positionals[0];
  if (positionals.length !== 1 || !ref || !/^(?:inc-)?\d+$/i.test(ref)) throw new UsageError(`notes ${sub} needs one incident id such as 42 or INC-42.`, 'notes');
  if (v.version !== undefined && (sub !== 'publish' || !/^[1-9]\d*$/.test(v.version))) {
    throw new UsageError(sub === 'publish' ? '--version is a version number such as 2.' : '--version goes with notes publish only.', 'notes');
  }
  const api = new ApiClient({ server: v.server ?? io.env.MENTAT_URL ?? 'http://127.0.0.1:4319', token: io.env.MENTAT_TOKEN ?? null });
  const path = `/api/incidents/${encodeURIComponent(ref)}/learning-note`;
  let note: LearningNote;
  if (sub === 'generate') {
    note = (await api.post<{ note: LearningNote }>(path, { from: whoAmI(io, v.as) })).note;
  } else if (sub === 'publish') {
    const from = whoAmI(io, v.as);
    // Without --version, the version the server holds now: the one this person is about to publish.
    const current = (await api.get<{ note: LearningNote }>(path)).note;
    const version = v.version ? Number(v.version) : current.version;
    note = (await api.post<{ note: LearningNote }>(`/api/learning-notes/${current.id}/publish`, { from, version })).note;
  } else {
    note = (await api.get<{ note: LearningNote }>(path)).note;
  }
  if (v.json) io.out(JSON.stringify({ note }));
  else if (sub === 'export') io.out(noteExport(note).replace(/\n$/, ''));
  else if (sub === 'show') io.out([...summaryLines(note), '', note.markdown.replace(/\n$/, '')].join('\n'));
  else io.out(summaryLines(note).join('\n'));
  return EXIT_OK;
}
