// How many model calls run at once, process-wide (MENTAT_MODEL_CONCURRENCY). When every slot is taken the
// call is not queued behind a slow model: it fails at once, and the offline engine answers and says why.

let max = 4;
let inFlight = 0;

export const DEFAULT_MODEL_CONCURRENCY = 4;

export function setModelConcurrency(n: number): void {
  max = Math.max(1, Math.floor(n));
}

/** A release function when a slot was free, or null when `max` calls are already in flight. */
export function acquireModelSlot(): (() => void) | null {
  if (inFlight >= max) return null;
  inFlight++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    inFlight--;
  };
}

export function modelCalls(): { inFlight: number; max: number } {
  return { inFlight, max };
}
