/**
 * The dependency rules, checked on the source: `@cskit/metrics` imports neither React nor anything else at run
 * time, and the dashboard's Web Worker reaches no React module (under `vite dev`, React Refresh in a worker fails
 * on `window`). Type-only imports are erased and not followed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SOURCE_ALIASES } from '../../scripts/source-aliases.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const IMPORT = /^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?'([^']+)'/gm;

/** Every module reachable from `entry` through run-time imports: source files, and bare packages by name. */
function graph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (match[1]) continue;
      const specifier = match[2] as string;
      const alias = SOURCE_ALIASES.find((a) => a.find.test(specifier));
      if (alias) visit(specifier.replace(alias.find, alias.replacement));
      else if (specifier.startsWith('.')) visit(resolveSource(resolve(dirname(file), specifier)));
      else packages.add(specifier);
    }
  };
  visit(entry);
  return { files, packages };
}

function resolveSource(path: string): string {
  const base = path.replace(/\.js$/, '');
  for (const candidate of [`${base}.ts`, `${base}.tsx`, path]) if (existsSync(candidate)) return candidate;
  throw new Error(`cannot resolve ${path}`);
}

describe('module graph', () => {
  it('@cskit/metrics has no run-time imports outside itself', () => {
    const { files, packages } = graph(`${ROOT}packages/metrics/src/index.ts`);
    expect(files.size).toBeGreaterThan(10);
    expect([...packages]).toEqual([]);
    expect([...files].filter((f) => f.endsWith('.tsx'))).toEqual([]);
  });

  it("the dashboard's worker reaches no React module", () => {
    const { files, packages } = graph(`${ROOT}apps/dashboard/src/data.worker.ts`);
    expect(files.has(`${ROOT}packages/react/src/worker.ts`)).toBe(true);
    expect([...packages].filter((p) => p === 'react' || p.startsWith('react-') || p.startsWith('react/'))).toEqual([]);
    expect([...files].filter((f) => f.endsWith('.tsx') || f.endsWith('packages/react/src/index.ts'))).toEqual([]);
  });
});
