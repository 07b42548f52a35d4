/** @vitest-environment jsdom */
import { describe, expect, it } from 'vitest';
import { QUADRANT_COLORS, resolveColor } from './theme.js';

describe('resolveColor', () => {
  it('reads a token set on the element (in a browser, inherited from any ancestor), else falls back to the light theme', () => {
    const host = document.createElement('div');
    const canvas = document.createElement('canvas');
    host.append(canvas);
    document.body.append(host);
    expect(resolveColor(canvas, QUADRANT_COLORS.loyal)).toBe('#009e73');
    canvas.style.setProperty('--cskit-quadrant-loyal', '#6d28d9');
    expect(resolveColor(canvas, QUADRANT_COLORS.loyal)).toBe('#6d28d9');
    expect(resolveColor(null, QUADRANT_COLORS.critical)).toBe('#d55e00');
    expect(resolveColor(canvas, '#123456')).toBe('#123456');
    host.remove();
  });
});
