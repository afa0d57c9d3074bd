// `mentat replay`: plays a scenario against a fresh incident on a fresh in-memory store, with a simulated clock.
import { createCoach } from '../incident/index.ts';
import { answerSuggestion } from '../learning/enhance/index.ts';
import type { CoachConfig } from '../incident/index.ts';
import type { Phraser } from '../llm/api.ts';
import type { Demonstrator } from '../query/api.ts';
import { createDemonstrator } from '../query/demonstrator.ts';
import { createTranslator } from '../query/translator.ts';
import { workspaceCatalog } from '../query/workspace-catalog.ts';
import { Store } from '../store/index.ts';
import { CodedError, type Clock, type Turn } from '../types.ts';
import { loadWorkspace, type Workspace } from '../workspace/index.ts';
import { parseScenarioLine, type PastIncident, type SuggestionPick } from './events.ts';

/** Seeds an earlier incident, resolved, with its alerts and what people did, straight into the store. */
function seedPast(store: Store, p: PastIncident): void {
  const times = [...p.alerts.map((a) => a.startsAt), ...p.actions.map((a) => a.at)].sort((a, b) => Date.parse(a) - Date.parse(b));
  const opened = times[0] ?? new Date(0).toISOString();
  store.tx(() => {
    const inc = store.incidents.create({ title: p.title, service: p.service, severity: 'SEV3', openedAt: opened, openedBy: 'replay', fingerprint: null, channel: null });
    for (const a of p.alerts) {
      const alert = { name: a.name, service: a.service, startsAt: a.startsAt, labels: a.labels, annotations: {} };
      store.timeline.add({ incidentId: inc.id, at: a.startsAt, kind: 'alert_firing', summary: `${a.name} firing`, data: { alert } });
    }
    for (const a of p.actions) {
      const payload = { ...(a.query !== undefined ? { query: a.query } : {}), ...(a.url !== undefined ? { url: a.url } : {}) };
      store.actions.add({ incidentId: inc.id, actor: a.from, at: a.at, kind: a.kind, text: a.text ?? a.query ?? a.url ?? '', payload });
    }
    store.incidents.setStatus(inc.id, 'resolved', times.at(-1) ?? opened);
  });
}

function pickSuggestion(store: Store, incidentId: number, from: string, pick: SuggestionPick): number | null {
  if ('id' in pick) return pick.id;
  return store.suggestions.latest(incidentId, from, 'kind' in pick ? pick.kind : undefined)?.id ?? null;
}

export interface ReplayOptions {
  workspaceDir?: string | null;
  prometheusUrl?: string | null;
  out: (line: string) => void;
  config?: CoachConfig;
  phraser?: Phraser;
  /**
   * Answers questions (D1–D3). Without one, the workspace's metrics.yml (when it has one) is the catalog a
   * translator answers over; else the policy's catalog fallback answers.
   */
  demonstrator?: Demonstrator;
}

function workspaceDemonstrator(workspace: Workspace, store: Store, clock: Clock): Demonstrator | undefined {
  const catalog = workspaceCatalog(workspace.metrics, new Date(0).toISOString());
  if (!catalog) return undefined;
  const translator = createTranslator({ catalog, clock });
  return createDemonstrator({ translator, store, links: workspace.links, catalog: () => catalog });
}

/** A turn as the replay prints it: the draft's fields flattened into the object (CONTRACTS §2). */
export function replayTurn(t: Turn): Record<string, unknown> {
  return {
    ...(t.fields ?? {}), phase: t.phase, type: t.type, text: t.text, rule: t.rule, engine: t.engine,
    ...(t.fallback ? { fallback: t.fallback } : {}),
  };
}

function bad(n: number, problem: string): never {
  throw new CodedError('replay_bad_line', `line ${n}: ${problem}`, 400, { line: n });
}

/**
 * Line numbers count every input line from 1, blank ones included, so they match an editor's; blank lines are
 * skipped and print nothing.
 */
export async function runReplay(lines: Iterable<string> | AsyncIterable<string>, opts: ReplayOptions): Promise<void> {
  const workspace = loadWorkspace(opts.workspaceDir ?? null);
  const store = Store.open(':memory:');
  let now = new Date(0);
  const clock: Clock = { now: () => now };
  // Without a Prometheus, questions are translated over the workspace's metrics.yml when it has one.
  const demonstrator = opts.demonstrator ?? workspaceDemonstrator(workspace, store, clock);
  const coach = createCoach({
    store, clock, workspace,
    ...(opts.config ? { config: opts.config } : {}), ...(opts.phraser ? { phraser: opts.phraser } : {}),
    ...(demonstrator ? { demonstrator } : {}),
  });
  let n = 0;
  let incidentId: number | null = null;
  try {
    for await (const raw of lines) {
      n++;
      const text = raw.trim();
      if (!text) continue;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        bad(n, 'not valid JSON');
      }
      const line = parseScenarioLine(json);
      if ('error' in line) bad(n, line.error);
      const at = new Date(line.at);
      if (at.getTime() < now.getTime()) bad(n, `time goes backwards (${line.at} is before ${now.toISOString()})`);
      now = at;
      let turns: Turn[];
      if (line.kind === 'past') {
        seedPast(store, line.past);
        turns = [];
      } else if (line.kind === 'answer') {
        if (incidentId === null) bad(n, 'the first event must open the incident ({"at":…, "incident":{…}})');
        const id = pickSuggestion(store, incidentId, line.from, line.pick);
        if (id === null) bad(n, `answer event: nothing was offered to ${line.from}${'kind' in line.pick ? ` of kind ${line.pick.kind}` : ''} to answer`);
        answerSuggestion(store, { id, person: line.from, accept: line.accept, at: line.at });
        turns = [];
      } else if (line.kind === 'incident') {
        if (incidentId !== null) bad(n, 'a scenario opens one incident, on its first line');
        const r = await coach.open(line.open);
        incidentId = r.incident.id;
        turns = r.turns;
      } else {
        if (incidentId === null) bad(n, 'the first event must open the incident ({"at":…, "incident":{…}})');
        turns = (await coach.handle(incidentId, line.event)).turns;
      }
      opts.out(JSON.stringify({ line: n, turns: turns.map(replayTurn) }));
    }
  } catch (e) {
    if (e instanceof CodedError && e.code !== 'replay_bad_line') bad(n, `${e.message} (${e.code})`);
    throw e;
  } finally {
    coach.close();
    store.close();
  }
}
