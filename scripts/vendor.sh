#!/bin/sh
# Copies the browser libraries the pages use from node_modules into static/vendor/,
# so the server (which serves only <resources>/static) can hand them out from its
# own origin: the CSP allows scripts from 'self' only, never from a CDN.
# Run after `npm ci`. static/vendor/ is generated: it is in .gitignore.
set -eu
cd "$(dirname "$0")/.."
source_file=node_modules/hls.js/dist/hls.min.js
if [ ! -f "$source_file" ]; then
  echo "vendor.sh: $source_file is missing; run 'npm ci' first" >&2
  exit 1
fi
mkdir -p static/vendor
cp "$source_file" static/vendor/hls.min.js
cp node_modules/hls.js/LICENSE static/vendor/hls.LICENSE.txt 2>/dev/null || true
