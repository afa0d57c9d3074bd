// The Incident pane: the process checklist's open steps above the live timeline.
import type { IncidentView } from '../api/index.ts';
import { Checklist } from './Checklist.tsx';
import { Timeline } from './Timeline.tsx';

export function IncidentPane({ view }: { view: IncidentView }) {
  return (
    <div className="pane incident-pane">
      <Checklist items={view.checklist} />
      <section className="timeline-section" aria-labelledby="timeline-h">
        <h3 id="timeline-h">
          Timeline
        </h3>
        <Timeline events={view.timeline} actions={view.actions} />
      </section>
    </div>
  );
}
