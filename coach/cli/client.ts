// The CLI's HTTP client of a running `mentat serve`.
import { CodedError } from '../types.ts';

export interface ClientOptions {
  server: string;
  token: string | null;
  /** Per request; a server that does not answer in time is reported like one that is down. */
  timeoutMs?: number;
}

export class ApiClient {
  private readonly base: string;

  constructor(private readonly opts: ClientOptions) {
    this.base = opts.server.replace(/\/+$/, '');
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.opts.token) headers.authorization = `Bearer ${this.opts.token}`;
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, {
        method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 30_000),
      });
    } catch (e) {
      const why = e instanceof Error && e.cause instanceof Error ? e.cause.message : e instanceof Error ? e.message : String(e);
      throw new CodedError('server_unreachable',
        `No Mentat server answered at ${this.base} (${why}). Start one with "mentat serve", or point --server / MENTAT_URL at yours.`, 503);
    }
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      throw new CodedError('bad_response', `${this.base} answered ${res.status} with something that is not JSON; is it a Mentat server?`, 502);
    }
    if (!res.ok) {
      const err = (parsed as { error?: { code?: string; message?: string } } | null)?.error;
      throw new CodedError(err?.code ?? `http_${res.status}`, err?.message ?? `The server answered ${res.status}.`, res.status);
    }
    return parsed as T;
  }
}
