import { defineConfig } from 'tsdown';
import { finishBuild } from '../../scripts/finish-build.mjs';

// The client entry gets "use client" (React Server Components); `formatters` and `worker` are React-free.
export default defineConfig({
  entry: { index: 'src/index.ts', worker: 'src/worker.ts', formatters: 'src/formatters-entry.ts' },
  format: 'esm',
  dts: { sourcemap: false },
  clean: true,
  sourcemap: true,
  tsconfig: 'tsconfig.build.json',
  hooks: { 'build:done': () => finishBuild('dist', { client: 'react' }) },
  copy: [{ from: 'src/theme.css', to: 'dist/theme.css' }],
});
