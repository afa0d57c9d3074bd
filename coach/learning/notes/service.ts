// The learning-note workflow (DESIGN §4, CONTRACTS §7): a draft from the record once the incident is
// mitigated or resolved, responders' edits as new versions, and publication of exactly the current version
// by a responder. The rules live here, not in the routes or the UI.
import { requireRole, type Principal } from '../../people/index.ts';
import type { NoteRow, Store } from '../../store/index.ts';
import { CodedError, type Clock, type Incident } from '../../types.ts';
import type { Workspace } from '../../workspace/index.ts';
import { noteExport } from './export.ts';
import { hhmm, parseQuestions } from './format.ts';
import { offlineNoteWriter } from './offline-writer.ts';
import { readRecord } from './record.ts';
import type { LearningNote, LearningNoteChange, NoteVersionBody, NoteWriter, WrittenNote } from './types.ts';

export const MAX_NOTE_CHARS = 200_000;

export interface LearningNotesDeps {
  store: Store;
  clock: Clock;
  workspace: Workspace;
  /** The model's writer when one is configured (it falls back to the offline one itself). */
  writer?: NoteWriter;
  log?: (line: string) => void;
}

export interface LearningNotesService {
  /** Writes a new draft version from the record (409 `incident_active` while the incident is open or acknowledged). */
  generate(who: Principal, incidentRef: number | string): Promise<LearningNote>;
  /** The incident's note at its current version (404 when it has none). */
  latest(incidentRef: number | string): LearningNote;
  get(noteId: number): LearningNote;
  /** A responder's edit of `version`: a new version (409 when `version` is not current, saying what changed). */
  edit(who: Principal, noteId: number, version: unknown, markdown: unknown): LearningNote;
  /** A responder publishes exactly the current version (403 otherwise; 409 when `version` is not current). */
  publish(who: Principal, noteId: number, version: unknown): LearningNote;
  /** Notes newest first, by state. */
  list(opts?: { state?: 'draft' | 'published' | 'all'; limit?: number }): LearningNote[];
  /** The current version as markdown, with a header saying its state. */
  exportMarkdown(incidentRef: number | string): string;
  subscribe(listener: (c: LearningNoteChange) => void): () => void;
}

const CLOSED: Incident['status'][] = ['mitigated', 'resolved'];

function checkVersion(v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    throw new CodedError('invalid_body', 'body.version: the version number you reviewed, e.g. 1', 400);
  }
  return v;
}

function checkMarkdown(m: unknown): string {
  if (typeof m !== 'string' || !m.trim()) throw new CodedError('invalid_body', 'body.markdown: Required: the note\'s text as markdown', 400);
  if (m.length > MAX_NOTE_CHARS) throw new CodedError('invalid_body', `body.markdown: at most ${MAX_NOTE_CHARS} characters (got ${m.length})`, 400);
  return m;
}

