# figures.1: the server's arrows of Figure 6 dotted instead of dashed.
answers "dotted|the number of arrows of Figure 6 that are now dotted" \
  "dashed|the number still dashed"
build
"$LTCP" dot fsm > "$WORK/fsm.dot"
fact "the server's arrows are dotted" grep -q 'class="server", style=dotted' "$WORK/fsm.dot"
same dotted "$(grep -- '->' "$WORK/fsm.dot" | grep -c 'style=dotted')"
same dashed "$(grep -- '->' "$WORK/fsm.dot" | grep -c 'style=dashed')"
