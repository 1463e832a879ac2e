# flow.2: scenario 34's last acknowledgment carrying IRS(6): which step
# fails, and what the connection sent.
answers "step|the number of the step of the script that fails, as the trace of test_scenarios numbers it ('none' if none fails)" \
  "sent|the flags of the segment the connection sends in answer to that acknowledgment, as the trace writes them between brackets ('none' if it sends nothing)"
build build/tests/test_scenarios
build/tests/test_scenarios > "$WORK/out" 2>&1
fact "test_scenarios fails scenario 34" grep -q '^FAIL scenario 34' "$WORK/out"
awk '/^FAIL scenario 34/ { on = 1; next } on && /^[^ ]/ { exit } on' "$WORK/out" > "$WORK/trace"
step=$(sed -n 's/.*: step \([0-9]*\) of [0-9]* failed.*/\1/p' "$WORK/trace" | head -1)
sent=$(sed -n 's/.*failed: we sent \[\([^]]*\)\].*/\1/p' "$WORK/trace" | head -1)
same step "${step:-none}"
same sent "${sent:-none}"
