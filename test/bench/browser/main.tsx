/**
 * The benchmark page. `window.cskitBench` mounts a scenario and resolves with the milliseconds from the start of
 * the render to the next paint (a frame after React's commit), and the DOM size; the runner calls it repeatedly.
 */
import '@cskit/charts/styles.css';
import '@cskit/table/styles.css';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { Root } from 'react-dom/client';
import { SCENARIOS, Table, tableRows } from './scenarios.js';

const container = document.getElementById('root') as HTMLElement;
let root: Root | null = null;

const nextPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

async function mount(name: string): Promise<{ ms: number; nodes: number }> {
  root?.unmount();
  root = createRoot(container);
  await nextPaint();
  const scenario = SCENARIOS[name];
  if (!scenario) throw new Error(`unknown scenario ${name}`);
  const start = performance.now();
  flushSync(() => root?.render(scenario()));
  await nextPaint();
  return { ms: performance.now() - start, nodes: container.querySelectorAll('*').length };
}

/** Mounts the accounts table with `count` rows, then sorts by ARR, then by name: each sort's time to next paint, and DOM size. */
async function sortTable(count: number): Promise<{ mountMs: number; sortMs: number; textSortMs: number; nodes: number }> {
  root?.unmount();
  root = createRoot(container);
  const rows = tableRows(count);
  const mountStart = performance.now();
  flushSync(() => root?.render(<Table rows={rows} />));
  await nextPaint();
  const mountMs = performance.now() - mountStart;
  const sortBy = async (header: string) => {
    const button = [...container.querySelectorAll('th button')].find((b) => b.textContent?.startsWith(header)) as HTMLButtonElement;
    const start = performance.now();
    flushSync(() => button.click());
    await nextPaint();
    return performance.now() - start;
  };
  const sortMs = await sortBy('ARR');
  const textSortMs = await sortBy('Account');
  return { mountMs, sortMs, textSortMs, nodes: container.querySelectorAll('*').length };
}

declare global {
  interface Window {
    cskitBench: { scenarios: string[]; mount: typeof mount; sortTable: typeof sortTable };
  }
}
window.cskitBench = { scenarios: Object.keys(SCENARIOS), mount, sortTable };
