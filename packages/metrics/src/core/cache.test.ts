import { describe, expect, it } from 'vitest';
import { indexDataset, indexWithTargets } from '../data/dataset-index.js';
import { LruCache, OwnedValues, typedBytes } from './cache.js';

describe('the engine\'s caches count the bytes an entry owns, not what it points to', () => {
  it('a value an owning cache keeps is counted there once; results pointing to it do not count it again', () => {
    const models = new LruCache(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, true);
    const matrix = { score: new Float64Array(1000), tier: new Int8Array(1000) };
    models.set('scores', matrix);
    expect(models.bytes).toBe(9000);
    // A view's scores: its own positions, and the model's matrix it reads from.
    const view = { positions: new Int32Array(10), matrix };
    expect(typedBytes(view)).toBe(40);
    const results = new LruCache(64, 100);
    results.set('a', view);
    results.set('b', { ...view, positions: new Int32Array(10) });
    expect(results.count).toBe(2);
    expect(results.bytes).toBe(80);
  });

  it('an index\'s own values (OwnedValues) are shared as they are set; a cache that does not own counts its values', () => {
    const index = new OwnedValues<string, unknown>([['arr', { values: new Float64Array(100) }]]);
    index.set('health', { outcome: new Float64Array(50) });
    expect(typedBytes({ arr: index.get('arr'), health: index.get('health'), own: new Uint8Array(3) })).toBe(3);
    const plain = new LruCache(4);
    const value = { cells: new Float64Array(4) };
    plain.set('x', value);
    expect(plain.bytes).toBe(32);
    expect(typedBytes({ value })).toBe(32);
  });

  it('an index over other targets (withTargets) owns what it keeps as the index it came from does', () => {
    const index = indexDataset({ accounts: [{ id: 'a', name: 'A', signedAt: '2024-01-01' }] });
    const other = indexWithTargets(index, []);
    expect(index.cache).toBeInstanceOf(OwnedValues);
    expect(other.cache).toBeInstanceOf(OwnedValues);
    other.cache.set('built', { cells: new Float64Array(8) });
    expect(typedBytes({ built: other.cache.get('built') })).toBe(0);
  });
});
