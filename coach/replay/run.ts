// `mentat replay`: plays a scenario against a fresh incident on a fresh in-memory store, with a simulated clock.
import { createCoach } from '../incident/index.ts';
import type { CoachConfig } from '../incident/index.ts';
import type { Phraser } from '../llm/api.ts';
import type { Demonstrator } from '../query/api.ts';
import { Store } from '../store/index.ts';
import { CodedError, type Clock, type Turn } from '../types.ts';
import { loadWorkspace } from '../workspace/index.ts';
import { parseLine } from './events.ts';

export interface ReplayOptions {
  workspaceDir?: string | null;
  prometheusUrl?: string | null;
  out: (line: string) => void;
  config?: CoachConfig;
  phraser?: Phraser;
  /** Answers questions (D1–D3); without one the policy's catalog fallback answers. */
  demonstrator?: Demonstrator;
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
  const coach = createCoach({
    store, clock, workspace,
    ...(opts.config ? { config: opts.config } : {}), ...(opts.phraser ? { phraser: opts.phraser } : {}),
    ...(opts.demonstrator ? { demonstrator: opts.demonstrator } : {}),
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
      const line = parseLine(json);
      if ('error' in line) bad(n, line.error);
      const at = new Date(line.at);
      if (at.getTime() < now.getTime()) bad(n, `time goes backwards (${line.at} is before ${now.toISOString()})`);
      now = at;
      let turns: Turn[];
      if (line.kind === 'incident') {
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
