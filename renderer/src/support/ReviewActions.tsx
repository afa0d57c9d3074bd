// What a person may do with an open question: responders approve the version shown, edit it, or answer
// in their own words; the asker may withdraw it. The server decides in the end; this only hides what
// would certainly be refused.
import { useState } from 'react';
import type { SupportQuestion } from '../api/index.ts';
import { isResponder, useSession } from '../shell/session.ts';
import { EditForm } from './EditForm.tsx';
import { RewriteForm } from './RewriteForm.tsx';
import { useQuestionAction } from './useQuestionAction.ts';

type Mode = 'idle' | 'edit' | 'rewrite';

export function ReviewActions({ question, put }: { question: SupportQuestion; put: (q: SupportQuestion) => void }) {
  const session = useSession();
  const { client, name } = session;
  const action = useQuestionAction(question, put);
  const [mode, setMode] = useState<Mode>('idle');
  const responder = isResponder(session);
  const asker = question.askedBy.toLowerCase() === name.toLowerCase();
  const v = question.candidate.version;
  if (!responder && !asker) return null;

  const done = async (fn: () => Promise<SupportQuestion>): Promise<void> => {
    if (await action.run(fn)) setMode('idle');
  };
  return (
    <div className="sq-actions">
      {mode === 'idle' && (
        <div className="row">
          {responder && (
            <>
              <button type="button" className="primary" disabled={action.busy} onClick={() => void done(() => client.approveSupport(question.id, { version: v }))}>
                Approve version {v}
              </button>
              <button type="button" disabled={action.busy} onClick={() => { action.clear(); setMode('edit'); }}>Edit</button>
              <button type="button" disabled={action.busy} onClick={() => { action.clear(); setMode('rewrite'); }}>Answer in my own words</button>
            </>
          )}
          {asker && (
            <button type="button" disabled={action.busy} onClick={() => void done(() => client.withdrawSupport(question.id, {}))}>Withdraw question</button>
          )}
        </div>
      )}
      {mode === 'edit' && (
        <EditForm key={v} question={question} busy={action.busy} onCancel={() => setMode('idle')}
          onSave={(tiers) => void done(() => client.editSupport(question.id, { version: v, tiers }))} />
      )}
      {mode === 'rewrite' && (
        <RewriteForm question={question} busy={action.busy} onCancel={() => setMode('idle')}
          onSend={(reply) => void done(() => client.rewriteSupport(question.id, { version: v, reply }))} />
      )}
      {action.error && (
        <div role="alert" className="error">
          <p>{action.error.message}</p>
          {action.error.unsafe.length > 0 && (
            <ul>{action.error.unsafe.map((u, i) => <li key={i}>{u.tier}: {u.kind} <code>{u.text}</code></li>)}</ul>
          )}
        </div>
      )}
    </div>
  );
}
