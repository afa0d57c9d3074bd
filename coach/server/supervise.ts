// Front ends that fail (Slack says invalid_auth, or cannot be reached) must not take the server down with
// them during an incident: each is started, and on failure logged and retried with backoff while the API,
// webhooks and sidebar keep running. Its state is in GET /healthz.
import type { MountedFrontEnd } from './front-ends.ts';

export interface FrontEndState {
  name: string;
  state: 'starting' | 'running' | 'retrying' | 'stopped';
  /** The last failure, one line. */
  error?: string;
  attempts: number;
  /** When the next try is due (ISO), while retrying. */
  retryAt?: string;
}

export interface Supervisor {
  /** Starts every front end once; resolves when each has run or failed its first try. */
  start(): Promise<void>;
  status(): FrontEndState[];
  stop(): Promise<void>;
}

export interface SuperviseOptions {
  log: (line: string) => void;
  firstDelayMs?: number;
  maxDelayMs?: number;
  now?: () => number;
}

function oneLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return (msg.split('\n')[0] ?? '').slice(0, 300);
}

export function superviseFrontEnds(fronts: readonly MountedFrontEnd[], opts: SuperviseOptions): Supervisor {
  const first = opts.firstDelayMs ?? 5_000;
  const max = opts.maxDelayMs ?? 5 * 60_000;
  const now = opts.now ?? Date.now;
  const states = fronts.map((f): FrontEndState => ({ name: f.name, state: 'starting', attempts: 0 }));
  const timers = new Map<number, NodeJS.Timeout>();
  let stopped = false;

  const attempt = async (i: number): Promise<void> => {
    const f = fronts[i];
    const s = states[i];
    if (!f || !s || stopped) return;
    s.attempts++;
    try {
      await f.start();
      if (stopped) return;
      s.state = 'running';
      delete s.error;
      delete s.retryAt;
      opts.log(`front end: ${f.name}${s.attempts > 1 ? ` (started on try ${s.attempts})` : ''}`);
    } catch (e) {
      if (stopped) return;
      const delay = Math.min(max, first * 2 ** (s.attempts - 1));
      s.state = 'retrying';
      s.error = oneLine(e);
      s.retryAt = new Date(now() + delay).toISOString();
      opts.log(`front end ${f.name} failed to start (try ${s.attempts}): ${s.error}; retrying in ${Math.round(delay / 1000)} s. ` +
        'The API, webhooks and sidebar keep running.');
      // A half-started transport is stopped before it is tried again.
      await f.stop().catch(() => {});
      const t = setTimeout(() => {
        timers.delete(i);
        void attempt(i);
      }, delay);
      t.unref();
      timers.set(i, t);
    }
  };

  return {
    async start() {
      await Promise.all(fronts.map((_, i) => attempt(i)));
    },
    status: () => states.map((s) => ({ ...s })),
    async stop() {
      stopped = true;
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      await Promise.all(fronts.map(async (f, i) => {
        const s = states[i];
        if (s) s.state = 'stopped';
        await f.stop().catch((e: unknown) => opts.log(`${f.name} stop failed: ${oneLine(e)}`));
      }));
    },
  };
}
