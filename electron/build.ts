// Compiles the shell for Electron: main (ESM, with the coach core bundled in) and the preload (CommonJS,
// because sandboxed preloads cannot load ES modules). npm packages stay external and are loaded from the
// app's node_modules, where electron-builder rebuilds better-sqlite3 for Electron's ABI.
import { build, type BuildOptions } from 'esbuild';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const common: BuildOptions = {
  absWorkingDir: here,
  bundle: true,
  platform: 'node',
  // Electron 45 ships Node 22 and Chromium 140.
  target: 'node22',
  sourcemap: true,
  logLevel: 'warning',
  legalComments: 'none',
};

await Promise.all([
  // Split so the parts of the core that load lazily (the model client) stay lazy in the bundle.
  build({ ...common, entryPoints: ['main.ts'], outdir: 'dist', entryNames: '[name]', chunkNames: 'chunks/[name]-[hash]', splitting: true, format: 'esm', packages: 'external' }),
  build({ ...common, entryPoints: ['preload.ts'], outfile: 'dist/preload.cjs', format: 'cjs', external: ['electron'] }),
]);
console.log('electron: built dist/main.js and dist/preload.cjs');
