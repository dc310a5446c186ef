#!/usr/bin/env bash
# The demo: Redis, migrated and seeded SQLite, the platform sandbox, the workers and the dashboard.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
require_node
ensure_npm_deps
[ -n "${REDIS_URL:-}" ] || ensure_debian redis-server redis-server
ensure_chromium
# The dashboard and the compiled web server (build/), when missing or older than the sources.
npx tsx scripts/app-build.ts --if-stale || die "the build failed."
export AMANAH_DEMO=1
# Production mode on this machine only (core/config.ts: the demo password needs a loopback HOST).
export NODE_ENV=production
export HOST="${HOST:-127.0.0.1}"
exec npx tsx scripts/demo.ts "$@"
