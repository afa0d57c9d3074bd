// The demo workspace's recorded incident, as a new user first sees it: `mentat serve --demo` seeds it
// into the empty store, moved to now (the same seeding `npm start` does).
import type { Incident } from '../../coach/types.ts';
import type { MentatServer } from './mentat-server.ts';

export const DEMO_TITLE = 'Checkout 5xx errors above SLO';

export async function demoIncident(server: MentatServer): Promise<Incident> {
  const all = await server.api<{ incidents: Incident[] }>('GET', '/api/incidents?status=all');
  const seeded = all.incidents.find((i) => i.title === DEMO_TITLE);
  if (!seeded) throw new Error(`the server did not seed the demo incident "${DEMO_TITLE}" (started without --demo?)`);
  return seeded;
}
