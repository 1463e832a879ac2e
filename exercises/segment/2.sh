# segment.2: seq_lt as (int32_t) (a - b) < 0: which test fails.
answers "case|the test case that fails, as test_segment names it after FAIL ('none' if none)"
build build/tests/test_segment
build/tests/test_segment > "$WORK/out" 2>&1
fact "test_segment fails with your seq_lt" grep -q '^FAIL ' "$WORK/out"
failed=$(sed -n 's/^FAIL //p' "$WORK/out" | paste -sd, -)
same case "${failed:-none}"
