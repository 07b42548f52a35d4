/** Debian's Chromium through playwright-core, and a preview server of the built dashboard, for the e2e tests. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { createServer, preview } from 'vite';
import { CHROMIUM, CHROMIUM_ARGS } from '../../scripts/chromium.mjs';
import type { PreviewServer, ViteDevServer } from 'vite';

export const ARTIFACTS = fileURLToPath(new URL('../../test-results/e2e/', import.meta.url));
const APP = fileURLToPath(new URL('../../apps/dashboard/', import.meta.url));
const VITE = `${APP}node_modules/vite/bin/vite.js`;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * Serves the built app on a free port. It is built first unless `scripts/test.sh` has just built it
 * (CSKIT_DASHBOARD_BUILT=1), so `pnpm test:e2e` alone never tests a stale build.
 */
/** The built dashboard's folder, built first unless `scripts/test.sh` has just built it (CSKIT_DASHBOARD_BUILT=1). */
export function builtDashboard(): string {
  // Built in its own process: under Vitest NODE_ENV is 'test', and an in-process build would ship React's
  // development build.
  if (process.env.CSKIT_DASHBOARD_BUILT !== '1' || !existsSync(`${APP}dist/index.html`)) {
    execFileSync(process.execPath, [VITE, 'build', '--logLevel', 'warn'], { cwd: APP, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
    process.env.CSKIT_DASHBOARD_BUILT = '1';
  }
  return `${APP}dist/`;
}

export async function serveDashboard(): Promise<{ url: string; server: PreviewServer }> {
  builtDashboard();
  const server = await preview({ root: APP, configFile: `${APP}vite.config.ts`, preview: { port: 0, host: '127.0.0.1', strictPort: false }, logLevel: 'warn' });
  const address = server.resolvedUrls?.local[0];
  if (!address) throw new Error('preview server has no local URL');
  return { url: address, server };
}

/** `pnpm dev`'s server (development React, StrictMode, React Refresh) on a free port. */
export async function serveDashboardDev(): Promise<{ url: string; server: ViteDevServer }> {
  const server = await createServer({ root: APP, configFile: `${APP}vite.config.ts`, server: { port: 0, host: '127.0.0.1', strictPort: false }, logLevel: 'warn' });
  await server.listen();
  const address = server.resolvedUrls?.local[0];
  if (!address) throw new Error('dev server has no local URL');
  return { url: address, server };
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Serves the built Storybook (the docs site and every story) on a free port. scripts/test.sh builds it just before
 * the tests (CSKIT_STORYBOOK_BUILT=1); alone, a test builds it first.
 */
export async function serveStorybook(): Promise<{ url: string; server: PreviewServer }> {
  if (process.env.CSKIT_STORYBOOK_BUILT !== '1' || !existsSync(`${ROOT}storybook-static/index.html`)) {
    execFileSync('pnpm', ['build-storybook'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
    process.env.CSKIT_STORYBOOK_BUILT = '1';
  }
  const server = await preview({ root: ROOT, configFile: false, build: { outDir: 'storybook-static' }, preview: { port: 0, host: '127.0.0.1', strictPort: false }, logLevel: 'warn' });
  const address = server.resolvedUrls?.local[0];
  if (!address) throw new Error('preview server has no local URL');
  return { url: address, server };
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe over the page (or the part `selector` names), every rule: each violation as "id: help at its first targets". */
export async function axeViolations(page: Page, selector?: string): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async (context) => {
    interface Violation { id: string; help: string; nodes: Array<{ target: unknown[] }> }
    const axe = (window as unknown as { axe: { run: (context: Document | string) => Promise<{ violations: Violation[] }> } }).axe;
    const { violations } = await axe.run(context ?? document);
    return violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(', ')}`);
  }, selector);
}
