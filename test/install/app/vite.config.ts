import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// As docs/embedding.md says: Vite's dependency scan starts at index.html and does not follow `new Worker(new URL(...))`,
// so the worker's entry is named here; without it the first worker load finds new dependencies and reloads the page.
export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  optimizeDeps: { entries: ['index.html', 'src/data.worker.ts'] },
});
