import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The demo builds the packages from source, so a change in any package shows up without a package build. */
export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^@cskit\/(charts|table)\/styles\.css$/, replacement: source('../../packages/$1/src/styles.css') },
      { find: /^@cskit\/charts\/(.+)$/, replacement: source('../../packages/charts/src/entries/$1.ts') },
      { find: /^@cskit\/(metrics|sample-data|react|charts|table)$/, replacement: source('../../packages/$1/src/index.ts') },
    ],
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
});
