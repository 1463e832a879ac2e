#!/bin/bash
# tests/exercises.sh: the checks of the exercises (make exercise EX=...)
# still work on today's program, and exercises/LIST agrees with the book.
#  - LIST names every exercise of every chapter, with the book's grade, and
#    says "check" exactly for those that have exercises/CHAPTER/N.sh; the
#    book mentions the check next to exactly those exercises.
#  - A check that compares predictions (same) records, with
#    LTCP_EXERCISE_RECORD, a non-empty value for every one from a real run;
#    fed back as the answers, those values are all "right"; answers that
#    are all "xyz" are all "wrong", and the check exits non-zero.
#  - A check that looks for the effect of a change (fact) says "not yet"
#    and exits non-zero on the book's own program, which lacks the change.
# Checks run four at a time (those over UDP use ports the kernel chooses).
# Run from the top directory; prints "ok NAME" or "FAIL NAME" per check.
set -u
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
list=exercises/LIST
ok()   { echo "ok $1"; }
fail() { echo "FAIL $1"; shift; for l in "$@"; do echo "    $l"; done; }

# ---------------------------------------------------------------- the list
# The book's exercises, chapter by chapter: "chapter.N GRADE" in order,
# read from each chapter's exercises section (its \diff marks).
for w in chapters/*.w; do
  c=$(basename "$w" .w)
  awk -v c="$c" '/^@\*1? Exercises/ { on = 1; next } on && /^@[*i ]/ { on = 0 }
    on { while (match($0, /\\diff[1-4]/)) { print c "." ++n, substr($0, RSTART + 5, 1); $0 = substr($0, RSTART + 6) } }' "$w"
done | sort > "$tmp/book"
grep -v '^#' "$list" | awk 'NF { g = $3; gsub(/[][]/, "", g); print $1, g }' | sort > "$tmp/list"
if cmp -s "$tmp/book" "$tmp/list"; then
  ok "exercises/LIST names the book's $(wc -l < "$tmp/book") exercises with their grades"
else
  fail "exercises/LIST names the book's exercises with their grades" \
    "$(diff "$tmp/book" "$tmp/list" | grep '^[<>]' | head -8 | tr '\n' ';')"
fi
kinds=$(grep -v '^#' "$list" | awk 'NF && $2 !~ /^(check|essay|design|project|reading)$/ { print $1 }')
[ -z "$kinds" ] && ok "exercises/LIST: every kind is check, essay, design, project or reading" \
  || fail "exercises/LIST: unknown kinds" "$kinds"
checks=$(awk '$2 == "check" { print $1 }' "$list")
bad=""
for ex in $checks; do [ -f "exercises/${ex%.*}/${ex##*.}.sh" ] || bad="$bad $ex"; done
for f in exercises/*/*.sh; do
  ex=$(basename "$(dirname "$f")").$(basename "$f" .sh)
  grep -q "^$ex check " "$list" || bad="$bad $ex(not listed)"
done
[ -z "$bad" ] && ok "exercises/LIST: a check script for each 'check', and only for those" \
  || fail "exercises/LIST: a check script for each 'check', and only for those" "$bad"
cat chapters/*.w | grep -o '\\excheck{[a-z-]*\.[0-9]*}' | sed 's/.*{//; s/}//' | sort -u > "$tmp/mentioned"
if cmp -s "$tmp/mentioned" <(printf '%s\n' $checks | sort); then
  ok "the book mentions the check next to each checkable exercise, and no other"
else
  fail "the book mentions the check next to each checkable exercise, and no other" \
    "$(diff "$tmp/mentioned" <(printf '%s\n' $checks | sort) | grep '^[<>]' | tr '\n' ' ')"
fi

# ---------------------------------------------------------------- the checks
# Whatever the checks build must be there before they run side by side.
make -s --no-print-directory NODEPS=1 build/ltcp build/tests/test_core build/tests/test_log \
  build/tests/test_scenarios build/tests/test_segment build/tests/test_transfer > "$tmp/make.out" 2>&1 \
  || { fail "exercises: the program and the tests build" "$(tail -5 "$tmp/make.out")"; exit 1; }

one() {  # one EX: test one check; its verdicts go to $tmp/EX.out
  local ex=$1 script=exercises/${1%.*}/${1##*.}.sh d=$tmp/$1
  mkdir -p "$d/right" "$d/wrong"
  local rc
  local facts=0 sames=0
  grep -q '^ *fact ' "$script" && facts=1
  grep -q '^ *same ' "$script" && sames=1
  {
    if [ "$sames" = 1 ]; then
      LTCP_EXERCISE_RECORD=$d/right/$ex tools/exercise "$ex" > "$d/rec.out" 2>&1
      local rc=$? n
      n=$(grep -c . "$d/right/$ex" 2> /dev/null)
      if [ "$rc" -eq 0 ] && [ "${n:-0}" -gt 0 ]; then
        ok "$ex: a run gives a value for each of its $n predictions"
      else
        fail "$ex: a run gives a value for each prediction" "$(grep -v '^==' "$d/rec.out" | head -5)"
      fi
      LTCP_EXERCISE_ANSWERS=$d/right tools/exercise "$ex" > "$d/right.out" 2>&1
      rc=$?
      if ! grep -q -E '^  (wrong|missing|cannot tell):' "$d/right.out" \
         && [ "$(grep -c '^  right: ' "$d/right.out")" -ge "$n" ] \
         && { [ "$facts" = 1 ] || [ "$rc" -eq 0 ]; }; then
        ok "$ex: the values of a run, given as answers, are all right"
      else
        fail "$ex: the values of a run, given as answers, are all right" "$(head -8 "$d/right.out")"
      fi
      sed 's/:.*/: xyz/' "$d/right/$ex" > "$d/wrong/$ex"
      LTCP_EXERCISE_ANSWERS=$d/wrong tools/exercise "$ex" > "$d/wrong.out" 2>&1
      rc=$?
      if [ "$rc" -ne 0 ] && [ "$(grep -c '^  wrong: ' "$d/wrong.out")" -eq "$n" ]; then
        ok "$ex: wrong answers are each called wrong, and the check fails"
      else
        fail "$ex: wrong answers are each called wrong, and the check fails" "$(head -8 "$d/wrong.out")"
      fi
    fi
    if [ "$facts" = 1 ]; then
      mkdir -p "$d/facts"
      grep -o '"[a-z_0-9]*|' "$script" | tr -d '"|' | sed 's/$/: xyz/' > "$d/facts/$ex"
      LTCP_EXERCISE_ANSWERS=$d/facts tools/exercise "$ex" > "$d/fact.out" 2>&1
      rc=$?
      if [ "$rc" -ne 0 ] && grep -q '^  not yet: ' "$d/fact.out"; then
        ok "$ex: on the book's program, the change it asks for is 'not yet' there"
      else
        fail "$ex: on the book's program, the change it asks for is 'not yet' there" "$(head -8 "$d/fact.out")"
      fi
    fi
  } > "$tmp/$ex.out" 2>&1
}
export -f one ok fail
export tmp
printf '%s\n' $checks | xargs -P 4 -I{} bash -c 'one {}'
for ex in $checks; do cat "$tmp/$ex.out"; done
