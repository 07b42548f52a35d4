#!/usr/bin/env bash
# Sets up a bare machine for cskit: pnpm from the npm registry (corepack is not used), Chromium from Debian's
# packages for the browser tests, then the workspace. Safe to run again: it skips what is already in place.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION="$(node -p "require('./package.json').packageManager.split('@')[1]")"
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  echo "setup: installing pnpm@$PNPM_VERSION from the npm registry"
  npm install --global --no-fund --no-audit "pnpm@$PNPM_VERSION"
fi

# Browser tests drive Debian's Chromium; no test tool may download a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
CHROMIUM="${CSKIT_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing chromium from Debian's packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "setup: $CHROMIUM is missing; install Debian's chromium package (or set CSKIT_CHROMIUM) for the browser tests" >&2
  fi
fi

echo "setup: installing workspace dependencies"
pnpm install --frozen-lockfile
