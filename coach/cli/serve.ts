// `mentat serve`: flags over environment over defaults, then the server until SIGTERM/SIGINT.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultDbPath } from '../store/db.ts';
import { CodedError } from '../types.ts';
import type { MountedFrontEnd } from '../server/front-ends.ts';
import type { Supervisor } from '../server/supervise.ts';
import type { Directory } from '../people/index.ts';
import type { SupportService } from '../support/index.ts';
import { bundledUiDir, composeServer, type ServeConfig } from './compose.ts';
import { EXIT_OK, UsageError, type CliIo } from './io.ts';

function flagsToConfig(args: string[], env: Record<string, string | undefined>): ServeConfig {
  let v;
  try {
    v = parseArgs({
      args, allowPositionals: false, strict: true,
      options: {
        host: { type: 'string' }, port: { type: 'string' }, db: { type: 'string' }, workspace: { type: 'string' },
        prometheus: { type: 'string' }, ui: { type: 'string' }, demo: { type: 'boolean' },
      },
    }).values;
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e), 'serve');
  }
  const portText = v.port ?? env.MENTAT_PORT ?? '4319';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65_535) throw new UsageError(`--port must be a number from 0 to 65535 (got "${portText}").`, 'serve');
  const tickText = env.MENTAT_TICK_SECONDS ?? '30';
  const tick = Number(tickText);
  if (!Number.isFinite(tick) || tick < 0) throw new UsageError(`MENTAT_TICK_SECONDS must be a number of seconds (got "${tickText}").`, 'serve');
  const nonEmpty = (s: string | undefined): string | null => (s && s.trim() ? s.trim() : null);
  const positive = (name: string, fallback: number, unit = ''): number => {
    const raw = nonEmpty(env[name]);
    if (raw === null) return fallback;
    if (!/^\d+(\.\d+)?$/.test(raw) || Number(raw) <= 0) throw new UsageError(`${name} must be a positive number${unit} (got "${raw}").`, 'serve');
    return Number(raw);
  };
  const writeLimit = { perSecond: positive('MENTAT_WRITE_RATE', 10), burst: positive('MENTAT_WRITE_BURST', 60) };
  const publicUrl = nonEmpty(env.MENTAT_PUBLIC_URL);
  if (publicUrl !== null && !/^https?:\/\/[^\s/?#]+(\/[^\s]*)?$/.test(publicUrl)) {
    throw new UsageError(`MENTAT_PUBLIC_URL must be an http(s) URL such as https://mentat.example.com (got "${publicUrl}").`, 'serve');
  }
  return {
    host: v.host ?? nonEmpty(env.MENTAT_HOST) ?? '127.0.0.1',
    port,
    dbPath: v.db ?? nonEmpty(env.MENTAT_DB) ?? defaultDbPath(env),
    workspaceDir: v.workspace ?? nonEmpty(env.MENTAT_WORKSPACE),
    prometheusUrl: v.prometheus ?? nonEmpty(env.PROMETHEUS_URL),
    token: nonEmpty(env.MENTAT_TOKEN),
    uiDir: v.ui ?? nonEmpty(env.MENTAT_UI_DIR) ?? bundledUiDir(),
    githubSecret: nonEmpty(env.GITHUB_WEBHOOK_SECRET),
    tickMs: tick * 1000,
    publicUrl,
    writeLimit,
    frontEndRetryMs: positive('MENTAT_RETRY_SECONDS', 5, ' of seconds') * 1000,
    catalogRetryMs: positive('MENTAT_CATALOG_RETRY_SECONDS', 30, ' of seconds') * 1000,
    allowedHosts: (env.MENTAT_ALLOWED_HOSTS ?? '').split(',').map((h) => h.trim()).filter(Boolean),
    demo: v.demo ?? false,
  };
}

