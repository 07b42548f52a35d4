import { defineConfig } from 'tsdown';
import { finishBuild } from '../../scripts/finish-build.mjs';

export default defineConfig({
  entry: { index: 'src/index.ts', load: 'src/load.ts', facts: 'src/facts.ts', snapshot: 'src/snapshot.ts' },
  format: 'esm',
  dts: { sourcemap: false },
  clean: true,
  sourcemap: true,
  tsconfig: 'tsconfig.build.json',
  hooks: { 'build:done': () => finishBuild('dist', { client: 'none' }) },
});
