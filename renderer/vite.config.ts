// Builds the sidebar into renderer/dist. Relative asset URLs let the same build load from the server's
// origin, from a file:// page in Electron, or from any path the server mounts it under.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The polyfill would be an inline script, which the server's CSP forbids; Chromium needs none.
    modulePreload: { polyfill: false },
  },
});
