// Solo mode: the same server `mentat serve` runs, composed in the app's own process on loopback. The
// store lives in the app's data directory; the bundled demo workspace and the built sidebar ship inside
// the app (app.getAppPath()), so a first start shows a real incident being worked.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { composeServer } from '../coach/cli/compose.ts';
import { demoPaths, seedDemo, seedDemoSupport } from '../coach/demo/index.ts';
import type { Directory } from '../coach/people/index.ts';
import { PEOPLE_KEY } from '../coach/server/identity.ts';
import { SUPPORT_KEY } from '../coach/server/routes/support.ts';
import type { SupportService } from '../coach/support/index.ts';
import { startServer } from '../coach/server/index.ts';
import { CodedError } from '../coach/types.ts';
import type { Workspace } from '../coach/workspace/index.ts';
import type { EmbeddedServer } from './connection.ts';

export interface EmbeddedServerOptions {
  host: '127.0.0.1';
  port: number;
  token: string;
  dbPath: string;
  /** Root of the app's files: the repository in development, app.asar when packaged. */
  appRoot: string;
  /** Model, Prometheus and workspace settings (OPENAI_*, MENTAT_MODEL, PROMETHEUS_URL, MENTAT_WORKSPACE). */
  env: Record<string, string | undefined>;
  log: (line: string) => void;
}

export async function startEmbeddedServer(opts: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const uiDir = join(opts.appRoot, 'renderer', 'dist');
  if (!existsSync(join(uiDir, 'index.html'))) {
    throw new CodedError('ui_missing', `The sidebar is not built (${uiDir} has no index.html). Run "npx vite build renderer" and start again.`, 500);
  }
  const demo = demoPaths(opts.appRoot);
  const ownWorkspace = opts.env.MENTAT_WORKSPACE?.trim() || null;
  const workspaceDir = ownWorkspace ?? (existsSync(demo.workspaceDir) ? demo.workspaceDir : null);
  const composed = await composeServer({
    host: opts.host,
    port: opts.port,
    dbPath: opts.dbPath,
    workspaceDir,
    prometheusUrl: opts.env.PROMETHEUS_URL?.trim() || null,
    token: null,
    uiDir,
    githubSecret: null,
    tickMs: 30_000,
  }, opts.env, opts.log);
  try {
    // A first start on the bundled demo shows its recorded incident; a team's own workspace gets no demo data.
    if (ownWorkspace === null && existsSync(demo.incidentFile)) {
      const seeded = await seedDemo({ store: composed.store, workspace: composed.deps.services.workspace as Workspace, file: demo.incidentFile, now: composed.deps.clock.now() });
      if (seeded) {
        opts.log(`seeded the demo incident ${seeded.key}`);
        await seedDemoSupport(composed.deps.services[SUPPORT_KEY] as SupportService, composed.deps.services[PEOPLE_KEY] as Directory, seeded);
      }
    }
    // The app's token makes its holder the solo desktop user, who may ask and approve (DESIGN §3).
    const server = await startServer({ host: opts.host, port: opts.port, deps: composed.deps, desktopToken: opts.token, uiDir, log: opts.log });
    opts.log(`embedded server on ${server.url}; store ${opts.dbPath}; engine ${composed.engine}`);
    return {
      url: server.url,
      close: async () => {
        await server.close();
        composed.close();
      },
    };
  } catch (err) {
    composed.close();
    throw err;
  }
}
