// Small measuring tools for the core benchmark: percentiles, timing, a child server's memory.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((s.length * p) / 100) - 1))] ?? 0;
};
export const median = (xs: number[]): number => percentile(xs, 50);
export const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** Wall and CPU milliseconds of one call. CPU time is what the call itself cost, whatever else the machine runs. */
export function timeBoth(fn: () => void): { wall: number; cpu: number } {
  const c = process.cpuUsage();
  const t = performance.now();
  fn();
  const wall = performance.now() - t;
  const d = process.cpuUsage(c);
  return { wall, cpu: (d.user + d.system) / 1000 };
}

export async function timeBothAsync<T>(fn: () => Promise<T>): Promise<{ wall: number; cpu: number; value: T }> {
  const c = process.cpuUsage();
  const t = performance.now();
  const value = await fn();
  const wall = performance.now() - t;
  const d = process.cpuUsage(c);
  return { wall, cpu: (d.user + d.system) / 1000, value };
}

export function timeMs(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

/** Resident memory of a process, from /proc (Linux). */
export function rssMiB(pid: number): number {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m?.[1] ? round(Number(m[1]) / 1024, 1) : NaN;
}

export interface ChildServer { url: string; pid: number; child: ChildProcess; stop(): Promise<void> }

/** The real `mentat serve` as a child process on the given store file. */
export function startChildServer(db: string, timeoutMs = 60_000): Promise<ChildServer> {
  const bin = fileURLToPath(new URL('../bin/mentat.js', import.meta.url));
  const env: NodeJS.ProcessEnv = { ...process.env, MENTAT_TICK_SECONDS: '0' };
  for (const k of ['MENTAT_TOKEN', 'MENTAT_HOST', 'OPENAI_API_KEY', 'OPENAI_BASE_URL']) delete env[k];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--db', db], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error('server did not start')); }, timeoutMs);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}`)); });
    child.stderr.resume();
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /^listening on (\S+)$/m.exec(out);
      if (!m?.[1] || child.pid === undefined) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      resolve({ url: m[1], pid: child.pid, child, stop: async () => { child.kill('SIGTERM'); await exited; } });
    });
  });
}
