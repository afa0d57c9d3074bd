// A scriptable OpenAI-compatible chat-completions server on loopback: the outer edge of model access.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake answers to one request. */
export type FakeReply =
  /** A value answered in whatever shape the request asked for: a tool call when tools were sent, else JSON content. */
  | { kind: 'structured'; value: unknown }
  /** Plain assistant content, as is. */
  | { kind: 'content'; content: string }
  /** A tool call with these arguments (a string is sent verbatim, so it may be broken JSON). */
  | { kind: 'tool'; args: unknown; name?: string }
  /** Text that is not JSON, in the shape the request asked for. */
  | { kind: 'garbage'; text?: string }
  /** A refusal: no content, no tool call, `message.refusal` set. */
  | { kind: 'refusal'; text: string }
  /** An OpenAI-style HTTP error, with extra headers (Retry-After on a 429). */
  | { kind: 'error'; status: number; message?: string; code?: string; headers?: Record<string, string> }
  /** A stream that never ends: a content chunk every 50 ms until the client hangs up. */
  | { kind: 'endless' }
  /** Any raw HTTP response, e.g. a non-JSON 200. */
  | { kind: 'raw'; status: number; body: string; contentType?: string }
  /** Waits, then answers `then` (default: an empty structured object); the client is expected to give up first. */
  | { kind: 'delay'; ms: number; then?: FakeReply };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The raw body as received, to assert that nothing secret left the process. */
  raw: string;
  body: ChatRequestBody | null;
}

export interface ChatRequestBody {
  model?: string;
  stream?: boolean;
  messages?: { role: string; content: unknown }[];
  tools?: { type: string; function: { name: string; parameters?: unknown } }[];
  tool_choice?: unknown;
  response_format?: { type: string };
  [key: string]: unknown;
}

export type Script = FakeReply | ((req: RecordedRequest) => FakeReply);

export interface FakeOpenAI {
  /** Base URL to give a client, ending in /v1. */
  readonly baseURL: string;
  readonly requests: RecordedRequest[];
  /** Chat-completion requests only. */
  chatRequests(): RecordedRequest[];
  /** Replies for the next requests, in order; once used up, the default answers. */
  enqueue(...replies: Script[]): void;
  setDefault(reply: Script): void;
  close(): Promise<void>;
}

export const FAKE_MODELS = ['fake-model', 'fake-model-mini'];
const USAGE = { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 };

