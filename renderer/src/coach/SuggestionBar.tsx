// Accept or Dismiss one suggestion (H5). Accepting is "yes, show me that": a split view opens, a
// shortcut appears on later query cards, a rule's YAML is there to copy; nothing runs by itself.
import { useState } from 'react';
import type { Turn } from '../api/index.ts';
import { useAsync } from '../common/index.ts';
import { CodeView } from '../query/CodeView.tsx';
import { copyText } from '../query/copy.ts';
import { useSession } from '../shell/session.ts';
import { useEnhance } from './enhance-context.ts';
import { STATE_LABELS, suggestionOf, type SuggestionView } from './suggestion.ts';

function RuleYaml({ s }: { s: SuggestionView }) {
  const [copied, setCopied] = useState('');
  if (!s.yaml) return null;
  return (
    <div className="sg-yaml">
      <pre className="code" tabIndex={0} aria-label="Recording rule YAML"><code>{s.yaml}</code></pre>
      <div className="row">
        <button type="button" onClick={() => void copyText(s.yaml ?? '').then(() => setCopied('Copied'), (e: Error) => setCopied(e.message))}>Copy recording rule</button>
        <span className="live" role="status">{copied}</span>
      </div>
    </div>
  );
}

export function SuggestionBar({ turn }: { turn: Turn }) {
  const { client, name } = useSession();
  const enhance = useEnhance();
  const s = suggestionOf(turn);
  const answer = useAsync(async (accept: boolean) => {
    if (!s) return;
    const out = accept ? await client.acceptSuggestion(s.id) : await client.dismissSuggestion(s.id);
    enhance.remember(out);
    if (accept && s.split) enhance.openSplit(s.split);
  });
  if (!s) return null;
  const mine = !s.person || s.person.toLowerCase() === name.toLowerCase();
  return (
    <div className={`sg sg-${s.state}`}>
      {s.kind === 'recording_rule' && <RuleYaml s={s} />}
      {s.split && s.split.queries.some(Boolean) && s.state !== 'accepted' && (
        <ul className="sg-split-preview" aria-label="Queries it would show">
          {s.split.services.map((svc, i) => (s.split?.queries[i] ? <li key={svc}><strong>{svc}</strong>: <CodeView text={s.split.queries[i]} label={`${svc} query`} /></li> : null))}
        </ul>
      )}
      {s.state === 'offered' && mine ? (
        <div className="row">
          <button type="button" className="primary" disabled={answer.busy} onClick={() => void answer.run(true)} aria-label={`Accept suggestion: ${s.label}`}>Accept</button>
          <button type="button" disabled={answer.busy} onClick={() => void answer.run(false)} aria-label={`Dismiss suggestion: ${s.label}`}>Dismiss</button>
        </div>
      ) : (
        <div className="row">
          <span className={`sg-state sg-state-${s.state}`} role="status" aria-label={`Suggestion ${STATE_LABELS[s.state].toLowerCase()}`}>
            {STATE_LABELS[s.state]}{s.person && !mine ? ` (offered to ${s.person})` : ''}
          </span>
          {s.state === 'accepted' && s.split && mine && enhance.split === null && (
            <button type="button" onClick={() => s.split && enhance.openSplit(s.split)} aria-label={`Open ${s.label}`}>Open split view</button>
          )}
          {s.state === 'accepted' && s.shortcut && <span className="hint">Query cards now show “{s.shortcut.label}”.</span>}
        </div>
      )}
      {answer.error && <p role="alert" className="error">{answer.error}</p>}
    </div>
  );
}
