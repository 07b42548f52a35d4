import { defineConfig } from 'tsdown';
import { finishBuild } from '../../scripts/finish-build.mjs';

export default defineConfig({
  // `issues` apart: a page that lists data issues need not bundle the tables, nor the tables the issues panel.
  entry: { index: 'src/index.ts', issues: 'src/issues.ts' },
  format: 'esm',
  dts: { sourcemap: false },
  clean: true,
  sourcemap: true,
  tsconfig: 'tsconfig.build.json',
  hooks: { 'build:done': () => finishBuild('dist', { client: 'all', styles: 'src/styles.css' }) },
});