export async function startFakeOpenAI(initial?: Script): Promise<FakeOpenAI> {
  const [queue, requests, timers] = [[] as Script[], [] as RecordedRequest[], new Set<NodeJS.Timeout>()];
  let fallback: Script = initial ?? { kind: 'content', content: '' };
  let counter = 0;

  const server: Server = createServer((req, res) => {
    void collect(req).then((raw) => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const rec: RecordedRequest = { method: req.method ?? 'GET', path, headers: req.headers, raw, body: parseBody(raw) };
      requests.push(rec);
      if (rec.method === 'GET' && rec.path === '/v1/models') {
        return sendJson(res, 200, { object: 'list', data: FAKE_MODELS.map((id) => ({ id, object: 'model', created: 0, owned_by: 'fake' })) });
      }
      if (rec.method !== 'POST' || rec.path !== '/v1/chat/completions') {
        return sendJson(res, 404, { error: { message: `no route ${rec.method} ${rec.path}`, type: 'invalid_request_error' } });
      }
      const script = queue.shift() ?? fallback;
      const reply = typeof script === 'function' ? script(rec) : script;
      respond(res, rec, reply, `chatcmpl-${++counter}`, timers);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    chatRequests: () => requests.filter((r) => r.path === '/v1/chat/completions'),
    enqueue: (...replies) => void queue.push(...replies),
    setDefault: (reply) => void (fallback = reply),
    close: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function collect(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  return new Promise((resolve) => {
    const done = () => resolve(Buffer.concat(chunks).toString('utf8'));
    req.on('end', done).on('error', done);
  });
}

function parseBody(raw: string): ChatRequestBody | null {
  try { return JSON.parse(raw) as ChatRequestBody; } catch { return null; }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (!res.destroyed) res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/**
 * The tool a structured answer goes to: the one the request forces, else the last one sent (an agent
 * lists its read-only tools first and its structured-answer tool last, with tool_choice "required").
 */
function requestedTool(body: ChatRequestBody | null): string | null {
  const choice = body?.tool_choice as { function?: { name?: string } } | undefined;
  return choice?.function?.name ?? body?.tools?.at(-1)?.function.name ?? null;
}

interface Message {
  content: string | null;
  refusal?: string | null;
  toolCall?: { name: string; args: string };
}

function messageFor(reply: FakeReply, body: ChatRequestBody | null): Message {
  const tool = requestedTool(body);
  switch (reply.kind) {
    case 'structured': {
      const json = JSON.stringify(reply.value);
      return tool ? { content: null, toolCall: { name: tool, args: json } } : { content: json };
    }
    case 'garbage': {
      const text = reply.text ?? 'Sure! Here you go: {"turns": [ {"index": 1, "text": "oops';
      return tool ? { content: null, toolCall: { name: tool, args: text } } : { content: text };
    }
    case 'tool': {
      const args = typeof reply.args === 'string' ? reply.args : JSON.stringify(reply.args);
      return { content: null, toolCall: { name: reply.name ?? tool ?? 'extract', args } };
    }
    case 'refusal':
      return { content: null, refusal: reply.text };
    default:
      return { content: reply.kind === 'content' ? reply.content : '' };
  }
}

function respond(res: ServerResponse, rec: RecordedRequest, reply: FakeReply, id: string, timers: Set<NodeJS.Timeout>): void {
  if (reply.kind === 'delay') {
    const t = setTimeout(() => {
      timers.delete(t);
      respond(res, rec, reply.then ?? { kind: 'structured', value: {} }, id, timers);
    }, reply.ms);
    timers.add(t);
    return;
  }
  if (reply.kind === 'error') {
    for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
    return sendJson(res, reply.status, { error: { message: reply.message ?? `fake error ${reply.status}`, type: 'api_error', code: reply.code ?? null } });
  }
  if (reply.kind === 'endless') {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const tick = setInterval(() => {
      if (res.destroyed) {
        clearInterval(tick);
        timers.delete(tick);
        return;
      }
      res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 0, model: 'fake-model', choices: [{ index: 0, delta: { content: 'and more ' }, finish_reason: null }] })}\n\n`);
    }, 50);
    timers.add(tick);
    res.on('close', () => { clearInterval(tick); timers.delete(tick); });
    return;
  }
  if (reply.kind === 'raw') {
    if (!res.destroyed) res.writeHead(reply.status, { 'content-type': reply.contentType ?? 'text/plain' }).end(reply.body);
    return;
  }
  const message = messageFor(reply, rec.body);
  if (rec.body?.stream) return streamMessage(res, rec.body, message, id);
  const toolCalls = message.toolCall
    ? { tool_calls: [{ id: `call_${id}`, type: 'function', function: { name: message.toolCall.name, arguments: message.toolCall.args } }] }
    : {};
  sendJson(res, 200, {
    id, object: 'chat.completion', created: 0, model: rec.body?.model ?? 'fake-model', usage: USAGE,
    choices: [{
      index: 0,
      finish_reason: message.toolCall ? 'tool_calls' : 'stop',
      message: { role: 'assistant', content: message.content, refusal: message.refusal ?? null, ...toolCalls },
    }],
  });
}

/** Server-sent events, split into small pieces the way real servers stream them. */
function streamMessage(res: ServerResponse, body: ChatRequestBody, message: Message, id: string): void {
  if (res.destroyed) return;
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const chunk = (delta: Record<string, unknown>, finish: string | null = null): void => {
    const payload = { id, object: 'chat.completion.chunk', created: 0, model: body.model ?? 'fake-model', choices: [{ index: 0, delta, finish_reason: finish }] };
    res.write(`data: ${JSON.stringify(payload)}\n\n`);
  };
  chunk({ role: 'assistant', content: '' });
  if (message.toolCall) {
    chunk({ tool_calls: [{ index: 0, id: `call_${id}`, type: 'function', function: { name: message.toolCall.name, arguments: '' } }] });
    for (const piece of pieces(message.toolCall.args)) chunk({ tool_calls: [{ index: 0, function: { arguments: piece } }] });
  } else if (message.refusal) {
    chunk({ refusal: message.refusal });
  } else {
    for (const piece of pieces(message.content ?? '')) chunk({ content: piece });
  }
  chunk({}, message.toolCall ? 'tool_calls' : 'stop');
  if ((body.stream_options as { include_usage?: boolean } | undefined)?.include_usage) {
    res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 0, model: body.model, choices: [], usage: USAGE })}\n\n`);
  }
  res.end('data: [DONE]\n\n');
}

const pieces = (text: string, size = 7): string[] => text.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g')) ?? [];
