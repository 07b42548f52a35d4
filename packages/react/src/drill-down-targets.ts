/**
 * The accounts behind a chart mark, without React: the drill-down targets charts report and their resolution with
 * `@cskit/metrics`. Importable alone as `@cskit/react/drill-down-targets`, e.g. in a Web Worker (the dashboard
 * resolves drill-downs of large datasets in its worker), where React and the Provider modules have no place.
 */
import {
  attributionAccountIds, cohortAccountIds, funnelStageAccountIds, groupAccountIds, npsAccountIds, renewals, tierAccountIds,
  transitionAccountIds,
} from '@cskit/metrics';
import type {
  AttributionField, BreakdownDimension, Dataset, FunnelStageName, HealthModelInput, HealthTier, Month, NpsCategory, Period,
  TransitionKind,
} from '@cskit/metrics';

export type DrillDownTarget =
  | { kind: 'accounts'; accountIds: readonly string[] }
  | { kind: 'tier'; month: Month; tier: HealthTier }
  | { kind: 'transition'; transition: TransitionKind }
  | { kind: 'group'; dimension: BreakdownDimension; key: string }
  | { kind: 'cohort'; cohort: Month }
  | { kind: 'nps'; category: NpsCategory }
  | { kind: 'renewal-stage'; stage: FunnelStageName }
  | { kind: 'attribution'; field: AttributionField };

/** What a chart reports when a mark is picked (click, Enter or Space). */
export interface DrillDown {
  /** Human words for the breadcrumb, in the chart's locale: "Churn", "Quadrant: critical". */
  label: string;
  /** The chart it came from, e.g. `'arr-waterfall'`. */
  source: string;
  target: DrillDownTarget;
}

export interface DrillDownContext {
  period: Period;
  model: HealthModelInput;
  graceMonths: number;
}

/** The accounts behind a drill-down target, as its metric counted them. */
export function drillDownAccountIds(dataset: Dataset, target: DrillDownTarget, context: DrillDownContext): string[] {
  const { period, model, graceMonths } = context;
  switch (target.kind) {
    case 'accounts': return [...target.accountIds];
    case 'tier': return tierAccountIds(dataset, { month: target.month, model }, target.tier);
    case 'transition': return transitionAccountIds(dataset, { period, model }, target.transition);
    case 'group': return groupAccountIds(dataset, target.dimension, target.key);
    case 'cohort': return cohortAccountIds(dataset, target.cohort);
    case 'nps': return npsAccountIds(dataset, { period }, target.category);
    case 'renewal-stage': return funnelStageAccountIds(renewals(dataset, { period, graceMonths }), target.stage);
    case 'attribution': return attributionAccountIds(dataset, { period, model }, target.field);
  }
}
