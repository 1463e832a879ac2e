#!/bin/bash
# tests/cli.sh: the program's command line behaves as a well-made tool's.
set -u
ltcp=${LTCP:-build/san/ltcp}
ok()   { echo "ok $1"; }
fail() { echo "FAIL $1"; shift; for l in "$@"; do echo "    $l"; done; }
expect() {  # expect NAME STATUS STDOUT-PATTERN STDERR-PATTERN COMMAND...
  local name=$1 want=$2 outpat=$3 errpat=$4; shift 4
  local out err rc
  out=$("$@" 2>/tmp/cli.err.$$); rc=$?; err=$(cat /tmp/cli.err.$$); rm -f /tmp/cli.err.$$
  if [ "$rc" -ne "$want" ]; then fail "$name" "exit status $rc, expected $want" "stderr: $err"; return; fi
  if [ -n "$outpat" ] && ! grep -qE -- "$outpat" <<<"$out"; then fail "$name" "stdout does not match /$outpat/:" "$out"; return; fi
  if [ -n "$errpat" ] && ! grep -qE -- "$errpat" <<<"$err"; then fail "$name" "stderr does not match /$errpat/:" "$err"; return; fi
  ok "$name"
}
expect "cli: ltcp --version prints the version" 0 '^ltcp [0-9]+\.[0-9]+\.[0-9]+$' '' $ltcp --version
expect "cli: ltcp help lists the commands" 0 '^  help ' '' $ltcp help
expect "cli: ltcp help help describes one command" 0 '^Usage: ltcp help' '' $ltcp help help
expect "cli: no command is a usage error" 2 '' '^Usage: ltcp' $ltcp
expect "cli: an unknown command is named, with a hint" 2 '' "^ltcp: unknown command 'frobnicate'" $ltcp frobnicate
# The error is exactly one line plus the hint.
lines=$($ltcp frobnicate 2>&1 >/dev/null | wc -l)
[ "$lines" -eq 2 ] && ok "cli: a usage error is one line and a hint" || fail "cli: a usage error is one line and a hint" "$lines lines"
expect "cli: help for an unknown command fails" 2 '' "no command named 'nope'" $ltcp help nope
# Every command answers --help with status 0 and a usage line.
for c in $($ltcp help | awk '/^Commands:/ {on=1; next} on && /^  [a-z]/ {print $1}'); do
  expect "cli: ltcp $c --help succeeds" 0 '' '' $ltcp help "$c"
done
