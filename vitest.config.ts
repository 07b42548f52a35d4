import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@cskit/metrics': source('./packages/metrics/src/index.ts'),
      '@cskit/sample-data': source('./packages/sample-data/src/index.ts'),
      '@cskit/react': source('./packages/react/src/index.ts'),
      '@cskit/table': source('./packages/table/src/index.ts'),
    },
  },
  test: {
    include: ['packages/*/src/**/*.test.{ts,tsx}', 'test/integration/**/*.test.ts', 'test/bench/**/*.test.ts'],
    benchmark: { include: ['test/bench/**/*.bench.ts'] },
  },
});
