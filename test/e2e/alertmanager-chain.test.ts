// The real alert path: a real Prometheus evaluates a rule that fires, a real Alertmanager (Debian's
// prometheus-alertmanager) delivers it to `mentat serve`'s webhook, an incident opens and Slack (the fake
// Web API) announces it. Mentat is down when the alert first fires: Alertmanager retries, and once Mentat
// is up the incident opens exactly once. A flapping alert stays in its open incident; a group of many
// alerts is one incident with each on its timeline.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../coach/store/index.ts';
import { startServe, type Served } from '../cli/support/spawn.ts';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.ts';
import { tempDir } from '../support/tmp.ts';

const freePort = (): Promise<number> => new Promise((resolve, reject) => {
  const s = createServer();
  s.once('error', reject);
  s.listen(0, '127.0.0.1', () => {
    const { port } = s.address() as { port: number };
    s.close(() => resolve(port));
  });
});

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch((e: unknown) => { if (process.env.AMCHAIN_DEBUG) console.error(what, e); return null; });
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const children: ChildProcess[] = [];
const logs = new Map<string, string>();
function run(cmd: string, args: string[], log: string): ChildProcess {
  const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (c: Buffer) => {
    err = (err + c.toString()).slice(-20_000);
    logs.set(log, err);
  });
  child.on('error', (e) => console.error(`${log} did not start: ${e.message}`));
  child.on('exit', (code, signal) => { if (code !== 0 && signal !== 'SIGTERM') console.error(`${log} exited ${code ?? signal}: ${err}`); });
  children.push(child);
  return child;
}

const tmp = tempDir('mentat-amchain-');
let slack: FakeSlack;
let served: Served | null = null;
let mentatPort = 0;
const db = join(tmp.dir, 'mentat.db');

beforeAll(async () => {
  slack = await startFakeSlack();
  const [promPort, amPort] = [await freePort(), await freePort()];
  mentatPort = await freePort();
  mkdirSync(join(tmp.dir, 'prom'), { recursive: true });
  mkdirSync(join(tmp.dir, 'am'), { recursive: true });
  writeFileSync(join(tmp.dir, 'rules.yml'), `groups:
  - name: mentat-chain
    interval: 1s
    rules:
      - alert: CheckoutHighErrorRate
        expr: vector(1)
        labels: { service: checkout, severity: page }
        annotations: { summary: "Checkout 5xx ratio above 5%" }
      # Fires for 6 s of every 12: it resolves and fires again while the incident is open.
      - alert: FlappyQueueDepth
        expr: vector(1) and on() (vector(time()) % 12 < 6)
        labels: { service: flappy, severity: page }
        annotations: { summary: "Queue depth flapping" }
      # One alert per histogram bucket: a group of many alerts in one delivery.
      - alert: ScrapeBucketsFull
        expr: sum by (le) (prometheus_http_request_duration_seconds_bucket) >= 0
        labels: { service: scraper, severity: warning }
        annotations: { summary: "Scrape buckets" }
`);
  writeFileSync(join(tmp.dir, 'prometheus.yml'), `global: { scrape_interval: 1s, evaluation_interval: 1s }
rule_files: ['${join(tmp.dir, 'rules.yml')}']
alerting:
  alertmanagers: [{ static_configs: [{ targets: ['127.0.0.1:${amPort}'] }] }]
scrape_configs:
  - job_name: prometheus
    static_configs: [{ targets: ['127.0.0.1:${promPort}'] }]
`);
  writeFileSync(join(tmp.dir, 'alertmanager.yml'), `route:
  receiver: mentat
  group_by: [alertname]
  group_wait: 1s
  group_interval: 2s
  repeat_interval: 1h
receivers:
  - name: mentat
    webhook_configs:
      - url: http://127.0.0.1:${mentatPort}/api/webhooks/alertmanager
        send_resolved: true
`);
  run('prometheus-alertmanager', [`--config.file=${join(tmp.dir, 'alertmanager.yml')}`, `--storage.path=${join(tmp.dir, 'am')}`,
    `--web.listen-address=127.0.0.1:${amPort}`, '--cluster.listen-address='], 'alertmanager');
  await until('Alertmanager to be ready', async () => (await fetch(`http://127.0.0.1:${amPort}/-/ready`)).ok, 30_000);
  // Firing alerts are re-sent every second (the default is a minute), as a busy production setup would.
  run('prometheus', [`--config.file=${join(tmp.dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(tmp.dir, 'prom')}`,
    `--web.listen-address=127.0.0.1:${promPort}`, '--rules.alert.resend-delay=1s'], 'prometheus');
  // The alert fires and reaches Alertmanager while Mentat is not listening yet.
  await until('the alert to reach Alertmanager', async () => {
    const r = await fetch(`http://127.0.0.1:${amPort}/api/v2/alerts`);
    const alerts = (await r.json()) as { labels: Record<string, string> }[];
    return alerts.some((a) => a.labels.alertname === 'CheckoutHighErrorRate') && alerts.filter((a) => a.labels.alertname === 'ScrapeBucketsFull').length > 3;
  });
  // Alertmanager tries to deliver and fails while nothing listens; then Mentat comes up on that port.
  await until('a failed delivery', async () => /Notify attempt failed/.test(logs.get('alertmanager') ?? ''), 30_000);
  served = await startServe(['--port', String(mentatPort), '--db', db], {
    SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: slack.apiUrl, MENTAT_SLACK_CHANNEL: 'C0ANNOUNCE',
  });
}, 120_000);

