// Answers responders approved, for support to reuse: each tier copied with one button.
import { useState } from 'react';
import type { PublishedAnswer } from '../api/index.ts';
import { fullTime, shortTime } from '../common/index.ts';
import { copyText } from '../query/copy.ts';

function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <button type="button" aria-label={label} onClick={() => void copyText(text).then(() => setState('copied'), () => setState('failed'))}>
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy blocked' : label}
    </button>
  );
}

export function PublishedAnswers({ answers }: { answers: PublishedAnswer[] }) {
  if (answers.length === 0) return <p className="empty">No published answers yet. Approved answers appear here to reuse.</p>;
  return (
    <ul className="answers" aria-label="Published answers">
      {answers.map((a) => (
        <li key={a.questionId} className="answer">
          <p className="sq-question">{a.question}</p>
          <p className="hint">
            Version {a.version}, approved by {a.approvedBy} at <time dateTime={a.publishedAt} title={fullTime(a.publishedAt)}>{shortTime(a.publishedAt)}</time>
          </p>
          <p className="tier-text">{a.tiers.customer}</p>
          <CopyButton text={a.tiers.customer} label="Copy for customers" />
          <p className="tier-text">{a.tiers.partner}</p>
          <CopyButton text={a.tiers.partner} label="Copy for partners" />
        </li>
      ))}
    </ul>
  );
}
