# retransmit.3: no Karn's rule and a floor of 10 ms: do the transfers under
# 30% loss still succeed?
answers "succeeds|do the transfers of build/tests/test_transfer --faults loss30 still succeed? (yes or no)"
build build/tests/test_transfer
t=build/tests/test_transfer
"$t" --faults loss30 --seed 1 --trace "$WORK/trace" > /dev/null 2>&1
shortest=$(awk '/ seq [0-9]+:/ { k = $3 " " $0; sub(/.* seq /, "", k); sub(/,.*/, "", k); k = $3 " " k
    if (k in at) { w = $1 - at[k]; if (min == "" || w < min) min = w } at[k] = $1 }
  END { print min }' "$WORK/trace")
fact "the property test retransmits sooner than 50 ms (floor of 10 ms; shortest wait now ${shortest:-none} s)" \
  awk -v w="$shortest" 'BEGIN { exit !(w != "" && w < 0.05) }'
same succeeds "$(yesno "$t" --faults loss30)"
