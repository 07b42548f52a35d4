#!/usr/bin/env bash
# Every test: types; ESLint; package, app and example builds (Next.js too); the docs site (Storybook build); unit,
# property and component tests; every Storybook story in Chromium (render, play function, axe); end-to-end tests of
# the built dashboard, the Next.js example, the demo server and the docs site; publint; the types of every entry
# (arethetypeswrong); a release dry run (changesets + pnpm publish --dry-run); the packed tarballs installed with npm into
# a fresh app (scripts/install-check.mjs); bundle budgets.
# Sets the machine up first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

status=0
# Each step's time is printed after it: the whole command has a 15-minute budget on a 2-core machine.
step() {
  local name=$1 started=$SECONDS
  echo "== $name"
  shift
  "$@" || status=1
  echo "== $name: $((SECONDS - started)) s (total $SECONDS s)"
}

mkdir -p test-results
step "typecheck" pnpm typecheck
step "lint (ESLint)" pnpm lint
step "build" pnpm build
# The e2e tests serve this build instead of building the dashboard again.
if [ "$status" = 0 ]; then export CSKIT_DASHBOARD_BUILT=1; fi
step "docs site (Storybook build)" pnpm build-storybook
if [ "$status" = 0 ]; then export CSKIT_STORYBOOK_BUILT=1; fi
step "tests: unit, storybook (Chromium), e2e (Chromium)" \
  pnpm exec vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json
step "publint" pnpm lint:packages
step "types of every entry (arethetypeswrong)" pnpm lint:types
step "release dry run" pnpm release:dry-run
step "packed tarballs in a fresh app (npm)" pnpm check:install
step "bundle budgets (size-limit)" pnpm size
node scripts/report.mjs test-results/vitest.json || status=1
exit "$status"
