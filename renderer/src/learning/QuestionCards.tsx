// Retrieval practice (DESIGN §4): each question of the note as a card. The reader writes their own
// answer first; only then can they reveal the note's answer, shown beside theirs. Never answer first.
import { useState } from 'react';
import type { LearningNote } from '../api/index.ts';
import { Markdown } from './Markdown.tsx';

function QuestionCard({ n, question, answer }: { n: number; question: string; answer: string }) {
  const [mine, setMine] = useState('');
  const [revealed, setRevealed] = useState(false);
  const id = `lq-${n}`;
  return (
    <li className="lq-card" aria-label={`Question ${n}`}>
      <p className="lq-question" id={`${id}-q`}><span className="lq-n">Q{n}.</span> {question}</p>
      {!revealed ? (
        <form onSubmit={(e) => { e.preventDefault(); if (mine.trim()) setRevealed(true); }}>
          <label htmlFor={id} className="visually-hidden">{`Your answer to question ${n}`}</label>
          <textarea id={id} rows={2} value={mine} onChange={(e) => setMine(e.target.value)} placeholder="Your answer, from memory" aria-describedby={`${id}-q`} />
          <div className="row">
            <button type="submit" disabled={!mine.trim()} aria-label={`Reveal answer to question ${n}`}>Reveal answer</button>
            {!mine.trim() && <span className="hint">Write your answer first.</span>}
          </div>
        </form>
      ) : (
        <div className="lq-compare">
          <div>
            <h5>Your answer</h5>
            <p className="lq-mine">{mine}</p>
          </div>
          <div role="region" aria-label={`The note's answer to question ${n}`}>
            <h5>The note's answer</h5>
            <Markdown source={answer} headingBase={4} />
          </div>
        </div>
      )}
    </li>
  );
}

export function QuestionCards({ note }: { note: LearningNote }) {
  if (note.questions.length === 0) return null;
  return (
    <section className="lq" aria-label="Questions for the reader">
      <h4>Questions for the reader</h4>
      <p className="hint">Answer each from memory before revealing the note's answer.</p>
      {/* Keyed by version: a new version's questions start unanswered. */}
      <ol className="lq-list" key={note.version}>
        {note.questions.map((q, i) => <QuestionCard key={i} n={i + 1} question={q.question} answer={q.answer} />)}
      </ol>
    </section>
  );
}
