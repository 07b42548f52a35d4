import { defineConfig } from 'tsdown';
import { finishBuild } from '../../scripts/finish-build.mjs';

const charts = ['waterfall', 'funnel', 'quadrant', 'distribution', 'transitions', 'nps', 'cohort-heatmap', 'kpi-card', 'segment-bars', 'attribution', 'trend', 'rate-trend', 'renewals-ahead', 'account-story', 'drivers', 'validation', 'export'];

export default defineConfig({
  entry: { index: 'src/index.ts', ...Object.fromEntries(charts.map((name) => [name, `src/entries/${name}.ts`])) },
  format: 'esm',
  dts: { sourcemap: false },
  clean: true,
  sourcemap: true,
  tsconfig: 'tsconfig.build.json',
  hooks: { 'build:done': () => finishBuild('dist', { client: 'all', styles: 'src/styles.css' }) },
});
