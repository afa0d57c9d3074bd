import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { workspaceCatalog } from '../../coach/query/workspace-catalog.ts';
import { runReplay } from '../../coach/replay/index.ts';
import { CodedError } from '../../coach/types.ts';
import {
  DEFAULT_GUIDE_MARKDOWN, evaluate, loadWorkspace, ownerOf, parseConditions, parseGuide, parseLinks, parseOwners,
} from '../../coach/workspace/index.ts';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mentat-ws-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function errorOf(fn: () => unknown): CodedError {
  try { fn(); } catch (e) { if (e instanceof CodedError) return e; throw e; }
  throw new Error('expected a CodedError');
}

describe('loadWorkspace', () => {
  it('gives the built-in guide and empty catalogs for null', () => {
    const w = loadWorkspace(null);
    expect(w.process.origin).toBe('default');
    expect(w.process.items.map((i) => i.id)).toEqual(['acknowledge', 'roles', 'rollback', 'comms', 'notes']);
    expect(w.links).toEqual([]);
    expect(w.owners).toEqual([]);
  });

  it('loads the demo workspace: an extended guide, links and owners', () => {
    const w = loadWorkspace(join(import.meta.dirname, '../../workspace/demo'));
    expect(w.process.origin).toBe('extended');
    expect(w.process.items.map((i) => i.id)).toContain('provider-status');
    expect(w.links.find((l) => l.url === 'https://runbooks.example.internal/checkout/high-error-rate')?.kind).toBe('runbook');
    expect(ownerOf(w.owners, 'checkout')?.owners).toEqual(['@shop/checkout-team', '@maria']);
    expect(ownerOf(w.owners, 'inventory')?.owners).toEqual(['@shop/sre']);
  });

  it('replaces the default guide when a file says mode: replace', () => {
    const dir = workspace({ 'process/a.md': '---\nmode: replace\n---\n# Ours\n- [ ] Page the duty manager <!-- id: duty -->\n' });
    const w = loadWorkspace(dir);
    expect(w.process.origin).toBe('workspace');
    expect(w.process.items.map((i) => i.id)).toEqual(['duty']);
  });

  it('extends by default and overrides default items with the same id in place', () => {
    const dir = workspace({ 'process/a.md': '- [ ] Ack in #incidents <!-- id: acknowledge -->\n- [ ] Check the CDN\n' });
    const items = loadWorkspace(dir).process.items;
    expect(items[0]?.text).toBe('Ack in #incidents');
    expect(items.at(-1)?.id).toBe('check-the-cdn');
  });

  it('names a missing folder', () => {
    expect(errorOf(() => loadWorkspace('/nonexistent/mentat-ws')).message).toMatch(/does not exist/);
  });

  it('names file and line of a bad process item', () => {
    const dir = workspace({ 'process/guide.md': '# G\n\n- [ ] Fine\n- [ ] Bad <!-- when: phase_of_moon -->\n' });
    const e = errorOf(() => loadWorkspace(dir));
    expect(e.code).toBe('workspace_invalid');
    expect(e.message).toMatch(/^process\/guide\.md:4: unknown condition "phase_of_moon"/);
  });
});

describe('process guide format', () => {
  it('reads ids, conditions, after, ask and done', () => {
    const g = parseGuide('## Now\n- [ ] Freeze deploys <!-- id: freeze; when: service=checkout, severity<=SEV2; after: 1h; ask: Frozen?; done: deploy_freeze -->\n', 'x.md');
    expect(g.items[0]).toMatchObject({
      id: 'freeze', section: 'Now', afterMinutes: 60, ask: 'Frozen?', doneBy: ['deploy_freeze'], whenText: 'service=checkout, severity<=SEV2',
    });
  });

  it('rejects unknown attributes, bad after values and duplicate ids, with the line', () => {
    expect(errorOf(() => parseGuide('- [ ] A <!-- colour: red -->', 'p.md')).message).toMatch(/^p\.md:1: unknown attribute "colour"/);
    expect(errorOf(() => parseGuide('\n- [ ] A <!-- after: soon -->', 'p.md')).message).toMatch(/^p\.md:2: "after" must be minutes/);
    expect(errorOf(() => parseGuide('- [ ] A <!-- id: a -->\n- [ ] B <!-- id: a -->', 'p.md')).message).toMatch(/^p\.md:2: id "a" is used twice/);
    expect(errorOf(() => parseGuide('---\nmode: merge\n---\n', 'p.md')).message).toMatch(/^p\.md:1: front matter "mode"/);
  });

  it('keeps the built-in guide parseable and counts lines after front matter', () => {
    expect(parseGuide(DEFAULT_GUIDE_MARKDOWN, 'default').items).toHaveLength(5);
    expect(parseGuide('---\nmode: extend\n---\n- [ ] A\n', 'p.md').items[0]?.source).toBe('p.md:4');
  });
});

describe('conditions', () => {
  const facts = { severity: 'SEV2' as const, service: 'payments-eu', recentDeploy: false, customerFacing: true, multiService: false, alertFiring: true };
  const holds = (text: string): boolean => {
    const p = parseConditions(text);
    if (!p.ok) throw new Error(p.error);
    return evaluate(p.conditions, facts);
  };
  it('evaluates the vocabulary', () => {
    expect(holds('severity<=SEV2')).toBe(true);
    expect(holds('severity<=SEV1')).toBe(false);
    expect(holds('service=payments-*')).toBe(true);
    expect(holds('customer_facing and not recent_deploy')).toBe(true);
    expect(holds('!alert_firing')).toBe(false);
    expect(holds('multi_service, customer_facing')).toBe(false);
  });
});

