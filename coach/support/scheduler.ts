// Closes batch windows on time: a timer armed for the next due batch, re-armed whenever a question
// arrives. Batches are rows in the store, so a restart finds windows that closed while it was down.
import type { SupportService } from './workflow.ts';

export interface SupportScheduler {
  /** Flushes what is due now and re-arms (tests and the CLI call it instead of waiting). */
  kick(): void;
  stop(): void;
}

const MAX_WAIT_MS = 60 * 60_000;

export function startSupportScheduler(support: SupportService, log: (line: string) => void, now: () => number = Date.now): SupportScheduler {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const arm = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (stopped) return;
    const due = support.nextDue();
    if (!due) return;
    const wait = Math.min(MAX_WAIT_MS, Math.max(0, new Date(due).getTime() - now()));
    timer = setTimeout(kick, wait + 5);
    timer.unref();
  };
  const kick = (): void => {
    try {
      support.flushDue();
    } catch (e) {
      log(`support: asking responders failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    arm();
  };
  const off = support.subscribe((c) => { if (c.type === 'support_question' && c.question.state === 'ai_draft') arm(); });
  kick();
  void support.recoverDrafts().catch((e: unknown) => log(`support: drafting questions left from before a restart failed: ${e instanceof Error ? e.message : String(e)}`));
  return {
    kick,
    stop: () => {
      stopped = true;
      off();
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
