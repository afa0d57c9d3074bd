// The coach works through its events one at a time, and much of that work is synchronous (SQLite, the
// policy, offline translation). Handed a burst of Slack events at once, its queue would run them back to
// back as one chain of promise callbacks, holding the event loop so that new Slack requests wait to be
// accepted and acknowledged. Feeding it one event at a time, each on a fresh turn of the loop, lets the
// acknowledgements of newer requests go out between them.
import type { CoachApi } from '../../coach/incident/api.ts';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function pacedCoach(coach: CoachApi): CoachApi {
  let gate: Promise<unknown> = Promise.resolve();
  const paced = <T>(work: () => Promise<T>): Promise<T> => {
    const run = gate.then(nextTurn).then(work);
    gate = run.catch(() => undefined);
    return run;
  };
  return {
    open: (input) => paced(() => coach.open(input)),
    handle: (ref, event) => paced(() => coach.handle(ref, event)),
    view: (ref) => coach.view(ref),
    subscribe: (listener) => coach.subscribe(listener),
  };
}
