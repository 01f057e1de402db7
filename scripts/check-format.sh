#!/usr/bin/env bash
# Fails when a C++ file tracked by git is not formatted as .clang-format says.
# Fix with: git ls-files '*.cpp' '*.hpp' '*.h' | xargs clang-format -i
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "check-format: clang-format is missing (scripts/setup.sh installs it)"; exit 1; }
bad=$(git ls-files -z '*.cpp' '*.hpp' '*.h' | xargs -0 clang-format --dry-run 2>&1 | sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: warning:.*/\1/p' | sort -u)
if [[ -n "$bad" ]]; then
  echo "check-format: these files are not clang-format clean:"
  echo "$bad"
  exit 1
fi
echo "check-format: $(git ls-files '*.cpp' '*.hpp' '*.h' | wc -l) files clean"