export function createLearningNotes(deps: LearningNotesDeps): LearningNotesService {
  const { store, clock } = deps;
  const writer = deps.writer ?? offlineNoteWriter;
  const log = deps.log ?? (() => undefined);
  const listeners = new Set<(c: LearningNoteChange) => void>();
  const now = (): string => clock.now().toISOString();

  const emit = (note: LearningNote): void => {
    for (const l of listeners) {
      try { l({ type: 'learning_note', incidentId: note.incidentId, note }); } catch (e) { log(`learning-note listener failed: ${String(e)}`); }
    }
  };

  function view(row: NoteRow): LearningNote {
    const body = store.learningNotes.version(row.id, row.version) as NoteVersionBody | null;
    if (!body) throw new CodedError('note_not_found', `Learning note ${row.id} has no version yet.`, 404);
    const incident = store.incidents.get(row.incidentId);
    return {
      ...body, id: row.id, incidentId: row.incidentId, incidentKey: incident.key, title: incident.title, version: row.version, state: row.state,
      createdAt: row.createdAt, updatedAt: row.updatedAt, publishedBy: row.publishedBy, publishedAt: row.publishedAt, versions: store.learningNotes.versions(row.id),
    };
  }

  function load(noteId: number): LearningNote {
    const row = store.learningNotes.get(noteId);
    if (!row || row.version === 0) throw new CodedError('note_not_found', `No learning note ${noteId}.`, 404);
    return view(row);
  }

  function stale(cur: LearningNote, given: number): CodedError {
    const how = cur.kind === 'edit' ? 'edited it' : `generated it again (${cur.engine})`;
    return new CodedError('version_conflict',
      `Version ${given} is no longer current: ${cur.by} ${how} as version ${cur.version} at ${hhmm(cur.at)} UTC. ` +
      `Read version ${cur.version} and publish or edit that one.`, 409, { current: cur.version, given, by: cur.by, at: cur.at });
  }

  const svc: LearningNotesService = {
    async generate(who, ref) {
      const incident = store.incidents.get(ref);
      if (!CLOSED.includes(incident.status)) {
        throw new CodedError('incident_active',
          `${incident.key} is still ${incident.status}: a learning note is written once the incident is mitigated or resolved. Set its status first.`,
          409, { status: incident.status });
      }
      const record = readRecord(store, incident);
      let written: WrittenNote;
      try {
        written = await writer.write(record);
      } catch (e) {
        log(`learning note: the writer failed, offline answered: ${e instanceof Error ? e.message : String(e)}`);
        written = { ...(await offlineNoteWriter.write(record)), fallback: 'the model writer failed' };
      }
      const note = store.tx(() => {
        const at = now();
        const row = store.learningNotes.ensure(incident.id, at);
        const body: NoteVersionBody = { ...written, by: who.person, at, kind: 'generated' };
        // The version is read in this transaction, so a concurrent generate or edit cannot be overwritten.
        if (!store.learningNotes.addVersion(row.id, row.version + 1, body, at, row.version)) {
          throw new CodedError('version_conflict', 'The note changed while it was being written; try again.', 409);
        }
        return load(row.id);
      });
      emit(note);
      return note;
    },

    latest(ref) {
      const incident = store.incidents.get(ref);
      const row = store.learningNotes.forIncident(incident.id);
      if (!row || row.version === 0) {
        throw new CodedError('note_not_found', `${incident.key} has no learning note yet. Generate one (POST /api/incidents/${incident.key}/learning-note or "mentat notes generate ${incident.key}").`, 404);
      }
      return view(row);
    },

    get: load,

    edit(who, noteId, version, markdown) {
      requireRole(who, ['responder'], 'edit a learning note');
      const v = checkVersion(version);
      const text = checkMarkdown(markdown);
      const note = store.tx(() => {
        const cur = load(noteId);
        if (cur.version !== v) throw stale(cur, v);
        const at = now();
        const body: NoteVersionBody = {
          markdown: text, questions: parseQuestions(text) ?? cur.questions, sources: cur.sources, engine: 'human', fallback: null, by: who.person, at, kind: 'edit',
        };
        if (!store.learningNotes.addVersion(noteId, v + 1, body, at, v)) throw stale(load(noteId), v);
        return load(noteId);
      });
      emit(note);
      return note;
    },

    publish(who, noteId, version) {
      requireRole(who, ['responder'], 'publish a learning note');
      const v = checkVersion(version);
      const note = store.tx(() => {
        const cur = load(noteId);
        if (cur.version !== v) throw stale(cur, v);
        if (cur.state === 'published') {
          throw new CodedError('already_published', `Version ${v} of ${cur.incidentKey}'s note was already published by ${cur.publishedBy ?? 'someone'} at ${hhmm(cur.publishedAt ?? cur.updatedAt)} UTC.`, 409);
        }
        if (!store.learningNotes.publish(noteId, v, who.person, now())) throw stale(load(noteId), v);
        return load(noteId);
      });
      emit(note);
      return note;
    },

    list(opts = {}) {
      return store.learningNotes.list({ state: opts.state ?? 'all', limit: Math.min(Math.max(opts.limit ?? 20, 1), 100) }).map(view);
    },

    exportMarkdown: (ref) => noteExport(svc.latest(ref)),

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return svc;
}
