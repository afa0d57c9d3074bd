// Seeds the bundled demo: a recorded incident (replay format) played through the real coach into an
// empty store, with its times moved so the incident looks like it is happening now.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCoach } from '../incident/index.ts';
import { parseLine } from '../replay/events.ts';
import type { Store } from '../store/index.ts';
import type { Clock, Incident } from '../types.ts';
import { CodedError } from '../types.ts';
import type { Workspace } from '../workspace/index.ts';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const TIME_OF_DAY = /\b([01]?\d|2[0-3]):([0-5]\d)\b/g;

/** "09:56" in what someone said moves with the recording, so the story still adds up. */
function shiftTimeOfDay(text: string, ms: number): string {
  return text.replace(TIME_OF_DAY, (_m, h: string, m: string) => {
    const d = new Date(Date.UTC(2000, 0, 1, Number(h), Number(m)) + ms);
    return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  });
}

/** Moves every time in a parsed JSON value by `ms`: ISO times, and times of day inside text. */
export function shiftTimes(value: unknown, ms: number): unknown {
  if (typeof value === 'string') return ISO.test(value) ? new Date(Date.parse(value) + ms).toISOString() : shiftTimeOfDay(value, ms);
  if (Array.isArray(value)) return value.map((v) => shiftTimes(v, ms));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shiftTimes(v, ms)]));
  }
  return value;
}

export interface SeedOptions {
  store: Store;
  workspace: Workspace;
  /** The recorded incident, replay format (workspace/demo/incident.jsonl). */
  file: string;
  /** The last recorded event lands this long before `now`. */
  endsAgoMs?: number;
  now: Date;
}

/** Plays the recording when the store has no incidents yet; returns the demo incident, or null if the store was not empty. */
export async function seedDemo(opts: SeedOptions): Promise<Incident | null> {
  if (opts.store.incidents.list({ status: 'all', limit: 1 }).length > 0) return null;
  const raw = readFileSync(opts.file, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
  const parsed: unknown[] = raw.map((l, i) => {
    try { return JSON.parse(l) as unknown; } catch { throw new CodedError('demo_invalid', `${opts.file} line ${i + 1}: not JSON.`); }
  });
  const lastAt = Date.parse(String((parsed.at(-1) as { at?: unknown } | undefined)?.at));
  if (Number.isNaN(lastAt)) throw new CodedError('demo_invalid', `${opts.file}: the last line has no valid "at".`);
  const shift = opts.now.getTime() - (opts.endsAgoMs ?? 60_000) - lastAt;

  // A coach of its own whose clock is the recording's, so the turns are the ones said at the time.
  let simulated = new Date(lastAt + shift);
  const clock: Clock = { now: () => simulated };
  const coach = createCoach({ store: opts.store, clock, workspace: opts.workspace });
  let incident: Incident | null = null;
  try {
    for (const [i, value] of parsed.entries()) {
      const line = parseLine(shiftTimes(value, shift));
      if ('error' in line) throw new CodedError('demo_invalid', `${opts.file} line ${i + 1}: ${line.error}`);
      simulated = new Date(line.at);
      if (line.kind === 'incident') incident = (await coach.open(line.open)).incident;
      else if (!incident) throw new CodedError('demo_invalid', `${opts.file}: the first line must open the incident.`);
      else await coach.handle(incident.id, line.event);
    }
  } finally {
    coach.close();
  }
  return incident;
}

/** The demo workspace bundled with the app, and its recording. */
export function demoPaths(root: string): { workspaceDir: string; incidentFile: string } {
  const workspaceDir = join(root, 'workspace', 'demo');
  return { workspaceDir, incidentFile: join(workspaceDir, 'incident.jsonl') };
}
