import { afterEach, describe, expect, it } from 'vitest';
import { followEvents, SseParser, type ServerEvent } from '../../electron/event-stream.ts';
import { changesIncidentList, NotificationPolicy } from '../../electron/notifications.ts';
import { loopback, type Loopback } from './loopback.ts';

const incident = (id: number, status = 'open') => ({ id, key: `INC-${id}`, title: 'Checkout 5xx above SLO', severity: 'SEV2', status, service: 'checkout' });
const ev = (event: string, data: unknown): ServerEvent => ({ event, data: JSON.stringify(data), id: null });
const alert = (incidentId: number, kind = 'alert_firing') => ev('timeline', { type: 'timeline', incidentId, event: { id: 9, incidentId, at: '2025-01-01T00:00:00Z', kind, summary: 'HighErrorRate firing on checkout', data: {} } });

describe('SSE parser', () => {
  it('parses events split across arbitrary chunks and line endings', () => {
    const text = 'retry: 2000\nevent: hello\ndata: {"incident":null}\n\n: ping\n\nevent: incident\r\ndata: {"a":\r\ndata: 1}\r\n\r\ndata: plain\rid: 7\r\r\n';
    for (const size of [1, 2, 3, 7, text.length]) {
      const p = new SseParser();
      const out: ServerEvent[] = [];
      for (let i = 0; i < text.length; i += size) out.push(...p.push(text.slice(i, i + size)));
      expect(out).toEqual([
        { event: 'hello', data: '{"incident":null}', id: null },
        { event: 'incident', data: '{"a":\n1}', id: null },
        { event: 'message', data: 'plain', id: '7' },
      ]);
    }
  });

  it('holds an unfinished event until its blank line arrives', () => {
    const p = new SseParser();
    expect(p.push('event: note\ndata: x\n')).toEqual([]);
    expect(p.push('\n')).toEqual([{ event: 'note', data: 'x', id: null }]);
  });
});

