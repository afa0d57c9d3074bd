// Much of the coach's work on an event is synchronous (SQLite, the policy, offline translation). Handed a
// burst of Slack events at once, it would start them back to back as one chain of promise callbacks,
// holding the event loop so that new Slack requests wait to be accepted and acknowledged. Starting one
// event per turn of the loop lets the acknowledgements of newer requests go out between them. Only the
// starts are paced: an event waiting on a slow model holds up nothing but its own incident.
import type { CoachApi } from '../../coach/incident/api.ts';
import { requestScope } from './dedupe.ts';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function pacedCoach(coach: CoachApi): CoachApi {
  let gate: Promise<void> = Promise.resolve();
  const paced = <T>(work: () => Promise<T>): Promise<T> => {
    const start = gate.then(nextTurn);
    gate = start;
    return start.then(work);
  };
  return {
    open: (input) => paced(() => coach.open(input)),
    handle: (ref, event) => {
      // The Slack request this event comes from is claimed in the event's own transaction (once).
      const scope = requestScope.getStore();
      const claim = scope && !scope.claimed ? scope : null;
      if (claim) claim.claimed = true;
      return paced(() => coach.handle(ref, claim ? { ...event, dedupe: `slack:${claim.key}` } : event)).catch((e: unknown) => {
        if (claim) claim.claimed = false;
        throw e;
      });
    },
    view: (ref) => coach.view(ref),
    subscribe: (listener) => coach.subscribe(listener),
  };
}
