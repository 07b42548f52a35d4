/**
 * The scales the charts use, from d3-scale (which @visx/scale wraps), with visx's config-object call style. Imported
 * directly: @visx/scale's wrappers bring every interpolator (Lab, HCL, cubehelix color spaces) and the time scales
 * into each chart's bundle, ~1.5 kB gzipped that no chart uses (BENCHMARKS.md, bundles).
 */
import { scaleBand as d3ScaleBand, scaleLinear as d3ScaleLinear, scaleSqrt as d3ScaleSqrt } from 'd3-scale';
import type { ScaleBand, ScaleLinear, ScalePower } from 'd3-scale';

interface ContinuousConfig {
  domain: readonly number[];
  range: readonly number[];
  /** Extends the domain to round values (d3's `nice()`). */
  nice?: boolean;
}

export function scaleLinear<Output = number>({ domain, range, nice = false }: ContinuousConfig): ScaleLinear<Output, Output> {
  const scale = d3ScaleLinear<Output>().domain(domain).range(range as unknown as Output[]);
  return nice ? scale.nice() : scale;
}

export function scaleSqrt<Output = number>({ domain, range, nice = false }: ContinuousConfig): ScalePower<Output, Output> {
  const scale = d3ScaleSqrt<Output>().domain(domain).range(range as unknown as Output[]);
  return nice ? scale.nice() : scale;
}

/** A band scale; `padding` sets the inner and outer padding alike, as visx's does. */
export function scaleBand<Domain extends { toString(): string }>({ domain, range, padding = 0 }: { domain: readonly Domain[]; range: readonly [number, number]; padding?: number }): ScaleBand<Domain> {
  return d3ScaleBand<Domain>().domain(domain).range(range).padding(padding);
}
