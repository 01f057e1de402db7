#!/usr/bin/env bash
# scripts/fuzz.sh [SECONDS | --runs N] [HARNESS...]: builds the libFuzzer harnesses of
# tests/fuzz/ with clang-14 (ASan+UBSan) into build-fuzz, then runs each one in turn (niced, one
# at a time) on its seed corpus tests/fuzz/corpus/<harness>/ for SECONDS (default 15) or N runs.
# New inputs go to build-fuzz/corpus/<harness>/ (the seeds in git stay as they are); a crash,
# sanitizer report, leak or hang leaves its input in build-fuzz/crashes/ and makes the exit
# status non-zero. Prints one line per harness: runs, exec/s and the result.
# Used by scripts/test.sh (15 s each) and bench/fuzz (long runs). See docs/FUZZING.md.
set -euo pipefail
cd "$(dirname "$0")/.."

limit=(-max_total_time=15)
if [[ ${1:-} == --runs ]]; then
  limit=(-runs="$2")
  shift 2
elif [[ ${1:-} =~ ^[0-9]+$ ]]; then
  limit=(-max_total_time="$1")
  shift
fi

dir=build-fuzz
cmake -S . -B "$dir" -G Ninja -DRYNEK_WERROR=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++-14 -DRYNEK_FUZZ=ON -DRYNEK_TESTS=OFF >/dev/null
cmake --build "$dir" --target rynek_fuzzers

harnesses=("$@")
if ((${#harnesses[@]} == 0)); then
  for source in tests/fuzz/*.cpp; do harnesses+=("$(basename "$source" .cpp)"); done
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
mkdir -p "$dir/crashes"
failed=()
printf '%-18s %12s %8s  %s\n' harness runs exec/s result
for name in "${harnesses[@]}"; do
  mkdir -p "$dir/corpus/$name"
  log="$dir/fuzz-$name.log"
  status=0
  nice -n 10 "$dir/fuzz_$name" "${limit[@]}" -timeout=25 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$dir/crashes/$name-" "$dir/corpus/$name" "tests/fuzz/corpus/$name" \
    >"$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  if ((status == 0)); then
    result="0 crashes"
  else
    result="CRASH (exit $status): $(grep -m1 -E 'ERROR: |runtime error|SUMMARY' "$log" || true) — see $log"
    failed+=("$name")
  fi
  printf '%-18s %12s %8s  %s\n' "$name" "${runs:-?}" "${speed:-?}" "$result"
done
if ((${#failed[@]})); then
  echo "fuzz: crashes in ${failed[*]}; inputs in $dir/crashes/" >&2
  exit 1
fi
