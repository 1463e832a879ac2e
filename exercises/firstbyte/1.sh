# firstbyte.1: a data segment of lifecycle and its acknowledgment.
answers "excess|by how much the acknowledgment number of the client's first data segment exceeds that segment's sequence number"
sim lifecycle > "$WORK/log"
same excess "$(fields "$WORK/log" | awk '$7 > 0 && !s { s = $4; sub(/:.*/, "", s); by = $2; next }
  s != "" && $2 != by && $5 != "-" { print $5 - s; exit }')"
