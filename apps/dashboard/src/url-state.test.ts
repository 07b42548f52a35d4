import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, readView, writeView } from './url-state.js';

describe('view in the URL', () => {
  it('round-trips period, comparison, filters, locale, theme and sample size', () => {
    const view = {
      ...DEFAULT_VIEW, period: { from: '2025-04', to: '2025-09' }, comparison: 'previous-year' as const,
      filters: { segment: ['KA', 'MM'], csmId: ['csm-3'] }, locale: 'zh-CN' as const, theme: 'dark' as const, accounts: 100_000,
    };
    const search = writeView(view);
    expect(search).toBe('?from=2025-04&to=2025-09&compare=previous-year&segment=KA&segment=MM&csmId=csm-3&lang=zh-CN&theme=dark&accounts=100000');
    expect(readView(search)).toEqual(view);
  });

  it('falls back to defaults for malformed values', () => {
    expect(readView('?from=2025-13&to=2025-01&compare=sideways&accounts=-5&lang=fr')).toEqual(DEFAULT_VIEW);
    expect(readView('?from=2025-06&to=2025-01').period).toEqual(DEFAULT_VIEW.period);
  });
});
