import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { CHROMIUM, CHROMIUM_ARGS } from './scripts/chromium.mjs';
import { SOURCE_ALIASES } from './scripts/source-aliases.js';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: { alias: SOURCE_ALIASES },
  test: {
    benchmark: { include: ['test/bench/**/*.bench.ts'] },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // Property tests run many cases; on a loaded 2-core CI machine 5 s is too tight for some.
          testTimeout: 30_000,
          include: [
            'packages/*/src/**/*.test.{ts,tsx}', 'apps/*/src/**/*.test.{ts,tsx}', 'test/integration/**/*.test.ts', 'test/bench/**/*.test.ts',
          ],
        },
      },
      {
        extends: true,
        // The built demo in Debian's Chromium (playwright-core); screenshots in test-results/e2e.
        test: { name: 'e2e', include: ['test/e2e/**/*.e2e.test.ts'], testTimeout: 60_000, hookTimeout: 180_000, fileParallelism: false },
      },
      {
        extends: true,
        // Every story is a test: it renders, its play function passes, and axe finds no violation (a11y.test 'error').
        plugins: [storybookTest({ configDir: source('./.storybook') })],
        // Pre-bundle every browser dependency up front: a dependency discovered mid-run makes Vite re-optimize and
        // reload, which fails the stories loading at that moment (a cold CI cache would see this).
        optimizeDeps: {
          include: [
            'react', 'react-dom', 'react-dom/client', 'react/jsx-runtime', 'react/jsx-dev-runtime', 'zustand', 'zustand/vanilla',
            '@tanstack/react-table', '@tanstack/react-virtual', '@visx/group', '@visx/shape', 'd3-scale',
          ],
        },
        test: {
          name: 'storybook',
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS } }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
