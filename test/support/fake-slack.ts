// A fake Slack Web API on loopback: answers the methods Mentat calls with Slack's response shapes, records
// every call, serves response_url posts, and can answer 429 + Retry-After to test rate-limit handling.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  headers: IncomingMessage['headers'];
  status: number;
  /** What the fake answered (a posted message's `ts`, say); absent for 429s. */
  response?: Record<string, unknown>;
}

export type MethodHandler = (args: Record<string, unknown>) => Record<string, unknown>;

export interface FakeSlack {
  /** Base URL to pass as SLACK_API_URL (ends with /api/). */
  apiUrl: string;
  /** URL Slack would give as response_url. */
  responseUrl(id?: string): string;
  calls: SlackCall[];
  callsTo(method: string): SlackCall[];
  /** The next `times` calls to `method` answer 429 with this Retry-After. */
  rateLimit(method: string, times: number, retryAfterSeconds: number): void;
  on(method: string, handler: MethodHandler): void;
  /** Messages conversations.history/replies can return. */
  messages: { channel: string; ts: string; text: string; user: string }[];
  /** User groups usergroups.list and usergroups.users.list answer with. */
  usergroups: { id: string; handle: string; users: string[] }[];
  /** Polls until the predicate holds over the calls, or fails after the timeout. */
  waitFor(predicate: (calls: SlackCall[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export const BOT_USER_ID = 'UMENTATBOT';

function parseArg(v: unknown): unknown {
  if (typeof v !== 'string' || !/^[[{]/.test(v)) return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
}

async function readArgs(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  if ((req.headers['content-type'] ?? '').includes('json')) return JSON.parse(text) as Record<string, unknown>;
  const form = parseQuery(text);
  return Object.fromEntries(Object.entries(form).map(([k, v]) => [k, parseArg(v)]));
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: SlackCall[] = [];
  const limits = new Map<string, { times: number; after: number }>();
  const handlers = new Map<string, MethodHandler>();
  const messages: FakeSlack['messages'] = [];
  const usergroups: FakeSlack['usergroups'] = [];
  let ts = 1_700_000_000;
  const nextTs = (): string => `${++ts}.000100`;
  const defaults: Record<string, MethodHandler> = {
    'auth.test': () => ({ ok: true, url: 'https://fake.slack.test/', team: 'Fake', user: 'mentat', team_id: 'T0FAKE', user_id: BOT_USER_ID, bot_id: 'BMENTAT' }),
    'chat.postMessage': (a) => ({ ok: true, channel: a.channel, ts: nextTs(), message: { text: a.text } }),
    'chat.postEphemeral': () => ({ ok: true, message_ts: nextTs() }),
    'chat.update': (a) => ({ ok: true, channel: a.channel, ts: a.ts, text: a.text }),
    'conversations.open': (a) => ({ ok: true, channel: { id: `D${String(a.users).replace(/^U/, '')}` } }),
    'usergroups.list': () => ({ ok: true, usergroups: usergroups.map((g) => ({ id: g.id, handle: g.handle, users: [...g.users] })) }),
    'usergroups.users.list': (a) => ({ ok: true, users: usergroups.find((g) => g.id === a.usergroup)?.users ?? [] }),
    'views.open': () => ({ ok: true, view: { id: 'VFAKE' } }),
    'views.publish': () => ({ ok: true, view: { id: 'VHOME' } }),
    'users.info': (a) => ({ ok: true, user: { id: a.user, name: `user-${String(a.user)}`, real_name: 'Fake Person', profile: { display_name: 'fake' } } }),
    'conversations.history': (a) => ({ ok: true, messages: messages.filter((m) => m.channel === a.channel && m.ts === a.latest) }),
    'conversations.replies': (a) => ({ ok: true, messages: messages.filter((m) => m.channel === a.channel && m.ts === a.ts) }),
  };

  const answer = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://x');
    const args = await readArgs(req);
    const method = url.pathname.startsWith('/api/') ? url.pathname.slice(5) : url.pathname;
    const limit = limits.get(method);
    if (limit && limit.times > 0) {
      limit.times -= 1;
      calls.push({ method, args, headers: req.headers, status: 429 });
      res.writeHead(429, { 'retry-after': String(limit.after), 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    const call: SlackCall = { method, args, headers: req.headers, status: 200 };
    calls.push(call);
    const handler = handlers.get(method) ?? defaults[method];
    const body = url.pathname.startsWith('/response/') ? { ok: true } : handler ? handler(args) : { ok: false, error: 'unknown_method' };
    call.response = body;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const server: Server = createServer((req, res) => {
    answer(req, res).catch((e: unknown) => {
      res.writeHead(500);
      res.end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiUrl: `${base}/api/`,
    responseUrl: (id = 'r1') => `${base}/response/${id}`,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method && c.status === 200),
    rateLimit: (method, times, after) => limits.set(method, { times, after }),
    on: (method, handler) => handlers.set(method, handler),
    messages,
    usergroups,
    async waitFor(predicate, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (!predicate(calls)) {
        if (Date.now() > until) throw new Error(`fake Slack: condition not met in ${timeoutMs} ms; calls: ${calls.map((c) => c.method).join(', ')}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
