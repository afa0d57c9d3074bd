// Support asks the dev team. The answer comes back at once with the AI's draft, which the list shows.
import { useState } from 'react';
import type { SupportQuestion } from '../api/index.ts';
import { useAsync } from '../common/index.ts';
import { useSession } from '../shell/session.ts';

export function SupportAsk({ incidentId, onAsked }: { incidentId: number; onAsked: (q: SupportQuestion) => void }) {
  const { client } = useSession();
  const [text, setText] = useState('');
  const ask = useAsync(async () => {
    onAsked(await client.askSupport(incidentId, { question: text.trim() }));
    setText('');
  });
  return (
    <form className="sq-ask" onSubmit={(e) => { e.preventDefault(); if (text.trim() && !ask.busy) void ask.run(); }}>
      <label htmlFor="support-question">Question for the dev team</label>
      <textarea id="support-question" rows={2} value={text} onChange={(e) => setText(e.target.value)}
        placeholder="What customers are asking: is my data safe? when will it be back?" />
      <div className="row">
        <span className="hint">You get the AI's guess at once; the responders are asked to check it.</span>
        <span className="spacer" />
        <button type="submit" className="primary" disabled={ask.busy || !text.trim()}>{ask.busy ? 'Asking…' : 'Ask the dev team'}</button>
      </div>
      {ask.error && <p role="alert" className="error">{ask.error}</p>}
    </form>
  );
}
