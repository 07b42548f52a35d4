// After a package's tsdown build (its `build:done` hook): React Server Components and clean artifacts.
// - "use client" at the top of every chunk that is client code (`client: 'all'`, or each chunk importing React, a
//   React library or @cskit/react with `client: 'react'`), its sourcemap shifted by the added line; a server-safe
//   chunk (formatters, the worker's source) stays importable from a Server Component.
// - No comment that points at a sourcemap the package does not ship.
// - `styles`: the package's stylesheet, written to dist with the one theme file (@cskit/react/theme.css) inlined in
//   place of its @import, so it needs no CSS import resolution in the host's bundler.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const THEME = fileURLToPath(new URL('../packages/react/src/theme.css', import.meta.url));
const THEME_IMPORT = /@import\s+['"]@cskit\/react\/theme\.css['"];/;

/** Writes `from` (a stylesheet) to `to` with the theme's @import replaced by the theme itself. */
export function writeStylesheet(from, to) {
  const css = readFileSync(from, 'utf8');
  if (!THEME_IMPORT.test(css)) throw new Error(`${from} does not import @cskit/react/theme.css`);
  writeFileSync(to, css.replace(THEME_IMPORT, () => readFileSync(THEME, 'utf8')));
}

const CLIENT_IMPORT = /\bfrom\s*["'](react|react-dom|react\/jsx-runtime|react-dom\/client|zustand|@tanstack\/react-[a-z-]+|@cskit\/react)["']/;

export function finishBuild(dist, { client = 'none', styles } = {}) {
  if (styles) writeStylesheet(styles, join(dist, 'styles.css'));
  for (const file of readdirSync(dist)) {
    const path = join(dist, file);
    if (!/\.(js|d\.ts)$/.test(file)) continue;
    let code = readFileSync(path, 'utf8');
    const map = /\n?\/\/# sourceMappingURL=(\S+)\s*$/.exec(code);
    if (map && !existsSync(join(dist, map[1]))) code = code.slice(0, map.index) + '\n';
    if (file.endsWith('.js') && !code.startsWith('"use client"') && (client === 'all' || (client === 'react' && CLIENT_IMPORT.test(code)))) {
      code = `"use client";\n${code}`;
      const mapPath = `${path}.map`;
      if (existsSync(mapPath)) {
        const sourceMap = JSON.parse(readFileSync(mapPath, 'utf8'));
        sourceMap.mappings = `;${sourceMap.mappings}`;
        writeFileSync(mapPath, JSON.stringify(sourceMap));
      }
    }
    writeFileSync(path, code);
  }
}
