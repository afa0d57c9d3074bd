// Sends a tick to every open incident on a timer, so time-based nudges (G3) arrive without anyone acting.
import type { CoachApi } from '../incident/api.ts';
import type { Store } from '../store/index.ts';

export interface Ticker {
  /** Runs one round now; resolves when every open incident has had its tick. */
  tick(): Promise<void>;
  stop(): void;
}

export function startTicker(store: Store, coach: CoachApi, everyMs: number, log: (line: string) => void): Ticker {
  let running: Promise<void> | null = null;
  const round = async (): Promise<void> => {
    for (const inc of store.incidents.list({ status: 'open' })) {
      try {
        await coach.handle(inc.id, { kind: 'tick' });
      } catch (e) {
        log(`tick ${inc.key} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  };
  const tick = (): Promise<void> => {
    // A slow round is never overlapped by the next one.
    running ??= round().finally(() => {
      running = null;
    });
    return running;
  };
  const timer = everyMs > 0 ? setInterval(() => void tick(), everyMs) : null;
  timer?.unref();
  return {
    tick,
    stop: () => {
      if (timer) clearInterval(timer);
    },
  };
}
