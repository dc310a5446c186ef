#!/usr/bin/env bash
# The whole test suite: unit, integration and end-to-end (real SQLite, Redis, HTTP and Chromium).
# Ends with one line "N passed, N failed" and exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
require_node
ensure_npm_deps
ensure_debian redis-server redis-server pdftotext poppler-utils
ensure_chromium

echo "amanah test: building the app and the server for end-to-end tests …" >&2
npx tsx scripts/app-build.ts >/dev/null || die "the build failed."

mkdir -p .data
report=.data/vitest-report.json
rm -rf "$report" .data/test
status=0
NODE_OPTIONS="--import ./scripts/node20-polyfills.mjs ${NODE_OPTIONS:-}" npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" || status=$?
[ -f "$report" ] || die "vitest wrote no report (exit $status)."
node scripts/test-summary.mjs "$report" || status=1
exit "$status"
