# testing.1: seq_lt comparing the raw numbers: which tests fail.
answers "cases|the test cases of test_segment that fail, as it names them after FAIL, separated by commas ('none' if none)"
build build/tests/test_segment
build/tests/test_segment > "$WORK/out" 2>&1
fact "test_segment fails with seq_lt comparing raw numbers" grep -q '^FAIL ' "$WORK/out"
failed=$(sed -n 's/^FAIL //p' "$WORK/out" | paste -sd, -)
same cases "${failed:-none}"
