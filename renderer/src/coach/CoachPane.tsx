// The Coach pane: the plan, the conversation with its query cards, and the ask box at the bottom.
import { useEffect, useRef, type Ref } from 'react';
import type { IncidentView } from '../api/index.ts';
import type { IncidentState } from '../incident/index.ts';
import { useSession } from '../shell/session.ts';
import { AskBox } from './AskBox.tsx';
import { conversation } from './conversation.ts';
import { EnhanceContext, useEnhanceState } from './enhance-context.ts';
import { PlanPanel } from './PlanPanel.tsx';
import { RecordControl } from './RecordControl.tsx';
import { SplitView } from './SplitView.tsx';
import { PersonMessage, TurnView } from './TurnView.tsx';

interface Props {
  view: IncidentView;
  state: IncidentState;
  askRef: Ref<HTMLTextAreaElement>;
}

export function CoachPane({ view, state, askRef }: Props) {
  const { client, name } = useSession();
  const enhance = useEnhanceState({ client, name, turns: view.turns, onEnhance: state.onEnhance, patch: (fn) => state.patch(fn) });
  const entries = conversation(view.turns, view.actions);
  const end = useRef<HTMLDivElement>(null);
  const count = entries.length;
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [count]);
  return (
    <EnhanceContext value={enhance}>
    <div className="pane coach-pane">
      <PlanPanel incidentId={view.incident.id} plan={view.plan} state={state} />
      {enhance.split && <SplitView split={enhance.split} incidentId={view.incident.id} onClose={enhance.closeSplit} />}
      <div className="coach-scroll">
        <section className="conversation" aria-label="Conversation" aria-live="polite">
          {entries.length === 0 && <p className="empty">No conversation yet. Ask the coach below.</p>}
          {entries.map((e) =>
            e.kind === 'turn' ? (
              <TurnView key={e.key} turn={e.turn} />
            ) : (
              <PersonMessage key={e.key} actor={e.action.actor} text={e.action.text} at={e.at} me={e.action.actor === name} />
            ),
          )}
          <div ref={end} />
        </section>
      </div>
      <RecordControl incidentId={view.incident.id} />
      <AskBox ref={askRef} send={async (text) => state.apply(await client.say(view.incident.id, text))} />
    </div>
    </EnhanceContext>
  );
}
