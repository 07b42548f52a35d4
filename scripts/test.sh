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

# Steps that keep one core busy each (tsc, ESLint, packing and checking tarballs) run side by side, each into its own
# log printed after it (in order), so the two cores work on both: e.g. typecheck 52-67 s and lint 20-29 s took their sum.
together() {
  local started=$SECONDS pids=() logs=() i=0
  while [ $# -gt 0 ]; do
    local name=$1 command=$2 log="test-results/step-$i.log"
    shift 2
    (
      began=$SECONDS
      echo "== $name"
      if bash -c "$command"; then rc=0; else rc=1; fi
      echo "== $name: $((SECONDS - began)) s (side by side)"
      exit "$rc"
    ) > "$log" 2>&1 &
    pids+=("$!")
    logs+=("$log")
    i=$((i + 1))
  done
  for j in "${!pids[@]}"; do
    wait "${pids[$j]}" || status=1
    cat "${logs[$j]}"
  done
  echo "== side by side: $((SECONDS - started)) s (total $SECONDS s)"
}

mkdir -p test-results
together "typecheck" "pnpm typecheck" "lint (ESLint)" "pnpm lint"
step "build" pnpm build
# The e2e tests serve this build instead of building the dashboard again.
if [ "$status" = 0 ]; then export CSKIT_DASHBOARD_BUILT=1; fi
step "docs site (Storybook build)" pnpm build-storybook
if [ "$status" = 0 ]; then export CSKIT_STORYBOOK_BUILT=1; fi
step "tests: unit, storybook (Chromium), e2e (Chromium)" \
  pnpm exec vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json
# Each of the three runs even when one before it fails; the packed-install check packs into its own directory.
together "publint, types of every entry (arethetypeswrong), release dry run" \
  "r=0; pnpm lint:packages || r=1; pnpm lint:types || r=1; pnpm release:dry-run || r=1; exit \$r" \
  "packed tarballs in a fresh app (npm)" "pnpm check:install"
step "bundle budgets (size-limit)" pnpm size
node scripts/report.mjs test-results/vitest.json || status=1
exit "$status"
