import { describe, expect, it } from 'vitest';
import { createFormatters } from './formatters.js';

describe('one number format', () => {
  it('compact money in marks and KPI values (with its sign for deltas), full in tooltips and tables', () => {
    const en = createFormatters({ locale: 'en-US', currency: 'USD' });
    expect(en.compactCurrency(86_912_345)).toBe('$86.9M');
    expect(en.signedCompactCurrency(10_599_568)).toBe('+$10.6M');
    expect(en.signedCompactCurrency(-884_612)).toBe('-$884.6K');
    expect(en.signedCurrency(10_599_568)).toBe('+$10,599,568');
    expect(en.score(71.6)).toBe('72');
    expect(en.period({ from: '2025-01', to: '2025-12' })).toBe('Jan 2025 – Dec 2025');
    expect(en.signedCompactCurrency(null)).toBe('—');
  });

  it('in Chinese: 万 and 亿, and months as 2025年1月', () => {
    const zh = createFormatters({ locale: 'zh-CN', currency: 'CNY' });
    expect(zh.compactCurrency(86_912_345)).toBe('¥8691.2万');
    expect(zh.signedCompactCurrency(-884_612)).toBe('-¥88.5万');
    expect(zh.period({ from: '2025-01', to: '2025-03' })).toBe('2025年1月 – 2025年3月');
  });
});
