// The optional parts of a turn besides a query card: catalog links (D2) and click-through steps (D3).
import { z } from 'zod';
import type { Turn } from '../api/index.ts';

const link = z.looseObject({ url: z.string(), title: z.string().optional() });

export interface TurnExtras {
  links: { url: string; title: string }[];
  steps: string[];
}

function safeUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

export function turnExtras(turn: Turn): TurnExtras {
  const f = turn.fields ?? {};
  const candidates: unknown[] = [];
  if (Array.isArray(f.links)) candidates.push(...(f.links as unknown[]));
  if (f.link) candidates.push(f.link);
  if (typeof f.url === 'string') candidates.push({ url: f.url, title: typeof f.title === 'string' ? f.title : undefined });
  const links = candidates.flatMap((c) => {
    const p = link.safeParse(c);
    return p.success && safeUrl(p.data.url) ? [{ url: p.data.url, title: p.data.title ?? p.data.url }] : [];
  });
  const stepsParsed = z.array(z.union([z.string(), z.looseObject({ text: z.string() })])).safeParse(f.steps);
  const steps = stepsParsed.success ? stepsParsed.data.map((s) => (typeof s === 'string' ? s : s.text)) : [];
  return { links, steps };
}
