/** Subpath entry `@cskit/charts/account-story`: an app importing only this chart bundles only this chart. */
export { AccountStoryChart } from '../account-story/AccountStoryChart.js';
export type { AccountStoryChartProps } from '../account-story/AccountStoryChart.js';
