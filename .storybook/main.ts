import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/react-vite';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** One Storybook for every package: stories sit beside their components (STYLE.md). */
const config: StorybookConfig = {
  stories: ['../packages/*/src/**/*.stories.@(ts|tsx)', '../packages/*/src/**/*.mdx'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true },
  async viteFinal(viteConfig) {
    const { mergeConfig } = await import('vite');
    return mergeConfig(viteConfig, {
      resolve: {
        alias: {
          '@cskit/metrics': source('../packages/metrics/src/index.ts'),
          '@cskit/sample-data': source('../packages/sample-data/src/index.ts'),
          '@cskit/react': source('../packages/react/src/index.ts'),
          '@cskit/table': source('../packages/table/src/index.ts'),
          '@cskit/charts': source('../packages/charts/src/index.ts'),
        },
      },
    });
  },
};

export default config;
