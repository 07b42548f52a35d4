import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsdown';
import { finishBuild } from '../../scripts/finish-build.mjs';

/** One entry per subpath of charts.json (the one list; scripts/chart-entries.mjs writes the rest from it). */
const charts: string[] = JSON.parse(readFileSync(new URL('./charts.json', import.meta.url), 'utf8')).subpaths.map((s: { name: string }) => s.name);

export default defineConfig({
  entry: { index: 'src/index.ts', ...Object.fromEntries(charts.map((name) => [name, `src/entries/${name}.ts`])) },
  format: 'esm',
  dts: { sourcemap: false },
  clean: true,
  sourcemap: true,
  tsconfig: 'tsconfig.build.json',
  hooks: { 'build:done': () => finishBuild('dist', { client: 'all', styles: 'src/styles.css' }) },
});
