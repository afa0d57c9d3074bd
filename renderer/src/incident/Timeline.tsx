// The incident's timeline, oldest first, virtualized: alerts, deploys, plans, notes and actions as they land.
import { useMemo } from 'react';
import type { Action, TimelineEvent } from '../api/index.ts';
import { VirtualList, fullTime, shortTime } from '../common/index.ts';
import { timelineRows } from './timeline-rows.ts';

export const TIMELINE_ROW_HEIGHT = 28;

export function Timeline({ events, actions }: { events: TimelineEvent[]; actions: Action[] }) {
  const rows = useMemo(() => timelineRows(events, actions), [events, actions]);
  if (rows.length === 0) return <p className="empty">Nothing on the timeline yet.</p>;
  return (
    <VirtualList
      items={rows}
      rowHeight={TIMELINE_ROW_HEIGHT}
      label="Timeline"
      className="timeline"
      rowKey={(r) => r.key}
      renderRow={(r) => (
        <div className={`tl-row tl-${r.kind}`} title={`${fullTime(r.at)} — ${r.summary}`}>
          <time dateTime={r.at}>{shortTime(r.at)}</time>
          <span className="tl-kind">{r.label}</span>
          <span className="tl-summary">{r.summary}</span>
        </div>
      )}
    />
  );
}
