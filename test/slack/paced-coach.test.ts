// A burst of events handed to the coach leaves turns of the event loop free between them (where newer
// Slack requests get their acks), and keeps their order.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pacedCoach } from '../../bots/slack/paced-coach.ts';
import { createCoach } from '../../coach/incident/index.ts';
import { Store } from '../../coach/store/index.ts';
import { systemClock } from '../../coach/types.ts';
import { tempDir } from '../support/tmp.ts';

describe('pacedCoach', () => {
  const tmp = tempDir('mentat-slack-pace-');
  const store = Store.open(join(tmp.dir, 'm.db'));
  const coach = createCoach({ store, clock: systemClock });
  afterAll(() => {
    coach.close();
    store.close();
    tmp.cleanup();
  });

  it('lets other work run between queued events, in order', async () => {
    const paced = pacedCoach(coach);
    const inc = await paced.open({ title: 'burst', by: 'slack:U1' });
    let done = 0;
    const burst = Array.from({ length: 20 }, (_, i) => paced.handle(inc.incident.id, { kind: 'say', from: 'slack:U1', text: `msg ${i}` }).then(() => {
      done += 1;
    }));
    const seenBetween: number[] = [];
    const sample = (): void => {
      seenBetween.push(done);
      if (done < 20 && seenBetween.length < 1_000) setImmediate(sample);
    };
    setImmediate(sample);
    await Promise.all(burst);
    // The loop came round while the burst was still being worked through, more than once.
    expect(seenBetween.filter((n) => n > 0 && n < 20).length).toBeGreaterThan(1);
    expect(store.actions.list(inc.incident.id, { kind: 'say' }).map((a) => a.text)).toEqual(Array.from({ length: 20 }, (_, i) => `msg ${i}`));
  });
});