describe('links.yml', () => {
  it('accepts a list or links:, with service aliases', () => {
    const links = parseLinks('- title: A\n  url: https://a.example/x\n  kind: runbook\n  service: checkout\n');
    expect(links[0]).toEqual({ title: 'A', url: 'https://a.example/x', kind: 'runbook', services: ['checkout'], tags: [] });
  });
  it('names the file, entry and line of a bad entry', () => {
    const text = 'links:\n  - title: Good\n    url: https://a.example\n  - title: Broken\n    url: not a url\n';
    const e = errorOf(() => parseLinks(text));
    expect(e.message).toMatch(/^links\.yml:4: entry 2 "Broken": url:/);
  });
  it('rejects unknown kinds and YAML errors', () => {
    expect(errorOf(() => parseLinks('- title: A\n  url: https://a.example\n  kind: wiki\n')).message).toMatch(/entry 1 "A": kind/);
    expect(errorOf(() => parseLinks('links: [\n')).message).toMatch(/^links\.yml(:\d+)?: not valid YAML/);
  });
});

describe('OWNERS', () => {
  it('reads owners, channel, docs and customer-facing; last match wins', () => {
    const rules = parseOwners('# c\n*  @sre\npay*  @pay @ann  #pay-oncall  docs=https://d.example/pay  customer-facing  # trailing\n');
    expect(ownerOf(rules, 'payments')).toMatchObject({ owners: ['@pay', '@ann'], channel: '#pay-oncall', docs: 'https://d.example/pay', customerFacing: true, line: 3 });
    expect(ownerOf(rules, 'search')?.owners).toEqual(['@sre']);
  });
  it('names the line of a bad entry', () => {
    expect(errorOf(() => parseOwners('\ncheckout\n')).message).toBe('OWNERS:2: "checkout" has no @owner');
    expect(errorOf(() => parseOwners('checkout @a docs=ftp://x\n')).message).toMatch(/^OWNERS:1: docs= must be an http\(s\) URL/);
    expect(errorOf(() => parseOwners('checkout @a oncall\n')).message).toMatch(/^OWNERS:1: unexpected "oncall"/);
  });
});

describe('metrics.yml', () => {
  const yml = `- name: http_request_duration_seconds
  type: histogram
  help: Time taken to serve an HTTP request, in seconds.
  labels:
    service: [checkout, payments]
    route: [/api/cart]
- name: http_requests_total
  type: counter
  help: Total HTTP requests, by status code.
  labels:
    service: [checkout]
    code: [200, 500]
`;

  it('becomes a catalog shaped as Prometheus shows it: histogram series and le, values as strings', () => {
    const ws = loadWorkspace(workspace({ 'metrics.yml': yml }));
    const c = workspaceCatalog(ws.metrics, '2026-03-02T00:00:00Z');
    expect(c?.source).toBe('workspace metrics.yml');
    expect(c?.familyOfSample('http_request_duration_seconds_bucket')?.name).toBe('http_request_duration_seconds');
    expect(c?.family('http_request_duration_seconds')?.labels).toEqual(['le', 'route', 'service']);
    expect(c?.labelValues('http_requests_total', 'code')).toEqual(['200', '500']);
    expect(c?.labelValues('http_request_duration_seconds', 'le')).toContain('+Inf');
    expect(workspaceCatalog([], '2026-03-02T00:00:00Z')).toBeNull();
  });

  it('names the entry and the problem when an entry is wrong', () => {
    const dir = (text: string): string => workspace({ 'metrics.yml': text });
    expect(errorOf(() => loadWorkspace(dir('- name: x_total\n  type: countr\n  help: x\n'))).message).toMatch(/^metrics\.yml: entry 1 "x_total": type: /);
    expect(errorOf(() => loadWorkspace(dir('- name: 9bad\n  type: gauge\n  help: x\n'))).message).toMatch(/entry 1 "9bad": name: a Prometheus metric name/);
    expect(errorOf(() => loadWorkspace(dir('- name: x\n  type: gauge\n'))).message).toMatch(/entry 1 "x": help: /);
    expect(errorOf(() => loadWorkspace(dir('- {name: x, type: gauge, help: a}\n- {name: x, type: gauge, help: b}\n'))).message).toMatch(/entry 2 "x": the metric is listed twice/);
    expect(errorOf(() => loadWorkspace(dir('metrics: 3\n'))).code).toBe('workspace_invalid');
  });

  it('is what replay translates over when no Prometheus is given', async () => {
    const dir = workspace({ 'metrics.yml': yml });
    const lines = [
      JSON.stringify({ at: '2026-03-02T10:00:00Z', incident: { title: 'Checkout slow', service: 'checkout', severity: 'SEV2' } }),
      JSON.stringify({ at: '2026-03-02T10:01:00Z', from: 'sofia', plan: '1. check latency' }),
      JSON.stringify({ at: '2026-03-02T10:02:00Z', from: 'sofia', say: 'what is the p99 request duration by route?' }),
    ];
    const out: string[] = [];
    await runReplay(lines, { workspaceDir: dir, out: (l) => out.push(l) });
    const turns = (JSON.parse(out.at(-1) ?? '{}') as { turns: { type: string; query?: { text: string } }[] }).turns;
    expect(turns.find((t) => t.type === 'query')?.query?.text).toBe('histogram_quantile(0.99, sum by (le, route) (rate(http_request_duration_seconds_bucket{service="checkout"}[5m])))');
    // The same scenario with no workspace has no catalog: the coach says so instead of guessing.
    const none: string[] = [];
    await runReplay(lines, { workspaceDir: null, out: (l) => none.push(l) });
    expect(none.at(-1)).not.toContain('histogram_quantile');
  });
});
