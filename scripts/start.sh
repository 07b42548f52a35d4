#!/usr/bin/env bash
# One command from a bare machine to the main thing: set up, build, and print a metrics summary of the sample data.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
pnpm build
node packages/sample-data/dist/cli.js "$@"
