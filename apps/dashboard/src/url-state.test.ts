import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, readView, withAccount, writeView } from './url-state.js';

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

  it('carries the open account: any id (encoded), none when empty or absurdly long', () => {
    const search = writeView({ ...DEFAULT_VIEW, account: 'acc 7&x=1' });
    expect(search).toBe('?from=2025-01&to=2025-12&account=acc+7%26x%3D1');
    expect(readView(search).account).toBe('acc 7&x=1');
    expect(readView('?account=').account).toBeNull();
    expect(readView(`?account=${'x'.repeat(201)}`).account).toBeNull();
    expect(withAccount('?from=2025-01&to=2025-12&segment=KA', 'a-1')).toBe('?from=2025-01&to=2025-12&segment=KA&account=a-1');
    expect(withAccount('?from=2025-01&account=a-1', null)).toBe('?from=2025-01');
  });
});
