/**
 * What the browser benchmark mounts: each cskit widget and the equivalent Recharts chart, on the same data.
 * Recharts has no waterfall or heatmap type; the equivalents are the usual recipes (a stacked bar chart with an
 * invisible base; a scatter chart of square cells), as a team without cskit would build them.
 */
import { ArrWaterfall } from '@cskit/charts/waterfall';
import { CohortHeatmap } from '@cskit/charts/cohort-heatmap';
import { HealthQuadrant } from '@cskit/charts/quadrant';
import { accountSummaries, arrMovements, cohorts } from '@cskit/metrics';
import type { AccountSummary, HealthQuadrants, QuadrantAccount } from '@cskit/metrics';
import { generateDataset } from '@cskit/sample-data';
import { AccountsTable } from '@cskit/table';
import type { ReactElement } from 'react';
import { Bar, BarChart, Cell, ReferenceLine, Scatter, ScatterChart, XAxis, YAxis, Tooltip, ZAxis } from 'recharts';

const period = { from: '2025-01', to: '2025-12' };
const dataset = generateDataset({ seed: 7, accounts: 3000 });
const waterfall = arrMovements(dataset, { period, graceMonths: 1 });
const cohortResult = cohorts(dataset, { from: '2024-01', to: '2025-12', measure: 'logo' });

function tenThousandPoints(): HealthQuadrants {
  let seed = 11;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const accounts: QuadrantAccount[] = Array.from({ length: 10_000 }, (_, i) => {
    const outcome = Math.round(random() * 1000) / 10;
    const experience = Math.round(random() * 1000) / 10;
    const quadrant = outcome >= 60 ? (experience >= 60 ? 'loyal' : 'grudging') : experience >= 60 ? 'unrealized' : 'critical';
    return { accountId: `a${i}`, quadrant, outcome, experience, arr: Math.round(2000 + random() * 200_000) };
  });
  const quadrants = { loyal: { count: 0, arr: 0 }, unrealized: { count: 0, arr: 0 }, grudging: { count: 0, arr: 0 }, critical: { count: 0, arr: 0 } };
  for (const a of accounts) {
    quadrants[a.quadrant].count += 1;
    quadrants[a.quadrant].arr += a.arr;
  }
  return { month: '2025-12', thresholds: { outcome: 60, experience: 60 }, accounts, quadrants };
}
const quadrantData = tenThousandPoints();

export function tableRows(count: number): AccountSummary[] {
  const base = accountSummaries(dataset, { period });
  return Array.from({ length: count }, (_, i) => {
    const row = base[i % base.length] as AccountSummary;
    return { ...row, accountId: `${row.accountId}-${i}`, name: `${row.name} #${i}`, arr: (i * 7919) % 250_000 };
  });
}

const steps = [
  { name: 'Opening', base: 0, value: waterfall.opening },
  { name: 'New', value: waterfall.new },
  { name: 'Expansion', value: waterfall.expansion },
  { name: 'Reactivation', value: waterfall.reactivation },
  { name: 'Contraction', value: waterfall.contraction },
  { name: 'Churn', value: waterfall.churn },
  { name: 'Closing', base: 0, value: waterfall.closing },
];
let running = 0;
const rechartsWaterfall = steps.map((step) => {
  const isTotal = step.base === 0;
  const low = isTotal ? 0 : Math.min(running, running + step.value);
  const height = Math.abs(step.value);
  if (!isTotal) running += step.value;
  else running = step.value;
  return { name: step.name, base: low, height, negative: step.value < 0 };
});

const heatCells = cohortResult.cohorts.flatMap((row, r) => row.cells.map((cell) => ({ x: cell.offset, y: r, value: cell.value ?? 0 })));

export const SCENARIOS: Record<string, () => ReactElement> = {
  'waterfall/cskit': () => <ArrWaterfall data={waterfall} width={880} height={320} />,
  'waterfall/recharts': () => (
    <BarChart width={880} height={320} data={rechartsWaterfall}>
      <XAxis dataKey="name" />
      <YAxis />
      <Tooltip />
      <Bar dataKey="base" stackId="w" fill="transparent" isAnimationActive={false} />
      <Bar dataKey="height" stackId="w" isAnimationActive={false}>
        {rechartsWaterfall.map((d) => <Cell key={d.name} fill={d.negative ? '#d55e00' : '#0072b2'} />)}
      </Bar>
    </BarChart>
  ),
  'cohort-heatmap/cskit': () => <CohortHeatmap data={cohortResult} width={880} />,
  'cohort-heatmap/recharts': () => (
    <ScatterChart width={880} height={Math.max(120, 24 + cohortResult.cohorts.length * 26)}>
      <XAxis type="number" dataKey="x" />
      <YAxis type="number" dataKey="y" reversed />
      <ZAxis type="number" dataKey="value" range={[400, 400]} />
      <Tooltip />
      <Scatter data={heatCells} shape="square" isAnimationActive={false}>
        {heatCells.map((cell, i) => <Cell key={i} fill={`rgba(8, 69, 148, ${Math.min(1, cell.value)})`} />)}
      </Scatter>
    </ScatterChart>
  ),
  'quadrant-10k/cskit': () => <HealthQuadrant data={quadrantData} width={880} height={480} />,
  'quadrant-10k/recharts': () => (
    <ScatterChart width={880} height={480}>
      <XAxis type="number" dataKey="outcome" domain={[0, 100]} />
      <YAxis type="number" dataKey="experience" domain={[0, 100]} />
      <Tooltip />
      <ReferenceLine x={60} stroke="#666" strokeDasharray="4 3" />
      <ReferenceLine y={60} stroke="#666" strokeDasharray="4 3" />
      <Scatter data={quadrantData.accounts} fill="#0072b2" isAnimationActive={false} />
    </ScatterChart>
  ),
};

export function Table({ rows }: { rows: AccountSummary[] }) {
  return <AccountsTable data={rows} height={600} />;
}
