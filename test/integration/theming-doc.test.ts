/** docs/theming.md names every token theme.css declares (in full, or in its family's row: `--cskit-tier-green`, `-red`). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const theme = readFileSync(new URL('../../packages/react/src/theme.css', import.meta.url), 'utf8');
const doc = readFileSync(new URL('../../docs/theming.md', import.meta.url), 'utf8');

describe('docs/theming.md', () => {
  it('documents every --cskit-* token', () => {
    const tokens = [...new Set([...theme.matchAll(/(--cskit-[a-z0-9-]+)\s*:/g)].map((m) => m[1] as string))];
    expect(tokens.length).toBeGreaterThan(40);
    const rows = doc.split('\n').filter((line) => line.startsWith('| `--cskit-'));
    const documented = (token: string) => {
      if (doc.includes(`\`${token}\``)) return true;
      const [, family = '', rest = ''] = /^(--cskit-[a-z]+)-(.+)$/.exec(token) ?? [];
      return rows.some((row) => row.includes(`\`${family}-*\``) || (row.includes(`\`${family}-`) && row.includes(`\`-${rest}\``)));
    };
    expect(tokens.filter((token) => !documented(token))).toEqual([]);
  });
});
