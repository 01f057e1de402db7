#!/usr/bin/env bash
# Installs what is missing, builds Rynek and starts it with demo content on an
# embedded SQLite file at http://127.0.0.1:8080 (data in ./data). Extra arguments
# go to `rynek serve`, e.g. scripts/run.sh --listen 0.0.0.0:8080
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# hls.js for self-hosted broadcasts is served from static/vendor/ (npm's postinstall copies it).
npm ci --omit=dev --no-audit --no-fund --loglevel=error
scripts/build.sh build -DCMAKE_BUILD_TYPE=RelWithDebInfo
exec build/rynek serve --demo "$@"
