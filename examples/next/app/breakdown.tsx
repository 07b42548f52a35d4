'use client';
/**
 * A client component around SegmentBars: its `value` picks a figure of each group, and a function cannot cross
 * from a Server Component to the client, so the picking happens here and the server passes data only.
 */
import type { SegmentBarsData } from '@cskit/charts/segment-bars';
import type { GroupSummary } from '@cskit/metrics';
import { SegmentBars } from '@cskit/charts/segment-bars';

export function NrrBySegment({ data }: { data: SegmentBarsData<GroupSummary> }) {
  return <SegmentBars data={data} value={(group) => group.nrr} valueLabel="NRR" format="percent" title="NRR by segment" />;
}
