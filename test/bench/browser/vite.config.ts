import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { SOURCE_ALIASES } from '../../../scripts/source-aliases.js';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The browser benchmark page: a production build (React's production mode), served by `vite preview`. */
export default defineConfig({
  root: source('.'),
  base: './',
  plugins: [react()],
  resolve: {
    alias: SOURCE_ALIASES,
  },
  build: { outDir: source('../../../test-results/bench-browser'), emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  logLevel: 'warn',
});
