/** @vitest-environment jsdom */
import { accountStory, answerRequest, arrMovements, arrTrend, computeDashboard, filterDataset, parseRequest, prepareDataset, renewalsAhead, SUMMARY_PARTS } from '@cskit/metrics';
import type { CsRequest, PreparedDataset } from '@cskit/metrics';
import { generateDataset } from '@cskit/sample-data';
import { act, cleanup, fireEvent, render, renderHook, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CsKitProvider, useCsActions, useCsStore } from './context.js';
import { useDrillDown } from './drill-down.js';
import { createFormatters } from './formatters.js';
import { useFormatters } from './use-formatters.js';
import {
  useAccountStory, useArrTrend, useArrWaterfall, useBreakdown, useFilteredAccounts, useKpis, useMetricQuery, useRenewals, useRenewalsAhead, useRows,
  useSelectedAccountIds, useSelection,
} from './hooks.js';
import { useCsBusy, useCsPending } from './query.js';
import { CsRemoteError, remoteSource } from './source.js';
import type { CsSource } from './source.js';
import { createCsStore } from './store.js';
import { serveCsRequests, workerSource } from './worker.js';

afterEach(cleanup);

const sample = generateDataset({ seed: 7, accounts: 120 });
const period = { from: '2025-01', to: '2025-12' };

function withProvider(store = createCsStore({ dataset: sample, period })) {
  return { store, wrapper: ({ children }: { children: ReactNode }) => <CsKitProvider store={store}>{children}</CsKitProvider> };
}

/** A source that answers from the engine after a controllable delay, recording what it was asked. */
function slowSource() {
  const engine = prepareDataset(sample);
  const asked: CsRequest[] = [];
  const aborted: CsRequest[] = [];
  const pending: Array<() => void> = [];
  const source: CsSource = {
    id: 'slow-1',
    request: (request, signal) => new Promise((resolve, reject) => {
      asked.push(request);
      signal?.addEventListener('abort', () => {
        aborted.push(request);
        reject(new DOMException('aborted', 'AbortError'));
      });
      pending.push(() => resolve(answerRequest(engine, request as never) as never));
    }),
  };
  return { source, asked, aborted, flush: () => { for (const resolve of pending.splice(0)) resolve(); } };
}

