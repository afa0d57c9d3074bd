// One incident: header, the three panes as tabs (kept mounted so cards and drafts survive a switch),
// and the keyboard shortcut that brings the ask box into focus from anywhere.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { CoachPane } from '../coach/index.ts';
import { IncidentHeader, IncidentPane, useIncident } from '../incident/index.ts';
import { NotesPane } from '../notes/index.ts';
import { SupportPane } from '../support/index.ts';
import { useSession } from './session.ts';
import { SignedInAs } from './SignedInAs.tsx';
import { HealthBanner } from './HealthBanner.tsx';
import { LiveDot, StreamBanner } from './StreamBanner.tsx';

type Tab = 'coach' | 'incident' | 'notes' | 'support';
const TABS: { id: Tab; label: string }[] = [
  { id: 'coach', label: 'Coach' },
  { id: 'incident', label: 'Incident' },
  { id: 'notes', label: 'Notes' },
  { id: 'support', label: 'Support' },
];

export function isTyping(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  return !!el && (el.tagName === 'TEXTAREA' || el.tagName === 'INPUT' || el.tagName === 'SELECT' || el.isContentEditable);
}

export function IncidentScreen({ id, onBack }: { id: number; onBack: () => void }) {
  const { client, env, roles } = useSession();
  const state = useIncident(client, id);
  // Support people come here for the Support pane; everyone else starts with the coach.
  const [tab, setTab] = useState<Tab>(() => (roles.includes('support') && !roles.includes('responder') ? 'support' : 'coach'));
  const [focusAsk, setFocusAsk] = useState(0);
  const askRef = useRef<HTMLTextAreaElement>(null);
  const view = state.view;

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent): void => {
      const combo = (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k';
      const slash = e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e.target);
      if (!combo && !slash) return;
      e.preventDefault();
      setTab('coach');
      setFocusAsk((n) => n + 1);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    if (focusAsk) askRef.current?.focus();
  }, [focusAsk]);
  // Inside the desktop app: the global shortcut focuses the ask box, and notifications follow this incident.
  useEffect(() => {
    const bridge = env.bridge;
    const off = bridge?.onFocusAsk?.(() => {
      setTab('coach');
      setFocusAsk((n) => n + 1);
    });
    void bridge?.setWorkingIncident?.(id).catch(() => undefined);
    return () => {
      off?.();
      void bridge?.setWorkingIncident?.(null).catch(() => undefined);
    };
  }, [env, id]);
  useEffect(() => {
    if (view) document.title = `${view.incident.key} · ${view.incident.title} — Mentat`;
  }, [view]);

  const onTabKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const i = TABS.findIndex((t) => t.id === tab);
    const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
    if (next) {
      setTab(next.id);
      document.getElementById(`tab-${next.id}`)?.focus();
    }
  };

  return (
    <div className="app">
      <header className="topbar">
        <button type="button" className="link" onClick={onBack} aria-label="All incidents">‹ Incidents</button>
        <span className="spacer" />
        <SignedInAs />
        <LiveDot state={state.stream} />
      </header>
      <StreamBanner state={state.stream} />
      <HealthBanner />
      {!view && !state.error && <p className="empty">Loading incident…</p>}
      {state.error && !view && <p role="alert" className="error pad">{state.error}</p>}
      {view && (
        <>
          <IncidentHeader incident={view.incident} state={state} />
          <div role="tablist" aria-label="Panes" className="tabs" onKeyDown={onTabKey}>
            {TABS.map((t) => (
              <button
                key={t.id}
                id={`tab-${t.id}`}
                type="button"
                role="tab"
                aria-selected={tab === t.id}
                aria-controls={`pane-${t.id}`}
                tabIndex={tab === t.id ? 0 : -1}
                onClick={() => setTab(t.id)}
              >
                {t.label}
                {t.id === 'notes' && view.notes.length > 0 && <span className="badge" aria-hidden="true">{view.notes.length}</span>}
              </button>
            ))}
          </div>
          <div id="pane-coach" role="tabpanel" aria-labelledby="tab-coach" hidden={tab !== 'coach'} className="tabpanel">
            <CoachPane view={view} state={state} askRef={askRef} />
          </div>
          <div id="pane-incident" role="tabpanel" aria-labelledby="tab-incident" hidden={tab !== 'incident'} className="tabpanel">
            <IncidentPane view={view} />
          </div>
          <div id="pane-notes" role="tabpanel" aria-labelledby="tab-notes" hidden={tab !== 'notes'} className="tabpanel">
            <NotesPane view={view} state={state} />
          </div>
          <div id="pane-support" role="tabpanel" aria-labelledby="tab-support" hidden={tab !== 'support'} className="tabpanel">
            <SupportPane view={view} state={state} />
          </div>
        </>
      )}
    </div>
  );
}
