#!/usr/bin/env bash
# Installs what the demo and the tests need on a fresh Debian machine: npm packages from the
# lockfile, and Debian packages (Redis, Chromium, poppler) where missing. Sourced by demo.sh/test.sh.
set -euo pipefail

die() { echo "amanah setup: $*" >&2; exit 1; }

require_node() {
  command -v node >/dev/null || die "Node.js 20 or newer is required (node not found on PATH)."
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$major" -ge 20 ] || die "Node.js 20 or newer is required (found $(node --version))."
}

# `npm ci` cannot be used here: the reachable registry lacks some other-platform optional
# packages the lockfile omits. `npm install` with the committed lockfile leaves it unchanged.
ensure_npm_deps() {
  local stamp=node_modules/.amanah-lock
  if [ -f "$stamp" ] && cmp -s package-lock.json "$stamp" && [ -f node_modules/better-sqlite3/build/Release/better_sqlite3.node ]; then
    return
  fi
  echo "amanah setup: installing npm packages from package-lock.json …" >&2
  npm install --no-audit --no-fund --loglevel=error >&2 || die "npm install failed (see the messages above)."
  cp package-lock.json "$stamp"
}

# Debian packages: binary → package.
ensure_debian() {
  local missing=()
  while [ $# -gt 0 ]; do
    command -v "$1" >/dev/null || missing+=("$2")
    shift 2
  done
  [ ${#missing[@]} -eq 0 ] && return
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    die "missing Debian packages: ${missing[*]}. Install them (apt-get install ${missing[*]}) or run as root on Debian."
  fi
  echo "amanah setup: installing Debian packages: ${missing[*]} …" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 || die "apt-get update failed; cannot install ${missing[*]}."
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 || die "apt-get install ${missing[*]} failed."
}

ensure_chromium() {
  if [ -n "${CHROMIUM_PATH:-}" ]; then
    [ -x "$CHROMIUM_PATH" ] || die "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable."
    return
  fi
  ensure_debian chromium chromium
}
