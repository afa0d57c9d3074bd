// The Support pane (DESIGN §3): the incident's live status, the ask box, the questions with their state
// (newest first, live), and the published answers to reuse. Notices are read out by an aria-live region
// and, only where the person already allowed it, shown as browser notifications.
import { useCallback } from 'react';
import type { IncidentView, SupportQuestion } from '../api/index.ts';
import type { IncidentState } from '../incident/index.ts';
import { isResponder, useSession } from '../shell/session.ts';
import { PublishedAnswers } from './PublishedAnswers.tsx';
import { QuestionItem } from './QuestionItem.tsx';
import { SupportAsk } from './SupportAsk.tsx';
import { useSupport } from './useSupport.ts';

const STATUS: Record<string, string> = { open: 'Open', acknowledged: 'Acknowledged', mitigated: 'Mitigated', resolved: 'Resolved' };

function browserNotify(title: string, body: string): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  try {
    new Notification(title, { body });
  } catch {
    // Some browsers only allow notifications from a service worker; the live region still says it.
  }
}

export function SupportPane({ view, state }: { view: IncidentView; state: IncidentState }) {
  const session = useSession();
  const { client, roles, env } = session;
  const responder = isResponder(session);
  const incident = view.incident;
  const onPublished = useCallback((q: SupportQuestion) => browserNotify(`Answer published on ${incident.key}`, q.question), [incident.key]);
  // Inside the desktop app the shell raises the batch notification itself (electron/notifications.ts).
  const onBatch = useCallback((qs: SupportQuestion[]) => {
    if (!env.bridge) browserNotify(`Support has ${qs.length} question${qs.length === 1 ? '' : 's'} for you`, qs.map((q) => q.question).join('\n'));
  }, [env.bridge]);
  const support = useSupport(client, incident.id, state, { responder, onPublished, onBatch });
  const canAsk = roles.includes('support') || responder;
  const last = support.notices[support.notices.length - 1];

  return (
    <div className="pane support-pane">
      <div className="support-scroll">
        <p className="sq-status">
          {incident.key} is <strong>{STATUS[incident.status] ?? incident.status}</strong> right now
          {incident.service ? ` (${incident.service})` : ''}.
        </p>
        <div aria-live="polite" role="status" aria-label="Support notifications" className="sq-notice">
          {last ? last.text : ''}
        </div>
        {canAsk ? (
          <SupportAsk incidentId={incident.id} onAsked={support.put} />
        ) : (
          <p className="hint">Asking the dev team needs the support or responder role (people.yml).</p>
        )}
        <h3>Questions</h3>
        {support.error && <p role="alert" className="error">{support.error}</p>}
        {support.questions === null && !support.error && <p className="empty">Loading questions…</p>}
        {support.questions?.length === 0 && <p className="empty">No questions from support yet.</p>}
        {support.questions && support.questions.length > 0 && (
          <ul className="sq-list" aria-label="Support questions">
            {support.questions.map((q) => <QuestionItem key={q.id} question={q} put={support.put} />)}
          </ul>
        )}
        <h3>Answers to reuse</h3>
        <PublishedAnswers answers={support.answers} />
      </div>
    </div>
  );
}
