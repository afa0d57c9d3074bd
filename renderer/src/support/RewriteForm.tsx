// "Answer in my own words": a responder's reply, jargon and all, rewritten into both tiers on the server.
import { useState } from 'react';
import type { SupportQuestion } from '../api/index.ts';

interface Props {
  question: SupportQuestion;
  busy: boolean;
  onSend: (reply: string) => void;
  onCancel: () => void;
}

export function RewriteForm({ question, busy, onSend, onCancel }: Props) {
  const [reply, setReply] = useState('');
  const id = `sq-${question.id}-reply`;
  return (
    <form className="sq-form" onSubmit={(e) => { e.preventDefault(); if (reply.trim()) onSend(reply.trim()); }}>
      <label htmlFor={id}>Your answer, in your own words</label>
      <p className="hint">Write it as you would to a teammate; it is rewritten for customers and partners, and you are asked about what is missing.</p>
      <textarea id={id} rows={3} autoFocus value={reply} onChange={(e) => setReply(e.target.value)} />
      <div className="row">
        <button type="submit" className="primary" disabled={busy || !reply.trim()}>{busy ? 'Rewriting…' : 'Rewrite for customers'}</button>
        <button type="button" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
