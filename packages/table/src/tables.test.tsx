/** @vitest-environment jsdom */
import { accountStory, accountSummaries, csmScorecard, earlyWarnings, prepareDataset, renewals } from '@cskit/metrics';
import type { AccountSummary, Dataset } from '@cskit/metrics';
import { CsKitProvider, createCsStore } from '@cskit/react';
import { generateDataset } from '@cskit/sample-data';
import type { ReactNode } from 'react';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AccountsTable } from './AccountsTable.js';
import { CsmLeaderboard } from './CsmLeaderboard.js';
import { EarlyWarningTable } from './EarlyWarningTable.js';
import { RenewalsTable } from './RenewalsTable.js';
import { RenewalsAheadTable } from './RenewalsAheadTable.js';
import { AccountTimelineTable } from './AccountTimelineTable.js';

afterEach(cleanup);

const period = { from: '2025-01', to: '2025-12' };
const dataset: Dataset = {
  csms: [{ id: 'c1', name: 'Ana' }, { id: 'c2', name: 'Bo' }],
  accounts: [
    { id: 'a', name: 'Acme', signedAt: '2024-01-01', csmId: 'c1', segment: 'KA' },
    { id: 'b', name: '=HYPERLINK("x")', signedAt: '2024-01-01', csmId: 'c2', segment: 'SMB' },
    { id: 'c', name: 'Cobalt', signedAt: '2024-01-01', csmId: 'c1', segment: 'SMB' },
  ],
  contracts: [
    { id: 'a1', accountId: 'a', start: '2025-01-01', end: '2025-12-31', arr: 3000 },
    { id: 'b1', accountId: 'b', start: '2025-01-01', end: '2025-12-31', arr: 1000 },
    { id: 'c1', accountId: 'c', start: '2024-07-01', end: '2025-06-30', arr: 2000 },
    { id: 'c2', accountId: 'c', start: '2025-07-01', end: '2026-06-30', arr: 2000 },
  ],
  health: [
    { accountId: 'a', month: '2025-12', outcome: 90, experience: 90 },
    { accountId: 'b', month: '2025-12', outcome: 20, experience: 20 },
    { accountId: 'c', month: '2025-12', outcome: 60, experience: 60 },
  ],
  // Known activity in January only: 0 in the months after (an account with no record at all is never warned).
  activity: ['a', 'b', 'c'].map((accountId) => ({ accountId, month: '2025-01', activeUsers: 1, licensedUsers: 10 })),
};
const rows = accountSummaries(dataset, { period });

function bodyNames(): string[] {
  const table = screen.getByRole('table');
  return within(table).getAllByRole('row').slice(2).map((row) => within(row).getAllByRole('cell')[1]?.textContent ?? '');
}

/**
 * The first 20 rows' text after one click on a column's sort button and after a second (one render). Rows are read
 * by their `aria-rowindex` (header, filters, then data: the virtualizer's spacers have none), not `getAllByRole`,
 * which computes the accessibility tree and made these tests 40 s.
 */
function sortOrders(mount: () => { unmount: () => void }, column: RegExp): { first: Array<string | null>; second: Array<string | null> } {
  const { unmount } = mount();
  const header = within(screen.getByRole('columnheader', { name: column })).getByRole('button');
  const rows = () => [...screen.getByRole('table').querySelectorAll('tr[aria-rowindex]')].slice(2, 22).map((row) => row.textContent);
  fireEvent.click(header);
  const first = rows();
  fireEvent.click(header);
  const second = rows();
  unmount();
  return { first, second };
}

