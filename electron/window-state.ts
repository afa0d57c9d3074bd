// Remembers the sidebar's size and position between runs. The file is untrusted (hand-edited, written by
// an older version, or from a machine with other monitors), so it is validated and clamped to what is
// visible now; a bad file means default placement, never a window off-screen.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { Rect } from './ports.ts';

export const DEFAULT_WIDTH = 420;
export const DEFAULT_HEIGHT = 800;
export const MIN_WIDTH = 320;
export const MIN_HEIGHT = 420;

export interface WindowState {
  width: number;
  height: number;
  x?: number;
  y?: number;
}

const coordinate = z.number().int().min(-100_000).max(100_000);
const StateSchema = z.object({
  width: z.number().int().min(1).max(100_000),
  height: z.number().int().min(1).max(100_000),
  x: coordinate.optional(),
  y: coordinate.optional(),
});

export const defaultWindowState: WindowState = { width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT };

export function loadWindowState(file: string): WindowState {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return { ...defaultWindowState };
  }
  const parsed = StateSchema.safeParse(raw);
  return parsed.success ? parsed.data : { ...defaultWindowState };
}

/** Written to a temporary file and renamed, so a crash mid-write leaves the old state, not half a file. */
export function saveWindowState(file: string, state: WindowState): void {
  const valid = StateSchema.parse(state);
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(valid), { mode: 0o600 });
  renameSync(tmp, file);
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Fits a saved state into the displays' work areas: the size shrinks to the display (not below the
 * minimum), and the window moves fully onto the display it overlaps most. With no overlap at all the
 * position is dropped so the OS places it. With no displays the state passes through.
 */
export function clampToDisplays(state: WindowState, workAreas: Rect[]): WindowState {
  if (workAreas.length === 0) return state;
  const hasPosition = state.x !== undefined && state.y !== undefined;
  const rect: Rect = { x: state.x ?? 0, y: state.y ?? 0, width: state.width, height: state.height };
  let target = workAreas[0] as Rect;
  let best = 0;
  if (hasPosition) {
    for (const area of workAreas) {
      const o = overlap(rect, area);
      if (o > best) { best = o; target = area; }
    }
  }
  const width = clamp(state.width, Math.min(MIN_WIDTH, target.width), Math.max(target.width, 1));
  const height = clamp(state.height, Math.min(MIN_HEIGHT, target.height), Math.max(target.height, 1));
  if (!hasPosition || best === 0) return { width, height };
  return {
    width,
    height,
    x: clamp(rect.x, target.x, target.x + target.width - width),
    y: clamp(rect.y, target.y, target.y + target.height - height),
  };
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(Math.max(v, lo), Math.max(lo, hi));
}
