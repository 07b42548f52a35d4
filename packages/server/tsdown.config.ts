import { defineConfig } from 'tsdown';
import { finishBuild } from '../../scripts/finish-build.mjs';

export default defineConfig({
  entry: { index: 'src/index.ts', node: 'src/node.ts', postgres: 'src/postgres.ts', token: 'src/token.ts', worker: 'src/worker.ts', 'data-worker': 'src/worker/entry.ts' },
  format: 'esm',
  dts: { sourcemap: false },
  clean: true,
  sourcemap: true,
  tsconfig: 'tsconfig.build.json',
  hooks: { 'build:done': () => finishBuild('dist', { client: 'none' }) },
});
