// A real store on a temp file, the demo workspace's people and glossary, and the support workflow over them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCoach } from '../../coach/incident/index.ts';
import { createDirectory, type Principal } from '../../coach/people/index.ts';
import { Store } from '../../coach/store/index.ts';
import { createSupport, type SupportDeps, type SupportService } from '../../coach/support/index.ts';
import type { Clock } from '../../coach/types.ts';
import { loadWorkspace, type Workspace } from '../../coach/workspace/index.ts';

export const demoWorkspace: Workspace = loadWorkspace(new URL('../../workspace/demo', import.meta.url).pathname);
export const directory = createDirectory(demoWorkspace.people);
export const as = (name: string): Principal => directory.tokenPrincipal(name);

export interface Rig {
  store: Store;
  support: SupportService;
  incidentId: number;
  clock: Clock & { advance(ms: number): void };
  close(): void;
}

export async function rig(opts: Partial<SupportDeps> = {}): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), 'mentat-support-'));
  const store = Store.open(join(dir, 'mentat.db'));
  let t = Date.parse('2026-12-01T10:00:00Z');
  const clock = { now: () => new Date(t), advance: (ms: number) => { t += ms; } };
  const coach = createCoach({ store, clock, workspace: demoWorkspace });
  const { incident } = await coach.open({ title: 'Checkout 5xx errors above SLO', service: 'checkout', severity: 'SEV2', by: 'alice' });
  coach.close();
  const support = createSupport({ store, clock, workspace: demoWorkspace, ...opts });
  return { store, support, incidentId: incident.id, clock, close: () => { store.close(); rmSync(dir, { recursive: true, force: true }); } };
}
