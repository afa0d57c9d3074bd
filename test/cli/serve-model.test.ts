// `mentat serve` with a model configured: the composition root wires the model phraser from the environment.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HandleResult } from '../../coach/incident/api.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.ts';
import { startServe, type Served } from './support/spawn.ts';

let dir: string | null = null;
let served: Served | null = null;
let fake: FakeOpenAI | null = null;
afterEach(async () => {
  await served?.stop('SIGKILL');
  await fake?.close();
  served = null;
  fake = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('mentat serve with a model', () => {
  it('phrases the coach\'s turns with the configured model, and says which engine answered', async () => {
    fake = await startFakeOpenAI({ kind: 'structured', value: { turns: [
      { index: 1, text: 'Could you acknowledge INC-1 so the team knows someone has it?' },
      { index: 2, text: 'What do you think is happening to checkout, and which steps would you take to check it?' },
    ] } });
    dir = mkdtempSync(join(tmpdir(), 'mentat-model-'));
    served = await startServe(['--port', '0', '--db', join(dir, 'm.db')], { OPENAI_BASE_URL: fake.baseURL, MENTAT_MODEL: 'fake-model' });
    const res = await fetch(`${served.url}/api/incidents`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Checkout errors', service: 'checkout', from: 'ana' }),
    });
    const body = (await res.json()) as HandleResult;
    expect(fake.chatRequests().length).toBeGreaterThan(0);
    expect(body.turns.map((t) => [t.rule, t.engine, t.text])).toEqual([
      ['E2', 'fake-model', 'Could you acknowledge INC-1 so the team knows someone has it?'],
      ['G1', 'fake-model', 'What do you think is happening to checkout, and which steps would you take to check it?'],
    ]);
  });
});
