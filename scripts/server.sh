#!/usr/bin/env bash
# The web server as production runs it (`npm start`, which also sets NODE_ENV=production; the demo,
# the benchmarks and the end-to-end tests start it through this file too): the compiled server
# (build/server.js, from `npm run build`) under plain node, with the memory settings measured in
# docs/decisions/006-compiled-server.md. Arguments go to the server. `exec`: the process that
# receives SIGTERM is the server itself.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f build/server.js ]; then
  echo "amanah: no build/server.js: run \`npm run build\` first" >&2
  exit 1
fi
# glibc gives each thread that allocates its own malloc arena (up to 8 per core); memory freed in
# one is rarely returned, so the process keeps what its busiest moment needed. Two are plenty:
# JavaScript runs on one thread.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
# A 4 MB semi-space (V8's default grows to 16 MB, so 32 MB of young generation) keeps a streamed
# export's short-lived garbage from costing ~20 MB of resident memory; it costs 5–10 % on a large
# export and on pages rendered afresh (cached pages: nothing), measured in decision 006.
exec node --max-semi-space-size=4 build/server.js "$@"
