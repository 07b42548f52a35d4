import { defineConfig } from 'tsdown';
import { finishBuild } from '../../scripts/finish-build.mjs';

export default defineConfig({
  entry: ['src/index.ts'],
  format: 'esm',
  dts: { sourcemap: false },
  clean: true,
  sourcemap: true,
  tsconfig: 'tsconfig.build.json',
  hooks: { 'build:done': () => finishBuild('dist', { client: 'none' }) },
  external: ['@cskit/metrics'],
});
