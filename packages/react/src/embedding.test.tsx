/** @vitest-environment jsdom */
import { answerRequest, prepareDataset } from '@cskit/metrics';
import type { DataIssue, DatasetInput } from '@cskit/metrics';
import { generateDataset } from '@cskit/sample-data';
import { cleanup, render, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CsKitProvider, issueSummary } from './context.js';
import { useCsIssues, useMetricQuery } from './hooks.js';
import { remoteSource } from './source.js';
import { useCsStore } from './store-context.js';
import { validateSafely } from './store.js';
import { serveCsRequests, workerSource } from './worker.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const sample = generateDataset({ seed: 9, accounts: 40 });
const period = { from: '2025-01', to: '2025-12' };

/** A Worker stand-in answered by `serveCsRequests` in this thread; counts how many were made and terminated. */
function fakeWorkers() {
  const engine = prepareDataset(sample);
  const made: Array<{ terminated: boolean; asked: number }> = [];
  const create = () => {
    const listeners = new Set<(event: MessageEvent) => void>();
    const record = { terminated: false, asked: 0 };
    made.push(record);
    const reply = (message: unknown) => queueMicrotask(() => { for (const listener of listeners) listener({ data: message } as MessageEvent); });
    const serve = serveCsRequests({ postMessage: reply }, () => engine);
    return {
      postMessage: (message: unknown) => { record.asked += 1; serve(message); },
      addEventListener: (_type: 'message', listener: (event: MessageEvent) => void) => listeners.add(listener),
      removeEventListener: (_type: 'message', listener: (event: MessageEvent) => void) => listeners.delete(listener),
      terminate: () => { record.terminated = true; },
    };
  };
  return { made, create };
}

function Probe() {
  return <>{String(useMetricQuery('kpis').data?.kpis.arr ?? 'loading')}</>;
}

describe('sources written inline in JSX', () => {
  it('a worker source made on every render: the Provider keeps the first and terminates each new one', async () => {
    const workers = fakeWorkers();
    const page = (n: number) => (
      <CsKitProvider source={workerSource(workers.create(), 'v1')} options={{ period }}>
        <Probe />
        <span>{n}</span>
      </CsKitProvider>
    );
    const view = render(page(0));
    for (let n = 1; n <= 5; n += 1) view.rerender(page(n));
    await waitFor(() => expect(view.container.textContent).not.toContain('loading'));
    expect(workers.made).toHaveLength(6);
    expect(workers.made.map((w) => w.terminated)).toEqual([false, true, true, true, true, true]);
    expect(workers.made.slice(1).every((w) => w.asked === 0)).toBe(true);
  });

  it('a remote source made on every render with the same options asks nothing again', async () => {
    const engine = prepareDataset(sample);
    const fetched: string[] = [];
    vi.stubGlobal('fetch', async (url: string, init: { body: string }) => {
      fetched.push(url);
      const kind = url.slice(url.lastIndexOf('/') + 1);
      const body = JSON.stringify(answerRequest(engine, { kind, ...JSON.parse(init.body) } as never));
      return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
    });
    const page = (n: number) => (
      <CsKitProvider source={remoteSource({ url: '/api/cskit', headers: { authorization: 'Bearer x' } })} options={{ period }}>
        <Probe />
        <span>{n}</span>
      </CsKitProvider>
    );
    const view = render(page(0));
    await waitFor(() => expect(view.container.textContent).not.toContain('loading'));
    const asked = fetched.length;
    for (let n = 1; n <= 5; n += 1) view.rerender(page(n));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(view.container.textContent).not.toContain('loading');
    expect(fetched.length).toBe(asked);
    // Another token is another viewer: a new source, asked again.
    expect(remoteSource({ url: '/api/cskit', headers: { authorization: 'Bearer y' } }).id)
      .not.toBe(remoteSource({ url: '/api/cskit', headers: { authorization: 'Bearer x' } }).id);
  });
});

describe('validation is visible', () => {
  const bad = {
    accounts: [{ id: 'a', name: 'A', signedAt: '2025-02-30' }, { id: 'b', name: 'B', signedAt: '2024-01-01' }],
    contracts: [{ id: 'c1', accountId: 'a', start: '2025-01-01', end: '2025-12-31', arr: 100 }],
  };

  it('useCsIssues lists the issues by collection, row and field; onIssues gets them; development prints a summary', async () => {
    const onIssues = vi.fn();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const wrapper = ({ children }: { children: ReactNode }) => <CsKitProvider dataset={bad} onIssues={onIssues}>{children}</CsKitProvider>;
    const { result } = renderHook(() => useCsIssues(), { wrapper });
    const first = result.current[0] as DataIssue;
    expect(first).toMatchObject({ severity: 'error', collection: 'accounts', index: 0, field: 'signedAt' });
    await waitFor(() => expect(onIssues).toHaveBeenCalledTimes(1));
    expect(onIssues.mock.calls[0]?.[0]).toBe(result.current);
    // The contract of the left-out account is an issue too: nothing is dropped silently.
    expect(result.current.some((issue) => issue.collection === 'contracts' && issue.index === 0)).toBe(true);
    expect(warn).toHaveBeenCalledWith(issueSummary(result.current));
    expect(issueSummary(result.current)).toMatch(/^cskit: \d+ issues in the data \(\d+ errors?, \d+ warnings?\); .*accounts\[0\]\.signedAt/);
  });

  it('DatasetInput names the contract: a misspelled field is a compile error (typecheck), and a runtime issue all the same', () => {
    const good: DatasetInput = { accounts: [{ id: 'a', name: 'A', signedAt: '2025-01-01' }], contracts: [] };
    // @ts-expect-error `signedat` is not a field of an account (and `signedAt` is missing)
    const misspelled: DatasetInput = { accounts: [{ id: 'a', name: 'A', signedat: '2025-01-01' }] };
    // @ts-expect-error `contract` is not a collection
    const unknownCollection: DatasetInput = { accounts: [], contract: [] };
    const frozen = { accounts: [{ id: 'a', name: 'A', signedAt: '2025-01-01' }] } as const;
    expect(validateSafely(frozen satisfies DatasetInput).issues).toEqual([]);
    expect(validateSafely(good).issues).toEqual([]);
    expect(validateSafely(misspelled).issues).toContainEqual(expect.objectContaining({ collection: 'accounts', index: 0, field: 'signedAt' }));
    expect(unknownCollection.accounts).toEqual([]);
  });

  it('input that is not a dataset object is an error issue of an empty dataset, never a thrown render', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    for (const input of [null, 'Internal Server Error', [{ id: 'a' }], 42]) {
      const wrapper = ({ children }: { children: ReactNode }) => <CsKitProvider dataset={input as unknown as DatasetInput}>{children}</CsKitProvider>;
      const { result } = renderHook(() => ({ issues: useCsIssues(), accounts: useCsStore((s) => s.dataset?.accounts.length) }), { wrapper });
      expect(result.current.accounts).toBe(0);
      expect(result.current.issues).toEqual([expect.objectContaining({ severity: 'error', collection: 'dataset', index: -1 })]);
      cleanup();
    }
  });
});
