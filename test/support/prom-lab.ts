// One real Prometheus + node exporter lab for every query test (vitest globalSetup), stopped by its pids.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The lab's Prometheus URL, or "" when this run does not include the query tests. */
    promLab: string;
    /** Why the lab could not start, when it could not. */
    promLabError: string;
  }
}

const SCRIPT = resolve(import.meta.dirname, 'promlab.sh');

/** Whether this vitest run includes files that use the lab (test/query, the Slack Run button; no filter means all). */
function wantsLab(argv: string[]): boolean {
  const filters = argv.slice(2).filter((a) => !a.startsWith('-') && a !== 'run' && a !== 'watch' && !/vitest(\.mjs)?$/.test(a));
  return filters.length === 0 || filters.some((f) => f.includes('query') || f.includes('slack') || f === 'test' || f === 'test/');
}

export default function setup(project: TestProject): (() => void) | undefined {
  project.provide('promLab', '');
  project.provide('promLabError', '');
  if (!wantsLab(process.argv)) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'mentat-promlab-'));
  const run = spawnSync('bash', [SCRIPT, 'start', dir], { encoding: 'utf8', timeout: 90_000 });
  const stop = (): void => {
    execFileSync('bash', [SCRIPT, 'stop', dir]);
    rmSync(dir, { recursive: true, force: true });
  };
  if (run.status !== 0) {
    stop();
    project.provide('promLabError', (run.stderr || `promlab.sh exited with ${String(run.status)}`).trim());
    return undefined;
  }
  project.provide('promLab', run.stdout.trim().split('\n').pop() ?? '');
  return stop;
}

/** The lab's URL inside a test; fails (never skips) with the reason when there is no lab. */
export function labUrl(): string {
  const url = inject('promLab');
  if (!url) {
    const why = inject('promLabError');
    throw new Error(`No Prometheus lab: ${why || 'it was not started for this run'}. Install prometheus and prometheus-node-exporter (.ci/run does).`);
  }
  return url;
}
