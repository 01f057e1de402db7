#!/usr/bin/env bash
# Installs what is missing, checks formatting, builds, and runs every test:
#   1. release build (-Werror): GoogleTest unit tests, black-box integration tests
#      against the real binary, browser tests in headless Chromium with axe-core;
#   2. ASan+UBSan build: the unit and integration tests again;
#   3. libFuzzer harnesses (clang-14, ASan+UBSan): 15 s each on their seed corpora.
# Any failure stops the run with a non-zero exit.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

step() { printf '\n=== %s ===\n' "$*"; }

step "system packages"
scripts/setup.sh

step "formatting (clang-format)"
scripts/check-format.sh

step "npm packages (browser tests)"
npm ci --no-audit --no-fund --loglevel=error

step "release build"
scripts/build.sh build -DCMAKE_BUILD_TYPE=RelWithDebInfo

step "unit tests"
(cd build && ctest --output-on-failure --no-tests=error -j2)

step "integration tests"
RYNEK_BIN="$root/build/rynek" node --test --test-concurrency=1 tests/integration/

step "browser tests"
RYNEK_BIN="$root/build/rynek" node --test --test-concurrency=1 tests/e2e/

step "ASan+UBSan build"
scripts/build.sh build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRYNEK_SANITIZE=ON

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

step "unit tests under ASan+UBSan"
(cd build-asan && ctest --output-on-failure --no-tests=error -j2)

step "integration tests under ASan+UBSan"
RYNEK_BIN="$root/build-asan/rynek" node --test --test-concurrency=1 tests/integration/

step "fuzzing (15 s per harness)"
# Its own sanitizer options (leak checks on, no strict strings in libFuzzer's own code).
ASAN_OPTIONS= UBSAN_OPTIONS= scripts/fuzz.sh 15

step "all tests passed"
