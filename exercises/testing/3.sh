# testing.3: CHECK_STR_EQ, in the style of CHECK_EQ, used in a test of the log.
build build/tests/test_log
cat > "$WORK/t.c" <<'C'
#include "check.h"
static void differ(void) { CHECK_STR_EQ("one line", "another line"); }
static void agree(void) { CHECK_STR_EQ("one line", "one line"); }
int main(int argc, char **argv)
{
  (void) argc; (void) argv;
  check_run("differ", differ);
  check_run("agree", agree);
  return check_report();
}
C
made=no
cc -std=c17 -D_POSIX_C_SOURCE=200809L -Icode -o "$WORK/t" "$WORK/t.c" code/check.c -lm > "$WORK/cc.out" 2>&1 && made=yes
"$WORK/t" > "$WORK/out" 2>&1
fact "check.h has CHECK_STR_EQ (a test that uses it compiles: $made)" test "$made" = yes
fact "CHECK_STR_EQ fails a case whose strings differ, and prints both" \
  eval 'grep -q "^FAIL differ" "$WORK/out" && grep -q "another line" "$WORK/out" && grep -q "one line" "$WORK/out"'
fact "CHECK_STR_EQ passes a case whose strings agree" grep -q '^ok agree' "$WORK/out"
fact "a test of the log uses CHECK_STR_EQ, and the tests of the log pass" \
  eval 'grep -q CHECK_STR_EQ chapters/test-log.w && build/tests/test_log'
