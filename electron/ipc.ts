// The main process's side of window.mentat. Every handler checks who is asking (the sidebar's own top
// frame, on the server's origin) and validates what it was sent before doing anything.
import { z } from 'zod';
import { CodedError } from '../coach/types.ts';
import { channels, type BridgeConfig, type InvokeChannel } from './bridge.ts';
import { isSameOrigin } from './url-guard.ts';
import type { InvokeEventLike, IpcMainLike, SyncEventLike } from './ports.ts';

export interface IpcDeps {
  /** Origin the sidebar is loaded from; IPC from anywhere else is refused. */
  allowedOrigin: string;
  serverUrl: string;
  token: string;
  /** Opens a URL in the person's browser if the URL guard allows it; resolves whether it did. */
  openInBrowser(url: string): Promise<boolean>;
  setWorkingIncident(id: number | null): void;
  setAlwaysOnTop(on: boolean): void;
}

export type IpcHandler = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;

const OneUrl = z.tuple([z.string().max(8192)]);
const IncidentId = z.tuple([z.number().int().positive().max(Number.MAX_SAFE_INTEGER).nullable()]);
const Flag = z.tuple([z.boolean()]);

/** Throws unless the message comes from the top frame of a page on the allowed origin. */
export function assertTrustedSender(event: InvokeEventLike, allowedOrigin: string): void {
  const frame = event.senderFrame;
  if (frame === null || frame.parent !== null || !isSameOrigin(frame.url, allowedOrigin)) {
    throw new CodedError('ipc_forbidden_sender', 'This request did not come from the Mentat sidebar, so it was refused.', 403);
  }
}

function parseArgs<T>(schema: z.ZodType<T>, args: unknown[], channel: string): T {
  const parsed = schema.safeParse(args);
  if (!parsed.success) {
    throw new CodedError('ipc_bad_payload', `${channel} was called with invalid arguments: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
  }
  return parsed.data;
}

export function ipcHandlers(deps: IpcDeps): Record<InvokeChannel, IpcHandler> {
  const guarded = <T>(channel: InvokeChannel, schema: z.ZodType<T>, run: (args: T) => unknown): IpcHandler =>
    async (event, ...args) => {
      assertTrustedSender(event, deps.allowedOrigin);
      return run(parseArgs(schema, args, channel));
    };
  return {
    [channels.openExternal]: guarded(channels.openExternal, OneUrl, ([url]) => deps.openInBrowser(url)),
    [channels.setWorkingIncident]: guarded(channels.setWorkingIncident, IncidentId, ([id]) => {
      deps.setWorkingIncident(id);
    }),
    [channels.setAlwaysOnTop]: guarded(channels.setAlwaysOnTop, Flag, ([on]) => {
      deps.setAlwaysOnTop(on);
    }),
  };
}

/** The synchronous config answer: values for the sidebar, null for any other frame. */
export function configFor(event: InvokeEventLike, deps: Pick<IpcDeps, 'allowedOrigin' | 'serverUrl' | 'token'>): BridgeConfig | null {
  try {
    assertTrustedSender(event, deps.allowedOrigin);
  } catch {
    return null;
  }
  return { serverUrl: deps.serverUrl, token: deps.token };
}

/** Registers the handlers; returns a function that removes them (used when the shell stops and in tests). */
export function registerIpc(ipcMain: IpcMainLike, deps: IpcDeps): () => void {
  const handlers = ipcHandlers(deps);
  const names = Object.keys(handlers) as InvokeChannel[];
  for (const name of names) ipcMain.handle(name, handlers[name]);
  const onConfig = (event: SyncEventLike): void => { event.returnValue = configFor(event, deps); };
  ipcMain.on(channels.config, onConfig);
  return () => {
    for (const name of names) ipcMain.removeHandler(name);
    ipcMain.removeListener(channels.config, onConfig);
  };
}