describe('AccountsTable', () => {
  it('sorts by ARR descending first; a header click sorts and announces the sort', () => {
    render(<AccountsTable data={rows} />);
    expect(bodyNames()).toEqual(['Acme', 'Cobalt', '=HYPERLINK("x")']);
    const arrHeader = screen.getByRole('columnheader', { name: /^ARR/ });
    expect(arrHeader.getAttribute('aria-sort')).toBe('descending');
    fireEvent.click(within(arrHeader).getByRole('button'));
    expect(arrHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(bodyNames()).toEqual(['=HYPERLINK("x")', 'Cobalt', 'Acme']);
    expect(screen.getByText('Sorted by ARR ascending')).toBeTruthy();
  });

  it('shift-click adds a second sort column', () => {
    render(<AccountsTable data={rows} />);
    fireEvent.click(within(screen.getByRole('columnheader', { name: /^Segment/ })).getByRole('button'));
    const account = within(screen.getByRole('columnheader', { name: /^Account/ })).getByRole('button');
    fireEvent.click(account, { shiftKey: true });
    expect(bodyNames()).toEqual(['Acme', '=HYPERLINK("x")', 'Cobalt']);
    fireEvent.click(account, { shiftKey: true });
    expect(bodyNames()).toEqual(['Acme', 'Cobalt', '=HYPERLINK("x")']);
    expect(screen.getByText('Sorted by Segment ascending, then Account descending')).toBeTruthy();
  });

  it('global search, text, range and tier filters', () => {
    render(<AccountsTable data={rows} />);
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'cob' } });
    expect(bodyNames()).toEqual(['Cobalt']);
    expect(screen.getByText('1 of 3 rows')).toBeTruthy();
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Filter ARR (min)'), { target: { value: '1500' } });
    expect(bodyNames()).toEqual(['Acme', 'Cobalt']);
    fireEvent.change(screen.getByLabelText('Filter Tier'), { target: { value: 'green' } });
    expect(bodyNames()).toEqual(['Acme']);
    fireEvent.change(screen.getByLabelText('Filter Tier'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Filter Account'), { target: { value: 'acm' } });
    expect(bodyNames()).toEqual(['Acme']);
  });

  it('tiers read as words with a shape, never color alone', () => {
    render(<AccountsTable data={rows} />);
    const acme = screen.getAllByRole('row').find((row) => row.textContent?.includes('Acme'));
    expect(acme?.textContent).toContain('● Green');
  });

  it('ticked rows become the store selection; a chart selection filters the rows until cleared', () => {
    const store = createCsStore({ dataset, period });
    render(<CsKitProvider dataset={dataset} store={store}><AccountsTable data={rows} /></CsKitProvider>);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select Acme' }));
    expect(store.getState().selection?.target).toEqual({ kind: 'accounts', accountIds: ['a'] });
    expect(bodyNames()).toHaveLength(3);
    act(() => store.getState().actions.select({ accountIds: ['b', 'c'], label: 'Quadrant: critical', source: 'health-quadrant' }));
    expect(bodyNames().sort()).toEqual(['=HYPERLINK("x")', 'Cobalt']);
    expect(screen.getByText('Showing 2 accounts from Quadrant: critical')).toBeTruthy();
    expect((screen.getByRole('checkbox', { name: 'Select Cobalt' }) as HTMLInputElement).checked).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Show all accounts' }));
    expect(store.getState().selection).toBeNull();
    expect(bodyNames()).toHaveLength(3);
  });

  it('exports the visible rows and columns as CSV, with the formula-like name escaped', async () => {
    const saved: string[] = [];
    const createObjectURL = vi.fn((blob: Blob) => {
      const reader = new FileReader();
      reader.onload = () => saved.push(String(reader.result));
      reader.readAsText(blob);
      return 'blob:csv';
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    render(<AccountsTable data={rows} />);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Segment' }));
    fireEvent.change(screen.getByLabelText('Filter ARR (max)'), { target: { value: '2500' } });
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await vi.waitFor(() => expect(saved).toHaveLength(1));
    const lines = (saved[0] ?? '').replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Account,CSM,Region,ARR,Health score,Tier,Health change (month),Biggest fall,Quadrant,NPS,Activity rate,Next renewal,Renewal status');
    // No health in November: no change over the month, no biggest fall.
    expect(lines[1]).toBe('Cobalt,Ana,,2000,60,green-yellow,,,loyal,,0,2026-06-30,renewed');
    expect(lines[2]).toBe(`"'=HYPERLINK(""x"")",Bo,,1000,20,red,,,critical,,0,2025-12-31,open`);
    expect(lines).toHaveLength(4);
    click.mockRestore();
  });

  it('virtualizes: 100k rows keep the DOM under 1,400 nodes', () => {
    const many: AccountSummary[] = Array.from({ length: 100_000 }, (_, i) => ({
      ...(rows[0] as AccountSummary), accountId: `acc-${i}`, name: `Account ${i}`, arr: (i * 7919) % 100_000,
    }));
    const { container } = render(<AccountsTable data={many} height={600} />);
    expect(container.querySelectorAll('*').length).toBeLessThan(1400);
    expect(screen.getByRole('table').getAttribute('aria-rowcount')).toBe('100002');
    // Building 100k row models in jsdom is slow on a loaded machine; this asserts DOM size, not speed.
  }, 60_000);
});

describe('paged tables: rows read a page at a time from the Provider', () => {
  const sample = generateDataset({ seed: 3, accounts: 700 });
  const view = { period };
  const summaries = accountSummaries(sample, view);
  const byArr = [...summaries].sort((a, b) => b.arr - a.arr);
  const wrap = (node: ReactNode, store = createCsStore({ dataset: sample, period })) => render(<CsKitProvider store={store}>{node}</CsKitProvider>);
  const names = () => within(screen.getByRole('table')).getAllByRole('row').slice(2).map((row) => within(row).queryAllByRole('cell')[1]?.textContent ?? '');

  it('sorts and counts where the data is: the first rows are the largest ARR of all 700', () => {
    wrap(<AccountsTable height={400} />);
    expect(screen.getByRole('table').getAttribute('aria-rowcount')).toBe('702');
    expect(names().slice(0, 5)).toEqual(byArr.slice(0, 5).map((r) => r.name));
    expect(screen.getByText('700 rows')).toBeTruthy();
    fireEvent.click(within(screen.getByRole('columnheader', { name: /^Account/ })).getByRole('button'));
    const byName = summaries.map((r) => r.name).sort((a, b) => (a.toLowerCase() > b.toLowerCase() ? 1 : a.toLowerCase() < b.toLowerCase() ? -1 : 0));
    expect(names().slice(0, 3)).toEqual(byName.slice(0, 3));
  });

  // One test per column: the ten took 33-99 s together on a loaded 2-core machine, over one test's budget.
  it.each([/^Account/, /^CSM/, /^Segment/, /^Region/, /^ARR/, /^Health score/, /^Tier/, /^NPS/, /^Activity rate/, /^Next renewal/])(
    'sorts the %s column in the order a local table sorts it (TanStack order), both directions',
    (column) => {
      const paged = sortOrders(() => wrap(<AccountsTable height={900} />), column);
      const local = sortOrders(() => render(<AccountsTable data={summaries} height={900} />), column);
      expect(paged, String(column)).toEqual(local);
      expect(paged.second, `${column}: the second click reverses`).not.toEqual(paged.first);
    },
  );

  it('filters and searches at the source; the count says how many match', () => {
    wrap(<AccountsTable height={400} />);
    fireEvent.change(screen.getByLabelText('Filter Segment'), { target: { value: 'KA' } });
    const ka = byArr.filter((r) => r.segment === 'KA');
    expect(screen.getByText(`${ka.length} of 700 rows`)).toBeTruthy();
    expect(names().slice(0, 3)).toEqual(ka.slice(0, 3).map((r) => r.name));
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'acme' } });
    expect(screen.getByText(`${ka.filter((r) => r.name.toLowerCase().includes('acme')).length} of 700 rows`)).toBeTruthy();
  });

  it('a chart drill-down narrows the rows to its accounts', () => {
    const store = createCsStore({ dataset: sample, period });
    wrap(<AccountsTable height={400} />, store);
    act(() => store.getState().actions.select({ target: { kind: 'group', dimension: 'segment', key: 'MM' }, label: 'Segment: MM' }));
    const mm = summaries.filter((r) => r.segment === 'MM').length;
    expect(screen.getByText(`Showing ${mm} accounts from Segment: MM`)).toBeTruthy();
    expect(screen.getByRole('table').getAttribute('aria-rowcount')).toBe(String(mm + 2));
  });

  it('renewals and early warnings page too, in the metric order', () => {
    wrap(<><RenewalsTable height={300} /><EarlyWarningTable height={300} /></>);
    const [renewalsGrid, warningsGrid] = screen.getAllByRole('table');
    const due = renewals(sample, view).items;
    expect(renewalsGrid?.getAttribute('aria-rowcount')).toBe(String(due.length + 2));
    const firstDue = within(renewalsGrid as HTMLElement).getAllByRole('row')[2];
    expect(within(firstDue as HTMLElement).getAllByRole('cell')[1]?.textContent).toBe(due[0]?.contractId);
    const warnings = earlyWarnings(sample, { asOf: period.to }).items;
    expect(warningsGrid?.getAttribute('aria-rowcount')).toBe(String(warnings.length + 2));
  });

  const aheadOf = () => {
    const engine = prepareDataset(sample);
    return { ...engine.metric(view, 'renewalsAhead'), items: engine.rowsAll(view, 'renewals-ahead') };
  };
  let ahead: ReturnType<typeof aheadOf> | undefined;
  /** The renewals ahead as a local table holds them (prepared once for the tests below). */
  const localAhead = () => (ahead ??= aheadOf());

  it.each([/^Account/, /^Due date/, /^Due ARR/, /^Tier/, /^Status/, /^Renewal likelihood/, /^Expected ARR/, /^Risk/])(
    'renewals ahead page in the order a local table sorts them: the %s column both ways',
    (column) => {
      const paged = sortOrders(() => wrap(<RenewalsAheadTable height={900} />), column);
      expect(paged, String(column)).toEqual(sortOrders(() => render(<RenewalsAheadTable data={localAhead()} height={900} />), column));
    },
  );

  it('renewals ahead filter and count at the source', () => {
    const local = localAhead();
    expect(local.items.length).toBeGreaterThan(20);
    wrap(<RenewalsAheadTable height={400} />);
    fireEvent.change(screen.getByLabelText('Filter Risk'), { target: { value: 'red' } });
    const red = local.items.filter((item) => item.riskReasons.includes('red')).length;
    expect(screen.getByText(`${red} of ${local.items.length} rows`)).toBeTruthy();
  });

  it('exports every matching row, not just those in view', async () => {
    const saved: string[] = [];
    Object.assign(URL, {
      createObjectURL: vi.fn((blob: Blob) => {
        const reader = new FileReader();
        reader.onload = () => saved.push(String(reader.result));
        reader.readAsText(blob);
        return 'blob:csv';
      }),
      revokeObjectURL: vi.fn(),
    });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    wrap(<AccountsTable height={300} />);
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await vi.waitFor(() => expect(saved).toHaveLength(1));
    expect((saved[0] ?? '').trim().split('\r\n')).toHaveLength(701);
    click.mockRestore();
  });
});

