#!/usr/bin/env bash
# One command from a bare machine to the main thing: set up, build, and serve the demo dashboard on the sample data.
# Options: PORT (default 4173), HOST (default 127.0.0.1; use 0.0.0.0 to reach it from another machine).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
pnpm build
PORT="${PORT:-4173}"
HOST="${HOST:-127.0.0.1}"
echo
echo "cskit demo dashboard: http://$HOST:$PORT/   (Ctrl-C to stop)"
echo "  large sample in a Web Worker: http://$HOST:$PORT/?accounts=100000"
echo
exec pnpm --filter @cskit/dashboard exec vite preview --host "$HOST" --port "$PORT" --strictPort
