// The incident's timeline, oldest first, virtualized: alerts, deploys, plans, notes and actions as they land.
import type { TimelineEvent } from '../api/index.ts';
import { VirtualList, fullTime, shortTime } from '../common/index.ts';

const KIND_LABEL: Record<string, string> = {
  opened: 'Opened',
  alert_firing: 'Alert',
  alert_resolved: 'Resolved',
  deploy: 'Deploy',
  status: 'Status',
  role: 'Role',
  plan: 'Plan',
  note: 'Note',
  action: 'Action',
};

export const TIMELINE_ROW_HEIGHT = 28;

export function Timeline({ events }: { events: TimelineEvent[] }) {
  if (events.length === 0) return <p className="empty">Nothing on the timeline yet.</p>;
  return (
    <VirtualList
      items={events}
      rowHeight={TIMELINE_ROW_HEIGHT}
      label="Timeline"
      className="timeline"
      rowKey={(e) => e.id}
      renderRow={(e) => (
        <div className={`tl-row tl-${e.kind}`} title={`${fullTime(e.at)} — ${e.summary}`}>
          <time dateTime={e.at}>{shortTime(e.at)}</time>
          <span className="tl-kind">{KIND_LABEL[e.kind] ?? e.kind}</span>
          <span className="tl-summary">{e.summary}</span>
        </div>
      )}
    />
  );
}
