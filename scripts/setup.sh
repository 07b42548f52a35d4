#!/usr/bin/env bash
# Sets up a bare machine for cskit: pnpm from the npm registry (corepack is not used), then the workspace.
# Safe to run again: it skips what is already in place.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION="$(node -p "require('./package.json').packageManager.split('@')[1]")"
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  echo "setup: installing pnpm@$PNPM_VERSION from the npm registry"
  npm install --global --no-fund --no-audit "pnpm@$PNPM_VERSION"
fi

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
echo "setup: installing workspace dependencies"
pnpm install --frozen-lockfile