describe('notification decisions', () => {
  it('notifies for an incident it has not seen, once', () => {
    const policy = new NotificationPolicy([incident(1)]);
    expect(policy.decide(ev('incident', { type: 'incident', incident: incident(1) }))).toBeNull();
    expect(policy.decide(ev('incident', { type: 'incident', incident: incident(2) }))).toEqual({ title: 'New incident INC-2 (SEV2)', body: 'Checkout 5xx above SLO · checkout', incidentId: 2 });
    expect(policy.decide(ev('incident', { type: 'incident', incident: { ...incident(2), status: 'acknowledged' } }))).toBeNull();
  });

  it('does not notify for an incident that arrives already resolved', () => {
    expect(new NotificationPolicy().decide(ev('incident', { type: 'incident', incident: incident(5, 'resolved') }))).toBeNull();
  });

  it('notifies for a new alert only on the incident being worked', () => {
    const policy = new NotificationPolicy([incident(1), incident(2)]);
    expect(policy.decide(alert(1))).toBeNull();
    policy.setWorkingIncident(1);
    expect(policy.decide(alert(1))).toEqual({ title: 'New alert on INC-1', body: 'HighErrorRate firing on checkout', incidentId: 1 });
    expect(policy.decide(alert(2))).toBeNull();
    expect(policy.decide(alert(1, 'alert_resolved'))).toBeNull();
    expect(policy.decide(alert(1, 'note'))).toBeNull();
    policy.setWorkingIncident(null);
    expect(policy.decide(alert(1))).toBeNull();
  });

  it('raises one notification per support batch on the worked incident, listing its questions', () => {
    const q = (id: number, question: string) => ({ id, incidentId: 1, state: 'dev_review', question });
    const batch = (id: number, incidentId: number, questions: unknown[]) =>
      ev('support_batch', { type: 'support_batch', incidentId, batch: { id, incidentId, questionIds: [] }, questions });
    const policy = new NotificationPolicy([incident(1), incident(2)]);
    const three = batch(4, 1, [q(1, 'Is card data safe?'), q(2, 'When will checkout be back?'), q(3, 'Is there a workaround?')]);
    expect(policy.decide(three)).toBeNull();
    policy.setWorkingIncident(1);
    expect(policy.decide(three)).toEqual({
      title: 'Support has 3 questions for you on INC-1',
      body: '• Is card data safe?\n• When will checkout be back?\n• Is there a workaround?',
      incidentId: 1,
    });
    // The same batch relayed again (a reconnect) is not a second interruption; another incident's batch is not ours.
    expect(policy.decide(three)).toBeNull();
    expect(policy.decide(batch(5, 2, [q(9, 'Are refunds affected?')]))).toBeNull();
    expect(policy.decide(batch(6, 1, []))).toBeNull();
    expect(policy.decide(batch(7, 1, [q(4, 'Is the API down too?')]))?.title).toBe('Support has 1 question for you on INC-1');
    // A single question's change or a publication is the sidebar's business, not a desktop interruption.
    expect(policy.decide(ev('support_question', { type: 'support_question', incidentId: 1, question: q(4, 'x') }))).toBeNull();
    expect(policy.decide(ev('support_published', { type: 'support_published', incidentId: 1, question: q(4, 'x') }))).toBeNull();
  });

  it('stays quiet for turns, notes, actions, malformed or foreign data', () => {
    const policy = new NotificationPolicy();
    policy.setWorkingIncident(1);
    expect(policy.decide(ev('turn', { type: 'turn', incidentId: 1, turn: { text: 'What is your plan?' } }))).toBeNull();
    expect(policy.decide(ev('note', { type: 'note', incidentId: 1, note: { text: 'x' } }))).toBeNull();
    expect(policy.decide({ event: 'incident', data: '{not json', id: null })).toBeNull();
    expect(policy.decide(ev('incident', { type: 'incident', incident: { id: 'x' } }))).toBeNull();
    expect(policy.decide(ev('hello', { incident: null }))).toBeNull();
  });

  it('knows which events change the open-incident list', () => {
    expect(changesIncidentList(ev('incident', {}))).toBe(true);
    expect(changesIncidentList(ev('hello', {}))).toBe(true);
    expect(changesIncidentList(ev('turn', {}))).toBe(false);
  });
});

describe('following the event stream over HTTP', () => {
  let server: Loopback | null = null;
  afterEach(async () => { await server?.close(); server = null; });

  it('sends the token, delivers events, and reconnects after the stream drops', async () => {
    const auth: (string | undefined)[] = [];
    let connections = 0;
    server = await loopback((req, res) => {
      auth.push(req.headers.authorization);
      connections++;
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`event: hello\ndata: {"n":${connections}}\n\n`);
      // The first connection drops mid-event; the follower must reconnect and not deliver the fragment.
      if (connections === 1) res.end('event: incident\ndata: {"partial"');
    });
    const abort = new AbortController();
    const got: ServerEvent[] = [];
    const disconnects: unknown[] = [];
    const done = followEvents({
      url: `${server.url}/api/events`, token: 'tok', signal: abort.signal, minDelayMs: 10, maxDelayMs: 20,
      onEvent: (e) => { got.push(e); if (got.length === 2) abort.abort(); },
      onDisconnect: (err) => disconnects.push(err),
    });
    await done;
    expect(got.map((e) => e.data)).toEqual(['{"n":1}', '{"n":2}']);
    expect(auth).toEqual(['Bearer tok', 'Bearer tok']);
    expect(disconnects.length).toBe(1);
  });

  it('keeps retrying on HTTP errors until stopped, and never rejects', async () => {
    let hits = 0;
    server = await loopback((_req, res) => { hits++; res.writeHead(401).end(); });
    const abort = new AbortController();
    const errors: string[] = [];
    await followEvents({
      url: `${server.url}/api/events`, token: 'wrong', signal: abort.signal, minDelayMs: 5, maxDelayMs: 10,
      onEvent: () => {},
      onDisconnect: (err) => { errors.push(String(err)); if (errors.length === 3) abort.abort(); },
    });
    expect(hits).toBe(3);
    expect(errors[0]).toMatch(/401/);
  });
});
