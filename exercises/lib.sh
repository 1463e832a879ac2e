# exercises/lib.sh: what every check of an exercise uses.  tools/exercise
# sources it, then the check, then calls verdict.  A check says which
# predictions it wants (answers), compares each with a run (same), or looks
# for the effect of a change (fact), and may build the program first
# (build).  Answers live in exercises/answers/CHAPTER.N as "key: value".
right=0 wrong=0 template_needed=0
declare -A WANT

# answers "key|what it is" ...: the predictions this exercise asks for.
# Writes a template for the student when the answers file is missing.
answers() {
  local spec
  for spec in "$@"; do WANT[${spec%%|*}]=${spec#*|}; done
  [ -n "${LTCP_EXERCISE_RECORD:-}" ] && return 0
  if [ ! -s "$ANSWERS" ]; then
    mkdir -p "$(dirname "$ANSWERS")"
    {
      echo "# Your predictions for exercise $EX: write each after its colon,"
      echo "# before you run anything.  Then: make exercise EX=$EX"
      for spec in "$@"; do echo "# ${spec#*|}"; echo "${spec%%|*}: "; done
    } > "$ANSWERS"
    echo "Write your predictions in ${ANSWERS#$PWD/} (a template is there now),"
    echo "then run make exercise EX=$EX again."
    template_needed=1
    exit 3
  fi
}

# answer KEY: the student's prediction for KEY, spaces trimmed.
answer() {
  sed -n "s/^$1:[[:space:]]*//p" "$ANSWERS" 2>/dev/null | head -1 | sed 's/[[:space:]]*$//'
}

norm() { tr -s ' \t' '  ' | sed 's/^ //; s/ $//' | tr 'A-Z' 'a-z'; }

# same KEY ACTUAL: compare a prediction with what the run gave.
same() {
  local key=$1 actual=$2 said
  if [ -n "${LTCP_EXERCISE_RECORD:-}" ]; then
    [ -n "$actual" ] || { echo "FAIL $EX: the run gave no value for $key"; wrong=$((wrong + 1)); return; }
    echo "$key: $actual" >> "$LTCP_EXERCISE_RECORD"
    right=$((right + 1))
    return
  fi
  said=$(answer "$key")
  if [ -z "$said" ]; then
    echo "  missing: ${WANT[$key]:-$key} (no answer for '$key'; the run says: $actual)"
    wrong=$((wrong + 1))
  elif [ "$(printf '%s' "$said" | norm)" = "$(printf '%s' "$actual" | norm)" ]; then
    echo "  right:   ${WANT[$key]:-$key}: $actual"
    right=$((right + 1))
  else
    echo "  wrong:   ${WANT[$key]:-$key}: you said '$said', the run says '$actual'"
    wrong=$((wrong + 1))
  fi
}

# fact "what" COMMAND...: a property of the program that the exercise's
# change should have given it; the command succeeds when it holds.
fact() {
  local what=$1; shift
  if "$@" > "$WORK/fact.out" 2>&1; then
    echo "  right:   $what"
    right=$((right + 1))
  else
    echo "  not yet: $what"
    sed 's/^/           /' "$WORK/fact.out" | head -8
    wrong=$((wrong + 1))
  fi
}

# build: make the program from the chapters as they are now.
build() {
  if ! make -s --no-print-directory NODEPS=1 build/ltcp > "$WORK/build.out" 2>&1; then
    echo "  Your change does not build; make said:"
    grep -E 'error|warning' "$WORK/build.out" | head -10 | sed 's/^/    /'
    wrong=$((wrong + 1))
    verdict
  fi
}

# sim SCENARIO [ARGS...]: the log of a run on the simulated link.
sim() { "$LTCP" sim "$@"; }

# segments LOG: the segment lines of a log (what tcpdump prints).
segments() { grep -v '^# ' "$1"; }

# state_line LOG SIDE FROM TO: the first state line of SIDE going FROM -> TO.
state_line() { grep -m1 "^# .*$2 $3 -> $4" "$1"; }

# time_before_state LOG SIDE TO: the time of the last segment line before
# SIDE's move into TO (state lines follow the segment that caused them).
time_of_state() {
  awk -v side="$2" -v to="$3" '
    /^# / { if ($0 ~ ("^# .*" side " [A-Z_0-9]+ -> " to "( |$)")) {
              for (i = 2; i <= NF; i++) if ($i ~ /^[0-9]+\.[0-9]+$/) { print $i; exit }
              print t; exit } ; next }
    { t = $1 }' "$1"
}

verdict() {
  [ -n "${LTCP_EXERCISE_RECORD:-}" ] && exit $((wrong > 0))
  echo "$right of $((right + wrong)) right"
  if [ "$wrong" -gt 0 ] && [ -f "exercises/${EX%.*}/${EX##*.}.hint" ]; then
    echo "Hint:"; sed 's/^/  /' "exercises/${EX%.*}/${EX##*.}.hint"
  fi
  [ "$wrong" -eq 0 ]
  exit $?
}