afterAll(async () => {
  await served?.stop('SIGTERM');
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  await Promise.all(children.map((c) => new Promise<void>((r) => {
    if (c.exitCode !== null || c.signalCode !== null) r();
    else c.once('exit', () => r());
  })));
  await slack.close();
  tmp.cleanup();
});

interface Listed { incidents: { key: string; title: string; service: string | null; severity: string; openedBy: string }[] }
const incidents = async (): Promise<Listed['incidents']> =>
  ((await (await fetch(`http://127.0.0.1:${mentatPort}/api/incidents?status=all`)).json()) as Listed).incidents;

describe('Prometheus → Alertmanager → Mentat → Slack', () => {
  it('opens the incident exactly once after Mentat was down, and Slack announces it', async () => {
    const inc = await until('the incident to open', async () => (await incidents()).find((i) => i.service === 'checkout'));
    expect(inc).toMatchObject({ title: 'Checkout 5xx ratio above 5%', severity: 'SEV2', openedBy: 'alertmanager' });
    await until('Slack to announce it', async () => slack.callsTo('chat.postMessage').some((c) => c.args.channel === 'C0ANNOUNCE' && JSON.stringify(c.args).includes(inc.key)));
    // Alertmanager keeps re-sending the group every group_interval while it changes; still one incident.
    await new Promise((r) => setTimeout(r, 5000));
    expect((await incidents()).filter((i) => i.service === 'checkout')).toHaveLength(1);
    expect(slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0ANNOUNCE' && JSON.stringify(c.args).includes(inc.key))).toHaveLength(1);
  }, 90_000);

  it('keeps a flapping alert in its open incident: fired, resolved, fired again, one incident', async () => {
    const inc = await until('the flapping incident', async () => (await incidents()).find((i) => i.service === 'flappy'));
    type View = { timeline: { kind: string; data: { alert?: { name?: string } } }[] };
    const kinds = async (): Promise<string[]> => ((await (await fetch(`http://127.0.0.1:${mentatPort}/api/incidents/${inc.key}`)).json()) as View)
      .timeline.filter((e) => e.kind === 'alert_firing' || e.kind === 'alert_resolved').map((e) => e.kind);
    const seen = await until('fire, resolve and fire again', async () => {
      const k = await kinds();
      const i = k.indexOf('alert_resolved');
      return i >= 0 && k.slice(i + 1).includes('alert_firing') ? k : null;
    }, 60_000);
    expect(seen[0]).toBe('alert_firing');
    expect((await incidents()).filter((i) => i.service === 'flappy')).toHaveLength(1);
  }, 90_000);

  it('makes a group of many alerts one incident with every alert on its timeline', async () => {
    const inc = await until('the grouped incident', async () => (await incidents()).find((i) => i.service === 'scraper'));
    const view = await until('its alerts', async () => {
      const v = (await (await fetch(`http://127.0.0.1:${mentatPort}/api/incidents/${inc.key}`)).json()) as { timeline: { kind: string; data: { alert?: { labels?: Record<string, string> } } }[] };
      const firing = v.timeline.filter((e) => e.kind === 'alert_firing');
      return firing.length > 3 ? v : null;
    });
    const les = new Set(view.timeline.filter((e) => e.kind === 'alert_firing').map((e) => e.data.alert?.labels?.le));
    expect(les.size).toBe(view.timeline.filter((e) => e.kind === 'alert_firing').length);
    expect((await incidents()).filter((i) => i.service === 'scraper')).toHaveLength(1);
    // The store agrees after the server stops.
    await served?.stop('SIGTERM');
    served = null;
    const store = Store.open(db);
    try {
      expect(store.incidents.list({ status: 'all' }).filter((i) => i.service === 'checkout')).toHaveLength(1);
    } finally {
      store.close();
    }
  }, 90_000);
});
