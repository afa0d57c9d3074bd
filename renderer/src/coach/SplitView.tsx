// H3's split view, opened by accepting its suggestion: two services side by side, each with the query
// it was looked at with as a query card (Run is still the person's own action). Close puts it away.
import type { QueryCard as Card } from '../../../coach/query/api.ts';
import { QueryCard } from '../query/index.ts';
import type { SplitDef } from './suggestion.ts';

const asCard = (text: string): Card | null => (text && !/^https?:\/\//.test(text) ? { language: 'promql', text, explanation: [], links: {} } : null);

export function SplitView({ split, incidentId, onClose }: { split: SplitDef; incidentId: number; onClose: () => void }) {
  const [a, b] = split.services;
  return (
    <section className="split" aria-label={`Split view: ${a} and ${b}`}>
      <header className="split-head">
        <h3>{a} · {b}</h3>
        <button type="button" onClick={onClose} aria-label="Close split view">Close</button>
      </header>
      <div className="split-panes">
        {split.services.map((svc, i) => {
          const card = asCard(split.queries[i] ?? '');
          return (
            <section key={svc} className="split-pane" aria-label={`${svc} side`}>
              <h4>{svc}</h4>
              {card ? <QueryCard card={card} incidentId={incidentId} /> : <p className="hint">No query for {svc} yet; ask the coach for one.</p>}
            </section>
          );
        })}
      </div>
    </section>
  );
}