describe('RenewalsTable, EarlyWarningTable and CsmLeaderboard', () => {
  it('renewals: status words, due and renewal ARR, days late', () => {
    render(<RenewalsTable data={renewals(dataset, { period })} accountName={(id) => (id === 'c' ? 'Cobalt' : id)} />);
    const cobalt = screen.getAllByRole('row').find((row) => row.textContent?.includes('Cobalt'));
    expect(cobalt?.textContent).toBe('Cobaltc12025-06-30$2,000$2,000Renewed0');
  });

  it('early warnings keep the metric order and show the rates', () => {
    render(<EarlyWarningTable data={earlyWarnings(dataset, { asOf: '2025-12' })} />);
    const body = screen.getAllByRole('row').slice(2).map((row) => row.textContent);
    expect(body).toEqual(['a$3,0000% → 0% → 0%2025-12-31', 'c$2,0000% → 0% → 0%2026-06-30', 'b$1,0000% → 0% → 0%2025-12-31']);
  });

  it('leaderboard has a team totals footer', () => {
    render(<CsmLeaderboard data={csmScorecard(dataset, { period })} />);
    const footer = screen.getByRole('rowheader', { name: 'Team total' }).closest('tr');
    expect(footer?.textContent).toContain('$6,000');
    expect(screen.getAllByRole('row').slice(2, 4).map((row) => within(row).getAllByRole('cell')[0]?.textContent)).toEqual(['Ana', 'Bo']);
  });
});

