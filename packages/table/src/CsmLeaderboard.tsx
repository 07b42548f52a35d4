import type { CsmScorecard, CsmScorecardRow } from '@cskit/metrics';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import { AccountName } from './internal/cells.js';
import { DataGrid } from './internal/DataGrid.js';
import type { Features } from './internal/features.js';
import { useGrid } from './internal/use-grid.js';
import { useTableText } from './internal/use-table-text.js';
import type { TableBaseProps } from './internal/use-table-text.js';

export interface CsmLeaderboardProps extends TableBaseProps {
  /** The result of `csmScorecard` / `useCsmScorecard`; its team totals form the footer row. */
  data: CsmScorecard;
  /** The address of a CSM's page: names become links (a plain click calls `onOpenCsm` when given). */
  csmHref?: (csmId: string) => string;
  /** Opens a CSM's page in the app (client-side navigation); alone, names become buttons. */
  onOpenCsm?: (csmId: string) => void;
  /** The first column's head (default "CSM"): e.g. "Team" for the scorecard's `teams` rows. */
  nameHeader?: string;
}

const helper = createColumnHelper<Features, CsmScorecardRow>();

/** One row per CSM (largest book first), sortable by any figure, with the team totals in the footer. */
export function CsmLeaderboard({ data, csmHref, onOpenCsm, nameHeader, ...props }: CsmLeaderboardProps) {
  const { f, t } = useTableText(props);
  const columns = useMemo(() => {
    const totals = data.totals;
    const money = (key: 'arr' | 'csqlWonArr', header: string) => helper.accessor(key, {
      header, sortDescFirst: true, filterFn: 'inNumberRange', cell: (c) => f.currency(c.getValue()), footer: () => f.currency(totals[key]),
      meta: { align: 'right', filter: 'range' },
    });
    const count = (key: 'accounts' | 'saves' | 'wins' | 'csqlCount', header: string) => helper.accessor(key, {
      header, sortDescFirst: true, cell: (c) => f.number(c.getValue(), 0), footer: () => f.number(totals[key], 0), meta: { align: 'right' },
    });
    const rate = (key: 'logoRate' | 'dollarRate', header: string) => helper.accessor((row) => row[key] ?? undefined, {
      id: key, header, sortUndefined: 'last', sortDescFirst: true, cell: (c) => f.percent(c.getValue() ?? null),
      footer: () => f.percent(totals[key]), meta: { align: 'right', csv: (row: CsmScorecardRow) => row[key] },
    });
    return [
      helper.accessor('name', {
        header: nameHeader ?? t.headers.csm, sortFn: 'text', footer: () => t.teamTotal, meta: { filter: 'text' },
        // Accounts without a CSM form a row with no page of its own.
        cell: (c) => (c.row.original.csmId === null ? c.getValue()
          : <AccountName name={c.getValue()} accountId={c.row.original.csmId} {...(csmHref ? { accountHref: csmHref } : {})} {...(onOpenCsm ? { onOpenAccount: onOpenCsm } : {})} />),
      }),
      count('accounts', t.headers.accounts),
      money('arr', t.headers.arr),
      helper.accessor((row) => row.arrPerAccount ?? undefined, {
        id: 'arrPerAccount', header: t.headers.arrPerAccount, sortUndefined: 'last', sortDescFirst: true, cell: (c) => f.currency(c.getValue() ?? null),
        footer: () => f.currency(totals.arrPerAccount), meta: { align: 'right', csv: (row: CsmScorecardRow) => row.arrPerAccount },
      }),
      rate('logoRate', t.headers.logoRate),
      rate('dollarRate', t.headers.dollarRate),
      helper.accessor((row) => row.meanHealthScore ?? undefined, {
        id: 'meanHealth', header: t.headers.meanHealth, sortUndefined: 'last', sortDescFirst: true, cell: (c) => f.number(c.getValue() ?? null, 1),
        footer: () => f.number(totals.meanHealthScore, 1), meta: { align: 'right', csv: (row: CsmScorecardRow) => row.meanHealthScore },
      }),
      count('saves', t.headers.saves),
      count('wins', t.headers.wins),
      helper.accessor((row) => row.nps ?? undefined, {
        id: 'nps', header: t.headers.nps, sortUndefined: 'last', sortDescFirst: true, cell: (c) => f.number(c.getValue() ?? null, 0),
        footer: () => f.number(totals.nps, 0), meta: { align: 'right', csv: (row: CsmScorecardRow) => row.nps },
      }),
      count('csqlCount', t.headers.csqlCount),
      money('csqlWonArr', t.headers.csqlWonArr),
      // Targets on track (SPEC 14), "2 / 3"; sorted by the share on track, rows without targets last.
      helper.accessor((row) => (row.targets > 0 ? row.targetsOnTrack / row.targets : undefined), {
        id: 'targets', header: t.headers.targetsOnTrack, sortUndefined: 'last', sortDescFirst: true,
        cell: (c) => (c.row.original.targets > 0 ? `${f.number(c.row.original.targetsOnTrack, 0)} / ${f.number(c.row.original.targets, 0)}` : '—'),
        footer: () => (totals.targets > 0 ? `${f.number(totals.targetsOnTrack, 0)} / ${f.number(totals.targets, 0)}` : '—'),
        meta: { align: 'right', csv: (row: CsmScorecardRow) => (row.targets > 0 ? `${row.targetsOnTrack}/${row.targets}` : null) },
      }),
    ];
  }, [data.totals, f, t, csmHref, onOpenCsm, nameHeader]);
  const table = useGrid({ data: data.csms, columns, getRowId: (row) => row.csmId ?? '(none)', initialSorting: [{ id: 'arr', desc: true }] });
  return (
    <DataGrid
      table={table} labels={t} caption={props.caption ?? t.captions.leaderboard} name="csm-leaderboard" height={props.height ?? 420}
      theme={props.theme} className={props.className} totalRows={data.csms.length} showFooter
    />
  );
}
