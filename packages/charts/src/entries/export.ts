/** Subpath entry `@cskit/charts/export`: saving a rendered chart as SVG or PNG, without importing any chart. */
export { chartSvg, downloadChart, exportChart } from '../internal/export.js';
export type { ChartImageFormat, ChartImageOptions } from '../internal/export.js';
