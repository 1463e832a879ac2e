# wave.4: tcp_close sends a FIN although data is unread: which test
# complains.
answers "case|the test case that fails, as the test program names it after FAIL ('none' if you think none fails)"
build build/tests/test_core
"$PWD/build/tests/test_core" > "$WORK/out" 2>&1
failed=$(sed -n 's/^FAIL //p' "$WORK/out" | head -3 | paste -sd, -)
fact "a test of the core fails with your change (tcp_close sends a FIN though data is unread)" \
  grep -q '^FAIL ' "$WORK/out"
same case "${failed:-none}"
