// How many model calls run at once, process-wide (MENTAT_MODEL_CONCURRENCY). When every slot is taken the
// call is not queued behind a slow model: it fails at once, and the offline engine answers and says why.
// It also keeps how model runs have been failing, for GET /healthz and the server's log (never any text).

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

export interface ModelHealth {
  inFlight: number;
  max: number;
  /** Runs that failed (timeout, error, invalid output, busy) since the process started. */
  failures: number;
  lastFailure: { at: string; kind: string; reason: string } | null;
}

let failures = 0;
let lastFailure: ModelHealth['lastFailure'] = null;
const failureListeners = new Set<(f: NonNullable<ModelHealth['lastFailure']>) => void>();

/** Called for every failed model run, with why (the reason names the fault, never the text sent). */
export function noteModelFailure(kind: string, reason: string): void {
  failures++;
  lastFailure = { at: new Date().toISOString(), kind, reason: reason.slice(0, 300) };
  for (const l of failureListeners) l(lastFailure);
}

export function onModelFailure(listener: (f: NonNullable<ModelHealth['lastFailure']>) => void): () => void {
  failureListeners.add(listener);
  return () => { failureListeners.delete(listener); };
}

export function modelHealth(): ModelHealth {
  return { inFlight, max, failures, lastFailure };
}
