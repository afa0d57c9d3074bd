// A real Prometheus for the sidebar's Run: Debian's binary on a free loopback port, scraping itself every
// second into a temp directory, ready once its own metrics can be queried.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { tempDir } from '../support/tmp.ts';

export interface LocalPrometheus {
  url: string;
  close(): Promise<void>;
}

const READY_TIMEOUT_MS = 30_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

async function hasSeries(url: string, metric: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(metric)}`);
    const body = (await res.json()) as { data?: { result?: unknown[] } };
    return (body.data?.result?.length ?? 0) > 0;
  } catch {
    return false;
  }
}

export async function startPrometheus(binary = '/usr/bin/prometheus'): Promise<LocalPrometheus> {
  const tmp = tempDir('mentat-prom-');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = join(tmp.dir, 'prometheus.yml');
  writeFileSync(config, `global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n  - job_name: prometheus\n    static_configs:\n      - targets: ['127.0.0.1:${port}']\n`);
  const child: ChildProcess = spawn(binary, [
    `--config.file=${config}`, `--storage.tsdb.path=${join(tmp.dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  const close = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        const hard = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(hard);
          resolve();
        });
        child.kill('SIGTERM');
      });
    }
    tmp.cleanup();
  };
  const deadline = Date.now() + READY_TIMEOUT_MS;
  // Ready means a rate over its own request counter has data: two scrapes at least.
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    if (await hasSeries(url, 'rate(prometheus_http_requests_total[5s])')) return { url, close };
    await new Promise((r) => setTimeout(r, 250));
  }
  await close();
  throw new Error(`Prometheus at ${url} did not become ready within ${READY_TIMEOUT_MS} ms:\n${log}`);
}
