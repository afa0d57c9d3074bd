// Reads a server-sent event stream with fetch and collects parsed events until told to stop.
export interface SseEvent {
  event: string;
  data: string;
}

export interface SseReader {
  events: SseEvent[];
  comments: string[];
  retry: number | null;
  /** Resolves with the first event matching `pred` (among those seen so far or yet to come). */
  waitFor(pred: (e: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  close(): void;
  /** 'ended' when the server finished the stream cleanly, 'error' when it was cut or aborted. */
  done: Promise<'ended' | 'error'>;
}

export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseReader> {
  const ac = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: ac.signal });
  if (!res.ok || !res.body) throw new Error(`SSE ${url} answered ${res.status}`);
  const reader: SseReader = {
    events: [], comments: [], retry: null,
    waitFor: (pred, timeoutMs = 5_000) => new Promise((resolve, reject) => {
      const found = reader.events.find(pred);
      if (found) return resolve(found);
      const timer = setTimeout(() => { waiters.delete(check); reject(new Error(`no matching event in ${timeoutMs} ms; saw ${JSON.stringify(reader.events)}`)); }, timeoutMs);
      const check = (e: SseEvent): void => {
        if (!pred(e)) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(e);
      };
      waiters.add(check);
    }),
    close: () => ac.abort(),
    done: Promise.resolve('ended'),
  };
  const waiters = new Set<(e: SseEvent) => void>();
  const decoder = new TextDecoder();
  let buf = '';
  const pump = async (): Promise<void> => {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buf += decoder.decode(chunk, { stream: true });
      let idx: number;
      while ((idx = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, idx);
        buf = buf.slice(idx + 2);
        let event = 'message';
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) reader.comments.push(line.slice(1).trim());
          else if (line.startsWith('event: ')) event = line.slice(7);
          else if (line.startsWith('data: ')) data.push(line.slice(6));
          else if (line.startsWith('retry: ')) reader.retry = Number(line.slice(7));
        }
        if (data.length) {
          const e = { event, data: data.join('\n') };
          reader.events.push(e);
          for (const w of [...waiters]) w(e);
        }
      }
    }
  };
  reader.done = pump().then(() => 'ended' as const, () => 'error' as const);
  return reader;
}
