// The incident's scratchpad: pinned notes first, then the rest newest first; anyone can add one. Once the
// incident is mitigated or resolved, the learning note to review comes first.
import { useState } from 'react';
import type { IncidentView, Note } from '../api/index.ts';
import { useAsync } from '../common/index.ts';
import type { IncidentState } from '../incident/index.ts';
import { LearningNoteSection } from '../learning/index.ts';
import { useSession } from '../shell/session.ts';
import { NoteItem } from './NoteItem.tsx';

export function NotesPane({ view, state }: { view: IncidentView; state: IncidentState }) {
  const { client } = useSession();
  const [text, setText] = useState('');
  const [pinned, setPinned] = useState(false);
  const add = useAsync(async () => {
    state.apply(await client.addNote(view.incident.id, text.trim(), pinned));
    setText('');
    setPinned(false);
  });
  const onSaved = (n: Note): void => state.patch((v) => ({ ...v, notes: v.notes.map((x) => (x.id === n.id ? n : x)) }));
  const notes = [...view.notes].sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.id - a.id);
  return (
    <div className="pane notes-pane">
      <LearningNoteSection incident={view.incident} state={state} />
      <form className="note-add" onSubmit={(e) => { e.preventDefault(); if (text.trim()) void add.run(); }}>
        <label htmlFor="note-new" className="visually-hidden">New note</label>
        <textarea id="note-new" rows={3} value={text} onChange={(e) => setText(e.target.value)} placeholder="What you noticed, tried, or want to remember" />
        <div className="row">
          <label className="check">
            <input type="checkbox" checked={pinned} onChange={(e) => setPinned(e.target.checked)} /> Pin it
          </label>
          <span className="spacer" />
          <button type="submit" className="primary" disabled={add.busy || !text.trim()}>Add note</button>
        </div>
        {add.error && <p role="alert" className="error">{add.error}</p>}
      </form>
      {notes.length === 0 ? (
        <p className="empty">No notes yet. Notes land on the timeline and in the learning notes afterwards.</p>
      ) : (
        <ul className="notes" aria-label="Notes">
          {notes.map((n) => <NoteItem key={n.id} note={n} onSaved={onSaved} />)}
        </ul>
      )}
    </div>
  );
}
