// `pnpm release:dry-run` (in the test command): what `pnpm release` would publish, without publishing: pending
// changesets are valid and each package packs (pnpm publish --dry-run). The repository is not changed.
import { execFileSync } from 'node:child_process';

const run = (command, args) => execFileSync(command, args, { stdio: 'inherit' });
run('pnpm', ['exec', 'changeset', 'status']);
run('pnpm', ['-r', '--filter', './packages/**', 'publish', '--dry-run', '--no-git-checks', '--access', 'public']);
