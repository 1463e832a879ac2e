# exercises/lib.sh: what every check of an exercise uses.  tools/exercise
# sources it, then the check, then calls verdict.  A check says which
# predictions it wants (answers), compares each with a run (same), or looks
# for the effect of a change (fact), and may build the program first
# (build).  Answers live in exercises/answers/CHAPTER.N as "key: value".
#
# Every reading of a log is here, in the helpers below the comparisons, so
# that a change of the log's format is met in one place.  A '# ' line may
# carry a timestamp right after '# ' ("# 1764547200.010000 client ...");
# every helper accepts it and does without it.
right=0 wrong=0
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
    echo "Write your predictions in ${ANSWERS#"$PWD"/} (a template is there now),"
    echo "then run make exercise EX=$EX again."
    exit 0  # nothing to check yet, and nothing wrong
  fi
}

# answer KEY: the student's prediction for KEY, spaces trimmed.
answer() {
  sed -n "s/^$1:[[:space:]]*//p" "$ANSWERS" 2>/dev/null | head -1 | sed 's/[[:space:]]*$//'
}

# norm: lower case; commas, semicolons and runs of blanks become one blank.
norm() { tr 'A-Z,;\t' 'a-z   ' | tr -s ' ' | sed 's/^ //; s/ $//; s/\.$//'; }

# agree SAID ACTUAL [TOL]: the same words, numbers equal within TOL.
agree() {
  awk -v a="$(printf '%s' "$1" | norm)" -v b="$(printf '%s' "$2" | norm)" -v tol="${3:-0.000001}" '
    function num(s) { return s ~ /^[-+]?[0-9]+(\.[0-9]*)?$/ }
    BEGIN { n = split(a, x, " "); m = split(b, y, " ")
            if (n != m) exit 1
            for (i = 1; i <= n; i++) {
              if (x[i] == y[i]) continue
              if (num(x[i]) && num(y[i]) && (x[i] - y[i] <= tol && y[i] - x[i] <= tol)) continue
              exit 1 }
            exit 0 }'
}

# same KEY ACTUAL [TOL]: compare a prediction with what the run gave;
# numbers may differ by TOL (default: not at all, beyond printing).
same() {
  local key=$1 actual=$2 said
  if [ -n "${LTCP_EXERCISE_RECORD:-}" ]; then
    [ -n "$actual" ] || { echo "FAIL $EX: the run gave no value for $key"; wrong=$((wrong + 1)); return; }
    echo "$key: $actual" >> "$LTCP_EXERCISE_RECORD"
    right=$((right + 1))
    return
  fi
  said=$(answer "$key")
  if [ -z "$actual" ]; then
    echo "  cannot tell: ${WANT[$key]:-$key} (the run did not show it: is the program as the exercise asks?)"
    wrong=$((wrong + 1))
  elif [ -z "$said" ]; then
    echo "  missing: ${WANT[$key]:-$key} (no answer for '$key'; the run says: $actual)"
    wrong=$((wrong + 1))
  elif agree "$said" "$actual" "${3:-}"; then
    echo "  right:   ${WANT[$key]:-$key}: $actual"
    right=$((right + 1))
  else
    echo "  wrong:   ${WANT[$key]:-$key}: you said '$said', the run says '$actual'"
    wrong=$((wrong + 1))
  fi
}

# fact "what" COMMAND...: a property of the program that the exercise's
# change should have given it; the command succeeds when it holds.  (When
# the values of a run are being recorded, facts are not asked.)
fact() {
  local what=$1; shift
  [ -n "${LTCP_EXERCISE_RECORD:-}" ] && return 0
  if "$@" > "$WORK/fact.out" 2>&1; then
    echo "  right:   $what"
    right=$((right + 1))
  else
    echo "  not yet: $what"
    sed 's/^/           /' "$WORK/fact.out" | head -8
    wrong=$((wrong + 1))
  fi
}

# say TEXT: a remark of the check (not printed while recording).
say() { [ -n "${LTCP_EXERCISE_RECORD:-}" ] || echo "  $*"; }

