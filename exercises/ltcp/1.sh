# ltcp.1: ltcp frobnicate: what it prints, where, and its exit status.
answers "status|the exit status of build/ltcp frobnicate" \
  "lines|how many lines it prints" \
  "stream|where it prints them (stdout or stderr)"
"$LTCP" frobnicate > "$WORK/out" 2> "$WORK/err"
status=$?
same status "$status"
same lines "$(cat "$WORK/out" "$WORK/err" | wc -l)"
same stream "$(if [ -s "$WORK/out" ] && [ -s "$WORK/err" ]; then echo both; elif [ -s "$WORK/err" ]; then echo stderr; else echo stdout; fi)"
