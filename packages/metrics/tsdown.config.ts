import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsdown';
import { finishBuild } from '../../scripts/finish-build.mjs';

// The package's version in its build: a snapshot of a prepared load (engine/snapshot.ts) is read back only by the
// version that wrote it, whose index it describes.
const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  entry: { index: 'src/index.ts', load: 'src/load.ts', facts: 'src/facts.ts', snapshot: 'src/snapshot.ts' },
  format: 'esm',
  dts: { sourcemap: false },
  clean: true,
  sourcemap: true,
  tsconfig: 'tsconfig.build.json',
  define: { __CSKIT_METRICS_VERSION__: JSON.stringify(version) },
  hooks: { 'build:done': () => finishBuild('dist', { client: 'none' }) },
});
