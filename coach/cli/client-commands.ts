// incident, ask, plan, note: HTTP clients of a running server.
import { userInfo } from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { HandleResult, IncidentView } from '../incident/api.ts';
import type { Incident } from '../types.ts';
import { ApiClient } from './client.ts';
import { EXIT_OK, UsageError, type CliIo } from './io.ts';
import { incidentLine, listLines, planLines, resultLines, viewLines } from './render.ts';

const clientOptions = {
  server: { type: 'string' },
  as: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const satisfies ParseArgsConfig['options'];

function parse<O extends ParseArgsConfig['options']>(command: string, args: string[], options: O) {
  try {
    return parseArgs({ args, options: { ...clientOptions, ...options }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e), command);
  }
}

interface Common { server?: string | undefined; as?: string | undefined; json?: boolean | undefined }

function client(io: CliIo, v: Common): ApiClient {
  return new ApiClient({ server: v.server ?? io.env.MENTAT_URL ?? 'http://127.0.0.1:4319', token: io.env.MENTAT_TOKEN ?? null });
}

function whoAmI(io: CliIo, v: Common): string {
  const name = v.as ?? io.env.MENTAT_USER ?? safeUser();
  if (!name) throw new UsageError('Who is acting? Pass --as NAME or set MENTAT_USER.');
  return name;
}

function safeUser(): string | null {
  try {
    return userInfo().username || null;
  } catch {
    return null;
  }
}

function incidentPath(command: string, ref: string | undefined): string {
  if (!ref || !/^(?:inc-)?\d+$/i.test(ref)) throw new UsageError(`${command} needs an incident id such as 42 or INC-42.`, command);
  return `/api/incidents/${encodeURIComponent(ref)}`;
}

function print(io: CliIo, json: boolean | undefined, body: unknown, lines: string[]): void {
  io.out(json ? JSON.stringify(body) : lines.join('\n'));
}

export async function incidentCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  const { values: v, positionals } = parse('incident', rest, {
    title: { type: 'string' }, service: { type: 'string' }, severity: { type: 'string' }, all: { type: 'boolean', default: false },
  });
  if (sub === 'open') {
    if (!v.title || positionals.length) throw new UsageError('incident open needs --title and nothing else.', 'incident');
    if (v.severity && !/^SEV[1-4]$/.test(v.severity)) throw new UsageError('--severity is one of SEV1, SEV2, SEV3, SEV4.', 'incident');
    const r = await client(io, v).post<HandleResult>('/api/incidents', {
      title: v.title, from: whoAmI(io, v), ...(v.service ? { service: v.service } : {}), ...(v.severity ? { severity: v.severity } : {}),
    });
    print(io, v.json, r, [`Opened ${incidentLine(r.incident)}`, ...resultLines(r)]);
  } else if (sub === 'list') {
    if (positionals.length) throw new UsageError('incident list takes no arguments.', 'incident');
    const r = await client(io, v).get<{ incidents: Incident[] }>(`/api/incidents?status=${v.all ? 'all' : 'open'}`);
    print(io, v.json, r, listLines(r.incidents));
  } else if (sub === 'show') {
    if (positionals.length !== 1) throw new UsageError('incident show needs exactly one incident id.', 'incident');
    const r = await client(io, v).get<IncidentView>(incidentPath('incident show', positionals[0]));
    print(io, v.json, r, viewLines(r));
  } else {
    throw new UsageError(sub ? `Unknown incident command "${sub}".` : 'incident needs open, list or show.', 'incident');
  }
  return EXIT_OK;
}

export async function askCommand(args: string[], io: CliIo): Promise<number> {
  const { values: v, positionals } = parse('ask', args, {});
  const [ref, ...words] = positionals;
  const text = words.join(' ').trim();
  if (!text) throw new UsageError('ask needs an incident id and a question.', 'ask');
  const r = await client(io, v).post<HandleResult>(`${incidentPath('ask', ref)}/say`, { from: whoAmI(io, v), text });
  print(io, v.json, r, r.turns.length ? resultLines(r) : ['(the coach has nothing to add)']);
  return EXIT_OK;
}

export async function planCommand(args: string[], io: CliIo): Promise<number> {
  const { values: v, positionals } = parse('plan', args, {});
  const [ref, ...words] = positionals;
  const text = (words.length === 1 && words[0] === '-' ? await io.readStdin() : words.join(' ')).trim();
  if (!text) throw new UsageError('plan needs an incident id and the plan (or "-" to read it from standard input).', 'plan');
  const r = await client(io, v).post<HandleResult>(`${incidentPath('plan', ref)}/plan`, { from: whoAmI(io, v), text });
  print(io, v.json, r, [...(r.plan ? planLines(r.plan) : []), ...resultLines(r)]);
  return EXIT_OK;
}

export async function noteCommand(args: string[], io: CliIo): Promise<number> {
  const { values: v, positionals } = parse('note', args, { pin: { type: 'boolean', default: false } });
  const [ref, ...words] = positionals;
  const text = words.join(' ').trim();
  if (!text) throw new UsageError('note needs an incident id and the text.', 'note');
  const r = await client(io, v).post<HandleResult>(`${incidentPath('note', ref)}/notes`, { from: whoAmI(io, v), text, pinned: v.pin });
  print(io, v.json, r, [`Noted on ${r.incident.key}${r.note ? ` (note ${r.note.id})` : ''}.`, ...resultLines(r)]);
  return EXIT_OK;
}
