// A demonstrated query (D1): highlighted text, what each part does, Copy, Open in the team's tool, and
// Run. Run is the person's action (D4): the server runs it for them and logs it under their name.
import { useEffect, useRef, useState, type MouseEvent } from 'react';
import type { QueryCard as Card } from '../../../coach/query/api.ts';
import type { RunResult } from '../api/index.ts';
import { useAsync } from '../common/index.ts';
import { useSession } from '../shell/session.ts';
import { useEnhance } from '../coach/enhance-context.ts';
import { runAndOpenTool } from '../coach/suggestion.ts';
import { CodeView } from './CodeView.tsx';
import { LANGUAGE_NAMES, openLinks } from './card.ts';
import { copyText } from './copy.ts';
import { ResultView } from './ResultView.tsx';
import { RANGE_LABELS, rangeFor, type RangeChoice } from './run-range.ts';

interface Props {
  card: Card;
  incidentId: number;
  step?: number | null;
  /** Names the card for assistive technology instead of "PromQL query" (a decline's "Candidate 2"). */
  label?: string;
}

export function QueryCard({ card, incidentId, step, label }: Props) {
  const { client, env } = useSession();
  const [open, setOpen] = useState(true);
  const [copied, setCopied] = useState<string>('');
  const [choice, setChoice] = useState<RangeChoice>(card.range ? 'card' : '1h');
  const [result, setResult] = useState<RunResult | null>(null);
  // The person may edit the query before running it; the run then carries the suggestion and the question,
  // so the edited query answers the next similar question first (team-taught answers, D5).
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(card.text);
  const edited = text.trim() !== card.text.trim();
  const root = useRef<HTMLElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const lang = LANGUAGE_NAMES[card.language];
  const { shortcuts } = useEnhance();
  // Shortcuts the person accepted (H2): "Run and open in Grafana" does both of their own clicks at once.
  const runAndOpen = openLinks(card.links).filter((l) => [...shortcuts].some((id) => {
    const t = runAndOpenTool(id);
    return t !== null && card.links[t] === l.url;
  }));

  const run = useAsync(async () => {
    const query = text.trim() || card.text;
    const out = await client.runQuery(incidentId, {
      query, language: card.language, range: rangeFor(choice, Date.now(), card.range),
      ...(card.question ? { question: card.question } : {}), ...(edited && text.trim() ? { suggested: card.text } : {}),
    });
    setResult(out.result);
  });

  useEffect(() => {
    if (!open) return;
    // Escape closes the card the focus is in, or every open card when the focus is not in a text field.
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape') return;
      const t = e.target as HTMLElement | null;
      const inside = !!t && !!root.current?.contains(t);
      const typing = !!t && (t.tagName === 'TEXTAREA' || t.tagName === 'INPUT' || t.isContentEditable);
      if (!inside && typing) return;
      setOpen(false);
      if (inside) requestAnimationFrame(() => toggle.current?.focus());
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);

  const logOpen = (url: string): void => {
    client.act(incidentId, { kind: 'link_opened', url, query: card.text, language: card.language, ...(step ? { step } : {}) }).catch(() => {
      // Opening the link matters more than logging it; a failed log is not worth interrupting the person.
    });
  };
  const onOpenLink = (e: MouseEvent<HTMLAnchorElement>, url: string): void => {
    logOpen(url);
    if (env.openExternal) {
      e.preventDefault();
      env.openExternal(url);
    }
  };

  if (!open) {
    return (
      <section className="qcard closed" ref={root} aria-label={`${label ?? `${lang} query`} (closed)`}>
        <button type="button" ref={toggle} className="qcard-reopen" onClick={() => setOpen(true)} aria-label={`Show ${lang} query`}>
          <span className="lang">{lang}</span> <code>{card.text}</code>
        </button>
      </section>
    );
  }
  return (
    <section className="qcard" ref={root} aria-label={label ?? `${lang} query`}>
      <header className="qcard-head">
        <span className="lang">{lang}</span>
        <button type="button" ref={toggle} className="icon" onClick={() => setOpen(false)} aria-label="Close query card" title="Close (Esc)">×</button>
      </header>
      {editing ? (
        <textarea className="qcard-edit" value={text} onChange={(e) => setText(e.target.value)} aria-label={`Edit the ${lang} query`} rows={3} spellCheck={false} />
      ) : (
        <CodeView text={edited ? text : card.text} label={`${lang} query text`} />
      )}
      {edited && (
        <p className="qcard-edited">
          Edited{card.question ? `: running it remembers your query for “${card.question}”, under your name` : ''}.
        </p>
      )}
      {card.explanation.length > 0 && (
        <dl className="explain" aria-label="What each part does">
          {card.explanation.map((p, i) => (
            <div key={i}>
              <dt><code>{p.part}</code></dt>
              <dd>{p.says}</dd>
            </div>
          ))}
        </dl>
      )}
      <div className="qcard-actions">
        <button type="button" onClick={() => void copyText(edited ? text : card.text).then(() => setCopied('Copied'), (e: Error) => setCopied(e.message))}>Copy query</button>
        <button type="button" aria-pressed={editing} onClick={() => setEditing(!editing)}>{editing ? 'Done editing' : 'Edit query'}</button>
        {edited && <button type="button" onClick={() => { setText(card.text); setEditing(false); }}>Undo edits</button>}
        {openLinks(card.links).map((l) => (
          <a key={l.name} className="button" href={l.url} target="_blank" rel="noopener noreferrer" onClick={(e) => onOpenLink(e, l.url)}>
            Open in {l.name}
          </a>
        ))}
        <span className="live" role="status">{copied}</span>
      </div>
      <div className="qcard-run">
        <label>
          <span className="visually-hidden">Time range</span>
          <select value={choice} onChange={(e) => setChoice(e.target.value as RangeChoice)}>
            {(Object.keys(RANGE_LABELS) as RangeChoice[]).filter((k) => k !== 'card' || card.range).map((k) => (
              <option key={k} value={k}>{RANGE_LABELS[k]}</option>
            ))}
          </select>
        </label>
        <button type="button" className="primary" disabled={run.busy} onClick={() => void run.run()}>
          {run.busy ? 'Running…' : 'Run query'}
        </button>
        {runAndOpen.map((l) => (
          <button
            key={l.name}
            type="button"
            disabled={run.busy}
            onClick={() => {
              // Opened inside the click, so the browser treats it as the person's own (no popup block).
              if (env.openExternal) env.openExternal(l.url);
              else window.open(l.url, '_blank', 'noopener,noreferrer');
              logOpen(l.url);
              void run.run();
            }}
          >
            Run and open in {l.name}
          </button>
        ))}
      </div>
      {run.error && <p role="alert" className="error">{run.error}</p>}
      {result && <div className="result" aria-label="Query result" role="region"><ResultView result={result} /></div>}
    </section>
  );
}
