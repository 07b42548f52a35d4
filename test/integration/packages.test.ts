/**
 * The packages as a user installs them (their builds, through their `exports`): `require()` works on Node >= 20.19
 * (Node loads ES modules from require), React Server Components get "use client" exactly on client code, and every
 * package ships its README and LICENSE without dangling sourcemap comments. Needs `pnpm build` (scripts/test.sh
 * builds first).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const built = (pkg: string) => {
  if (!existsSync(`${root}packages/${pkg}/dist`)) throw new Error(`packages/${pkg} is not built: run pnpm build first`);
  return `${root}packages/${pkg}/dist/`;
};

/** `require(specifier)` in a CommonJS script run from a workspace folder that depends on the packages. */
function requireFrom(folder: string, specifier: string): string[] {
  const script = `const m = require(${JSON.stringify(specifier)}); process.stdout.write(JSON.stringify(Object.keys(m).sort()));`;
  return JSON.parse(execFileSync(process.execPath, ['--no-warnings', '-e', script], { cwd: `${root}${folder}`, encoding: 'utf8' })) as string[];
}

describe('CommonJS: require() of every entry', () => {
  it.each([
    ['apps/dashboard', '@cskit/metrics', 'prepareDataset'], ['apps/server', '@cskit/metrics/load', 'prepareInSlices'], ['apps/server', '@cskit/metrics/facts', 'arrRunsOf'], ['apps/dashboard', '@cskit/sample-data', 'generateDataset'],
    ['apps/dashboard', '@cskit/react', 'CsKitProvider'], ['apps/dashboard', '@cskit/react/formatters', 'createFormatters'],
    ['apps/dashboard', '@cskit/react/worker', 'serveCsRequests'], ['apps/dashboard', '@cskit/charts', 'ArrWaterfall'],
    ['apps/dashboard', '@cskit/charts/waterfall', 'ArrWaterfall'], ['apps/dashboard', '@cskit/table', 'AccountsTable'], ['apps/dashboard', '@cskit/table/issues', 'CsIssues'],
    ['apps/server', '@cskit/server', 'createCsHandler'], ['apps/server', '@cskit/server/node', 'toNodeListener'],
    ['apps/dashboard', '@cskit/import', 'importTables'], ['apps/server', '@cskit/server/postgres', 'postgresSource'], ['apps/server', '@cskit/server/token', 'viewerTokens'],
  ])('%s: require(%s)', (folder, specifier, name) => {
    built(specifier.split('/')[1] as string);
    expect(requireFrom(folder, specifier)).toContain(name);
  });
});

describe('React Server Components and artifacts', () => {
  const firstLine = (file: string) => readFileSync(file, 'utf8').split('\n')[0];

  it('client entries start with "use client"; server-safe entries do not', () => {
    expect(firstLine(`${built('react')}index.js`)).toBe('"use client";');
    for (const entry of ['index.js', 'waterfall.js', 'account-story.js']) expect(firstLine(`${built('charts')}${entry}`)).toBe('"use client";');
    expect(firstLine(`${built('table')}index.js`)).toBe('"use client";');
    for (const file of [`${built('react')}formatters.js`, `${built('react')}worker.js`, `${built('metrics')}index.js`, `${built('server')}index.js`]) {
      expect(firstLine(file)).not.toBe('"use client";');
    }
    // The formatters entry and what it imports hold no React.
    const formatters = readFileSync(`${built('react')}formatters.js`, 'utf8');
    const chunks = [...formatters.matchAll(/from "\.\/([^"]+)"/g)].map((m) => readFileSync(`${built('react')}${m[1]}`, 'utf8'));
    for (const code of [formatters, ...chunks]) expect(code).not.toMatch(/from "react"|"use client"/);
  });

  it('every package ships its README and LICENSE, and no comment points at a map it does not ship', () => {
    for (const pkg of readdirSync(`${root}packages`)) {
      const manifest = JSON.parse(readFileSync(`${root}packages/${pkg}/package.json`, 'utf8')) as { files: string[]; repository?: unknown; engines?: unknown; keywords?: unknown };
      expect(manifest.files, pkg).toEqual(['dist', 'README.md', 'LICENSE', 'CHANGELOG.md']);
      expect(existsSync(`${root}packages/${pkg}/README.md`) && existsSync(`${root}packages/${pkg}/LICENSE`), pkg).toBe(true);
      expect([manifest.repository, manifest.engines, manifest.keywords].every(Boolean), pkg).toBe(true);
      const dist = built(pkg);
      for (const file of readdirSync(dist)) {
        const map = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(`${dist}${file}`, 'utf8'))?.[1];
        if (map) expect(existsSync(`${dist}${map}`), `${pkg}/${file} -> ${map}`).toBe(true);
      }
    }
  });
});