# build [TARGET...]: make the program (and TARGETs, say a test program)
# from the chapters as they are now; stop here if that fails.
build() {
  if ! make -s --no-print-directory NODEPS=1 build/ltcp "$@" > "$WORK/build.out" 2>&1; then
    echo "  Your change does not build; make said:"
    grep -E 'error|warning|Error' "$WORK/build.out" | head -10 | sed 's/^/    /'
    wrong=$((wrong + 1))
    verdict
  fi
}

# harness NAME: compile the C program on standard input against the
# program's modules (code/*.h, build/obj/*.o) and run it.  Checks use it
# to ask a function of the book for the value a prediction is about.
harness() {
  local objs
  objs=$(ls build/obj/*.o | grep -v -e '/ltcp\.o$' -e '/bench_[a-z_]*\.o$')
  cat > "$WORK/$1.c"
  cc -std=c17 -D_POSIX_C_SOURCE=200809L -Icode -o "$WORK/$1" "$WORK/$1.c" $objs -lm \
    > "$WORK/$1.err" 2>&1 || { cat "$WORK/$1.err" >&2; return 1; }
  "$WORK/$1"
}

# yesno COMMAND...: "yes" if the command succeeds, else "no".
yesno() { if "$@" > /dev/null 2>&1; then echo yes; else echo no; fi; }

# ---------------------------------------------------------------- runs
# sim SCENARIO [ARGS...]: the log of a run on the simulated link.
sim() { "$LTCP" sim "$@"; }

# Real runs over UDP on 127.0.0.1.  server_start ARGS... starts
# `ltcp listen ARGS` on a free port (in $port), its log in $WORK/s.log, its
# output in $WORK/s.out, its input $SERVER_IN (default /dev/null);
# client [-l LOG] ARGS... runs `ltcp connect ARGS` to it, its log in
# $WORK/c.log (or LOG), output in $WORK/c.out, messages in $WORK/c.err,
# exit status in $WORK/c.rc, its input this function's; server_stop waits
# a little for the server to end, then ends it.
server_start() {
  local i
  rm -f "$WORK/s.err" "$WORK/s.log"
  timeout 30 "$LTCP" listen -l "$WORK/s.log" "$@" 0 \
    > "$WORK/s.out" 2> "$WORK/s.err" < "${SERVER_IN:-/dev/null}" &
  spid=$! port=
  for i in $(seq 100); do
    port=$(sed -n 's/.*listening on .* port \([0-9]*\).*/\1/p' "$WORK/s.err" 2> /dev/null)
    [ -n "$port" ] && break
    sleep 0.05
  done
}
client() {
  local log=$WORK/c.log
  if [ "$1" = -l ]; then log=$2; shift 2; fi
  rm -f "$log"
  timeout 30 "$LTCP" connect -l "$log" "$@" 127.0.0.1 "${port:-1}" \
    > "$WORK/c.out" 2> "$WORK/c.err"
  echo $? > "$WORK/c.rc"
}
server_stop() {
  local i
  for i in $(seq "${1:-40}"); do kill -0 "$spid" 2> /dev/null || break; sleep 0.05; done
  kill "$spid" 2> /dev/null
  wait "$spid" 2> /dev/null
  return 0
}

# ---------------------------------------------------------------- logs
# notes LOG: the '# ' lines without '# ' and without a timestamp.
notes() { sed -n 's/^# \([0-9][0-9]*\.[0-9]* \)\{0,1\}//p' "$1"; }

# stamp LOG PATTERN: the time written on the first state line that
# matches PATTERN (an extended regular expression), or nothing.
stamp() { sed -n 's/^# \([0-9][0-9]*\.[0-9]* \)/\1/p' "$1" | grep -E -m1 -- "$2" | cut -d' ' -f1; }

# segments LOG: the segment lines of a log (what tcpdump prints).
segments() { grep -v '^# ' "$1"; }

# states LOG [SIDE]: the changes of state, "SIDE FROM -> TO (cause)".
states() {
  notes "$1" | grep -E "^${2:-[a-z]+} [A-Z_0-9]+ -> [A-Z_0-9]+( |$)"
}

# fields LOG: one line per segment: time (seconds after the first
# segment), sender (client: the sender of the first segment, or server),
# flags as tcpdump writes them between brackets, seq, ack, win, length
# ("-" where the line has none).
fields() {
  awk '
    function trim(t) { t = sprintf("%.6f", t); sub(/0+$/, "", t); sub(/\.$/, "", t); return t }
    /^# / { next }
    { if (t0 == "") { t0 = $1; client = $3 }
      flags = $0; sub(/.*Flags \[/, "", flags); sub(/\].*/, "", flags)
      seq = "-"; ack = "-"; win = "-"; len = "-"
      if (match($0, /seq [0-9:]+/)) seq = substr($0, RSTART + 4, RLENGTH - 4)
      if (match($0, /ack [0-9]+/)) ack = substr($0, RSTART + 4, RLENGTH - 4)
      if (match($0, /win [0-9]+/)) win = substr($0, RSTART + 4, RLENGTH - 4)
      if (match($0, /length [0-9]+/)) len = substr($0, RSTART + 7, RLENGTH - 7)
      print trim($1 - t0), ($3 == client ? "client" : "server"), flags, seq, ack, win, len }' "$1"
}

# state_time LOG SIDE TO [N]: the time (seconds after the first segment)
# of SIDE's Nth move into TO (default the first).  A timestamp on the line
# is the answer; else a timer that expired just before it; else the
# segment the move sends (the next line); else the segment before it.
state_time() {
  awk -v side="$2" -v to="$3" -v nth="${4:-1}" '
    function trim(t) { t = sprintf("%.6f", t); sub(/0+$/, "", t); sub(/\.$/, "", t); return t }
    function done(t) { if (t0 == "") t0 = t; print trim(t - t0); found = 1; exit }
    /^# / { ts = ""
            if ($2 ~ /^[0-9]+\.[0-9]+$/) { ts = $2; line = substr($0, length($2) + 4) }
            else line = substr($0, 3)
            if (line ~ ("^" side ": a timer expires at ")) { timer = line; sub(/.* at /, "", timer) }
            if (line ~ ("^" side " [A-Z_0-9]+ -> " to "( |$)") && ++seen == nth) {
              if (ts != "") done(ts)
              if (timer != "") done(timer)
              if (line !~ /send: nothing|\(recv: [^;]*\)|\(2MSL|\(timeout/) { pending = 1; next }
              done(t) }
            next }
    { if (t0 == "") t0 = $1
      t = $1; timer = ""
      if (pending) done(t) }
    END { if (pending && !found) print trim(t - t0) }' "$1"
}

# cause LOG SIDE FROM TO: what the state line of that move gives as its
# cause, between the parentheses ("recv: FIN; send: ACK").
cause() {
  states "$1" "$2" | grep -m1 -E "^$2 $3 -> $4( |\$)" | sed -n 's/^[^(]*(\(.*\))$/\1/p'
}

# segment_before LOG SIDE TO [N]: the number (counting the segment lines
# from 1) of the last segment before SIDE's Nth move into TO; with fields,
# "fields LOG | sed -n Kp" then shows it.
segment_before() {
  awk -v side="$2" -v to="$3" -v nth="${4:-1}" '
    /^# / { line = $0; sub(/^# ([0-9]+\.[0-9]+ )?/, "", line)
            if (line ~ ("^" side " [A-Z_0-9]+ -> " to "( |$)") && ++seen == nth) { print k; exit }
            next }
    { k++ }' "$1"
}

# ---------------------------------------------------------------- verdict
verdict() {
  [ -n "${LTCP_EXERCISE_RECORD:-}" ] && exit $((wrong > 0))
  echo "$right of $((right + wrong)) right"
  if [ "$wrong" -gt 0 ] && [ -f "exercises/${EX%.*}/${EX##*.}.hint" ]; then
    echo "Hint:"; sed 's/^/  /' "exercises/${EX%.*}/${EX##*.}.hint"
  fi
  [ "$wrong" -eq 0 ]
  exit $?
}
