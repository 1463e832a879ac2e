#!/bin/bash
# tests/fuzz.sh: the fuzz targets of the appendix (chapter test-fuzz.w),
# briefly.  Each target first replays the seeds committed in tests/fuzz/NAME,
# which must all pass, then fuzzes for FUZZ_SMOKE seconds (default 15) from
# them, in a corpus of its own that is thrown away; `make fuzz` is the long
# run.  A crash, a sanitizer's report or a broken promise of the harness is
# a failure, and the input that caused it is shown in hexadecimal.
# Prints "ok NAME" or "FAIL NAME" with the reasons.
set -u
export LC_ALL=C
SMOKE=${FUZZ_SMOKE:-15}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
found=0
for f in build/fuzz/fuzz_*; do
  [ -x "$f" ] || continue
  found=1
  n=$(basename "$f")
  seeds=(tests/fuzz/"$n"/*)
  if "$f" -timeout=10 "${seeds[@]}" > "$tmp/$n.replay" 2>&1; then
    echo "ok $n replays its ${#seeds[@]} seeds"
  else
    echo "FAIL $n replays its ${#seeds[@]} seeds"
    grep -E 'broken|ERROR|Running' "$tmp/$n.replay" | tail -4 | sed 's/^/    /'
  fi
  mkdir -p "$tmp/$n.corpus"
  if "$f" -timeout=10 -max_total_time="$SMOKE" -print_final_stats=1 \
       -artifact_prefix="$tmp/$n-" "$tmp/$n.corpus" "tests/fuzz/$n" > "$tmp/$n.run" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$tmp/$n.run")
    echo "ok $n fuzzes for $SMOKE s: ${runs:-?} inputs, nothing found"
  else
    echo "FAIL $n fuzzes for $SMOKE s"
    grep -E 'broken|ERROR|SUMMARY' "$tmp/$n.run" | head -4 | sed 's/^/    /'
    for a in "$tmp/$n"-*; do [ -e "$a" ] && echo "    input: $(od -An -v -tx1 "$a" | tr -d " \n" | head -c 400)"; done
  fi
done
[ "$found" -eq 1 ] || echo "FAIL fuzz targets: none built in build/fuzz"
