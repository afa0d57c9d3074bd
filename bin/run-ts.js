#!/usr/bin/env node
// Runs one TypeScript file with tsx registered: `node bin/run-ts.js FILE.ts [ARGS…]`.
import { register } from 'tsx/esm/api';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [file, ...rest] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bin/run-ts.js FILE.ts [ARGS…]');
  process.exit(2);
}
process.argv = [process.argv[0] ?? 'node', resolve(file), ...rest];
register();
await import(pathToFileURL(resolve(file)).href);
