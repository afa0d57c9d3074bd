// What the server (and the coach) use of this capability: one translator over the current catalog, the
// demonstrator, the Prometheus client for person-initiated runs, and catalog refresh on demand and on a timer.
import type { Store } from '../store/index.ts';
import type { Clock, LinkEntry } from '../types.ts';
import type { Catalog, Demonstrator, LinkTargets, TranslateResult, Translator } from './api.ts';
import { refreshCatalog, type FetchOptions } from './catalog-fetch.ts';
import { describeAge } from './catalog-source.ts';
import { CatalogStore, type CatalogStatus } from './catalog-store.ts';
import { createDemonstrator } from './demonstrator.ts';
import type { LogTraceOptions } from './logs-traces.ts';
import type { ModelTranslatorOptions } from './model-translator.ts';
import type { PromClient } from './prom-client.ts';
import { CodedError } from '../types.ts';
import type { Recording } from './recordings.ts';
import { createTranslator } from './translator.ts';

export interface CatalogState extends Partial<CatalogStatus> {
  available: boolean;
  age: string | null;
  refreshing: boolean;
  lastError: string | null;
}

export interface QueryServices {
  translator: Translator;
  demonstrator: Demonstrator;
  /** Null when no Prometheus is configured: runs are refused with a message saying so. */
  prom: PromClient | null;
  catalog(): Catalog | null;
  status(): CatalogState;
  refresh(): Promise<CatalogState>;
  /** Starts the refresh timer; returns the function that stops it. */
  schedule(everyMs?: number): () => void;
}

export interface QueryServicesOptions {
  store: Store;
  clock: Clock;
  prom: PromClient | null;
  links?: LinkEntry[];
  linkTargets?: LinkTargets;
  model?: ModelTranslatorOptions | null;
  logs?: LogTraceOptions;
  demos?: Recording[];
  fetch?: FetchOptions;
  /** The workspace's metrics.yml as a catalog: what questions are read against when no Prometheus is configured. */
  workspaceCatalog?: Catalog | null;
}

export function createQueryServices(o: QueryServicesOptions): QueryServices {
  const catalogs = new CatalogStore(o.store.db);
  let current: Catalog | null = o.prom ? catalogs.load(o.prom.baseUrl) : o.workspaceCatalog ?? null;
  // With a Prometheus configured, only its own catalog: another server's names series this one lacks.
  if (!current && !o.prom) {
    const latest = catalogs.latest();
    current = latest ? catalogs.load(latest.source) : null;
  }
  let refreshing: Promise<CatalogState> | null = null;
  let lastError: string | null = null;
  const targets: LinkTargets = o.linkTargets ?? { prometheusUrl: o.prom?.baseUrl ?? null };

  const status = (): CatalogState => {
    const st = current ? catalogs.status(current.source) : null;
    return {
      ...(st ?? {}), available: current !== null, refreshing: refreshing !== null, lastError,
      age: current ? describeAge(o.clock.now().getTime() - new Date(current.fetchedAt).getTime()) : null,
    };
  };

  const translator: Translator = {
    async translate(question, opts): Promise<TranslateResult> {
      const catalog = current;
      if (!catalog) {
        const none: TranslateResult = { language: 'promql', query: null, valid: false, engine: 'offline', explanation: [], links: {},
          reason: o.prom ? `No metric catalog yet: Prometheus at ${o.prom.baseUrl} has not been reached (${lastError ?? 'not tried yet'}).` : 'No metric catalog: no Prometheus is configured (PROMETHEUS_URL).' };
        const t = createTranslator({ catalog: { source: '', fetchedAt: '', families: () => [], family: () => undefined, familyOfSample: () => undefined, labelValues: () => [] }, clock: o.clock, links: targets, ...(o.logs ? { logs: o.logs } : {}) });
        const r = await t.translate(question, opts);
        return r.language === 'promql' ? none : r;
      }
      const stale = lastError !== null;
      return createTranslator({
        catalog, clock: o.clock, links: targets, ...(o.logs ? { logs: o.logs } : {}),
        model: o.model ? { ...o.model, ...(o.prom && !o.model.formatQuery ? { formatQuery: prometheusParser(o.prom) } : {}) } : null,
        catalogAge: stale ? describeAge(o.clock.now().getTime() - new Date(catalog.fetchedAt).getTime()) : null,
      }).translate(question, opts);
    },
  };

  const refresh = async (): Promise<CatalogState> => {
    if (!o.prom) {
      lastError = 'no Prometheus is configured';
      return status();
    }
    const client = o.prom;
    refreshing ??= (async () => {
      try {
        await refreshCatalog(client, catalogs, o.clock, o.fetch);
        current = catalogs.load(client.baseUrl);
        lastError = null;
      } catch (err) {
        lastError = err instanceof Error ? err.message : String(err);
      } finally {
        refreshing = null;
      }
      return status();
    })();
    return refreshing;
  };

  return {
    translator,
    demonstrator: createDemonstrator({ translator, store: o.store, links: o.links ?? [], ...(o.demos ? { demos: o.demos } : {}),
      grafana: targets.grafana ?? null, prometheusUrl: targets.prometheusUrl ?? null, catalog: () => current }),
    prom: o.prom,
    catalog: () => current,
    status,
    refresh,
    schedule(everyMs = 10 * 60_000) {
      const timer = setInterval(() => { void refresh(); }, everyMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}

/**
 * Prometheus' parser for the model's queries: a query it rejects throws; when it cannot be asked (unreachable,
 * too old) the answer is null and the catalog's own validation stands.
 */
function prometheusParser(prom: PromClient): (query: string) => Promise<string | null> {
  return async (query) => {
    try {
      return await prom.formatQuery(query);
    } catch (err) {
      if (err instanceof CodedError && err.code === 'prometheus_error') throw err;
      return null;
    }
  };
}
