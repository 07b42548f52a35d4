import { describe, expect, it } from 'vitest';
import { runSync } from '../core/work.js';
import { indexDataset } from './dataset-index.js';
import { fingerprintOf, fingerprintPartsWork } from './fingerprint.js';

describe('fingerprintPartsWork: lists of strings joined a piece at a time', () => {
  // 300,000 ids of 7-12 characters: about 3 million characters, so several pieces of a megabyte.
  const ids = Array.from({ length: 300_000 }, (_, i) => `id-${i}`);
  const partsWith = (list: string[]) => {
    const index = indexDataset({ accounts: [] });
    index.cache.set('big', { ids: list });
    return runSync(fingerprintPartsWork(index));
  };

  it('keeps every string of a long list, in order, across its pieces (each piece at most about a megabyte)', () => {
    const pieces = partsWith(ids).filter((part): part is string => typeof part === 'string' && part.startsWith('id-') && part.includes('\u0000'));
    expect(pieces.length).toBeGreaterThan(2);
    for (const piece of pieces) expect(piece.length).toBeLessThan(2 ** 20 + 20);
    expect(pieces.flatMap((piece) => piece.split('\u0000'))).toEqual(ids);
  });

  it('names the content: the same list the same fingerprint, one string changed past the first piece another', async () => {
    const changed = ids.slice();
    changed[250_000] = 'id-x';
    const [a, b, c] = await Promise.all([partsWith(ids), partsWith(ids.slice()), partsWith(changed)].map((parts) => fingerprintOf(parts)));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });
});
