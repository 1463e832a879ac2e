#!/bin/bash
# tests/readme.sh: every command block of README.md works as printed.
# Each block of indented code (four spaces) is run by a non-interactive
# bash with `set -e -o pipefail`, in a fresh temporary directory that holds
# a copy of README.md and the build directory (as a link), with its
# standard input at end of file and a time limit of 30 seconds (a TIME_WAIT
# of the default 60 seconds, on the wrong side, would exceed it).  Two changes only: the
# port 9000 of the examples becomes a free one, so that runs of the tests in
# several checkouts at once do not collide, and the blocks that run `make`
# are skipped: they are build steps that `make test` itself performs (it is
# what runs this test, and its lab-check unpacks and grades every lab kit).
# Since a non-interactive shell hides what an interactive one does to a
# background job that reads the terminal (it stops it), a command started
# with `&` must redirect its standard input, or be an ltcp that reads none
# (-d, --no-input).
set -u
top=$PWD
ok()   { echo "ok $1"; }
fail() { echo "FAIL $1"; shift; for l in "$@"; do echo "    $l"; done; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
[ -x build/ltcp ] || { fail "readme: build/ltcp exists" "run make first"; exit 1; }

# Split README.md into blocks: runs of lines indented by four spaces,
# separated by anything else.
awk -v dir="$tmp" '
  /^    / { if (!inblock) { n++; inblock = 1 } sub(/^    /, ""); print > (dir "/block" n ".sh"); next }
  /^$/ { if (inblock) print "" > (dir "/block" n ".sh"); next }
  { inblock = 0 }' README.md
nblocks=$(ls "$tmp"/block*.sh 2>/dev/null | wc -l)
[ "$nblocks" -ge 2 ] && ok "readme: $nblocks command blocks found" \
  || fail "readme: command blocks found" "only $nblocks"

port=$(( 20000 + (RANDOM * 32768 + RANDOM + $$) % 40000 ))
for b in $(ls "$tmp"/block*.sh | sort -V); do
  name="readme: block $(basename "$b" .sh | tr -dc 0-9) ($(grep -v '^#' "$b" | grep -m1 . | cut -c1-50))"
  if grep -q -E '^[[:space:]]*make( |$)' "$b"; then
    continue   # a build step: make test runs these itself (lab-check the kits)
  fi
  bad=$(grep -E '&[[:space:]]*(#.*)?$' "$b" | grep -v -E '<| -d |--no-input' || true)
  if [ -n "$bad" ]; then
    fail "$name" "a background command reads the terminal (stopped in an interactive shell):" "$bad"
    continue
  fi
  port=$((port + 1))
  d=$tmp/run$(basename "$b" .sh); mkdir -p "$d"
  cp README.md "$d"/; ln -s "$top/build" "$d/build"
  # A final wait: no job of the block may outlive it; and if the block
  # fails, its jobs are killed rather than left behind.
  { echo 'trap '"'"'rc=$?; kill $(jobs -p) 2>/dev/null || :; exit $rc'"'"' EXIT'
    sed "s/\b9000\b/$port/g" "$b"; echo wait; } > "$d/commands.sh"
  out=$(cd "$d" && timeout 30 bash -e -o pipefail commands.sh < /dev/null 2>&1)
  rc=$?
  if [ "$rc" -eq 0 ]; then ok "$name"
  else fail "$name" "exit status $rc" "$(tail -n 8 <<<"$out")"
  fi
done
