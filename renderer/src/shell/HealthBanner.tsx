// What the server says about its own parts (GET /healthz): a front end that could not start, a Prometheus
// that cannot be reached, a model that keeps failing. Shown plainly, with what still works; asked again
// every 30 s. Nothing is shown while all is well.
import { useEffect, useState } from 'react';
import { z } from 'zod';
import type { Environment } from '../env.ts';
import { useSession } from './session.ts';

const healthSchema = z.looseObject({
  ok: z.boolean(),
  frontEnds: z.array(z.looseObject({ name: z.string(), state: z.string(), error: z.string().optional() })).optional(),
  prometheus: z.looseObject({ url: z.string(), catalog: z.boolean(), lastError: z.string().optional() }).optional(),
  model: z.looseObject({ name: z.string(), lastFailure: z.looseObject({ at: z.string(), reason: z.string() }).nullable() }).optional(),
});
export type Health = z.infer<typeof healthSchema>;

const POLL_MS = 30_000;
/** A model failure this recent still says something about the next answer. */
const RECENT_MS = 5 * 60_000;

export async function fetchHealth(env: Environment, fetchImpl: typeof fetch = fetch.bind(window)): Promise<Health | null> {
  try {
    const res = await fetchImpl(`${env.baseUrl}/healthz`, { headers: { accept: 'application/json' } });
    if (!res.ok) return null;
    const parsed = healthSchema.safeParse(await res.json());
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // The stream banner already says when the server cannot be reached.
  }
}

/** One sentence per part that is not well, saying what still works. */
export function healthProblems(h: Health | null, now = Date.now()): string[] {
  if (!h) return [];
  const out: string[] = [];
  for (const f of h.frontEnds ?? []) {
    if (f.state === 'retrying') out.push(`${f.name} is not connected${f.error ? ` (${f.error})` : ''}; the server retries it, and everything else here works.`);
  }
  if (h.prometheus && (h.prometheus.lastError || !h.prometheus.catalog)) {
    const why = h.prometheus.lastError?.trim() || `Prometheus at ${h.prometheus.url} cannot be reached.`;
    out.push(`${/[.!?]$/.test(why) ? why : `${why}.`} Until it can, queries are read against the cached catalog, or declined, and cannot be run.`);
  }
  const fail = h.model?.lastFailure;
  if (h.model && fail && now - Date.parse(fail.at) < RECENT_MS) {
    out.push(`The model ${h.model.name} is failing (${fail.reason}): answers come from the offline engine, which says so on each turn.`);
  }
  return out;
}

export function HealthBanner() {
  const { env } = useSession();
  const [health, setHealth] = useState<Health | null>(null);
  useEffect(() => {
    let alive = true;
    const ask = (): void => { void fetchHealth(env).then((h) => { if (alive) setHealth(h); }); };
    ask();
    const t = setInterval(ask, POLL_MS);
    return () => {
      alive = false;
      clearInterval(t);
    };
  }, [env]);
  const problems = healthProblems(health);
  if (problems.length === 0) return null;
  return (
    <div className="banner health" role="status" aria-label="Server status">
      {problems.map((p) => <p key={p}>{p}</p>)}
    </div>
  );
}
