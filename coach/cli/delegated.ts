// Commands whose work lives in another capability: replay (coach/replay) and translate (coach/query).
import type { Demonstrator } from '../query/api.ts';
import { replayCommand } from '../replay/index.ts';
import { systemClock } from '../types.ts';
import type { CliIo } from './io.ts';

/** With --prometheus, replay demonstrates with the real translator over that server's catalog (else runReplay's own). */
async function makeDemonstrator(opts: { prometheusUrl: string | null; workspaceDir: string | null }): Promise<Demonstrator | undefined> {
  if (!opts.prometheusUrl) return undefined;
  const [{ Store }, query, { loadWorkspace }] = await Promise.all([
    import('../store/index.ts'), import('../query/index.ts'), import('../workspace/index.ts'),
  ]);
  const workspace = loadWorkspace(opts.workspaceDir);
  const services = query.createQueryServices({
    store: Store.open(':memory:'), clock: systemClock, prom: query.createPromClient(opts.prometheusUrl), links: workspace.links,
  });
  await services.refresh();
  return services.demonstrator;
}

export async function replay(args: string[], io: CliIo): Promise<number> {
  return replayCommand(args, { stdout: io.out, stderr: io.err, makeDemonstrator, ...(io.stdin ? { stdin: io.stdin } : {}) });
}

export async function translate(args: string[], io: CliIo): Promise<number> {
  const { translateCommand } = await import('../query/index.ts');
  return translateCommand(args, { out: io.out, err: io.err, env: io.env });
}
