import type { StorybookConfig } from '@storybook/react-vite';
import { SOURCE_ALIASES } from '../scripts/source-aliases.js';

/** One Storybook for every package: stories sit beside their components (STYLE.md). */
const config: StorybookConfig = {
  stories: ['../packages/*/src/**/*.stories.@(ts|tsx)', '../packages/*/src/**/*.mdx'],
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
