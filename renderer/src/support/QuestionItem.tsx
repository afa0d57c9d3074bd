// One support question: its state, the AI's labelled draft, the version under review (or the published
// answer), what a person may do with it, and its audit trail.
import type { SupportQuestion } from '../api/index.ts';
import { fullTime, shortTime } from '../common/index.ts';
import { AuditTrail } from './AuditTrail.tsx';
import { DraftView } from './DraftView.tsx';
import { ReviewActions } from './ReviewActions.tsx';
import { StateBadge } from './StateBadge.tsx';
import { isClosed } from './states.ts';
import { TierTexts } from './TierTexts.tsx';

const KIND: Record<string, string> = { draft: 'the AI draft', edit: 'edited', rewrite: 'rewritten from a reply' };

export function QuestionItem({ question: q, put }: { question: SupportQuestion; put: (q: SupportQuestion) => void }) {
  const c = q.candidate;
  const by = c.by === 'ai' ? 'AI' : c.by;
  return (
    <li>
      <article className={`sq sq-${q.state}`} aria-label={`Question from ${q.askedBy}: ${q.question}`}>
        <header className="sq-head">
          <StateBadge state={q.state} />
          <span className="who">{q.askedBy}</span>
          <time dateTime={q.askedAt} title={fullTime(q.askedAt)}>{shortTime(q.askedAt)}</time>
        </header>
        <p className="sq-question">{q.question}</p>
        {q.state !== 'published' && <DraftView question={q} />}
        {q.answer ? (
          <TierTexts heading={`Published answer, version ${q.answer.version}, approved by ${q.answer.approvedBy}`}
            candidate={{ ...c, tiers: q.answer.tiers, missing: [], asks: [], unsafe: [], notice: null }} />
        ) : (
          q.state !== 'withdrawn' && <TierTexts heading={`Version ${c.version} for review (${KIND[c.kind] ?? c.kind}, by ${by})`} candidate={c} />
        )}
        {!isClosed(q) && <ReviewActions question={q} put={put} />}
        <AuditTrail question={q} />
      </article>
    </li>
  );
}
