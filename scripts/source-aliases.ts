/**
 * Vite aliases that resolve the @cskit packages to their source, so the tests, Storybook, the dashboard and the
 * browser benchmark always run the code as it is (no package build in between). Subpaths map like the packages'
 * `exports`: `@cskit/charts/waterfall` to its entry file, `@cskit/{charts,table}/styles.css` to the stylesheet.
 */
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../packages/', import.meta.url));

export const SOURCE_ALIASES = [
  { find: /^@cskit\/(charts|table)\/styles\.css$/, replacement: `${root}$1/src/styles.css` },
  { find: /^@cskit\/react\/theme\.css$/, replacement: `${root}react/src/theme.css` },
  { find: /^@cskit\/react\/worker$/, replacement: `${root}react/src/worker.ts` },
  { find: /^@cskit\/react\/formatters$/, replacement: `${root}react/src/formatters-entry.ts` },
  { find: /^@cskit\/charts\/(.+)$/, replacement: `${root}charts/src/entries/$1.ts` },
  { find: /^@cskit\/server\/(node|postgres|token|worker)$/, replacement: `${root}server/src/$1.ts` },
  { find: /^@cskit\/metrics\/(load|facts|snapshot)$/, replacement: `${root}metrics/src/$1.ts` },
  { find: /^@cskit\/table\/issues$/, replacement: `${root}table/src/issues.ts` },
  { find: /^@cskit\/(metrics|sample-data|react|charts|table|server|import|sql)$/, replacement: `${root}$1/src/index.ts` },
];
