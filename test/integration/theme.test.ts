/**
 * One theme source: every `--cskit-*` token is declared in packages/react/src/theme.css and nowhere else; every
 * token the packages and the demo use is declared there; the TypeScript fallbacks (`cssVar(name, fallback)` and
 * `var(--cskit-name, fallback)`, used before the stylesheet loads) equal its light values; dark mode only overrides
 * tokens that exist; no component carries a color literal of its own.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const THEME = `${root}packages/react/src/theme.css`;

function files(dir: string, pattern: RegExp, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = `${dir}/${name}`;
    if (statSync(path).isDirectory()) files(path, pattern, out);
    else if (pattern.test(name)) out.push(path);
  }
  return out;
}

function block(css: string, selector: string): Map<string, string> {
  const start = css.indexOf(`${selector} {`);
  const body = css.slice(start, css.indexOf('}', start));
  return new Map([...body.matchAll(/--cskit-([a-z0-9-]+):\s*([^;]+);/g)].map((m) => [m[1] ?? '', (m[2] ?? '').trim()]));
}

const theme = readFileSync(THEME, 'utf8');
const light = block(theme, ':where(:root)');
const dark = block(theme, ':where(.cskit-dark)');
const sources = [...files(`${root}packages`, /\.(ts|tsx)$/), ...files(`${root}apps/dashboard/src`, /\.(ts|tsx)$/)]
  .filter((path) => !/\.(test|stories)\.tsx?$|test-support|fixtures/.test(path));
const stylesheets = [...files(`${root}packages`, /\.css$/), ...files(`${root}apps/dashboard/src`, /\.css$/)];

describe('one theme source', () => {
  it('declares the tokens, light and dark', () => {
    expect(light.size).toBeGreaterThan(50);
    for (const token of dark.keys()) expect(light.has(token), `dark-only token --cskit-${token}`).toBe(true);
    expect(dark.get('surface')).toBe(dark.get('bg'));
  });

  it('no other stylesheet declares a --cskit-* token', () => {
    for (const path of stylesheets) {
      if (path === THEME) continue;
      expect([...readFileSync(path, 'utf8').matchAll(/(--cskit-[a-z0-9-]+)\s*:/g)].map((m) => m[1]), path).toEqual([]);
    }
  });

  it('every token used is declared, and every fallback is its light value', () => {
    for (const path of [...sources, ...stylesheets]) {
      const text = readFileSync(path, 'utf8');
      for (const m of text.matchAll(/cssVar\('([a-z0-9-]+)', '([^']+)'\)/g)) {
        expect(light.get(m[1] ?? ''), `${path}: cssVar('${m[1]}')`).toBe(m[2]);
      }
      for (const m of text.matchAll(/var\(--cskit-([a-z0-9-]+)(?:,\s*([^)]+))?\)/g)) {
        expect(light.has(m[1] ?? ''), `${path}: --cskit-${m[1]} is not in theme.css`).toBe(true);
        if (m[2]) expect(light.get(m[1] ?? ''), `${path}: fallback of --cskit-${m[1]}`).toBe(m[2].trim());
      }
    }
  });

  it('components carry no color literal of their own', () => {
    for (const path of sources.filter((p) => /packages\/(charts|table)\/src\/.*\.tsx$/.test(p))) {
      const text = readFileSync(path, 'utf8').replace(/cssVar\('[a-z0-9-]+', '[^']+'\)/g, '').replace(/var\(--cskit-[a-z0-9-]+, [^)]+\)/g, '');
      expect(text.match(/#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b|rgba?\(/g), path).toBeNull();
    }
  });
});
