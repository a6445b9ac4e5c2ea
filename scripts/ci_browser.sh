#!/usr/bin/env bash
# The dashboard's browser test: install Debian's Chromium and the npm files (Leaflet, marker clusters,
# world-atlas outlines, topojson-client), then run the tests marked e2e.
#
#   scripts/ci_browser.sh                # set up, then run pytest -m e2e
#   scripts/ci_browser.sh --setup-only   # set up only (then `make test` runs the e2e test with the rest)
#
# Needs root (or sudo) for apt-get the first time; npm ci reads package-lock.json at the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."

setup_only=0
if [ "${1:-}" = "--setup-only" ]; then
  setup_only=1
  shift
fi

if [ ! -x /usr/bin/chromium ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "ci_browser.sh: /usr/bin/chromium is missing; run as root: apt-get install chromium" >&2
      exit 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
fi
/usr/bin/chromium --version 2>/dev/null | head -n 1 || true

if ! command -v npm >/dev/null 2>&1; then
  sudo=""
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi

npm ci --no-audit --no-fund --loglevel=error

if [ "$setup_only" -eq 1 ]; then
  exit 0
fi
python="${PYTHON:-.venv/bin/python}"
[ -x "$python" ] || python=python3
exec "$python" -m pytest -q -m e2e tests/e2e "$@"
