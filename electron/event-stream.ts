// Follows the server's /api/events stream from the main process with fetch streaming (no EventSource in
// Node), parsing server-sent events, and reconnecting with a bounded back-off when the server goes away.

export interface ServerEvent {
  event: string;
  data: string;
  id: string | null;
}

/** Incremental SSE parser (the WHATWG event-stream format): feed it text chunks, get whole events. */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';
  private id: string | null = null;

  push(chunk: string): ServerEvent[] {
    this.buffer += chunk;
    const out: ServerEvent[] = [];
    let nl: number;
    while ((nl = this.buffer.search(/\r\n|\r|\n/)) !== -1) {
      const line = this.buffer.slice(0, nl);
      const sepLen = this.buffer.startsWith('\r\n', nl) ? 2 : 1;
      // A lone \r at the very end may be the first half of \r\n: wait for the next chunk.
      if (sepLen === 1 && this.buffer[nl] === '\r' && nl === this.buffer.length - 1) break;
      this.buffer = this.buffer.slice(nl + sepLen);
      const done = this.line(line);
      if (done) out.push(done);
    }
    return out;
  }

  private line(line: string): ServerEvent | null {
    if (line === '') {
      if (this.data.length === 0) { this.event = ''; return null; }
      const ev = { event: this.event || 'message', data: this.data.join('\n'), id: this.id };
      this.data = [];
      this.event = '';
      return ev;
    }
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id' && !value.includes('\0')) this.id = value;
    return null;
  }
}

export interface FollowOptions {
  url: string;
  token: string | null;
  fetch?: typeof fetch;
  signal: AbortSignal;
  onEvent(event: ServerEvent): void;
  /** Told about each lost connection; the follower keeps retrying until the signal aborts. */
  onDisconnect?(error: unknown): void;
  /** Back-off bounds in milliseconds. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

/** Runs until the signal aborts. Never rejects. */
export async function followEvents(opts: FollowOptions): Promise<void> {
  const doFetch = opts.fetch ?? fetch;
  const min = opts.minDelayMs ?? 1_000;
  const max = opts.maxDelayMs ?? 30_000;
  let delay = min;
  while (!opts.signal.aborted) {
    try {
      const res = await doFetch(opts.url, {
        headers: { accept: 'text/event-stream', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
        signal: opts.signal,
      });
      if (!res.ok || res.body === null) throw new Error(`event stream answered ${res.status}`);
      const parser = new SseParser();
      const decoder = new TextDecoder();
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        delay = min;
        for (const ev of parser.push(decoder.decode(chunk, { stream: true }))) opts.onEvent(ev);
      }
      throw new Error('event stream ended');
    } catch (err) {
      if (opts.signal.aborted) return;
      opts.onDisconnect?.(err);
    }
    await sleep(delay, opts.signal);
    delay = Math.min(delay * 2, max);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
