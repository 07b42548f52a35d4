// ESLint (flat config): the recommended JavaScript and TypeScript rules, React's rules of hooks, and the
// dependency direction of docs/architecture.md. `pnpm lint` runs it; scripts/test.sh runs it in CI.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The layers of @cskit/metrics, lowest first; a family of metrics imports only the families before it. */
const METRICS_LAYERS = ['core', 'model', 'data', 'arr', 'engagement', 'renewals', 'health', 'csm', 'kpis', 'accounts', 'engine', 'protocol'];
const METRICS_IMPORTS_NOTHING = { group: ['react', 'react-dom', 'react/*', '@cskit/*', 'zustand'], message: '@cskit/metrics imports nothing.' };

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.next/**', 'examples/*/next-env.d.ts', 'storybook-static/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Advice for the React Compiler, which cskit does not use (TanStack Virtual's hook is fine without it).
      'react-hooks/incompatible-library': 'off',
    },
  },
  {
    files: ['scripts/**/*.{js,mjs}', '*.js', '.storybook/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Browser code, and the scripts' page.evaluate callbacks, which run in the page.
    files: ['test/bench/browser/**', 'apps/dashboard/**', 'packages/{react,charts,table}/**', 'scripts/bench-*.mjs'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // @cskit/metrics is pure TypeScript: no React, no DOM, no other package.
    files: ['packages/metrics/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [METRICS_IMPORTS_NOTHING] }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage'],
    },
  },
  // Its layers are folders, each importing only the layers below it (docs/architecture.md): a metric family never
  // reaches the engine, the data layer never reaches a metric, nothing but the entry points imports them.
  ...METRICS_LAYERS.map((layer, rank) => ({
    files: [`packages/metrics/src/${layer}/**/*.ts`],
    ignores: ['packages/metrics/src/**/*.test.ts'],
    rules: {
      // Types may name a higher layer (the part contract names the resolved view): nothing of it runs.
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [METRICS_IMPORTS_NOTHING, {
          allowTypeImports: true,
          regex: `^\\.\\./(${[...METRICS_LAYERS.slice(rank + 1), 'index\\.js', 'load\\.js'].join('|')})`,
          message: `metrics/src/${layer} imports only the layers below it: ${METRICS_LAYERS.slice(0, rank).join(', ') || 'none'}.`,
        }],
      }],
    },
  })),
  {
    // Charts and tables render results; they depend on metrics and react, never on each other or the app.
    files: ['packages/charts/src/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['@cskit/table', '@cskit/table/*', '@cskit/sample-data'], message: 'charts depend on @cskit/metrics and @cskit/react only (sample data in stories is fine).' }] }] },
  },
  {
    files: ['packages/table/src/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['@cskit/charts', '@cskit/charts/*', '@cskit/sample-data'], message: 'tables depend on @cskit/metrics and @cskit/react only (sample data in stories is fine).' }] }] },
  },
  {
    // A server package depends on @cskit/metrics only: no React, no browser.
    files: ['packages/server/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['react', 'react-dom', 'react/*', '@cskit/react', '@cskit/react/*', '@cskit/charts', '@cskit/charts/*', '@cskit/table', 'zustand'], message: '@cskit/server depends on @cskit/metrics only.' }] }],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage'],
    },
  },
  {
    // The import runs in a browser, a worker and Node: it depends on @cskit/metrics (and its parser) only.
    files: ['packages/import/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['react', 'react-dom', 'react/*', '@cskit/react', '@cskit/react/*', '@cskit/charts', '@cskit/charts/*', '@cskit/table', '@cskit/server', '@cskit/server/*', 'zustand', 'node:*'], message: '@cskit/import depends on @cskit/metrics only (and runs in browsers and workers).' }] }],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage'],
    },
  },
  {
    // The SQL engine runs next to a database in Node (or Deno, Bun): it depends on @cskit/metrics only, and on no
    // driver (the host passes its connection).
    files: ['packages/sql/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['react', 'react-dom', 'react/*', '@cskit/react', '@cskit/react/*', '@cskit/charts', '@cskit/charts/*', '@cskit/table', '@cskit/server', '@cskit/server/*', '@cskit/import', 'zustand', 'pg', '@duckdb/*', '@electric-sql/*'], message: '@cskit/sql depends on @cskit/metrics only; drivers come from the host.' }] }],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage'],
    },
  },
  {
    files: ['packages/*/src/**/*.stories.tsx', 'packages/*/src/**/story-data.ts', 'packages/*/src/**/fixtures.ts', 'packages/*/src/**/*.test.{ts,tsx}', 'packages/sql/src/test-support/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
