// `pnpm lint:types`: @arethetypeswrong/cli on every package's packed tarball (ESM profile: the packages are ES modules;
// CSS entries excluded). Fails when any entry's types do not resolve as its JavaScript does.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

let failed = false;
for (const pkg of readdirSync('packages')) {
  try {
    execFileSync('pnpm', ['exec', 'attw', '--pack', `packages/${pkg}`, '--profile', 'esm-only', '--exclude-entrypoints', 'styles.css', 'theme.css', '--format', 'ascii'], { stdio: 'pipe' });
    console.log(`attw: @cskit/${pkg} ok`);
  } catch (error) {
    failed = true;
    console.error(`attw: @cskit/${pkg} failed\n${error.stdout}${error.stderr}`);
  }
}
process.exit(failed ? 1 : 0);
