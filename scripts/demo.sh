#!/usr/bin/env bash
# The demo: Redis, migrated and seeded SQLite, the platform sandbox, the workers and the dashboard.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
require_node
ensure_npm_deps
[ -n "${REDIS_URL:-}" ] || ensure_debian redis-server redis-server
ensure_chromium
if [ ! -f build/index.js ] || [ -n "$(find app -newer build/index.js -print -quit)" ]; then
  echo "amanah demo: building the dashboard …" >&2
  npx remix build >/dev/null || die "remix build failed."
fi
export AMANAH_DEMO=1
# Production mode on this machine only (core/config.ts: the demo password needs a loopback HOST).
export NODE_ENV=production
export HOST="${HOST:-127.0.0.1}"
exec npx tsx scripts/demo.ts "$@"
