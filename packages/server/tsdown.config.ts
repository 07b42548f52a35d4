import { defineConfig } from 'tsdown';
import { finishBuild } from '../../scripts/finish-build.mjs';

const shared = { format: 'esm', sourcemap: true, tsconfig: 'tsconfig.build.json' } as const;

export default defineConfig([
  {
    ...shared,
    entry: { index: 'src/index.ts', node: 'src/node.ts', postgres: 'src/postgres.ts', token: 'src/token.ts', worker: 'src/worker.ts' },
    dts: { sourcemap: false },
    clean: true,
    hooks: { 'build:done': () => finishBuild('dist', { client: 'none' }) },
  },
  {
    // The data worker's script is one file that imports only packages (no chunk of this build): a host's bundler that
    // copies it as an asset (Turbopack and webpack do, for `new URL('./data-worker.js', import.meta.url)`) copies
    // all of it, and its imports resolve from the host's node_modules wherever the copy lands. `.mjs`: an ES module
    // wherever it lands (a copy in .next/server/assets has no package.json saying `"type": "module"`).
    ...shared,
    entry: { 'data-worker': 'src/worker/entry.ts' },
    outExtensions: () => ({ js: '.mjs' }),
    dts: false,
    clean: false,
  },
]);
