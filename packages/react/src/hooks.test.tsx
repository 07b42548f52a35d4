/** @vitest-environment jsdom */
import { generateDataset } from '@cskit/sample-data';
import { act, cleanup, fireEvent, render, renderHook, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { CsKitProvider, useCsActions, useCsStore } from './context.js';
import { createFormatters, useFormatters } from './formatters.js';
import {
  useArrWaterfall, useBreakdown, useFilteredAccounts, useHealthQuadrants, useKpis, useRenewals, useSelection,
} from './hooks.js';
import { createCsStore } from './store.js';
import { useDrillDown } from './drill-down.js';

afterEach(cleanup);

const sample = generateDataset({ seed: 7, accounts: 120 });
const period = { from: '2025-01', to: '2025-12' };

function withProvider(store = createCsStore({ dataset: sample, period })) {
  return { store, wrapper: ({ children }: { children: ReactNode }) => <CsKitProvider dataset={sample} store={store}>{children}</CsKitProvider> };
}

describe('CsKitProvider and the store', () => {
  it('validates the dataset once and exposes its issues', () => {
    const store = createCsStore({ dataset: { accounts: [{ id: 'a', name: 'A', signedAt: '2025-13-01' }, { id: 'b', name: 'B', signedAt: '2025-01-01' }] }, period });
    expect(store.getState().dataset.accounts.map((a) => a.id)).toEqual(['b']);
    expect(store.getState().issues).toEqual([
      expect.objectContaining({ severity: 'error', collection: 'accounts', index: 0, field: 'signedAt' }),
    ]);
  });

  it('defaults: the twelve months ending at the latest contract start, previous-period comparison, no grace', () => {
    const store = createCsStore({ dataset: {
      accounts: [{ id: 'a', name: 'A', signedAt: '2024-01-01' }],
      contracts: [
        { id: 'c1', accountId: 'a', start: '2024-01-01', end: '2024-12-31', arr: 10 },
        { id: 'c2', accountId: 'a', start: '2025-03-10', end: '2026-03-09', arr: 10 },
      ],
    } });
    expect(store.getState().period).toEqual({ from: '2024-04', to: '2025-03' });
    expect(store.getState().comparison).toBe('previous');
    expect(store.getState().graceMonths).toBe(0);
    expect(createCsStore({ dataset: { accounts: [] } }).getState().period).toEqual({ from: '2025-01', to: '2025-12' });
  });

  it('a hook outside a Provider throws a clear error', () => {
    expect(() => renderHook(() => useRenewals())).toThrow(/inside <CsKitProvider/);
  });

  it('a filter change recomputes, and the result equals the metric on the filtered accounts', () => {
    const { store, wrapper } = withProvider();
    const { result } = renderHook(() => ({ waterfall: useArrWaterfall(), accounts: useFilteredAccounts() }), { wrapper });
    const all = result.current.waterfall;
    expect(result.current.accounts).toHaveLength(120);
    act(() => store.getState().actions.setFilter('segment', ['KA']));
    const ka = sample.accounts.filter((a) => a.segment === 'KA');
    expect(result.current.accounts.map((a) => a.id)).toEqual(ka.map((a) => a.id));
    expect(result.current.waterfall).not.toBe(all);
    expect(result.current.waterfall.closing).toBeLessThan(all.closing);
    act(() => store.getState().actions.clearFilters());
    expect(result.current.waterfall.closing).toBe(all.closing);
  });

  it('segment breakdown groups add up to the whole', () => {
    const { wrapper } = withProvider();
    const { result } = renderHook(() => ({ breakdown: useBreakdown('segment'), waterfall: useArrWaterfall() }), { wrapper });
    const groups = result.current.breakdown.groups;
    expect(groups.map((g) => g.key)).toEqual(['KA', 'MM', 'SMB']);
    expect(groups.reduce((sum, g) => sum + g.result.arr, 0)).toBeCloseTo(result.current.waterfall.closing, 4);
  });

  it('two widgets of one Provider share one computation; a locale change does not recompute', () => {
    const { store, wrapper } = withProvider();
    const { result } = renderHook(() => [useRenewals(), useRenewals()] as const, { wrapper });
    expect(result.current[0]).toBe(result.current[1]);
    const before = result.current[0];
    act(() => store.getState().actions.setLocale('zh-CN'));
    expect(result.current[0]).toBe(before);
    act(() => store.getState().actions.setGraceMonths(2));
    expect(result.current[0]).not.toBe(before);
  });

  it('two Providers on one page stay independent', () => {
    function Widget({ name }: { name: string }) {
      const accounts = useFilteredAccounts();
      const { setFilter } = useCsActions();
      return <button type="button" onClick={() => setFilter('segment', ['SMB'])}>{`${name}: ${accounts.length}`}</button>;
    }
    render(
      <>
        <CsKitProvider dataset={sample} options={{ period }}><Widget name="left" /></CsKitProvider>
        <CsKitProvider dataset={sample} options={{ period }}><Widget name="right" /></CsKitProvider>
      </>,
    );
    const smb = sample.accounts.filter((a) => a.segment === 'SMB').length;
    fireEvent.click(screen.getByText('left: 120'));
    expect(screen.getByText(`left: ${smb}`)).toBeTruthy();
    expect(screen.getByText('right: 120')).toBeTruthy();
  });

  it('selection: select the accounts behind a quadrant, then clear it', () => {
    const { wrapper } = withProvider();
    const { result } = renderHook(() => ({ selection: useSelection(), quadrants: useHealthQuadrants() }), { wrapper });
    const critical = result.current.quadrants.accounts.filter((a) => a.quadrant === 'critical').map((a) => a.accountId);
    act(() => result.current.selection.select({ accountIds: critical, label: 'Quadrant: critical', source: 'health-quadrant' }));
    expect(result.current.selection.selection?.label).toBe('Quadrant: critical');
    expect([...(result.current.selection.selection?.accountIds ?? [])].sort()).toEqual([...critical].sort());
    act(() => result.current.selection.clear());
    expect(result.current.selection.selection).toBeNull();
  });

  it('useDrillDown turns a chart mark into the selection of its accounts, within the filters', () => {
    const { store, wrapper } = withProvider();
    act(() => store.getState().actions.setFilter('segment', ['KA']));
    const { result } = renderHook(() => useDrillDown(), { wrapper });
    act(() => result.current({ label: 'Segment: KA', source: 'segment-bars', target: { kind: 'group', dimension: 'segment', key: 'KA' } }));
    const ka = sample.accounts.filter((a) => a.segment === 'KA').map((a) => a.id);
    expect([...(store.getState().selection?.accountIds ?? [])]).toEqual(ka);
    act(() => result.current({ label: 'Segment: SMB', source: 'segment-bars', target: { kind: 'group', dimension: 'segment', key: 'SMB' } }));
    expect(store.getState().selection?.accountIds.size).toBe(0);
    expect(store.getState().selection?.label).toBe('Segment: SMB');
  });

  it('KPIs come with the previous period by default, and none when comparison is off', () => {
    const { store, wrapper } = withProvider();
    const { result } = renderHook(() => useKpis(), { wrapper });
    expect(result.current.comparisonPeriod).toEqual({ from: '2024-01', to: '2024-12' });
    expect(result.current.comparisonKpis).not.toBeNull();
    act(() => store.getState().actions.setComparison('none'));
    expect(result.current.comparisonKpis).toBeNull();
  });

  it('a new dataset prop is validated and replaces the old one', () => {
    const other = generateDataset({ seed: 8, accounts: 30 });
    function Count() {
      return <span>{useCsStore((s) => s.dataset.accounts.length)}</span>;
    }
    const { rerender } = render(<CsKitProvider dataset={sample}><Count /></CsKitProvider>);
    expect(screen.getByText('120')).toBeTruthy();
    rerender(<CsKitProvider dataset={other}><Count /></CsKitProvider>);
    expect(screen.getByText('30')).toBeTruthy();
  });
});

describe('formatters', () => {
  it('en-US: currency, compact, percent, points, missing values', () => {
    const f = createFormatters({ locale: 'en-US', currency: 'USD' });
    expect(f.currency(1234567.4)).toBe('$1,234,567');
    expect(f.compactCurrency(1_250_000)).toBe('$1.3M');
    expect(f.compact(12_300)).toBe('12.3K');
    expect(f.percent(0.9534)).toBe('95.3%');
    expect(f.signedCurrency(-500)).toBe('-$500');
    expect(f.signedCurrency(500)).toBe('+$500');
    expect(f.signedPoints(0.012)).toBe('+1.2 pts');
    expect(f.percent(null)).toBe('—');
    expect(f.currency(Number.NaN)).toBe('—');
    expect(f.month('2025-03')).toBe('Mar 2025');
  });

  it('zh-CN uses 万 and 亿', () => {
    const f = createFormatters({ locale: 'zh-CN', currency: 'CNY' });
    expect(f.compact(123_456)).toBe('12.3万');
    expect(f.compact(250_000_000)).toBe('2.5亿');
    expect(f.compactCurrency(1_200_000)).toBe('¥120万');
    expect(f.month('2025-03')).toBe('2025年3月');
  });

  it('useFormatters follows the Provider locale, and works standalone', () => {
    const { store, wrapper } = withProvider();
    const { result } = renderHook(() => useFormatters(), { wrapper });
    expect(result.current.locale).toBe('en-US');
    act(() => store.getState().actions.setLocale('zh-CN'));
    expect(result.current.locale).toBe('zh-CN');
    expect(renderHook(() => useFormatters({ locale: 'zh-CN' })).result.current.compact(20_000)).toBe('2万');
  });
});
