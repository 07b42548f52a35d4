import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitBandLabels, labelWidth } from './Axis.js';

describe('band labels never overlap', () => {
  it('as they are when they fit, in two lines where they break, else every k-th', () => {
    expect(fitBandLabels(['Red', 'Yellow'], 60)).toEqual([['Red'], ['Yellow']]);
    // "Green-yellow" is ~75 px: at 50 px per band it breaks after its hyphen.
    expect(fitBandLabels(['Green', 'Green-yellow', 'Yellow'], 50)).toEqual([['Green'], ['Green-', 'yellow'], ['Yellow']]);
    // "Jan 2025" (~53 px) at 34 px per band: in two lines; at 20 px, every second one in two lines.
    expect(fitBandLabels(['Jan 2025', 'Feb 2025'], 34)).toEqual([['Jan', '2025'], ['Feb', '2025']]);
    expect(fitBandLabels(['Jan 2025', 'Feb 2025', 'Mar 2025', 'Apr 2025'], 20)).toEqual([['Jan', '2025'], null, ['Mar', '2025'], null]);
    expect(labelWidth('健康度')).toBe(33);
  });

  it('property: drawn labels, centred on their bands, leave a gap between neighbours', () => {
    const label = fc.string({ minLength: 1, maxLength: 24 });
    fc.assert(fc.property(fc.array(label, { minLength: 1, maxLength: 40 }), fc.integer({ min: 8, max: 200 }), (labels, step) => {
      const fitted = fitBandLabels(labels, step);
      expect(fitted).toHaveLength(labels.length);
      const drawn = fitted.flatMap((lines, i) => (lines ? [{ i, width: Math.max(...lines.map((line) => labelWidth(line))) }] : []));
      for (let k = 1; k < drawn.length; k += 1) {
        const a = drawn[k - 1] as { i: number; width: number };
        const b = drawn[k] as { i: number; width: number };
        expect((b.i - a.i) * step - (a.width + b.width) / 2).toBeGreaterThanOrEqual(-1e-9);
      }
    }));
  });
});
