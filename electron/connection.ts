// Which server the sidebar talks to. A configured team server URL wins (with its token from the
// environment or the OS-encrypted store); otherwise the app embeds its own server on loopback with a
// random port and a random token, so other local programs and web pages cannot drive it.
import { randomBytes } from 'node:crypto';
import { CodedError } from '../coach/types.ts';
import type { TokenStore } from './token-store.ts';

export interface EmbeddedServer {
  url: string;
  close(): Promise<void>;
}

export type StartEmbedded = (opts: { host: '127.0.0.1'; port: 0; token: string }) => Promise<EmbeddedServer>;

export interface Connection {
  mode: 'solo' | 'team';
  /** Base URL without a trailing slash. */
  url: string;
  token: string;
  /** A warning a person should see (for example: the token could not be saved). */
  warning: string | null;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** Team server from the environment (MENTAT_SERVER_URL) or settings.json; null for solo mode. */
  serverUrl: string | null;
  /** Token given for this run (MENTAT_TOKEN); saved encrypted when the OS allows. */
  token: string | null;
  tokens: TokenStore;
  startEmbedded: StartEmbedded;
}

export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

export async function connect(opts: ConnectOptions): Promise<Connection> {
  if (opts.serverUrl === null) {
    const token = randomToken();
    const server = await opts.startEmbedded({ host: '127.0.0.1', port: 0, token });
    return { mode: 'solo', url: server.url.replace(/\/+$/, ''), token, warning: null, close: () => server.close() };
  }
  let url: URL;
  try {
    url = new URL(opts.serverUrl);
  } catch {
    throw new CodedError('server_url_invalid', `The team server URL "${opts.serverUrl}" is not a URL. Set MENTAT_SERVER_URL or "serverUrl" in settings.json to something like https://mentat.example.com.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new CodedError('server_url_invalid', `The team server URL must start with https:// (or http:// on a trusted network), not ${url.protocol}.`);
  }
  let warning: string | null = null;
  let token = opts.token;
  if (token) {
    try {
      opts.tokens.save(token);
    } catch (err) {
      // Still usable for this run; the person is told why it will not be remembered.
      warning = err instanceof CodedError ? err.message : 'The token could not be saved.';
    }
  } else {
    token = opts.tokens.load();
  }
  if (!token) {
    throw new CodedError('team_token_missing', `No token is stored for the team server ${url.origin}. Start Mentat once with MENTAT_TOKEN set to the server's token; it is then kept in your OS keychain.`);
  }
  return { mode: 'team', url: url.origin + url.pathname.replace(/\/+$/, ''), token, warning, close: async () => {} };
}
