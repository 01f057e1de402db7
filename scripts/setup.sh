#!/usr/bin/env bash
# Installs every Debian package Rynek needs to build, run, test and benchmark.
# This is the one list of system dependencies. Non-interactive and idempotent:
# packages already present are left alone, and apt runs only when something is missing.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git ca-certificates clang-format
  # libraries (see docs/ARCHITECTURE.md for what each is for)
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev libboost-locale1.81-dev
  libsqlite3-dev sqlite3 libcmark-gfm-dev libcmark-gfm-extensions-dev
  libkainjow-mustache-dev libspdlog-dev libfmt-dev libcli11-dev libtomlplusplus-dev
  libsodium-dev libcurl4-openssl-dev libical-dev libicu-dev zlib1g-dev libmagic-dev
  libxlsxwriter-dev libvips-dev
  # translations
  gettext
  # tests: unit, SMTP receiver, browser
  libgtest-dev python3 python3-aiosmtpd chromium fonts-dejavu-core
  # fuzzing (scripts/fuzz.sh, docs/FUZZING.md): libFuzzer with ASan+UBSan
  clang-14 libfuzzer-14-dev
  # benchmarks
  nginx-light wrk
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
# Node.js runs the browser tests; any node >= 18 will do (Debian 12 ships 18).
if ! command -v node >/dev/null 2>&1; then missing+=(nodejs); fi
if ! command -v npm >/dev/null 2>&1; then missing+=(npm); fi

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# nginx is only a benchmark baseline: keep the packaged service from holding port 80.
if command -v systemctl >/dev/null 2>&1; then systemctl disable --now nginx >/dev/null 2>&1 || true; fi
