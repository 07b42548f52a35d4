import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { polyline } from './polyline.js';

describe('polyline', () => {
  it('moves to the first point, draws to the next, and starts again after a gap', () => {
    expect(polyline([[0, 10], [5, 20], null, [15, 5], [20.123, 1]])).toBe('M0,10L5,20M15,5L20.12,1');
    expect(polyline([null, [1, 1], [2, Number.NaN], [3, 3]])).toBe('M1,1M3,3');
    expect(polyline([])).toBe('');
  });

  it('has one segment start per run of points and never writes NaN', () => {
    const point = fc.option(fc.tuple(fc.double({ noNaN: false }), fc.double()), { nil: null });
    fc.assert(fc.property(fc.array(point), (points) => {
      const d = polyline(points);
      expect(d).not.toMatch(/NaN|Infinity/);
      let runs = 0;
      let open = false;
      for (const p of points) {
        const ok = p !== null && Number.isFinite(p[0]) && Number.isFinite(p[1]);
        if (ok && !open) runs += 1;
        open = ok;
      }
      expect((d.match(/M/g) ?? []).length).toBe(runs);
    }));
  });
});
