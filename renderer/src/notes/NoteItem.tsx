// One note of the scratchpad: read, edit in place, pin or unpin.
import { useState } from 'react';
import type { Note } from '../api/index.ts';
import { fullTime, shortTime, useAsync } from '../common/index.ts';
import { useSession } from '../shell/session.ts';

export function NoteItem({ note, onSaved }: { note: Note; onSaved: (n: Note) => void }) {
  const { client } = useSession();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(note.text);
  const save = useAsync(async (change: { text?: string; pinned?: boolean }) => {
    onSaved(await client.editNote(note.incidentId, note.id, change));
    setEditing(false);
  });
  // Names identify the note without quoting it: note text is free and must not read as a command.
  const name = `from ${note.author} at ${shortTime(note.at)}`;
  return (
    <li className={`note ${note.pinned ? 'pinned' : ''}`} aria-label={`Note by ${note.author}${note.pinned ? ', pinned' : ''}`}>
      <header className="turn-head">
        {note.pinned && <span className="pin">Pinned</span>}
        <span className="who">{note.author}</span>
        <time dateTime={note.at} title={fullTime(note.at)}>{shortTime(note.at)}</time>
        <span className="spacer" />
        <button type="button" className="link" disabled={save.busy} onClick={() => void save.run({ pinned: !note.pinned })} aria-label={`${note.pinned ? 'Unpin' : 'Pin'} note ${name}`}>
          {note.pinned ? 'Unpin' : 'Pin'}
        </button>
        {!editing && (
          <button type="button" className="link" onClick={() => { setText(note.text); setEditing(true); }} aria-label={`Edit note ${name}`}>
            Edit
          </button>
        )}
      </header>
      {editing ? (
        <form onSubmit={(e) => { e.preventDefault(); if (text.trim()) void save.run({ text: text.trim() }); }}>
          <label className="visually-hidden" htmlFor={`note-${note.id}`}>Note text</label>
          <textarea id={`note-${note.id}`} rows={3} value={text} onChange={(e) => setText(e.target.value)} />
          <div className="row">
            <button type="submit" className="primary" disabled={save.busy || !text.trim()}>Save note</button>
            <button type="button" onClick={() => setEditing(false)}>Cancel</button>
          </div>
        </form>
      ) : (
        <p className="note-text">{note.text}</p>
      )}
      {save.error && <p role="alert" className="error">{save.error}</p>}
    </li>
  );
}
