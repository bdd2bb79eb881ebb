#!/usr/bin/env bash
# Runs each property test (tests/props.rs) for SECONDS (default 150) in a release build; a
# target that finds a failing case stops early and fails. Usage: bench/props.sh [SECONDS]
set -u
cd "$(dirname "$0")/.."
secs=${1:-150}
cargo test --release --test tests --no-run -q 2>/dev/null
status=0
for target in decode_never_panics parse_never_panics_and_keeps_its_promises extract_offsets_are_valid query_translation_never_panics; do
  start=$(date +%s)
  PROPTEST_CASES=100000000 timeout "$secs" cargo test --release -q --test tests "props::$target" -- --exact >/tmp/props-$target.log 2>&1
  rc=$?
  took=$(( $(date +%s) - start ))
  if [ $rc -eq 124 ]; then
    echo "$target: ran ${took}s, no failing case"
  elif [ $rc -eq 0 ]; then
    echo "$target: finished all cases in ${took}s, no failing case"
  else
    echo "$target: FAILED after ${took}s (see /tmp/props-$target.log)"; status=1
  fi
done
exit $status
