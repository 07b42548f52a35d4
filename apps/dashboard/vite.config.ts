import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { SOURCE_ALIASES } from '../../scripts/source-aliases.js';

/** The demo builds the packages from source, so a change in any package shows up without a package build. */
export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: SOURCE_ALIASES,
  },
  worker: { format: 'es' },
  // Vite's dependency scan does not follow `new Worker(new URL(...))`: name the worker so `vite dev` never reloads on its first load.
  optimizeDeps: { entries: ['index.html', 'src/data.worker.ts'] },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
});
