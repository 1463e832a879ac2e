# retransmit.5: the longest wait between a segment and its repetition in
# the trace of a transfer under 10% loss, seed 7.
answers "longest|the longest wait between a segment and its repetition, in seconds (to the millisecond), with the program as it is now"
build build/tests/test_transfer
build/tests/test_transfer --faults loss10 --seed 7 --trace "$WORK/trace" > /dev/null 2>&1
same longest "$(awk '/ seq [0-9]+/ { k = $0; sub(/.* seq /, "", k); sub(/,.*/, "", k); k = $3 " " k
    if (k in at) { w = $1 - at[k]; if (w > max) max = w } at[k] = $1 }
  END { printf "%.3f\n", max }' "$WORK/trace")" 0.0015
