// The composition root: the one place that reads process.env and builds store, clock, workspace, phraser,
// coach and services for `mentat serve`. Heavy modules load only when the server is composed, so client
// commands start fast.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Store } from '../store/index.ts';
import type { ServerDeps } from '../server/route.ts';
import { CodedError, systemClock } from '../types.ts';
import type { CliIo } from './io.ts';

/** The real process, as a CliIo. */
export function processIo(): CliIo {
  return {
    out: (text) => { process.stdout.write(`${text}\n`); },
    err: (text) => { process.stderr.write(`${text}\n`); },
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    stdin: process.stdin,
    env: { ...process.env },
  };
}

export interface ServeConfig {
  host: string;
  port: number;
  dbPath: string;
  workspaceDir: string | null;
  prometheusUrl: string | null;
  token: string | null;
  uiDir: string | null;
  githubSecret: string | null;
  tickMs: number;
  /** MENTAT_PUBLIC_URL: the address people reach the server at; its host is answered for (docs/api.md). */
  publicUrl?: string | null;
  /** MENTAT_ALLOWED_HOSTS: more host names it answers for. */
  allowedHosts?: string[];
  /** MENTAT_WRITE_RATE / MENTAT_WRITE_BURST: each writer's token bucket. */
  writeLimit?: { perSecond: number; burst: number };
  /** MENTAT_RETRY_SECONDS: first wait before a front end that failed to start is tried again. */
  frontEndRetryMs?: number;
  /** MENTAT_CATALOG_RETRY_SECONDS: first wait before an unanswered catalog fetch is tried again. */
  catalogRetryMs?: number;
  /** Seed the bundled demo incident into an empty store. */
  demo?: boolean;
}

/** The built renderer next to this checkout, when it has been built. */
export function bundledUiDir(): string | null {
  const dir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'renderer', 'dist');
  return existsSync(join(dir, 'index.html')) ? dir : null;
}

export interface Composed {
  deps: ServerDeps;
  store: Store;
  /** Which engine phrases turns: "offline" or the model's name. */
  engine: string;
  /** What GET /healthz says about Prometheus and the model. */
  health(): Record<string, unknown>;
  close(): void;
}

