#!/usr/bin/env bash
# Every test: types, unit and property tests, package builds and publint. Sets the machine up first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

echo "== typecheck"
pnpm typecheck
echo "== unit and property tests"
mkdir -p test-results
status=0
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json || status=$?
echo "== build and publint"
pnpm build
pnpm lint:packages
node scripts/report.mjs test-results/vitest.json
exit "$status"
