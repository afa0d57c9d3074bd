// Matches a request to a mounted route. Patterns are compiled once; params are URI-decoded.
import type { Route } from './route.ts';

interface Compiled {
  route: Route;
  regex: RegExp;
  names: string[];
}

export type Match =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'method_not_allowed'; allow: string[] }
  | { kind: 'not_found' };

function compile(route: Route): Compiled {
  const names: string[] = [];
  const source = route.path
    .split('/')
    .map((seg) => {
      if (!seg.startsWith(':')) return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(seg.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { route, regex: new RegExp(`^${source}/?$`), names };
}

export class Router {
  private readonly compiled: Compiled[];

  constructor(routes: Route[]) {
    this.compiled = routes.map(compile);
    const seen = new Set<string>();
    for (const r of routes) {
      const key = `${r.method} ${r.path}`;
      if (seen.has(key)) throw new Error(`Route mounted twice: ${key}`);
      seen.add(key);
    }
  }

  match(method: string, path: string): Match {
    const allow: string[] = [];
    for (const c of this.compiled) {
      const m = c.regex.exec(path);
      if (!m) continue;
      if (c.route.method !== method) {
        allow.push(c.route.method);
        continue;
      }
      const params: Record<string, string> = {};
      let bad = false;
      c.names.forEach((name, i) => {
        try {
          params[name] = decodeURIComponent(m[i + 1] ?? '');
        } catch {
          bad = true;
        }
      });
      if (bad) return { kind: 'not_found' };
      return { kind: 'found', route: c.route, params };
    }
    return allow.length ? { kind: 'method_not_allowed', allow: [...new Set(allow)] } : { kind: 'not_found' };
  }

  get routes(): Route[] {
    return this.compiled.map((c) => c.route);
  }
}
