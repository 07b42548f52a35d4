import type { Decorator, Preview } from '@storybook/react-vite';
import '../packages/charts/src/styles.css';
import '../packages/table/src/styles.css';
import './preview.css';

/** Theme from the toolbar: the `cskit-dark` class on a wrapper, as a host app would set it. */
const withTheme: Decorator = (Story, context) => (
  <div className={context.globals.theme === 'dark' ? 'cskit-dark cskit-story cskit-story--dark' : 'cskit-story'}>
    <Story />
  </div>
);

const preview: Preview = {
  tags: ['autodocs'],
  globalTypes: {
    theme: {
      description: 'Light or dark theme',
      toolbar: { title: 'Theme', icon: 'mirror', items: [{ value: 'light', title: 'Light' }, { value: 'dark', title: 'Dark' }], dynamicTitle: true },
    },
    locale: {
      description: 'Labels and number formats',
      toolbar: { title: 'Locale', icon: 'globe', items: [{ value: 'en-US', title: 'English' }, { value: 'zh-CN', title: '中文' }], dynamicTitle: true },
    },
  },
  initialGlobals: { theme: 'light', locale: 'en-US' },
  decorators: [withTheme],
  parameters: {
    layout: 'padded',
    controls: { matchers: { color: /(background|color)$/i } },
    // Accessibility violations fail the story's test (axe through @storybook/addon-a11y).
    a11y: { test: 'error' },
  },
};

export default preview;
