// The team's process guide for this incident (E1/E2): the steps still open come first; steps whose
// conditions do not apply are left out. The coach asks about open steps; ticking them is the people's job.
import type { IncidentView } from '../api/index.ts';

export function Checklist({ items }: { items: IncidentView['checklist'] }) {
  const applicable = items.filter((i) => i.applies);
  if (applicable.length === 0) return <p className="empty">The workspace has no process steps for this incident.</p>;
  const open = applicable.filter((i) => !i.done);
  const done = applicable.filter((i) => i.done);
  return (
    <section className="checklist" aria-labelledby="checklist-h">
      <h3 id="checklist-h">
        Process <span className="count">{done.length} of {applicable.length} done</span>
      </h3>
      <ul aria-label="Process steps">
        {[...open, ...done].map((i) => (
          <li key={i.id} className={i.done ? 'done' : 'open'}>
            <span className="tick" aria-hidden="true">{i.done ? '✓' : '○'}</span>
            <span>{i.text}</span>
            <span className="visually-hidden">{i.done ? '(done)' : '(open)'}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
