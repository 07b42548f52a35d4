/** Subpath entry `@cskit/charts/account-story`: an app importing only this component bundles only it. */
export { AccountStoryChart } from '../account-story/AccountStoryChart.js';
export type { AccountStoryChartProps } from '../account-story/AccountStoryChart.js';
