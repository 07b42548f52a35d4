import type { StorybookConfig } from '@storybook/react-vite';
import { SOURCE_ALIASES } from '../scripts/source-aliases.js';

/**
 * One Storybook for every package, and the docs site: stories sit beside their components, and docs/site/*.mdx
 * renders the repo's docs/*.md pages (docs/architecture.md).
 */
const config: StorybookConfig = {
  stories: ['../docs/site/*.mdx', '../packages/*/src/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true },
  async viteFinal(viteConfig) {
    const { mergeConfig } = await import('vite');
    return mergeConfig(viteConfig, {
      resolve: { alias: SOURCE_ALIASES },
    });
  },
};

export default config;