describe('CsKitProvider and the store', () => {
  it('validates the dataset once and exposes its issues', () => {
    const store = createCsStore({ dataset: { accounts: [{ id: 'a', name: 'A', signedAt: '2025-13-01' }, { id: 'b', name: 'B', signedAt: '2025-01-01' }] }, period });
    expect(store.getState().dataset?.accounts.map((a) => a.id)).toEqual(['b']);
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

  it('a local source answers during the first render: no loading state', () => {
    const { wrapper } = withProvider();
    const { result } = renderHook(() => useMetricQuery('waterfall'), { wrapper });
    expect(result.current.loading).toBe(false);
    expect(result.current.data?.closing).toBe(arrMovements(sample, { period }).closing);
  });

  it('a filter change answers again, and the result equals the metric on the filtered accounts', () => {
    const { store, wrapper } = withProvider();
    const { result } = renderHook(() => ({ waterfall: useArrWaterfall(), accounts: useFilteredAccounts() }), { wrapper });
    const all = result.current.waterfall;
    expect(result.current.accounts).toHaveLength(120);
    act(() => store.getState().actions.setFilter('segment', ['KA']));
    const ka = filterDataset(sample, { segment: ['KA'] });
    expect(result.current.accounts?.map((a) => a.id)).toEqual(ka.accounts.map((a) => a.id));
    expect(result.current.waterfall?.closing).toBe(arrMovements(ka, { period }).closing);
    expect(result.current.waterfall?.closing).toBeLessThan(all?.closing ?? 0);
    act(() => store.getState().actions.clearFilters());
    expect(result.current.waterfall?.closing).toBe(all?.closing);
  });

  it('segment breakdown groups add up to the whole', () => {
    const { wrapper } = withProvider();
    const { result } = renderHook(() => ({ breakdown: useBreakdown('segment'), waterfall: useArrWaterfall() }), { wrapper });
    const groups = result.current.breakdown?.groups ?? [];
    expect(groups.map((g) => g.key)).toEqual(['KA', 'MM', 'SMB']);
    expect(groups.reduce((sum, g) => sum + g.result.arr, 0)).toBeCloseTo(result.current.waterfall?.closing ?? 0, 4);
  });

  it('two widgets of one Provider share one answer; a locale change asks nothing', () => {
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
      return <button type="button" onClick={() => setFilter('segment', ['SMB'])}>{`${name}: ${accounts?.length}`}</button>;
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

  it('useDrillDown makes a mark the selection; its accounts resolve within the filters; row sets narrow to it', () => {
    const { store, wrapper } = withProvider();
    act(() => store.getState().actions.setFilter('region', ['EMEA']));
    const { result } = renderHook(() => ({ drill: useDrillDown(), ids: useSelectedAccountIds(), rows: useRows('accounts', { limit: 500 }), selection: useSelection() }), { wrapper });
    act(() => result.current.drill({ label: 'Segment: KA', source: 'segment-bars', target: { kind: 'group', dimension: 'segment', key: 'KA' } }));
    const expected = sample.accounts.filter((a) => a.segment === 'KA' && a.region === 'EMEA').map((a) => a.id);
    expect([...(result.current.ids ?? [])]).toEqual(expected);
    expect(result.current.rows.data?.rows.map((r) => r.accountId)).toEqual(expected);
    expect(store.getState().selection?.label).toBe('Segment: KA');
    act(() => result.current.selection.select({ accountIds: ['acc-000001', 'nope'], label: 'One account' }));
    expect(store.getState().selection?.target).toEqual({ kind: 'accounts', accountIds: ['acc-000001', 'nope'] });
    act(() => result.current.selection.clear());
    expect(result.current.selection.selection).toBeNull();
    expect(result.current.rows.data?.count).toBe(sample.accounts.filter((a) => a.region === 'EMEA').length);
  });

  it('trends, the renewals ahead and an account story answer as the plain functions do, for the filtered accounts', async () => {
    const { store, wrapper } = withProvider();
    act(() => store.getState().actions.setFilters({ segment: ['KA'] }));
    const ka = filterDataset(sample, { segment: ['KA'] });
    const { result } = renderHook(() => ({ trend: useArrTrend(), ahead: useRenewalsAhead(), story: useAccountStory(ka.accounts[0]?.id ?? null), outside: useAccountStory(sample.accounts.find((a) => a.segment !== 'KA')?.id ?? null) }), { wrapper });
    expect(result.current.trend).toEqual(arrTrend(ka, { period }));
    const { items, ...ahead } = renewalsAhead(ka, { asOf: '2025-12-31' });
    expect(items.length).toBeGreaterThan(0);
    expect(result.current.ahead?.totals).toEqual(ahead.totals);
    expect(result.current.story.data).toEqual(accountStory(ka, ka.accounts[0]?.id ?? '', { period }));
    // An account outside the view is an error, never its data.
    await waitFor(() => expect(result.current.outside.error?.message).toMatch(/no account with id/));
    expect(result.current.outside.data).toBeUndefined();
  });

  it('KPIs come with the previous period by default, and none when comparison is off', () => {
    const { store, wrapper } = withProvider();
    const { result } = renderHook(() => useKpis(), { wrapper });
    expect(result.current.comparisonPeriod).toEqual({ from: '2024-01', to: '2024-12' });
    expect(result.current.comparisonKpis).toEqual(computeDashboard(sample, { period }).comparisonKpis);
    act(() => store.getState().actions.setComparison('none'));
    expect(result.current.comparisonKpis).toBeNull();
  });

  it('a new dataset prop is validated and replaces the old one', () => {
    const other = generateDataset({ seed: 8, accounts: 30 });
    function Count() {
      return <span>{useCsStore((s) => s.dataset?.accounts.length)}</span>;
    }
    const { rerender } = render(<CsKitProvider dataset={sample}><Count /></CsKitProvider>);
    expect(screen.getByText('120')).toBeTruthy();
    rerender(<CsKitProvider dataset={other}><Count /></CsKitProvider>);
    expect(screen.getByText('30')).toBeTruthy();
  });
});

describe('asynchronous sources', () => {
  it('loading, then the answer; the last answer stays while the next view is asked; superseded requests are aborted', async () => {
    const slow = slowSource();
    const store = createCsStore({ source: slow.source, period });
    const { result } = renderHook(() => useMetricQuery('waterfall'), { wrapper: withProvider(store).wrapper });
    expect(result.current).toMatchObject({ data: undefined, loading: true });
    await act(async () => slow.flush());
    await waitFor(() => expect(result.current.loading).toBe(false));
    const first = result.current.data;
    expect(first?.closing).toBe(arrMovements(sample, { period }).closing);
    act(() => store.getState().actions.setFilter('segment', ['KA']));
    expect(result.current).toMatchObject({ data: first, stale: true, loading: false });
    act(() => store.getState().actions.setFilter('segment', ['MM']));
    // The KA answer is no longer wanted: its request was aborted.
    const isKa = (r: CsRequest) => r.kind === 'metric' && r.view.filters?.segment?.[0] === 'KA';
    await waitFor(() => expect(slow.aborted.some(isKa)).toBe(true));
    await act(async () => slow.flush());
    await waitFor(() => expect(result.current.stale).toBe(false));
    expect(result.current.data?.closing).toBe(arrMovements(filterDataset(sample, { segment: ['MM'] }), { period }).closing);
  });

  it('a new source (another viewer, another dataset) never shows the previous source\'s answers while its own load', async () => {
    const first = slowSource();
    const store = createCsStore({ source: first.source, period });
    const { result } = renderHook(() => useMetricQuery('waterfall'), { wrapper: withProvider(store).wrapper });
    await act(async () => first.flush());
    await waitFor(() => expect(result.current.data).toBeDefined());
    const second = slowSource();
    act(() => store.getState().actions.setSource({ ...second.source, id: 'slow-2' }));
    expect(result.current).toMatchObject({ data: undefined, loading: true, stale: false });
    await act(async () => second.flush());
    await waitFor(() => expect(result.current.data).toBeDefined());
  });

  it('useCsBusy is true while any request is on its way and re-renders only when that flips; useCsPending counts them', async () => {
    const slow = slowSource();
    const store = createCsStore({ source: slow.source, period });
    let renders = 0;
    const { result } = renderHook(() => {
      renders += 1;
      useArrWaterfall();
      useRenewals();
      return { busy: useCsBusy() };
    }, { wrapper: withProvider(store).wrapper });
    const pending = renderHook(() => useCsPending(), { wrapper: withProvider(store).wrapper });
    await waitFor(() => expect(result.current.busy).toBe(true));
    expect(pending.result.current).toBeGreaterThan(1);
    await act(async () => slow.flush());
    await waitFor(() => expect(result.current.busy).toBe(false));
    expect(pending.result.current).toBe(0);
    // Two answers, two renders for them; the flag flipped once each way, not once per answer.
    const busyRenders = renders;
    act(() => store.getState().actions.setFilter('segment', ['KA']));
    await waitFor(() => expect(result.current.busy).toBe(true));
    await act(async () => slow.flush());
    await waitFor(() => expect(result.current.busy).toBe(false));
    expect(renders - busyRenders).toBeLessThanOrEqual(5);
  });

  it('identical requests from two widgets go out once', async () => {
    const slow = slowSource();
    const store = createCsStore({ source: slow.source, period });
    renderHook(() => [useRenewals(), useRenewals(), useArrWaterfall()], { wrapper: withProvider(store).wrapper });
    await act(async () => slow.flush());
    expect(slow.asked.filter((r) => r.kind === 'metric').map((r) => (r as { metric: string }).metric).sort()).toEqual(['renewals', 'waterfall']);
  });

  it('a source without a period asks for its info and takes its default period and currency', async () => {
    const slow = slowSource();
    const store = createCsStore({ source: slow.source });
    render(<CsKitProvider store={store}><span /></CsKitProvider>);
    await act(async () => slow.flush());
    await waitFor(() => expect(store.getState().info).not.toBeNull());
    expect(store.getState().period).toEqual({ from: '2025-01', to: '2025-12' });
    expect(store.getState().currency).toBe('USD');
  });

  it('a worker source: requests cross a message channel and come back answered by the worker side', async () => {
    const channel = new MessageChannel();
    const engine = prepareDataset(sample);
    const serve = serveCsRequests(channel.port2, () => engine);
    channel.port2.onmessage = (event) => serve(event.data);
    channel.port1.start();
    const source = workerSource(channel.port1);
    const answer = await source.request({ kind: 'metric', view: { period }, metric: 'kpis' });
    expect(answer).toEqual(engine.metric({ period }, 'kpis'));
    await expect(source.request({ kind: 'rows', view: { period }, rowSet: 'accounts', query: { limit: -1 } })).rejects.toThrow(/query.limit/);
    const abort = new AbortController();
    const aborted = source.request({ kind: 'summary', view: { period } }, abort.signal);
    abort.abort();
    await expect(aborted).rejects.toThrow(/abort/i);
    channel.port1.close();
  });

  it('answers held back for a batch reach their requests, with one of them aborted; two answered together each reach their own', async () => {
    const channel = new MessageChannel();
    const engine = prepareDataset(sample);
    const serve = serveCsRequests(channel.port2, () => engine, { batchMs: 60_000, prefetchAfterMs: false });
    channel.port2.onmessage = (event) => serve(event.data);
    channel.port1.start();
    const source = workerSource(channel.port1);
    const abort = new AbortController();
    const kept = source.request({ kind: 'metric', view: { period }, metric: 'nps' });
    const aborted = source.request({ kind: 'metric', view: { period }, metric: 'kpis' }, abort.signal);
    abort.abort();
    await expect(aborted).rejects.toThrow(/abort/i);
    expect(await kept).toEqual(engine.metric({ period }, 'nps'));
    // Two answered together arrive in one message, each to its own request.
    const [a, b] = await Promise.all([
      source.request({ kind: 'metric', view: { period }, metric: 'waterfall' }), source.request({ kind: 'metric', view: { period }, metric: 'retention' }),
    ]);
    expect([a, b]).toEqual([engine.metric({ period }, 'waterfall'), engine.metric({ period }, 'retention')]);
    channel.port1.close();
  });

  it('by default a worker sends a burst of answers in one message, once its queue is empty, eight answers at most', async () => {
    const channel = new MessageChannel();
    const engine = prepareDataset(sample);
    const serve = serveCsRequests(channel.port2, () => engine, { prefetchAfterMs: false });
    channel.port2.onmessage = (event) => serve(event.data);
    const messages: unknown[] = [];
    channel.port1.addEventListener('message', (event) => messages.push(event.data));
    channel.port1.start();
    const source = workerSource(channel.port1);
    const metrics = ['kpis', 'waterfall', 'nps'] as const;
    const answers = await Promise.all(metrics.map((metric) => source.request({ kind: 'metric', view: { period }, metric })));
    expect(answers).toEqual(metrics.map((metric) => engine.metric({ period }, metric)));
    expect(messages).toHaveLength(1);
    expect((messages[0] as { cskit: string; replies: unknown[] }).cskit).toBe('replies');
    expect((messages[0] as { replies: unknown[] }).replies).toHaveLength(3);
    // Ten answers: a message of eight, then one of the last two.
    messages.length = 0;
    const parts = SUMMARY_PARTS.slice(0, 10);
    expect(await Promise.all(parts.map((metric) => source.request({ kind: 'metric', view: { period }, metric }))))
      .toEqual(parts.map((metric) => engine.metric({ period }, metric)));
    expect(messages.map((message) => (message as { replies: unknown[] }).replies.length)).toEqual([8, 2]);
    channel.port1.close();
  });

  it('a worker prefetches, once idle, what a filter change of the last view is summed from; answers stay the same', async () => {
    const channel = new MessageChannel();
    const engine = prepareDataset({ ...sample });
    const ran: number[] = [];
    const spied: PreparedDataset = { ...engine, prefetch: (view) => engine.prefetch(view).map((step, i) => () => { ran.push(i); step(); }) };
    const serve = serveCsRequests(channel.port2, () => spied, { prefetchAfterMs: 0 });
    channel.port2.onmessage = (event) => serve(event.data);
    channel.port1.start();
    const source = workerSource(channel.port1);
    await source.request({ kind: 'metric', view: { period, filters: { segment: ['SMB'] } }, metric: 'kpis' });
    // Seven steps: the period's and the comparison's waterfall and renewals, account totals, renewals ahead, validation.
    await vi.waitFor(() => expect(ran).toEqual([0, 1, 2, 3, 4, 5, 6]));
    const view = { period, filters: { segment: ['MM'] } };
    const fresh = prepareDataset({ ...sample });
    for (const metric of ['kpis', 'waterfall', 'breakdowns', 'renewalFunnel', 'csmScorecard'] as const) {
      expect(await source.request({ kind: 'metric', view, metric })).toEqual(fresh.metric(view, metric));
    }
    channel.port1.close();
  });

  it('a remote source: POSTs each request to its route, revalidates with the ETag, and names the field of a 400', async () => {
    const engine = prepareDataset(sample);
    const calls: Array<{ url: string; init: RequestInit }> = [];
    const fetcher = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      const kind = url.split('/').pop() as CsRequest['kind'];
      const body = JSON.parse(String(init.body)) as Record<string, unknown>;
      if ((init.headers as Record<string, string>)['if-none-match'] === '"v1"') return new Response(null, { status: 304 });
      try {
        return new Response(JSON.stringify(answerRequest(engine, parseRequest({ ...body, kind }))), { status: 200, headers: { etag: '"v1"' } });
      } catch (error) {
        return new Response(JSON.stringify({ error: (error as Error).message, field: 'query.limit' }), { status: 400 });
      }
    }) as typeof fetch;
    const source = remoteSource({ url: '/api/cskit/', fetch: fetcher, headers: { authorization: 'Bearer t' } });
    const first = await source.request({ kind: 'metric', view: { period }, metric: 'nps' });
    const again = await source.request({ kind: 'metric', view: { period }, metric: 'nps' });
    expect(again).toEqual(first);
    expect(calls.map((c) => c.url)).toEqual(['/api/cskit/v1/metric', '/api/cskit/v1/metric']);
    expect((calls[1]?.init.headers as Record<string, string>).authorization).toBe('Bearer t');
    const failure = source.request({ kind: 'rows', view: { period }, rowSet: 'accounts', query: { limit: 1e9 } });
    await expect(failure).rejects.toBeInstanceOf(CsRemoteError);
    await expect(failure).rejects.toMatchObject({ status: 400, field: 'query.limit' });
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