describe('account links, the renewals ahead and the timeline', () => {
  it('names open the account: a link with its address, a plain click handled in the page, a modified click left to the browser', () => {
    const open = vi.fn();
    render(<AccountsTable data={rows} accountHref={(id) => `/accounts/${id}`} onOpenAccount={open} />);
    const acme = screen.getByRole('link', { name: 'Acme' });
    expect(acme.getAttribute('href')).toBe('/accounts/a');
    fireEvent.click(acme);
    expect(open).toHaveBeenCalledWith('a');
    fireEvent.click(acme, { ctrlKey: true });
    expect(open).toHaveBeenCalledTimes(1);
    cleanup();
    render(<RenewalsTable data={renewals(dataset, { period })} onOpenAccount={open} accountName={(id) => (id === 'c' ? 'Cobalt' : id)} />);
    fireEvent.click(screen.getByRole('button', { name: 'Cobalt' }));
    expect(open).toHaveBeenLastCalledWith('c');
  });

  it('health change over the month and the component that fell most, in words', () => {
    const withNovember = { ...dataset, health: [...(dataset.health ?? []), { accountId: 'a', month: '2025-11', outcome: 100, experience: 90 }] };
    render(<AccountsTable data={accountSummaries(withNovember, { period })} />);
    // Acme: 0.8 x 100 + 0.2 x 90 = 98 in November, 90 in December: -8, of which outcome -8, experience 0.
    const acme = screen.getAllByRole('row').find((row) => row.textContent?.includes('Acme'));
    expect(within(acme as HTMLElement).getAllByRole('cell').map((cell) => cell.textContent)).toContain('−8');
    expect(acme?.textContent).toContain('Outcome score −8');
  });

  it('the timeline lists the story\'s events newest first, in words', () => {
    const story = accountStory({ ...dataset, nps: [{ id: 'n1', accountId: 'c', date: '2025-03-05', score: 4 }] }, 'c', { period });
    render(<AccountTimelineTable data={story} />);
    expect(screen.getAllByRole('row').slice(2).map((row) => row.textContent)).toEqual([
      '2025-07-01Contract startsc2$2,000',
      '2025-06-30Contract endsRenewed$2,000',
      '2025-03-05NPS response4/10—',
    ]);
  });
});
