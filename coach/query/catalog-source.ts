// Where a translator's catalog comes from: the store's cached copy while it is fresh, a refetch from
// Prometheus when it is stale, and the cached copy with its age when Prometheus cannot be reached.
import type { Clock } from '../types.ts';
import { CodedError } from '../types.ts';
import type { Catalog, LinkTargets } from './api.ts';
import { refreshCatalog, type FetchOptions } from './catalog-fetch.ts';
import type { CatalogStore } from './catalog-store.ts';
import type { PromClient } from './prom-client.ts';

export const FRESH_MS = 5 * 60_000;

export interface SourcedCatalog {
  catalog: Catalog;
  /** Set when the cached copy was used because Prometheus was unreachable or not given. */
  age: string | null;
  /** Why the cache was used, for a person. */
  note: string | null;
}

/** "3 minutes", "2 hours", "4 days". */
export function describeAge(ms: number): string {
  const m = Math.max(0, Math.floor(ms / 60_000));
  if (m < 1) return 'less than a minute';
  if (m < 120) return `${m} minute${m === 1 ? '' : 's'}`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} hours`;
  return `${Math.round(h / 24)} days`;
}

export async function obtainCatalog(
  store: CatalogStore, clock: Clock, client: PromClient | null, opts: FetchOptions & { freshMs?: number } = {},
): Promise<SourcedCatalog> {
  const ageOf = (fetchedAt: string): number => clock.now().getTime() - new Date(fetchedAt).getTime();
  if (client) {
    const cached = store.status(client.baseUrl);
    if (cached && ageOf(cached.fetchedAt) < (opts.freshMs ?? FRESH_MS)) {
      const c = store.load(client.baseUrl);
      if (c) return { catalog: c, age: null, note: null };
    }
    try {
      await refreshCatalog(client, store, clock, opts);
      const c = store.load(client.baseUrl);
      if (c) return { catalog: c, age: null, note: null };
    } catch (err) {
      // Only this Prometheus' own cache: another server's metrics would name series this one does not have.
      const fallback = cached;
      const c = fallback ? store.load(fallback.source) : null;
      if (!fallback || !c) {
        const why = err instanceof Error ? err.message : String(err);
        const other = store.latest();
        const also = other && other.source !== client.baseUrl ? ` (a catalog of ${other.source} is cached, but it describes another server, so it is not used)` : '';
        throw new CodedError('catalog_unavailable', `${why} No metric catalog of ${client.baseUrl} is cached yet${also}, so there is nothing to translate against.`, 503);
      }
      const age = describeAge(ageOf(fallback.fetchedAt));
      return { catalog: c, age, note: `Prometheus at ${client.baseUrl} could not be reached; using the catalog cached ${age} ago from ${fallback.source}.` };
    }
  }
  const latest = store.latest();
  const c = latest ? store.load(latest.source) : null;
  if (!latest || !c) {
    throw new CodedError('catalog_unavailable', 'No metric catalog: pass --prometheus URL (or set PROMETHEUS_URL) once so it can be fetched and cached.', 503);
  }
  const age = describeAge(ageOf(latest.fetchedAt));
  return { catalog: c, age, note: `No Prometheus given; using the catalog cached ${age} ago from ${latest.source}.` };
}

/** Deep-link targets from configuration (the composition root passes its environment). */
export function linkTargetsFromEnv(env: Record<string, string | undefined>, prometheusUrl: string | null): LinkTargets {
  const url = env.GRAFANA_URL?.trim();
  const org = Number(env.GRAFANA_ORG_ID ?? '1');
  const datasources = {
    ...(env.GRAFANA_PROMETHEUS_UID ? { prometheus: env.GRAFANA_PROMETHEUS_UID } : {}),
    ...(env.GRAFANA_LOKI_UID ? { loki: env.GRAFANA_LOKI_UID } : {}),
    ...(env.GRAFANA_TEMPO_UID ? { tempo: env.GRAFANA_TEMPO_UID } : {}),
  };
  return {
    prometheusUrl: env.PROMETHEUS_PUBLIC_URL?.trim() || prometheusUrl,
    grafana: url ? { url, orgId: Number.isInteger(org) && org > 0 ? org : 1, datasources } : null,
  };
}
