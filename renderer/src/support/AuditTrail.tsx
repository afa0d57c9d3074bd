// Every transition of a question — who, when, the state after it, the exact text — and the JSON export.
import { useState } from 'react';
import type { SupportQuestion } from '../api/index.ts';
import { fullTime, shortTime } from '../common/index.ts';
import { useSession } from '../shell/session.ts';
import { downloadJson } from './download.ts';
import { STATE_LABEL } from './states.ts';

export function AuditTrail({ question }: { question: SupportQuestion }) {
  const { client } = useSession();
  const [error, setError] = useState<string | null>(null);
  const exportAudit = async (): Promise<void> => {
    setError(null);
    try {
      downloadJson(`mentat-support-question-${question.id}-audit.json`, await client.supportAudit(question.id));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <details className="sq-audit">
      <summary>Audit trail ({question.audit.length})</summary>
      <ol aria-label={`Audit trail of question ${question.id}`}>
        {question.audit.map((a, i) => (
          <li key={i}>
            <span className="who">{a.by}</span> <time dateTime={a.at} title={fullTime(a.at)}>{shortTime(a.at)}</time>{' '}
            <span className="audit-state">{a.action} → {STATE_LABEL[a.state]}</span>
            <pre className="audit-text">{a.text}</pre>
          </li>
        ))}
      </ol>
      <button type="button" onClick={() => void exportAudit()}>Export audit (JSON)</button>
      {error && <p role="alert" className="error">{error}</p>}
    </details>
  );
}
