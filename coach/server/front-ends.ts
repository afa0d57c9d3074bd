// Front ends that live outside the core (bots/) join `mentat serve` through this registry: the process
// entry point registers them, so coach/ never imports them (DESIGN §5), and each decides from the
// environment it is handed whether it runs at all.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerDeps } from './route.ts';

export interface ExtraHandler {
  method: 'POST';
  path: string;
  handle(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void>;
}

export interface MountedFrontEnd {
  name: string;
  /** Mounted on the server before it listens (HTTP transports). */
  extraHandlers: ExtraHandler[];
  /** Called once the server listens. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface FrontEndContext {
  env: Record<string, string | undefined>;
  deps: ServerDeps;
  log: (line: string) => void;
}

/** Returns null when its configuration is absent (the front end is off). */
export type FrontEnd = (ctx: FrontEndContext) => Promise<MountedFrontEnd | null>;

const registered: FrontEnd[] = [];

export function registerFrontEnd(frontEnd: FrontEnd): void {
  registered.push(frontEnd);
}

export function registeredFrontEnds(): readonly FrontEnd[] {
  return registered;
}