/** `--demo`: the bundled recorded incident, played into an empty store so there is something to work. */
async function seedBundledDemo(composed: Awaited<ReturnType<typeof composeServer>>, log: (line: string) => void): Promise<void> {
  const { demoPaths, seedDemo } = await import('../demo/index.ts');
  const { loadWorkspace } = await import('../workspace/index.ts');
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const demo = demoPaths(root);
  const seeded = await seedDemo({ store: composed.store, workspace: loadWorkspace(demo.workspaceDir), file: demo.incidentFile, now: composed.deps.clock.now() });
  log(seeded ? `seeded the demo incident ${seeded.key}: ${seeded.title}` : 'the store already has incidents; the demo was not seeded');
  if (seeded) {
    const { SUPPORT_KEY } = await import('../server/routes/support.ts');
    const { PEOPLE_KEY } = await import('../server/identity.ts');
    const { seedDemoSupport } = await import('../demo/index.ts');
    const q = await seedDemoSupport(composed.deps.services[SUPPORT_KEY] as SupportService, composed.deps.services[PEOPLE_KEY] as Directory, seeded);
    log(`seeded a support question from sam on ${seeded.key} (question ${q.id}), waiting for a responder`);
  }
}

export async function serveCommand(args: string[], io: CliIo): Promise<number> {
  const cfg = flagsToConfig(args, io.env);
  const log = (line: string): void => io.err(`[mentat] ${line}`);
  const composed = await composeServer(cfg, io.env, log);
  if (cfg.demo) await seedBundledDemo(composed, log);
  const [{ startServer }, { registeredFrontEnds }] = await Promise.all([import('../server/index.ts'), import('../server/front-ends.ts')]);
  const { superviseFrontEnds } = await import('../server/supervise.ts');
  let server;
  let supervisor: Supervisor | null = null;
  try {
    // Configuration errors (a token without its secret …) fail here, fast, with one clear line.
    const mounted = await Promise.all(registeredFrontEnds().map((f) => f({ env: io.env, deps: composed.deps, log })));
    const fronts = mounted.filter((f): f is MountedFrontEnd => f !== null);
    const supervised = superviseFrontEnds(fronts, { log, ...(cfg.frontEndRetryMs ? { firstDelayMs: cfg.frontEndRetryMs } : {}) });
    supervisor = supervised;
    server = await startServer({
      host: cfg.host, port: cfg.port, deps: composed.deps, token: cfg.token, uiDir: cfg.uiDir, log, tickMs: cfg.tickMs,
      githubSecret: cfg.githubSecret, extraHandlers: fronts.flatMap((f) => f.extraHandlers),
      publicUrl: cfg.publicUrl ?? null, allowedHosts: cfg.allowedHosts ?? [], ...(cfg.writeLimit ? { writeLimit: cfg.writeLimit } : {}),
      health: () => ({ ...(fronts.length > 0 ? { frontEnds: supervised.status() } : {}), ...composed.health() }),
    });
    // A front end that cannot start (Slack's invalid_auth, no route to Slack) is retried; the server stays up.
    await supervised.start();
  } catch (e) {
    await supervisor?.stop();
    await server?.close();
    composed.close();
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new CodedError('port_in_use', `Port ${cfg.port} on ${cfg.host} is taken: stop what uses it, or pass --port.`, 1);
    }
    throw e;
  }
  log(`store ${cfg.dbPath}; engine ${composed.engine}; workspace ${cfg.workspaceDir ?? '(built-in)'}; ui ${cfg.uiDir ?? '(none)'}`);
  io.out(`listening on ${server.url}`);
  const running = server;
  await new Promise<void>((resolve) => {
    const stop = (signal: string): void => {
      log(`${signal}: shutting down`);
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      const stopFronts = supervisor?.stop() ?? Promise.resolve();
      stopFronts.then(() => running.close()).then(resolve, (e: unknown) => { log(`close failed: ${String(e)}`); resolve(); });
    };
    const onTerm = (): void => stop('SIGTERM');
    const onInt = (): void => stop('SIGINT');
    process.on('SIGTERM', onTerm);
    process.on('SIGINT', onInt);
  });
  composed.close();
  return EXIT_OK;
}
