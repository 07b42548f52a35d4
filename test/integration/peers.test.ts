/**
 * One copy of the store context: the widget packages take @cskit/react and @cskit/metrics as peers (an app's own
 * copies), never as their own dependencies; ranges, not exact pins, for shared libraries; no type package at run time.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const manifest = (name: string) => JSON.parse(readFileSync(new URL(`../../packages/${name}/package.json`, import.meta.url), 'utf8')) as {
  dependencies?: Record<string, string>; peerDependencies?: Record<string, string>;
};

describe('package peers', () => {
  it.each(['charts', 'table'])('@cskit/%s takes @cskit/react and @cskit/metrics as peers', (name) => {
    const pkg = manifest(name);
    expect(Object.keys(pkg.dependencies ?? {}).filter((dep) => dep.startsWith('@cskit/'))).toEqual([]);
    expect(pkg.peerDependencies).toMatchObject({ '@cskit/react': 'workspace:^', '@cskit/metrics': 'workspace:^' });
  });

  it('no package pins TanStack Query exactly or ships a type package as a dependency', () => {
    for (const name of ['metrics', 'react', 'charts', 'table', 'server', 'sample-data', 'import']) {
      const deps = manifest(name).dependencies ?? {};
      expect(Object.keys(deps).filter((dep) => dep.startsWith('@types/')), name).toEqual([]);
      if (deps['@tanstack/react-query']) expect(deps['@tanstack/react-query']).toMatch(/^\^5\./);
    }
  });
});
