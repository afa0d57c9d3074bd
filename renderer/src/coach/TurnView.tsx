// One coach turn: its EDGE phase, the rule behind it and the engine that phrased it, then its content.
// Turns only ever inform or ask; nothing here performs an action (G6).
import type { Turn } from '../api/index.ts';
import { fullTime, shortTime } from '../common/index.ts';
import { LANGUAGE_NAMES, QueryCard, candidatesFromTurn, cardFromTurn } from '../query/index.ts';
import { useSession } from '../shell/session.ts';
import { PHASE_LABELS, engineLabel } from './conversation.ts';
import { SuggestionBar } from './SuggestionBar.tsx';
import { turnExtras } from './turn-extras.ts';

export function TurnView({ turn }: { turn: Turn }) {
  const { env } = useSession();
  const card = cardFromTurn(turn);
  const candidates = candidatesFromTurn(turn);
  const { links, steps: extraSteps } = turnExtras(turn);
  // A shortcut's `steps` name the actions it joins (query_run, link_opened), not steps to read.
  const steps = turn.type === 'shortcut' ? [] : extraSteps;
  const phase = PHASE_LABELS[turn.phase];
  const step = typeof turn.fields?.step === 'number' ? turn.fields.step : null;
  return (
    <article className={`turn phase-${turn.phase}`} aria-label={`${phase} turn`}>
      <header className="turn-head">
        <span className="phase">{phase}</span>
        <span className="rule" title="The coaching rule behind this turn">{turn.rule}</span>
        <span className="engine" title="What phrased this turn">{engineLabel(turn)}</span>
        <time dateTime={turn.at} title={fullTime(turn.at)}>{shortTime(turn.at)}</time>
      </header>
      <p className="turn-text">{turn.text}</p>
      {steps.length > 0 && (
        <ol className="turn-steps">
          {steps.map((s, i) => <li key={i}>{s}</li>)}
        </ol>
      )}
      {links.length > 0 && (
        <ul className="turn-links">
          {links.map((l) => (
            <li key={l.url}>
              <a
                href={l.url}
                target="_blank"
                rel="noopener noreferrer"
                onClick={(e) => {
                  if (env.openExternal) {
                    e.preventDefault();
                    env.openExternal(l.url);
                  }
                }}
              >
                {l.title}
              </a>
            </li>
          ))}
        </ul>
      )}
      {card && <QueryCard card={card} incidentId={turn.incidentId} step={step} />}
      {candidates.map((c, i) => <QueryCard key={c.text} card={c} incidentId={turn.incidentId} step={step} label={`Candidate ${i + 1}: ${LANGUAGE_NAMES[c.language]} query`} />)}
      {turn.phase === 'enhance' && <SuggestionBar turn={turn} />}
    </article>
  );
}

export function PersonMessage({ actor, text, at, me }: { actor: string; text: string; at: string; me: boolean }) {
  return (
    <article className={`said ${me ? 'me' : ''}`} aria-label={`${actor} said`}>
      <header className="turn-head">
        <span className="who">{me ? 'You' : actor}</span>
        <time dateTime={at} title={fullTime(at)}>{shortTime(at)}</time>
      </header>
      <p className="turn-text">{text}</p>
    </article>
  );
}
