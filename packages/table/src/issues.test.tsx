/** @vitest-environment jsdom */
import { generateDataset } from '@cskit/sample-data';
import { CsKitProvider, localSource } from '@cskit/react';
import type { CsSource } from '@cskit/react';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { RenewalsTable } from './index.js';
import { CsIssues } from './issues.js';

afterEach(cleanup);

describe('CsIssues', () => {
  it("lists the Provider's issues by collection, row and field, with the counts of errors and warnings", () => {
    const bad = {
      accounts: [{ id: 'a', name: 'A', signedAt: '2025-02-30' }, { id: 'b', name: 'B', signedAt: '2024-01-01' }],
      contracts: [{ id: 'c1', accountId: 'a', start: '2025-01-01', end: '2025-12-31', arr: 100 }],
    };
    render(<CsKitProvider dataset={bad}><CsIssues /></CsKitProvider>);
    const section = screen.getByRole('region', { name: 'Data issues' }).closest('section') as HTMLElement;
    expect(within(section).getByRole('status').textContent).toMatch(/^2 errors \(records left out of every figure\), 0 warnings$/);
    const rows = within(section).getAllByRole('row').slice(1).map((row) => Array.from(row.querySelectorAll('td'), (td) => td.textContent));
    expect(rows[0]?.slice(0, 4)).toEqual(['Error', 'accounts', '0', 'signedAt']);
    expect(rows[1]?.slice(0, 2)).toEqual(['Error', 'contracts']);
  });

  it('renders nothing without issues', () => {
    const { container } = render(<CsKitProvider dataset={generateDataset({ seed: 1, accounts: 5 })}><CsIssues /></CsKitProvider>);
    expect(container.textContent).toBe('');
  });
});

describe('a paged table whose request failed', () => {
  it('shows the failure as an alert in its body with a Retry button that asks again', async () => {
    const local = localSource(generateDataset({ seed: 2, accounts: 30 }));
    let calls = 0;
    const flaky: CsSource = {
      ...local, id: 'flaky-rows', answerNow: undefined,
      request: (request, signal) => {
        if (request.kind === 'rows') {
          calls += 1;
          if (calls === 1) return Promise.reject(Object.assign(new Error('the server answered 503'), { field: undefined }));
        }
        return local.request(request, signal);
      },
    };
    render(<CsKitProvider source={flaky} options={{ period: { from: '2025-01', to: '2025-12' } }}><RenewalsTable height={300} /></CsKitProvider>);
    const alert = await waitFor(() => screen.getByRole('alert'));
    expect(alert.textContent).toBe('Could not load these rows: the server answered 503');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(calls).toBeGreaterThanOrEqual(2);
  });
});
