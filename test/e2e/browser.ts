/** Debian's Chromium through playwright-core, and a preview server of the built dashboard, for the e2e tests. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { build, preview } from 'vite';
import { CHROMIUM, CHROMIUM_ARGS } from '../../scripts/chromium.mjs';
import type { PreviewServer } from 'vite';

export const ARTIFACTS = fileURLToPath(new URL('../../test-results/e2e/', import.meta.url));
const APP = fileURLToPath(new URL('../../apps/dashboard/', import.meta.url));

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Serves the built app (building it first when `apps/dashboard/dist` is missing) on a free port. */
export async function serveDashboard(): Promise<{ url: string; server: PreviewServer }> {
  if (!existsSync(`${APP}dist/index.html`)) await build({ root: APP, configFile: `${APP}vite.config.ts`, logLevel: 'warn' });
  const server = await preview({ root: APP, configFile: `${APP}vite.config.ts`, preview: { port: 0, host: '127.0.0.1', strictPort: false }, logLevel: 'warn' });
  const address = server.resolvedUrls?.local[0];
  if (!address) throw new Error('preview server has no local URL');
  return { url: address, server };
}
