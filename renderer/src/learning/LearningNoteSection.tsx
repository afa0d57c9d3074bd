// The learning note to review after the incident (DESIGN §4, H6): draft it from the record, read it,
// and — for responders — edit it into a new version and publish exactly the version on screen. Its
// questions come as cards the reader answers before revealing. Export saves the markdown as a file.
import { useState } from 'react';
import type { Incident } from '../api/index.ts';
import { fullTime, shortTime } from '../common/index.ts';
import type { IncidentState } from '../incident/index.ts';
import { isResponder, useSession } from '../shell/session.ts';
import { downloadText, noteFilename } from './download.ts';
import { Markdown } from './Markdown.tsx';
import { withoutSection } from './markdown.ts';
import { QuestionCards } from './QuestionCards.tsx';
import { useLearningNote } from './useLearningNote.ts';

export const noteReady = (status: Incident['status']): boolean => status === 'mitigated' || status === 'resolved';

export function LearningNoteSection({ incident, state }: { incident: Incident; state: Pick<IncidentState, 'onEnhance'> }) {
  const session = useSession();
  const responder = isResponder(session);
  const ready = noteReady(incident.status);
  const ln = useLearningNote(session.client, incident.id, state.onEnhance, ready);
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  const note = ln.note;
  if (!ready && !note) return null;

  const engine = note ? (note.engine === 'offline' ? 'offline engine' : note.engine) : '';
  return (
    <section className="learning" aria-labelledby="learning-h">
      <h3 id="learning-h">Learning note</h3>
      {note === undefined && <p className="empty">Loading the learning note…</p>}
      {note === null && <p className="hint">A draft from the timeline, the plans, the actions, the notes and the queries people ran. A responder reviews it before it is published.</p>}
      {note !== undefined && (
        <div className="row">
          {ready && (
            <button type="button" className={note ? '' : 'primary'} disabled={!!ln.busy} onClick={() => void ln.draft().then((ok) => ok && setEditing(false))}>
              {ln.busy === 'draft' ? 'Drafting…' : note ? 'Draft again from the record' : 'Draft the learning note'}
            </button>
          )}
          {note && (
            <button type="button" onClick={() => downloadText(noteFilename(incident.key, note.version), note.markdown)}>Export markdown</button>
          )}
        </div>
      )}
      <p role="status" className="hint">{ln.busy === 'draft' ? 'Drafting the learning note from the record…' : ''}</p>
      {ln.error && <p role="alert" className="error">{ln.error}</p>}
      {note && (
        <article className="ln" aria-label={`Learning note, version ${note.version}`}>
          <header className="ln-meta">
            <span className={`ln-state ln-${note.state}`}>{note.state === 'published' ? 'Published' : 'Draft'}</span>
            <span>version {note.version}</span>
            <span title="What wrote this version">{engine}{note.fallback ? ` (model unavailable: ${note.fallback})` : ''}</span>
            {note.state === 'published' && note.publishedBy && (
              <span>
                published by {note.publishedBy}
                {note.publishedAt && <> at <time dateTime={note.publishedAt} title={fullTime(note.publishedAt)}>{shortTime(note.publishedAt)}</time></>}
              </span>
            )}
          </header>
          {responder && !editing && (
            <div className="row">
              <button type="button" disabled={!!ln.busy} onClick={() => { ln.clearError(); setText(note.markdown); setEditing(true); }}>Edit</button>
              {note.state === 'draft' && (
                <button type="button" className="primary" disabled={!!ln.busy} onClick={() => void ln.publish()}>
                  {ln.busy === 'publish' ? 'Publishing…' : `Publish version ${note.version}`}
                </button>
              )}
            </div>
          )}
          {!responder && note.state === 'draft' && <p className="hint">A responder reviews and publishes this note.</p>}
          {editing ? (
            <form onSubmit={(e) => { e.preventDefault(); if (text.trim()) void ln.edit(text).then((ok) => ok && setEditing(false)); }}>
              <label htmlFor="ln-edit">Learning note (markdown)</label>
              <textarea id="ln-edit" rows={18} value={text} onChange={(e) => setText(e.target.value)} className="mono" />
              <div className="row">
                <button type="submit" className="primary" disabled={!!ln.busy || !text.trim()}>{ln.busy === 'edit' ? 'Saving…' : 'Save as new version'}</button>
                <button type="button" onClick={() => setEditing(false)}>Cancel</button>
              </div>
            </form>
          ) : (
            <Markdown
              source={note.questions.length ? withoutSection(note.markdown, 'Questions for the reader') : note.markdown}
              headingBase={3}
              label="Learning note text"
            />
          )}
          <QuestionCards note={note} />
        </article>
      )}
    </section>
  );
}
