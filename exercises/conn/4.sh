# conn.4: a row the core never takes, used in the wrong place: what the
# tests that check every transition report.
answers "fails|the test cases that fail, as the test programs name them after FAIL, separated by commas ('none' if none)"
build build/tests/test_core build/tests/test_scenarios
for t in test_core test_scenarios; do "build/tests/$t" 2>&1; done > "$WORK/out"
fact "a test that checks the transitions fails" grep -q '^FAIL ' "$WORK/out"
failed=$(sed -n 's/^FAIL //p' "$WORK/out" | paste -sd, -)
same fails "${failed:-none}"
