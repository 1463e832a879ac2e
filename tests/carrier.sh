#!/bin/bash
# tests/carrier.sh: `ltcp listen` and `ltcp connect` over the UDP carrier,
# run as a user runs them, their captures read by tcpdump and tshark.
# Every process is bounded by `timeout`, so a hang is a failure, not a
# stuck CI.  Ports are chosen by the kernel (`ltcp listen ... 0` prints the
# port it got).  Prints "ok NAME" or "FAIL NAME" with the reasons.
set -u
export LC_ALL=C TZ=UTC
LTCP=${LTCP:-build/san/ltcp}     # the sanitized build, for the main tests
FAST=${FAST:-build/ltcp}         # the plain build, for the 100 clients
# --foreground: a timeout that forwards a signal (the tests stop servers with
# SIGTERM sent to it) then sends SIGCONT too, and a SIGCONT that arrives
# while LeakSanitizer's tracer is stopping the exiting program cancels the
# stop the tracer waits for: the sanitized program then spins for ever.
# In the foreground mode timeout sends no SIGCONT.
T="timeout --foreground -k 5 30"   # -k: one that ignores TERM is killed
MSL="--msl 0.02"
tmp=$(mktemp -d)
cleanup() {
  local p
  for p in $(jobs -p); do kill "$p" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

problems=()
problem() { problems+=("$*"); }
verdict() {  # verdict NAME: print ok/FAIL with the problems noted since the last verdict
  if [ ${#problems[@]} -eq 0 ]; then
    echo "ok $1"
  else
    echo "FAIL $1"
    printf '    %s\n' "${problems[@]}"
  fi
  problems=()
}

# start_server NAME ARGS...: run `ltcp listen ARGS 0` in the background,
# wait until it says which port it got; sets PORT and SPID.
start_server() {
  local name=$1 i
  shift
  PORT=
  $T $LTCP listen "$@" 0 > "$tmp/$name.out" 2> "$tmp/$name.err" &
  SPID=$!
  for i in $(seq 200); do
    PORT=$(sed -n 's/^ltcp: listening on .* port \([0-9]*\)$/\1/p' "$tmp/$name.err")
    [ -n "$PORT" ] && return 0
    kill -0 "$SPID" 2>/dev/null || break
    sleep 0.05
  done
  problem "server $name did not start: $(head -3 "$tmp/$name.err")"
  return 1
}

# expect_status WHAT WANT GOT
expect_status() {
  [ "$3" -eq "$2" ] || problem "$1 exited with status $3, expected $2"
}

# check_capture FILE: tcpdump and tshark read it, nothing malformed, no bad
# checksum, and the log beside it (FILE with .log for .pcapng) has exactly
# tcpdump's lines once the state lines are removed.  tshark is slow to
# start, so it runs once per capture and writes the fields that the other
# checks read into FILE.fields: checksum statuses, malformed, completeness
# of the stream, comment.
check_capture() {
  local cap=$1 log=${1%.pcapng}.log n
  if ! tcpdump -n -S -tt -r "$cap" > "$cap.tcpdump" 2> "$cap.tcpdump.err"; then
    problem "tcpdump cannot read $(basename "$cap"): $(head -2 "$cap.tcpdump.err")"
    return
  fi
  [ -s "$cap.tcpdump" ] || problem "tcpdump reads no packet in $(basename "$cap")"
  if [ -e "$log" ] && ! grep -v '^# ' "$log" | diff -q - "$cap.tcpdump" > /dev/null; then
    problem "the segment lines of $(basename "$log") differ from tcpdump's reading:"
    problem "$(grep -v '^# ' "$log" | diff - "$cap.tcpdump" | head -6)"
  fi
  if ! tshark -r "$cap" -2 -o tcp.check_checksum:TRUE -o ip.check_checksum:TRUE \
       -T fields -E separator=/t -e tcp.checksum.status -e ip.checksum.status \
       -e _ws.malformed -e tcp.completeness -e frame.comment \
       > "$cap.fields" 2> "$cap.tshark.err"; then
    problem "tshark cannot read $(basename "$cap"): $(grep -v root "$cap.tshark.err" | head -2)"
    return
  fi
  n=$(awk -F'\t' '$1 == "0" || $2 == "0" || $3 != ""' "$cap.fields" | wc -l)
  [ "$n" -eq 0 ] || problem "tshark finds $n malformed or badly checksummed packets in $(basename "$cap")"
}

# completeness FILE: tshark's tcp.completeness of the streams of a checked
# capture; it prints a number, or words followed by the number in brackets
completeness() {
  cut -f4 "$1.fields" | sed -E 's/.*\(([0-9]+)\).*/\1/' | sort -u | tr '\n' ' ' | sed 's/ $//'
}

expect_completeness() {  # FILE WANT
  local got
  got=$(completeness "$1")
  [ "$got" = "$2" ] || problem "tcp.completeness of $(basename "$1") is '$got', expected $2"
}

# ---------------------------------------------------------------- handshake
# Both inputs are empty: a connection is opened and closed, with no data.
name=handshake
if start_server hs -q $MSL -w "$tmp/hs-s.pcapng" -l "$tmp/hs-s.log" < /dev/null; then
  $T $LTCP connect -q $MSL -w "$tmp/hs-c.pcapng" -l "$tmp/hs-c.log" 127.0.0.1 "$PORT" \
    < /dev/null > "$tmp/hs-c.out" 2> "$tmp/hs-c.err"
  expect_status "connect" 0 $?
  wait "$SPID"; expect_status "listen" 0 $?
  for c in "$tmp/hs-c.pcapng" "$tmp/hs-s.pcapng"; do
    check_capture "$c"
    expect_completeness "$c" 23    # SYN, SYN-ACK, ACK, FIN: no data
  done
  # One log format (the chapter on logs): each state line has its time,
  # tcpdump's way; a change the program caused is written before the
  # segment it sent; the listener's close is the server's last line.
  stamp='^# [0-9]+\.[0-9]{6} '
  grep -qE "$stamp"'client SYN_SENT -> ESTABLISHED' "$tmp/hs-c.log" \
    || problem "no state line 'T client SYN_SENT -> ESTABLISHED' in the client's log"
  grep -qE "$stamp"'server LISTEN -> SYN_RCVD' "$tmp/hs-s.log" \
    || problem "no state line 'T server LISTEN -> SYN_RCVD' in the server's log"
  bare=$(grep -h '^# ' "$tmp/hs-c.log" "$tmp/hs-s.log" | grep -e ' -> ' | grep -vE "$stamp")
  [ -n "$bare" ] && problem "state lines without a time: $bare"
  grep -B1 'Flags \[S\]' "$tmp/hs-c.log" | head -1 | grep -q 'client CLOSED -> SYN_SENT' \
    || problem "the client's SYN_SENT is not written just before its SYN: $(grep -B1 -m1 'Flags \[S\]' "$tmp/hs-c.log" | head -1)"
  grep -B1 'Flags \[F\.\]' "$tmp/hs-c.log" | head -1 | grep -q 'client ESTABLISHED -> FIN_WAIT_1' \
    || problem "the client's FIN_WAIT_1 is not written just before its FIN: $(grep -B1 -m1 'Flags \[F' "$tmp/hs-c.log" | head -1)"
  tail -1 "$tmp/hs-s.log" | grep -qE "$stamp"'server LISTEN -> CLOSED' \
    || problem "the server's log does not end with its listener's close: $(tail -1 "$tmp/hs-s.log")"
  cut -f5 "$tmp/hs-c.pcapng.fields" | grep -q 'client SYN_SENT -> ESTABLISHED' \
    || problem "no packet comment 'client SYN_SENT -> ESTABLISHED' in the client's capture"
  [ -s "$tmp/hs-c.err" ] && problem "connect -q wrote on stderr: $(head -2 "$tmp/hs-c.err")"
fi
verdict "$name: capture and log of an empty connection"

# ---------------------------------------------------------------- 1 MB copy
name=copy
head -c 1048576 /dev/urandom > "$tmp/file"
if start_server cp -q $MSL -w "$tmp/cp-s.pcapng" -l "$tmp/cp-s.log" < /dev/null; then
  $T $LTCP connect $MSL -w "$tmp/cp-c.pcapng" -l "$tmp/cp-c.log" 127.0.0.1 "$PORT" \
    < "$tmp/file" > /dev/null 2> "$tmp/cp-c.err"
  expect_status "connect" 0 $?
  wait "$SPID"; expect_status "listen" 0 $?
  cmp -s "$tmp/file" "$tmp/cp.out" || problem "the copy differs from the file: $(cmp "$tmp/file" "$tmp/cp.out" 2>&1 | head -1)"
  grep -q 'MB sent' "$tmp/cp-c.err" || problem "no progress report on stderr for 1 MB: $(head -2 "$tmp/cp-c.err")"
  for c in "$tmp/cp-c.pcapng" "$tmp/cp-s.pcapng"; do
    check_capture "$c"
    expect_completeness "$c" 31
  done
fi
verdict "$name: 1 MB copied byte for byte, captures complete (31)"

# ---------------------------------------------------------------- loss
name=loss
head -c 100000 /dev/urandom > "$tmp/small"
seed=$(( (RANDOM << 15) | RANDOM ))
if start_server ls -q $MSL --rto 0.05 --loss 0.1 --seed "$seed" \
     -w "$tmp/ls-s.pcapng" -l "$tmp/ls-s.log" < /dev/null; then
  $T $LTCP connect -q $MSL --rto 0.05 --loss 0.1 --seed $((seed + 1)) \
    -w "$tmp/ls-c.pcapng" -l "$tmp/ls-c.log" 127.0.0.1 "$PORT" < "$tmp/small" > /dev/null
  expect_status "connect" 0 $?
  wait "$SPID"; expect_status "listen" 0 $?
  cmp -s "$tmp/small" "$tmp/ls.out" || problem "the copy differs from the file"
  grep -q '^# carrier: lost' "$tmp/ls-c.log" "$tmp/ls-s.log" \
    || problem "10% loss, yet no '# carrier: lost' line in either log"
  check_capture "$tmp/ls-c.pcapng"
  check_capture "$tmp/ls-s.pcapng"
fi
[ ${#problems[@]} -gt 0 ] && problem "repeat with: seed=$seed (both sides --loss 0.1 --seed \$seed and \$((seed+1)))"
verdict "$name: 100 kB copied over 10% loss both ways"

# ---------------------------------------------------------------- 2 MB at 10% loss
# Fast retransmission, SACK and congestion control at work: the client's
# carrier loses one datagram in ten.  The plain build, and the 50 ms floor
# of the timer, keep it short; the times with the default floor of one
# second are figures of `make bench`, not of a test.
name=loss-2mb
head -c 2097152 /dev/urandom > "$tmp/big"
seed=$(( (RANDOM << 15) | RANDOM ))
echo "# $name: seed $seed"
if LTCP=$FAST start_server lb -q $MSL --rto 0.05 -l "$tmp/lb-s.log" < /dev/null; then
  $T $FAST connect -q $MSL --rto 0.05 --loss 0.1 --seed "$seed" \
    -l "$tmp/lb-c.log" 127.0.0.1 "$PORT" < "$tmp/big" > /dev/null
  expect_status "connect" 0 $?
  wait "$SPID"; expect_status "listen" 0 $?
  cmp -s "$tmp/big" "$tmp/lb.out" || problem "the copy of 2 MB differs from the file"
  grep -q 'sackOK' "$tmp/lb-c.log" || problem "the SYN offered no selective acknowledgments"
  grep -q 'sack [1-4] {' "$tmp/lb-s.log" || problem "the receiver sent no SACK blocks"
fi
[ ${#problems[@]} -gt 0 ] && problem "repeat with: --loss 0.1 --seed $seed on the client"
verdict "$name: 2 MB copied over 10% loss, fast retransmission and SACK"

# ---------------------------------------------------------------- dup and reorder
name=dup-reorder
seed=$(( (RANDOM << 15) | RANDOM ))
if start_server dr -q $MSL --rto 0.05 --dup 0.2 --reorder 0.2 --seed "$seed" \
     -w "$tmp/dr-s.pcapng" -l "$tmp/dr-s.log" < /dev/null; then
  $T $LTCP connect -q $MSL --rto 0.05 --dup 0.2 --reorder 0.2 --seed $((seed + 1)) \
    -w "$tmp/dr-c.pcapng" -l "$tmp/dr-c.log" 127.0.0.1 "$PORT" < "$tmp/small" > /dev/null
  expect_status "connect" 0 $?
  wait "$SPID"; expect_status "listen" 0 $?
  cmp -s "$tmp/small" "$tmp/dr.out" || problem "the copy differs from the file"
  grep -q '^# carrier: duplicate' "$tmp/dr-c.log" || problem "no '# carrier: duplicate' line in the client's log"
  grep -q '^# carrier: reordered' "$tmp/dr-c.log" || problem "no '# carrier: reordered' line in the client's log"
  check_capture "$tmp/dr-c.pcapng"
fi
[ ${#problems[@]} -gt 0 ] && problem "repeat with: seed=$seed (both sides --dup 0.2 --reorder 0.2 --seed \$seed and \$((seed+1)))"
verdict "$name: 100 kB copied with 20% duplicates and 20% reordering both ways"

# ---------------------------------------------------------------- refused by RST
# The server serves one connection; while it is busy, a second client is
# refused with a reset.
name=refused-rst
if start_server rf $MSL < <(sleep 3); then
  $T $LTCP connect -q $MSL 127.0.0.1 "$PORT" < <(sleep 3) > /dev/null 2>&1 &
  first=$!
  for i in $(seq 100); do grep -q 'connection from' "$tmp/rf.err" && break; sleep 0.05; done
  $T $LTCP connect -q $MSL -w "$tmp/rf-c.pcapng" -l "$tmp/rf-c.log" 127.0.0.1 "$PORT" \
    < /dev/null > /dev/null 2> "$tmp/rf-c.err"
  expect_status "the second connect" 3 $?
  grep -q 'refused' "$tmp/rf-c.err" || problem "no 'refused' in the message: $(cat "$tmp/rf-c.err")"
  [ "$(wc -l < "$tmp/rf-c.err")" -eq 1 ] || problem "more than one line on stderr: $(cat "$tmp/rf-c.err")"
  check_capture "$tmp/rf-c.pcapng"
  expect_completeness "$tmp/rf-c.pcapng" 37   # SYN answered by RST
  wait "$first"; expect_status "the first connect" 0 $?
  wait "$SPID"; expect_status "listen" 0 $?
fi
verdict "$name: a second client of a busy 'ltcp listen' is refused (exit 3)"

# ---------------------------------------------------------------- refused by ICMP
name=refused-icmp
if start_server ic -q < /dev/null; then
  free_port=$PORT
  kill "$SPID"; wait "$SPID" 2>/dev/null
  $T $LTCP connect -q 127.0.0.1 "$free_port" < /dev/null > /dev/null 2> "$tmp/ic.err2"
  expect_status "connect to a port with no socket" 3 $?
  grep -q 'refused' "$tmp/ic.err2" || problem "no 'refused' in: $(cat "$tmp/ic.err2")"
fi
verdict "$name: nobody at the UDP port means refused (exit 3)"

# ---------------------------------------------------------------- reset
# The server is stopped by SIGTERM in the middle of a connection: it resets
# it, and the client says so.
name=reset
if start_server rs $MSL < <(sleep 5); then
  $T $LTCP connect -q $MSL 127.0.0.1 "$PORT" < <(sleep 5) > /dev/null 2> "$tmp/rs-c.err" &
  client=$!
  for i in $(seq 100); do grep -q 'connection from' "$tmp/rs.err" && break; sleep 0.05; done
  kill -TERM "$SPID"
  wait "$SPID"; expect_status "listen stopped by SIGTERM" 143 $?
  wait "$client"; expect_status "connect" 4 $?
  grep -q 'reset' "$tmp/rs-c.err" || problem "no 'reset' in: $(cat "$tmp/rs-c.err")"
fi
verdict "$name: a server stopped by a signal resets, the client exits 4"

# ---------------------------------------------------------------- timeout
# Every datagram of the client is lost: its SYN is retransmitted until it
# gives up.
name=timeout
$T $LTCP connect -q --loss 1 --rto 0.02 127.0.0.1 9 < /dev/null > /dev/null 2> "$tmp/to.err"
expect_status "connect with every datagram lost" 5 $?
grep -q 'timed out' "$tmp/to.err" || problem "no 'timed out' in: $(cat "$tmp/to.err")"
verdict "$name: unanswered SYNs end in a timeout (exit 5)"

# shape LOG: a log with its times, ports and numbers taken out: for a
# segment, who sent it (A, the sender of the first segment, or B), its
# flags and its length; for a state line, the line without its time.
# The book prints recorded runs of the programs (chapters/*.log); a run
# of today's programs must have the same shape.
shape() {
  awk '/^# [0-9]+\.[0-9]+ / { $1 = "#"; $2 = ""; print; next }
       /^# / { next }
       { if (a == "") a = $3
         print ($3 == a ? "A" : "B"), $7, $NF }' "$1"
}
same_shape() {  # same_shape LOG RECORDED
  if ! diff <(shape "$2") <(shape "$1") > "$tmp/shape.diff"; then
    problem "the run differs from the book's $2: $(head -6 "$tmp/shape.diff" | tr '\n' ' ')"
  fi
}

# ---------------------------------------------------------------- silent port
# A server stopped by SIGSTOP keeps its UDP port and answers nothing: the
# client sends its SYN six times, the same SYN, and gives up (exit 5), as
# the chapter on the handshake shows; the log ends with the state line of
# the timeout, with its time.
name=silent
if start_server sl -q < /dev/null; then
  lpid=$(pgrep -P "$SPID" | head -1)
  kill -STOP "$lpid"
  $T $LTCP connect --rto 0.02 -l "$tmp/sl.log" 127.0.0.1 "$PORT" < /dev/null \
    > /dev/null 2> "$tmp/sl.err"
  expect_status "connect to a stopped server" 5 $?
  kill -CONT "$lpid"; kill "$SPID" 2> /dev/null; wait "$SPID" 2> /dev/null
  grep -q 'timed out' "$tmp/sl.err" || problem "no 'timed out' in: $(cat "$tmp/sl.err")"
  syns=$(grep -c 'Flags \[S\], seq' "$tmp/sl.log")
  seqs=$(grep 'Flags \[S\], seq' "$tmp/sl.log" | sed 's/.* seq \([0-9]*\),.*/\1/' | sort -u | wc -l)
  [ "$syns" -eq 6 ] && [ "$seqs" -eq 1 ] \
    || problem "$syns SYNs with $seqs sequence numbers, wanted 6 with one"
  tail -1 "$tmp/sl.log" | grep -qE '^# [0-9]+\.[0-9]{6} client SYN_SENT -> CLOSED' \
    || problem "the log does not end with the timeout's state line: $(tail -1 "$tmp/sl.log")"
  same_shape "$tmp/sl.log" chapters/silent-connect.log
fi
verdict "$name: a client facing a silent port sends its SYN six times and times out (exit 5)"

# ---------------------------------------------------------------- restart in TIME_WAIT
# A server that closes first waits in TIME_WAIT and keeps its port: a second
# server started meanwhile on the same port is told the port is in use
# (exit 1), as the chapter on TIME_WAIT says.
name=restart
if start_server rt --msl 1 -l "$tmp/rt.log" < /dev/null; then
  $T $LTCP connect -q 127.0.0.1 "$PORT" < <(sleep 0.5) > /dev/null 2>&1
  expect_status "connect" 0 $?
  kill -0 "$SPID" 2>/dev/null || problem "the first server did not wait in TIME_WAIT"
  $T $LTCP listen -q "$PORT" < /dev/null > /dev/null 2> "$tmp/rt2.err"
  expect_status "a second listen on the port" 1 $?
  grep -q 'in use' "$tmp/rt2.err" || problem "no 'in use' in: $(cat "$tmp/rt2.err")"
  wait "$SPID"; expect_status "the first listen" 0 $?
  same_shape "$tmp/rt.log" chapters/restart-server.log
fi
verdict "$name: a server restarted while the old one is in TIME_WAIT finds its port in use"

# ---------------------------------------------------------------- 100 clients
name=echo-100
if LTCP=$FAST start_server ek -k --echo -q $MSL < /dev/null; then
  pids=()
  for i in $(seq 100); do
    head -c $((10000 + i * 97)) /dev/urandom > "$tmp/in$i"
    $T $FAST connect -q $MSL 127.0.0.1 "$PORT" < "$tmp/in$i" > "$tmp/out$i" 2> "$tmp/err$i" &
    pids+=($!)
  done
  bad=0
  for i in $(seq 100); do
    wait "${pids[$((i - 1))]}" || { bad=$((bad + 1)); [ $bad -le 3 ] && problem "client $i failed: $(head -1 "$tmp/err$i")"; }
    cmp -s "$tmp/in$i" "$tmp/out$i" || { bad=$((bad + 1)); [ $bad -le 3 ] && problem "client $i got back other bytes ($(wc -c < "$tmp/out$i") of $(wc -c < "$tmp/in$i"))"; }
  done
  [ $bad -eq 0 ] || problem "$bad failures among 100 clients"
  kill -TERM "$SPID"; wait "$SPID" 2>/dev/null
fi
verdict "$name: 100 concurrent clients of one 'ltcp listen -k --echo' get their own bytes back"

# ---------------------------------------------------------------- --send FILE gone
# A server that keeps listening opens --send's file for each client.  When
# the file has gone, the client must not get an empty reply that looks
# like success: it is refused with a reset, and the server says why.
name=send-gone
echo "the file" > "$tmp/sendme"
if LTCP=$FAST start_server sg -k -q $MSL --send "$tmp/sendme" < /dev/null; then
  $T $LTCP connect -q $MSL 127.0.0.1 "$PORT" < /dev/null > "$tmp/sg1.out" 2> "$tmp/sg1.err"
  expect_status "connect while the file exists" 0 $?
  cmp -s "$tmp/sendme" "$tmp/sg1.out" || problem "the first client did not get the file"
  rm "$tmp/sendme"
  $T $LTCP connect -q $MSL 127.0.0.1 "$PORT" < /dev/null > "$tmp/sg2.out" 2> "$tmp/sg2.err"
  expect_status "connect after the file was removed" 4 $?
  grep -q 'reset' "$tmp/sg2.err" || problem "the second client does not say 'reset': $(head -1 "$tmp/sg2.err")"
  sleep 0.2
  grep -q "cannot read '$tmp/sendme'" "$tmp/sg.err" \
    || problem "the server does not say it cannot read the file: $(head -2 "$tmp/sg.err")"
  kill -TERM "$SPID"; wait "$SPID" 2>/dev/null
fi
verdict "$name: listen -k --send FILE refuses a client when FILE cannot be read"

# ---------------------------------------------------------------- --max-conns
# A listener at its limit refuses a new client at once with a reset (exit
# 3, "refused"), and serves the clients it holds as before.
name=max-conns
if LTCP=$FAST start_server mc -k --echo -q $MSL --max-conns 2 < /dev/null; then
  mkfifo "$tmp/mc-in1" "$tmp/mc-in2"
  for i in 1 2; do
    $T $LTCP connect -q $MSL 127.0.0.1 "$PORT" < "$tmp/mc-in$i" > "$tmp/mc$i.out" 2> "$tmp/mc$i.err" &
    eval "mcpid$i=\$!"
    exec {fd}> "$tmp/mc-in$i"; eval "mcfd$i=\$fd"
    echo "client $i" >&"$fd"
  done
  for i in $(seq 100); do
    [ -s "$tmp/mc1.out" ] && [ -s "$tmp/mc2.out" ] && break
    sleep 0.05
  done
  $T $LTCP connect -q $MSL 127.0.0.1 "$PORT" < /dev/null > "$tmp/mc3.out" 2> "$tmp/mc3.err"
  expect_status "a third client" 3 $?
  grep -q 'refused' "$tmp/mc3.err" || problem "the third client does not say 'refused': $(head -1 "$tmp/mc3.err")"
  exec {mcfd1}>&- {mcfd2}>&-
  wait "$mcpid1"; expect_status "client 1" 0 $?
  wait "$mcpid2"; expect_status "client 2" 0 $?
  for i in 1 2; do
    [ "$(cat "$tmp/mc$i.out")" = "client $i" ] || problem "client $i got back '$(cat "$tmp/mc$i.out")'"
  done
  kill -TERM "$SPID"; wait "$SPID" 2>/dev/null
fi
verdict "$name: a listener at --max-conns refuses the next client clearly"

# ---------------------------------------------------------------- bad command lines
# Each prints one line naming the problem (and, for usage errors, a hint).
name=bad-input
bad_case() {  # WANT-STATUS WORD ARGS...: exits WANT-STATUS, says WORD on its first line
  local want=$1 word=$2
  shift 2
  $T $LTCP "$@" < /dev/null > "$tmp/bad.out" 2> "$tmp/bad.err"
  local got=$?
  [ "$got" -eq "$want" ] || problem "ltcp $* exited $got, expected $want"
  head -1 "$tmp/bad.err" | grep -q "^ltcp: .*$word" \
    || problem "ltcp $*: first line '$(head -1 "$tmp/bad.err")' does not mention '$word'"
  local lines
  lines=$(wc -l < "$tmp/bad.err")
  if [ "$want" -eq 2 ]; then [ "$lines" -eq 2 ] || problem "ltcp $*: $lines lines on stderr, expected 2"
  else [ "$lines" -eq 1 ] || problem "ltcp $*: $lines lines on stderr, expected 1"; fi
}
bad_case 2 "missing PORT" listen
bad_case 2 "bad port" listen 99999
bad_case 2 "bad port" listen abc
bad_case 2 "bad port" connect 127.0.0.1 0
bad_case 2 "missing" connect 127.0.0.1
bad_case 2 "too many" connect 127.0.0.1 9 9
bad_case 2 "unknown option" connect --frobnicate 127.0.0.1 9
bad_case 2 "bad value" connect --loss 2 127.0.0.1 9
bad_case 2 "bad value" connect --msl -1 127.0.0.1 9
bad_case 2 "bad value" listen --window 70000 9000
bad_case 2 "bad value" connect --spin -1 127.0.0.1 9
bad_case 2 "bad value" listen --max-conns -1 9000
bad_case 2 "bad value" connect --fin-timeout x 127.0.0.1 9
bad_case 2 "bad value" connect --keepalive 0 127.0.0.1 9
bad_case 2 "only for" connect --max-conns 5 127.0.0.1 9
bad_case 2 "bad value" connect --spin 2000000 127.0.0.1 9
bad_case 2 "bad value" listen --spin=fast 9000
bad_case 2 "needs a value" connect 127.0.0.1 9 --send
bad_case 2 "only for" connect -k 127.0.0.1 9
bad_case 1 "unknown host" connect nosuch.invalid 9
bad_case 1 "cannot read" connect --send "$tmp/no-such-file" 127.0.0.1 9
bad_case 1 "cannot write" connect -w "$tmp/no-such-dir/x.pcapng" 127.0.0.1 9
if start_server busy -q < <(sleep 5); then
  bad_case 1 "in use" listen "$PORT"
  kill "$SPID"; wait "$SPID" 2>/dev/null
fi
verdict "$name: bad command lines get one clear line and the right status"

# ---------------------------------------------------------------- help
name=help
for cmd in listen connect; do
  $T $LTCP $cmd --help > "$tmp/help" 2>&1 || problem "ltcp $cmd --help failed"
  for opt in --send --recv --capture --log --quiet --msl --rto --window --mss \
             --loss --dup --reorder --seed --spin --fin-timeout --keepalive --no-sack \
             --no-fast-retransmit --no-congestion-control --no-tail-loss-probe --help \
             "EXIT STATUS" "-o," "-w," "-l," "-q,"; do
    grep -q -- "$opt" "$tmp/help" || problem "ltcp $cmd --help does not mention $opt"
  done
done
$T $LTCP listen --help | grep -q -- --keep-open || problem "ltcp listen --help does not mention --keep-open"
$T $LTCP listen --help | grep -q -- --echo || problem "ltcp listen --help does not mention --echo"
$T $LTCP listen --help | grep -q -- --max-conns || problem "ltcp listen --help does not mention --max-conns"
verdict "$name: --help documents every option"
