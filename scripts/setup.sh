#!/usr/bin/env bash
# Sets up a bare machine for cskit: pnpm from the npm registry (corepack is not used), Chromium and PostgreSQL from
# Debian's packages for the browser and database tests, then the workspace. Safe to run again: it skips what is already in place.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION="$(node -p "require('./package.json').packageManager.split('@')[1]")"
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  echo "setup: installing pnpm@$PNPM_VERSION from the npm registry"
  npm install --global --no-fund --no-audit "pnpm@$PNPM_VERSION"
fi

# Browser tests drive Debian's Chromium; no test tool may download a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# Chinese fonts, so zh-CN pages (and their e2e screenshots) render characters rather than empty boxes.
CHROMIUM="${CSKIT_CHROMIUM:-/usr/bin/chromium}"
missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
[ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)
# The PostgreSQL loader's integration test starts a throwaway server (a Unix socket only) from Debian's package.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || [ -n "${CSKIT_PG_BIN:-}" ] || missing+=(postgresql)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing ${missing[*]} from Debian's packages"
    if [[ " ${missing[*]} " == *" postgresql "* ]]; then
      # Only the binaries: no default cluster is created or started (tests start their own on a socket and stop it).
      mkdir -p /etc/postgresql-common
      grep -qs '^create_main_cluster' /etc/postgresql-common/createcluster.conf || echo 'create_main_cluster = false' >> /etc/postgresql-common/createcluster.conf
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "setup: missing ${missing[*]}; install them from Debian's packages (or set CSKIT_CHROMIUM, CSKIT_PG_BIN) for the browser and database tests" >&2
  fi
fi

echo "setup: installing workspace dependencies"
pnpm install --frozen-lockfile
