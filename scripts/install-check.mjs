// `pnpm check:install` (in the test command, after the build): the packages as a new embedding team gets them.
// Packs every package (pnpm pack: `workspace:^` becomes a real range), installs the tarballs with npm into a fresh
// app (test/install/app: Vite + React 19 + strict TypeScript, a worker source, a chart, a KPI card, a table, the
// issues panel) and proves:
// - npm resolves one copy of each @cskit package and of React (charts and table take them as peers);
// - the app typechecks strictly against the packed types and `vite build` builds it;
// - under `vite dev` the page loads once (the worker's dependencies are pre-bundled: no reload on first worker
//   load) and the built app (`vite preview`) shows the KPI from its worker and the issues panel;
// - CommonJS TypeScript (`module: nodenext`) compiles and runs on Node (require() of the ES modules), a data worker
//   (`@cskit/server/worker`) among them: its worker file ships in the tarball and answers.
// Everything runs in a temporary folder, servers on 127.0.0.1, all stopped and removed at the end.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.mjs';

const root = resolve(import.meta.dirname, '..');
const PACKAGES = ['metrics', 'react', 'charts', 'table', 'sample-data', 'server', 'import', 'sql'];
/** The host's own dependencies, at the versions this repository builds and tests with. */
const HOST_DEPENDENCIES = ['react', 'react-dom'];
const HOST_DEV_DEPENDENCIES = ['vite', '@vitejs/plugin-react', 'typescript', '@types/react', '@types/react-dom', '@types/node'];

const work = mkdtempSync(join(tmpdir(), 'cskit-install-'));
const app = join(work, 'app');
const run = (command, args, cwd = app) => execFileSync(command, args, { cwd, stdio: 'inherit', env: { ...process.env, NODE_ENV: '' } });
const versionOf = (name) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
const failures = [];
const check = (ok, message) => {
  console.log(`${ok ? 'ok' : 'FAILED'}: ${message}`);
  if (!ok) failures.push(message);
};

try {
  const tarballs = pack();
  writeApp(tarballs);
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error']);
  checkOneCopy();
  run('npx', ['tsc', '-p', 'tsconfig.json']);
  run('npx', ['tsc', '-p', 'tsconfig.worker.json']);
  check(true, 'the app and its worker typecheck (strict, library types checked too) against the packed types');
  run('npx', ['vite', 'build', '--logLevel', 'warn']);
  check(existsSync(join(app, 'dist', 'index.html')), 'vite build builds the app');
  await checkInBrowser();
  run('npx', ['tsc', '-p', 'node/tsconfig.json']);
  const out = execFileSync('node', ['--no-warnings', 'node-dist/main.cjs'], { cwd: app, encoding: 'utf8' });
  const printed = JSON.parse(out);
  check(printed.accounts > 0 && printed.arr > 0 && printed.handler === 'function' && printed.importedArr === 1200 && printed.sql === 'function' && printed.workerAccounts === 50, `CommonJS TypeScript (module nodenext) compiles and runs: ${out.trim()}`);
} catch (error) {
  failures.push(String(error instanceof Error ? error.message : error));
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (failures.length > 0) {
  console.error(`install check failed:\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log('install check: the packed packages install, typecheck, build and run in a fresh app');

function pack() {
  const tarballs = join(work, 'tarballs');
  for (const name of PACKAGES) {
    if (!existsSync(join(root, 'packages', name, 'dist'))) throw new Error(`packages/${name}/dist is missing: run pnpm build first`);
    execFileSync('pnpm', ['pack', '--pack-destination', tarballs], { cwd: join(root, 'packages', name), stdio: 'pipe' });
  }
  const files = readdirSync(tarballs);
  return Object.fromEntries(PACKAGES.map((name) => {
    const file = files.find((f) => f.startsWith(`cskit-${name}-`) && f.endsWith('.tgz'));
    if (!file) throw new Error(`no tarball for @cskit/${name}`);
    return [`@cskit/${name}`, `file:${join(tarballs, file)}`];
  }));
}

function writeApp(tarballs) {
  cpSync(join(root, 'test', 'install', 'app'), app, { recursive: true });
  const pinned = (names) => Object.fromEntries(names.map((name) => [name, versionOf(name)]));
  const manifest = {
    name: 'cskit-install-check', private: true, type: 'module',
    dependencies: { ...tarballs, ...pinned(HOST_DEPENDENCIES) },
    devDependencies: pinned(HOST_DEV_DEPENDENCIES),
  };
  writeFileSync(join(app, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** No package of the kit or React nested under another: a second copy would split the Provider's context. */
function checkOneCopy() {
  const nested = [];
  const modules = join(app, 'node_modules');
  for (const scope of ['@cskit', '@tanstack']) {
    for (const name of existsSync(join(modules, scope)) ? readdirSync(join(modules, scope)) : []) {
      const inner = join(modules, scope, name, 'node_modules');
      for (const dup of ['@cskit', 'react', 'react-dom', '@tanstack/react-query', 'zustand']) if (existsSync(join(inner, dup))) nested.push(`${scope}/${name}/node_modules/${dup}`);
    }
  }
  check(nested.length === 0, `one copy of each @cskit package, React, TanStack Query and zustand${nested.length ? `: nested ${nested.join(', ')}` : ''}`);
}

async function checkInBrowser() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    await withServer(['vite', '--port', '5291', '--strictPort', '--host', '127.0.0.1'], 'http://127.0.0.1:5291/', async (url, log) => {
      const { loads } = await visit(browser, url);
      check(loads === 1 && !/reload/i.test(log()), `vite dev: the page loads once, the worker's dependencies pre-bundled (loads: ${loads})`);
    });
    await withServer(['vite', 'preview', '--port', '5292', '--strictPort', '--host', '127.0.0.1'], 'http://127.0.0.1:5292/', async (url) => {
      const { kpi, issues } = await visit(browser, url);
      check(/\$[\d.,]+[KM]?/.test(kpi), `the built app shows the ARR KPI from its worker: ${kpi}`);
      check(/signedAt/.test(issues), 'the built app lists the bad record in <CsIssues />');
    });
  } finally {
    await browser.close();
  }
}

async function visit(browser, url) {
  const page = await browser.newPage();
  let loads = 0;
  page.on('load', () => { loads += 1; });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  const card = page.locator('.cskit-kpi').first();
  await card.getByText(/\$/).first().waitFor({ timeout: 60_000 });
  await page.waitForTimeout(1_500); // a reload after the worker's first load would come now
  const result = { loads, kpi: (await card.innerText()).replace(/\s+/g, ' '), issues: await page.locator('body').innerText() };
  check(errors.length === 0, `no page errors at ${url}${errors.length ? `: ${errors.join('; ')}` : ''}`);
  await page.close();
  return result;
}

async function withServer(args, url, body) {
  let output = '';
  const server = spawn('npx', args, { cwd: app, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  server.stdout.on('data', (chunk) => { output += chunk; });
  server.stderr.on('data', (chunk) => { output += chunk; });
  try {
    for (let i = 0; i < 100 && !(await reachable(url)); i += 1) await new Promise((done) => setTimeout(done, 200));
    await body(url, () => output);
  } finally {
    process.kill(-server.pid, 'SIGTERM');
  }
}

async function reachable(url) {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}
