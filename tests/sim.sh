#!/bin/bash
# tests/sim.sh: what `ltcp sim` prints agrees with what tcpdump and tshark
# read in the capture it writes.  For several scenarios:
#  - `ltcp sim NAME | grep -v '^# '` is, character for character, what
#    `tcpdump -n -S -tt -r` prints for the capture of `ltcp sim NAME -w`;
#  - tshark finds no malformed packet and no bad IP or TCP checksum, one
#    packet per segment line, and comments that are notes of the log;
#  - two runs with the same seed write identical bytes.
# Also the command line: --list, bad seeds and unknown scenarios.
# Run from the top directory; prints "ok NAME" or "FAIL NAME" per check.
set -u
ltcp=${LTCP:-build/san/ltcp}
ok()   { echo "ok $1"; }
fail() { echo "FAIL $1"; shift; for l in "$@"; do echo "    $l"; done; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

scenarios="lifecycle half-close lost-last-ack old-duplicate simultaneous-open
  syn-to-closed-port rst-in-syn-rcvd syn-rcvd-timeout"
ran=""
for name in $scenarios; do
  if ! $ltcp sim "$name" -w "$tmp/$name.pcapng" > "$tmp/$name.log" 2> "$tmp/err"; then
    fail "sim: $name runs" "$(cat "$tmp/err")"
    continue
  fi
  ran="$ran $name"
  grep -v '^# ' "$tmp/$name.log" > "$tmp/$name.segs"
  tcpdump -n -S -tt -r "$tmp/$name.pcapng" > "$tmp/$name.td" 2> "$tmp/err"
  if cmp -s "$tmp/$name.segs" "$tmp/$name.td"; then
    ok "sim: $name: the log without '# ' lines is tcpdump's reading of the capture"
  else
    fail "sim: $name: the log without '# ' lines is tcpdump's reading of the capture" \
      "$(diff "$tmp/$name.segs" "$tmp/$name.td" | head -6)" "$(head -2 "$tmp/err")"
  fi
done

# tshark is slow to start, so it reads all the captures at once: pcapng
# files may be concatenated, each becoming a section of the whole.  Per
# packet it prints: number, TCP and IP checksum status (0 bad, 1 good),
# the malformed marker if any, and the comment.
for name in $ran; do cat "$tmp/$name.pcapng"; done > "$tmp/all.pcapng"
tshark -r "$tmp/all.pcapng" -o tcp.check_checksum:TRUE -o ip.check_checksum:TRUE \
  -T fields -E separator=/t -e frame.number -e tcp.checksum.status \
  -e ip.checksum.status -e _ws.malformed -e frame.comment \
  > "$tmp/all.fields" 2>/dev/null
first=1
for name in $ran; do
  lines=$(wc -l < "$tmp/$name.segs")
  tail -n +"$first" "$tmp/all.fields" | head -n "$lines" > "$tmp/$name.fields"
  first=$((first + lines))
  packets=$(wc -l < "$tmp/$name.fields")
  bad=$(awk -F'\t' '$2 != 1 || $3 != 1 || $4 != "" {print "packet " $1 ": tcp " $2 ", ip " $3 " " $4}' \
        "$tmp/$name.fields" | head -3)
  if [ -z "$bad" ] && [ "$packets" -eq "$lines" ] && [ "$lines" -gt 0 ]; then
    ok "sim: $name: tshark reads $packets packets, none malformed, no bad checksum"
  else
    fail "sim: $name: tshark reads the capture cleanly" \
      "$packets packets for $lines segment lines" "${bad:-no bad packets}"
  fi
  # Each comment line (tshark prints the newlines inside a comment as \n)
  # must be one of the notes of the log.
  cut -f5 "$tmp/$name.fields" | sed 's/\\n/\n/g' | grep -v '^$' | sort -u > "$tmp/comments"
  sed -n 's/^# //p' "$tmp/$name.log" | sort -u > "$tmp/notes"
  stray=$(comm -23 "$tmp/comments" "$tmp/notes")
  if [ -s "$tmp/comments" ] && [ -z "$stray" ]; then
    ok "sim: $name: the packets' comments are the log's notes"
  else
    fail "sim: $name: the packets' comments are the log's notes" \
      "comments not in the log: ${stray:-none}" "$(wc -l < "$tmp/comments") comment lines"
  fi
done
total=$(cat "$tmp"/*.segs | wc -l)
if [ "$(wc -l < "$tmp/all.fields")" -eq "$total" ]; then
  ok "sim: tshark reads all $total packets of the concatenated captures"
else
  fail "sim: tshark reads all $total packets of the concatenated captures" \
    "it read $(wc -l < "$tmp/all.fields")"
fi

# The state changes caused by the SYN of the handshake are in its comment.
if [ -s "$tmp/lifecycle.fields" ]; then
  first=$(head -1 "$tmp/lifecycle.fields" | cut -f5)
  if [ "$first" = "1764547200.010000 server LISTEN -> SYN_RCVD (recv: SYN; send: SYN,ACK)" ]; then
    ok "sim: the first SYN's comment names the state change it caused"
  else
    fail "sim: the first SYN's comment names the state change it caused" "comment: $first"
  fi
fi

# pcap instead of pcapng when the file name says so.
$ltcp sim handshake -w "$tmp/h.pcap" > "$tmp/h.log" 2>&1
if [ "$(head -c 4 "$tmp/h.pcap" | od -An -tx1 | tr -d ' ')" = d4c3b2a1 ] \
   && tcpdump -n -S -tt -r "$tmp/h.pcap" 2>/dev/null | cmp -s - <(grep -v '^# ' "$tmp/h.log"); then
  ok "sim: -w x.pcap writes a pcap file that tcpdump reads alike"
else
  fail "sim: -w x.pcap writes a pcap file that tcpdump reads alike" "$(od -An -tx1 -N4 "$tmp/h.pcap")"
fi

# Same seed, same bytes; another seed, another run.
$ltcp sim lossy --seed 77 -w "$tmp/a.pcapng" > "$tmp/a.log"
$ltcp sim lossy --seed 77 -w "$tmp/b.pcapng" > "$tmp/b.log"
$ltcp sim lossy --seed 78 > "$tmp/c.log"
if cmp -s "$tmp/a.log" "$tmp/b.log" && cmp -s "$tmp/a.pcapng" "$tmp/b.pcapng"; then
  ok "sim: two runs with seed 77 write identical logs and captures"
else
  fail "sim: two runs with seed 77 write identical logs and captures"
fi
if ! cmp -s "$tmp/a.log" "$tmp/c.log"; then
  ok "sim: seeds 77 and 78 give different runs of the lossy link"
else
  fail "sim: seeds 77 and 78 give different runs of the lossy link"
fi

# The list names each scenario with a line of description, and each runs.
list=$($ltcp sim --list)
named=$(awk 'NF >= 2 {n++} END {print n+0}' <<<"$list")
missing=""
for s in lifecycle handshake client-close server-close half-close lost-last-ack \
         old-duplicate simultaneous-open simultaneous-close fin-ack-in-fin-wait-1 \
         lost-syn lost-syn-ack syn-to-closed-port rst-in-established rst-in-syn-rcvd \
         close-in-listen close-in-syn-sent syn-rcvd-timeout; do
  grep -q "^$s " <<<"$list" || missing="$missing $s"
done
if [ -z "$missing" ] && [ "$named" -eq "$(wc -l <<<"$list")" ]; then
  ok "sim: --list names every scenario, each with a description ($named)"
else
  fail "sim: --list names every scenario, each with a description" "missing:$missing"
fi

# Bad arguments: one line and the hint, status 2.
usage() {  # usage NAME PATTERN ARGS...
  local name=$1 pat=$2; shift 2
  local err rc
  err=$($ltcp sim "$@" 2>&1 >/dev/null); rc=$?
  if [ "$rc" -eq 2 ] && [ "$(wc -l <<<"$err")" -eq 2 ] && grep -qE -- "$pat" <<<"$err" \
     && grep -q "^Try 'ltcp help sim'" <<<"$err"; then
    ok "sim: $name"
  else
    fail "sim: $name" "status $rc" "$err"
  fi
}
usage "no scenario is a usage error" "which scenario" 
usage "an unknown scenario is named, with the way to list them" "no scenario named 'nope'.*--list" nope
usage "a seed that is not a number is refused" "seed must be a number.*'12x'" lifecycle --seed 12x
usage "a seed too large for 64 bits is refused" "seed must be a number" lifecycle --seed 18446744073709551616
usage "--seed without a number is refused" "needs a number" lifecycle --seed
usage "-w without a file is refused" "needs a file" lifecycle -w
usage "an unknown option is named" "unknown option '--fast'" lifecycle --fast
usage "two scenarios are refused" "one scenario at a time" lifecycle handshake
err=$($ltcp sim handshake -w "$tmp/no/such/dir/x.pcapng" 2>&1 >/dev/null); rc=$?
if [ "$rc" -eq 1 ] && grep -q "^ltcp: sim: cannot write '.*x.pcapng': No such file" <<<"$err"; then
  ok "sim: a capture that cannot be written is an error of the run (status 1), with the reason"
else
  fail "sim: a capture that cannot be written is an error of the run (status 1), with the reason" \
    "status $rc" "$err"
fi
if $ltcp sim lifecycle --seed 18446744073709551615 > /dev/null 2>&1; then
  ok "sim: the largest seed is accepted"
else
  fail "sim: the largest seed is accepted"
fi