export async function composeServer(cfg: ServeConfig, env: Record<string, string | undefined>, log: (line: string) => void): Promise<Composed> {
  const [{ Store }, { createCoach }, { loadWorkspace }, { modelConfigFromEnv }, query, { QUERY_SERVICES_KEY }] = await Promise.all([
    import('../store/index.ts'), import('../incident/index.ts'), import('../workspace/index.ts'), import('../llm/config.ts'),
    import('../query/index.ts'), import('../server/routes/query.ts'),
  ]);
  const clock = systemClock;
  const workspace = loadWorkspace(cfg.workspaceDir);
  const model = modelConfigFromEnv(env);
  // The model client (and its SDK) loads only when a model is configured.
  const llm = model ? await import('../llm/index.ts') : null;
  const limit = model ? await import('../llm/limit.ts') : null;
  if (model) limit?.setModelConcurrency(model.concurrency);
  // Model failures reach the log, at most one line a minute (the offline engine answered each; no text).
  let lastLogged = 0;
  let quiet = 0;
  const stopFailureLog = limit?.onModelFailure((f) => {
    const now = Date.now();
    if (now - lastLogged < 60_000) {
      quiet++;
      return;
    }
    log(`model: ${f.kind}: ${f.reason}; the offline engine answered${quiet ? ` (${quiet} more failures since the last line)` : ''}`);
    lastLogged = now;
    quiet = 0;
  }) ?? (() => undefined);
  const phraser = model && llm ? llm.phraserFromConfig(model, clock) : undefined;
  const store = Store.open(cfg.dbPath);
  const prom = cfg.prometheusUrl ? query.createPromClient(cfg.prometheusUrl) : null;
  const queries = query.createQueryServices({
    store, clock, prom, links: workspace.links, linkTargets: query.linkTargetsFromEnv(env, cfg.prometheusUrl),
    model: model && llm ? { model: llm.createChatModel(model), name: model.model, timeoutMs: model.timeoutMs } : null,
    workspaceCatalog: query.workspaceCatalog(workspace.metrics, clock.now().toISOString()),
  });
  if (!prom && workspace.metrics.length > 0) log(`catalog: no Prometheus; questions are read against the workspace's metrics.yml (${workspace.metrics.length} metrics)`);
  // The spelling dictionary (about 0.3 s to load) is read at start-up rather than on the first question.
  setImmediate(() => { if (!query.warmSpelling()) log('spelling: the English dictionary could not be read; questions are read as typed'); });
  const stopRefresh = prom ? queries.schedule() : () => undefined;
  let retryTimer: NodeJS.Timeout | null = null;
  if (prom) {
    // The first catalog fetch runs in the background; until it lands, a cached catalog (or a clear decline)
    // answers. A failed fetch is logged and tried again with backoff (30 s, doubling to 10 minutes) until
    // Prometheus answers; the log says when it does.
    const attempt = (delayMs: number, failedBefore: boolean): void => {
      void queries.refresh().then((st) => {
        if (!st.lastError) {
          if (failedBefore) log(`catalog: ${prom.baseUrl} answered again; ${String(st.families ?? 0)} metric families fetched`);
          return;
        }
        log(`catalog: ${st.lastError} Trying again in ${Math.round(delayMs / 1000)} s.`);
        retryTimer = setTimeout(() => attempt(Math.min(delayMs * 2, 10 * 60_000), true), delayMs);
        retryTimer.unref();
      });
    };
    attempt(cfg.catalogRetryMs ?? 30_000, false);
  }
  const coach = createCoach({
    store, clock, workspace, demonstrator: queries.demonstrator, ...(phraser ? { phraser } : {}),
    log: (e) => log(`${e.level} ${e.code}: ${e.message}`),
  });
  const [{ createSupport, offlineSupportWriter, startWebhookDeliverer }, { createDirectory }, { SUPPORT_KEY }, { PEOPLE_KEY }] = await Promise.all([
    import('../support/index.ts'), import('../people/index.ts'), import('../server/routes/support.ts'), import('../server/identity.ts'),
  ]);
  const batchText = env.MENTAT_SUPPORT_BATCH_SECONDS?.trim();
  const batchSeconds = batchText ? Number(batchText) : 120;
  if (!Number.isFinite(batchSeconds) || batchSeconds < 0 || batchSeconds > 3600) {
    throw new CodedError('config_invalid', `MENTAT_SUPPORT_BATCH_SECONDS must be a number of seconds from 0 to 3600 (got "${batchText ?? ''}").`, 1);
  }
  // With a model configured, the support agent writes, and the offline templates answer whenever it fails.
  const writer = model && llm ? llm.supportWriterFromConfig(model, offlineSupportWriter) : undefined;
  const support = createSupport({ store, clock, workspace, batchWindowMs: batchSeconds * 1000, log, ...(writer ? { writer } : {}) });
  const hookUrl = env.MENTAT_SUPPORT_WEBHOOK_URL?.trim() || null;
  const hookSecret = env.MENTAT_SUPPORT_WEBHOOK_SECRET?.trim() || null;
  if (hookUrl && !/^https?:\/\/\S+$/.test(hookUrl)) throw new CodedError('config_invalid', `MENTAT_SUPPORT_WEBHOOK_URL must be an http(s) URL (got "${hookUrl}").`, 1);
  if (hookUrl && !hookSecret) {
    throw new CodedError('config_invalid', 'MENTAT_SUPPORT_WEBHOOK_URL is set without MENTAT_SUPPORT_WEBHOOK_SECRET: set a secret so receivers can check the signature.', 1);
  }
  const hook = hookUrl && hookSecret ? startWebhookDeliverer({ store, clock, support, url: hookUrl, secret: hookSecret, log }) : null;
  if (hook && hookUrl) log(`published support answers go to ${new URL(hookUrl).origin}`);
  const [{ createLearningNotes, offlineNoteWriter }, { LEARNING_NOTES_KEY }] = await Promise.all([
    import('../learning/index.ts'), import('../server/routes/learning.ts'),
  ]);
  // With a model configured, the note agent writes, and the offline writer answers whenever it fails.
  const noteWriter = model ? (await import('../llm/note-agent.ts')).noteWriterFromConfig(model, offlineNoteWriter) : undefined;
  const learningNotes = createLearningNotes({ store, clock, workspace, log, ...(noteWriter ? { writer: noteWriter } : {}) });
  const services: Record<string, unknown> = {
    workspace, [QUERY_SERVICES_KEY]: queries, [SUPPORT_KEY]: support, [PEOPLE_KEY]: createDirectory(workspace.people),
    [LEARNING_NOTES_KEY]: learningNotes,
  };
  return {
    deps: { store, coach, clock, services },
    store,
    engine: phraser?.engine ?? 'offline',
    /** For GET /healthz: how Prometheus and the model are doing. */
    health: () => {
      const st = queries.status();
      return {
        ...(prom ? { prometheus: { url: prom.baseUrl, catalog: st.available, ...(st.lastError ? { lastError: st.lastError } : {}) } } : {}),
        ...(limit && model ? { model: { name: model.model, ...limit.modelHealth() } } : {}),
      };
    },
    close: () => {
      stopFailureLog();
      if (retryTimer) clearTimeout(retryTimer);
      hook?.stop();
      stopRefresh();
      coach.close();
      store.close();
    },
  };
}
