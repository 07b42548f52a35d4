import { defineConfig } from 'tsdown';

// The packages come from their builds (dist), as a deployed server would use them.
export default defineConfig({
  entry: { main: 'src/main.ts', server: 'src/server.ts' },
  format: 'esm',
  platform: 'node',
  dts: false,
  clean: true,
  tsconfig: 'tsconfig.build.json',
  external: [/^@cskit\//, '@electric-sql/pglite', /^@duckdb\//, 'pg'],
});
