#!/usr/bin/env node
// `npm start`: the desktop app where Electron's binary is installed; otherwise the same server as
// `mentat serve` on loopback with the sidebar UI and the bundled demo, for a browser.
// `npm start -- --browser` skips the desktop app even where Electron is installed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const env = process.env;

/** The Electron executable when its binary has been downloaded (node_modules/electron/dist + path.txt). */
function electronBinary() {
  let dir;
  try {
    dir = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const exe = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(exe) ? exe : null;
}

function run(what, args) {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error(`mentat: ${what} failed (exit ${r.status ?? r.signal}); see the output above.`);
    process.exit(1);
  }
}

function ensureRenderer(uiDir) {
  if (existsSync(join(uiDir, 'index.html'))) return;
  console.log(`Building the sidebar into ${uiDir} (first start)…`);
  const vite = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  run('Building the sidebar', [vite, 'build', '--config', join(root, 'renderer', 'vite.config.ts'), '--logLevel', 'warn']);
}

async function desktop(exe) {
  ensureRenderer(join(root, 'renderer', 'dist'));
  run('Building the desktop shell', ['--import', 'tsx', join(root, 'electron', 'build.ts')]);
  const child = spawn(exe, [root], { cwd: root, stdio: 'inherit', env });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function portFromEnv() {
  const text = (env.MENTAT_PORT ?? '').trim() || '4319';
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    console.error(`mentat: MENTAT_PORT must be a number from 0 to 65535 (got "${text}").`);
    process.exit(2);
  }
  return port;
}

async function browser() {
  const host = '127.0.0.1';
  const port = portFromEnv();
  const uiDir = (env.MENTAT_UI_DIR ?? '').trim() || join(root, 'renderer', 'dist');
  ensureRenderer(uiDir);
  const { register } = await import('tsx/esm/api');
  register();
  const [{ composeServer }, { startServer }, { defaultDbPath }, demoModule] = await Promise.all([
    import('../coach/cli/compose.ts'),
    import('../coach/server/index.ts'),
    import('../coach/store/index.ts'),
    import('../coach/demo/index.ts').catch(() => null),
  ]);
  const log = (line) => console.error(`[mentat] ${line}`);
  const ownWorkspace = (env.MENTAT_WORKSPACE ?? '').trim() || null;
  const demo = demoModule ? demoModule.demoPaths(root) : { workspaceDir: join(root, 'workspace', 'demo'), incidentFile: null };
  const dbPath = (env.MENTAT_DB ?? '').trim() || defaultDbPath(env);
  const composed = await composeServer({
    host, port, dbPath,
    workspaceDir: ownWorkspace ?? (existsSync(demo.workspaceDir) ? demo.workspaceDir : null),
    prometheusUrl: (env.PROMETHEUS_URL ?? '').trim() || null,
    token: (env.MENTAT_TOKEN ?? '').trim() || null,
    uiDir, githubSecret: null, tickMs: 30_000,
  }, env, log);
  if (ownWorkspace === null && demoModule && demo.incidentFile && existsSync(demo.incidentFile)) {
    const seeded = await demoModule.seedDemo({ store: composed.store, workspace: composed.deps.services.workspace, file: demo.incidentFile, now: composed.deps.clock.now() });
    if (seeded) {
      log(`seeded the demo incident ${seeded.key}: ${seeded.title}`);
      const q = await demoModule.seedDemoSupport(composed.deps.services.support, composed.deps.services.people, seeded);
      log(`seeded a support question from sam on ${seeded.key} (question ${q.id}), waiting for a responder`);
    }
  }
  let server;
  try {
    server = await startServer({ host, port, deps: composed.deps, token: (env.MENTAT_TOKEN ?? '').trim() || null, uiDir, log });
  } catch (err) {
    composed.close();
    if (err && err.code === 'EADDRINUSE') {
      console.error(`mentat: port ${port} on ${host} is already in use — Mentat may already be running there (open http://${host}:${port}), or set MENTAT_PORT to a free port.`);
      process.exit(1);
    }
    throw err;
  }
  console.log(forcedBrowser
    ? 'Serving the sidebar in your browser (--browser), not the desktop app'
    : 'Electron\'s binary is not installed here (run `npx install-electron` to get it) — serving the sidebar in your browser instead');
  console.log(`Mentat is running: open ${server.url} (store ${dbPath}; Ctrl+C stops it)`);
  const stop = (signal) => {
    log(`${signal}: shutting down`);
    server.close().finally(() => { composed.close(); process.exit(0); });
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

const forcedBrowser = process.argv.includes('--browser');
const exe = forcedBrowser ? null : electronBinary();
(exe ? desktop(exe) : browser()).catch((err) => {
  console.error(`mentat: ${err && err.message ? err.message : String(err)}`);
  process.exit(1);
});
