#!/bin/bash
# tests/tun.sh: ltcp against the Linux kernel's TCP, over the TUN carrier
# (chapter tun.w), in private network namespaces.  The interop matrix:
# each case checks the bytes (cmp), ltcp's exit status, the states ltcp
# logged, that no packet was dropped for a bad checksum, tshark's
# tcp.completeness of the capture and that tshark finds nothing malformed
# where tshark is installed, and that the log's segment lines equal
# tcpdump's reading of the capture where tcpdump is installed.  Prints
# "ok NAME" or "FAIL NAME" per case; a failure keeps its files and prints
# the capture and the command that repeats it.  Then the matrix as a table.
# The book prints the matrix of a recorded run, chapters/tun-matrix.txt; the
# script checks that this run agrees with it (the same cases, exit statuses,
# bytes and bad checksums), and `bash tests/tun.sh --record FILE` writes a
# new record when every case passed.
# Needs root and /dev/net/tun: without them it prints one "skip" line.
set -u
export LC_ALL=C TZ=UTC
record=
if [ "${1:-}" = "--record" ] && [ -n "${2:-}" ]; then record=$(realpath -m "$2")
elif [ $# -gt 0 ]; then echo "usage: bash tests/tun.sh [--record FILE]" >&2; exit 2; fi
recorded=$(realpath -m chapters/tun-matrix.txt)
LTCP=${LTCP:-build/san/ltcp}
[ -x "$LTCP" ] || LTCP=build/ltcp
if [ "$(id -u)" -ne 0 ]; then echo "skip tun.sh: not root"; exit 0; fi
if [ ! -c /dev/net/tun ]; then echo "skip tun.sh: no /dev/net/tun"; exit 0; fi
if ! command -v python3 > /dev/null; then echo "skip tun.sh: no python3"; exit 0; fi
LTCP=$(realpath "$LTCP")
T="timeout --foreground -k 5 30"
tmp=$(mktemp -d)
keep=
trap '[ -n "$keep" ] || rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
head -c 1048576 /dev/urandom > a.bin   # what ltcp sends
head -c 1048576 /dev/urandom > b.bin   # what the kernel's side sends

# peer.py ROLE HOST PORT SEND RECV MODE: the kernel's side, on Python's sockets.
# ROLE listen|connect; SEND a file or -; RECV a file or -; MODE both (send
# and read at once), readfirst (read to the end, then send and close),
# sendfirst (send and close, then read), reset (read 100 kB, then RST).
cat > peer.py <<'EOF'
import socket, struct, sys, threading
role, host, port, sendf, recvf, mode = sys.argv[1:7]
if role == "listen":
    l = socket.socket()
    l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    l.bind((host, int(port))); l.listen(1)
    c, _ = l.accept(); l.close()
else:
    c = socket.create_connection((host, int(port)))
data = open(sendf, "rb").read() if sendf != "-" else b""
got = bytearray()
def readall():
    while True:
        b = c.recv(65536)
        if not b: break
        got.extend(b)
if mode == "reset":
    while len(got) < 100000: got.extend(c.recv(65536))
    c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    c.close(); sys.exit(0)
if mode == "readfirst":
    readall(); c.sendall(data); c.shutdown(socket.SHUT_WR)
elif mode == "sendfirst":
    c.sendall(data); c.shutdown(socket.SHUT_WR); readall()
else:
    t = threading.Thread(target=readall); t.start()
    c.sendall(data); c.shutdown(socket.SHUT_WR); t.join()
c.close()
if recvf != "-": open(recvf, "wb").write(got)
EOF

# logdiff.py LOG TCPDUMP: the segment lines of LOG equal TCPDUMP's lines,
# except that where tcpdump knows an application protocol by its port
# (HTTP on 8080, in the case of curl) it adds ": PROTO: ..." after the
# length, which ltcp does not decode.
cat > logdiff.py <<'EOF'
import re, sys
ours = [l for l in open(sys.argv[1]) if not l.startswith("# ")]
theirs = open(sys.argv[2]).readlines()
bad = len(ours) != len(theirs)
for a, b in zip(ours, theirs):
    a, b = a.rstrip("\n"), b.rstrip("\n")
    if a != b and not (re.search(r"length [0-9]+$", a) and b.startswith(a + ": ")):
        print("ltcp:    " + a + "\ntcpdump: " + b); bad = True; break
if len(ours) != len(theirs): print("%d segment lines in the log, %d in tcpdump's reading" % (len(ours), len(theirs)))
sys.exit(1 if bad else 0)
EOF
have_tshark=$(command -v tshark > /dev/null && echo 1)
have_tcpdump=$(command -v tcpdump > /dev/null && echo 1)
failed=0
rows=() records=()
# run NAME WANT_STATUS WANT_COMPLETENESS STATES -- LTCP-ARGS...: run ltcp with
# a log and a capture, then the checks common to every case.  STATES is a
# regular expression every one of whose |-separated parts must match a
# state line of the log; WANT_COMPLETENESS is a regular expression for
# tshark's tcp.completeness (a reset in the middle is counted, 32, by
# some runs of tshark 4.0 and not by others).  Extra checks add to $problems before `verdict`.
run() {
  name=$1 want=$2 wantc=$3 states=$4
  shift 5
  problems=()
  cmd="$LTCP $* "
  cmdline="cd $tmp && $LTCP $(printf '%q ' "$@")"
  $T "$LTCP" "$@" > "$name.out" 2> "$name.err" < /dev/null
  rc=$?
  [ "$rc" -eq "$want" ] || problems+=("ltcp exited with $rc, expected $want: $(head -c 300 "$name.err")")
  local IFS='|' s
  for s in $states; do
    grep -q "^# .*$s" "$name.log" || problems+=("no state line matching '$s' in $name.log")
  done
  unset IFS
  bad=$(grep -c 'carrier: dropped' "$name.log")
  [ "$bad" -eq "${want_bad:-0}" ] && [ "$(grep -c 'bad checksum' "$name.log")" -eq "${want_bad:-0}" ] \
    || problems+=("$bad packets dropped as malformed, expected ${want_bad:-0}")
  comp=-
  if [ -n "$have_tshark" ]; then
    comp=$(tshark -r "$name.pcapng" -T fields -e tcp.completeness 2> /dev/null | tail -n 1)
    [[ $comp =~ ^($wantc)$ ]] || problems+=("tcp.completeness $comp, expected $wantc")
    # Port 9000's text is random bytes: decoded as data, it does not tempt
    # tshark's guessing dissectors (Thrift finds "errors" in it).
    malformed=$(tshark -r "$name.pcapng" -d tcp.port==9000,data \
      -Y '_ws.malformed || _ws.expert.severity == error' 2> /dev/null | wc -l)
    [ "$malformed" -eq 0 ] || problems+=("tshark finds $malformed malformed packets in $name.pcapng")
  fi
  # The log's segment lines are tcpdump's reading of the capture, line for line.
  if [ -n "$have_tcpdump" ]; then
    if ! tcpdump -n -S -tt -r "$name.pcapng" > "$name.tcpdump" 2> /dev/null; then
      problems+=("tcpdump cannot read $name.pcapng")
    elif ! python3 logdiff.py "$name.log" "$name.tcpdump" > "$name.diff"; then
      problems+=("the log's segment lines differ from tcpdump's reading: $(head -n 2 "$name.diff" | tr '\n' ' ')")
    fi
  fi
}
# same A B: the file B exists and equals A
same() {
  if [ ! -f "$2" ]; then problems+=("$2 was not written")
  elif ! cmp -s "$1" "$2"; then problems+=("$2 differs from $1 ($(stat -c %s "$2") bytes)"); fi
}
# verdict NAME BYTES DESCRIPTION: print the line of the case, and keep its
# record: name, what it is, the bytes moved, exit status, tshark's
# completeness, the state ltcp reached CLOSED from, packets dropped for bad
# checksums, ltcp's packets lost and the kernel's lost on arrival.
verdict() {
  last=$(sed -n 's/^# [0-9.]* [a-z]* \([A-Z_0-9]*\) -> CLOSED .*/\1/p' "$1.log" | grep -v LISTEN | tail -n 1)
  lout=$(grep -c '^# carrier: lost$' "$1.log") lin=$(grep -c '^# carrier: lost on arrival' "$1.log")
  rows+=("$(printf '%-26s %-9s %4s %6s %-10s %3s %3s/%s' "$1" "$2" "$rc" "$comp" "$last" "$bad" "$lout" "$lin")")
  records+=("$(printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s' "$1" "$3" "$2" "$rc" "$comp" "$last" "$bad" "$lout" "$lin")")
  if [ ${#problems[@]} -eq 0 ]; then
    echo "ok tun $1"
  else
    echo "FAIL tun $1"
    printf '    %s\n' "${problems[@]}"
    echo "    capture: $tmp/$1.pcapng  log: $tmp/$1.log"
    echo "    repeat:  $cmdline"
    failed=1 keep=1
  fi
}
MSL="--msl 0.05"
# Where ltcp closes first and waits in TIME_WAIT, a busy machine may make it
# read the kernel's FIN late; Linux then sends the FIN again (its tail loss
# probe, after 10 ms), ltcp acknowledges both, and the second ACK reaches a
# kernel that has already closed, which answers with a reset: 32 more in
# tshark's completeness, and a connection that was clean all the same.
TW="31|63"

# 1. ltcp client, kernel server, 1 MB each way at once.
n=c2k-both
run $n 0 31 "SYN_SENT -> ESTABLISHED|-> CLOSED" -- connect --tun $MSL -q --send a.bin -o $n.got \
  -l $n.log -w $n.pcapng 10.7.0.1 9000 -- python3 peer.py listen 0.0.0.0 9000 b.bin $n.kgot both
same b.bin $n.got; same a.bin $n.kgot; verdict $n "1 MB each" "ltcp client, kernel server"

# 2. kernel client, ltcp server, 1 MB each way at once.
n=k2c-both
run $n 0 31 "SYN_RCVD -> ESTABLISHED|-> CLOSED" -- listen --tun $MSL -q --send a.bin -o $n.got \
  -l $n.log -w $n.pcapng 9000 -- sh -c "exec python3 peer.py connect \$LTCP_ADDR 9000 b.bin $n.kgot both"
same b.bin $n.got; same a.bin $n.kgot; verdict $n "1 MB each" "kernel client, ltcp server"

# 3. ltcp closes first: the kernel reads to the end before it sends.
n=ltcp-closes-first
run $n 0 "$TW" "ESTABLISHED -> FIN_WAIT_1|-> TIME_WAIT|TIME_WAIT -> CLOSED" -- connect --tun $MSL -q \
  --send a.bin -o $n.got -l $n.log -w $n.pcapng 10.7.0.1 9000 \
  -- python3 peer.py listen 0.0.0.0 9000 b.bin $n.kgot readfirst
same b.bin $n.got; same a.bin $n.kgot; verdict $n "1 MB each" "ltcp closes first"

# 4. the kernel closes first, and goes to TIME_WAIT, which ss shows.
n=kernel-closes-first
run $n 0 31 "ESTABLISHED -> CLOSE_WAIT|LAST_ACK -> CLOSED" -- connect --tun $MSL -q -d -o $n.got \
  -l $n.log -w $n.pcapng 10.7.0.1 9000 -- sh -c "python3 peer.py listen 0.0.0.0 9000 b.bin - sendfirst;
    for i in \$(seq 40); do ss -Htan state time-wait > $n.ss; [ -s $n.ss ] && break; sleep 0.05; done"
same b.bin $n.got
grep -q '10.7.0.1:9000' $n.ss 2> /dev/null || problems+=("ss showed no TIME-WAIT of the kernel")
verdict $n "1 MB" "the kernel closes first (\.{ss} shows TIME\_WAIT)"

# 5. both close at once.  ltcp sends nothing and closes: its FIN, the third
# segment it sends, is lost (--drop 3).  The kernel's side closes 0.2 s
# later, after a line of its own, so its FIN reaches an ltcp still in
# FIN_WAIT_1 and acknowledges nothing of ours: CLOSING.  ltcp's FIN goes
# again when its timer expires (1 s), and its acknowledgment ends CLOSING.
n=both-close
printf 'a line from the kernel\n' > line
cat > late.py <<'EOF'
import socket, sys, time
l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
l.bind(("0.0.0.0", 9000)); l.listen(1)
c, _ = l.accept(); time.sleep(0.2)
c.sendall(open("line", "rb").read()); c.shutdown(socket.SHUT_WR)
while c.recv(65536): pass
EOF
run $n 0 31 "ESTABLISHED -> FIN_WAIT_1|FIN_WAIT_1 -> CLOSING|CLOSING -> TIME_WAIT|TIME_WAIT -> CLOSED" \
  -- connect --tun $MSL -q --send /dev/null --drop 3 -o $n.got -l $n.log -w $n.pcapng 10.7.0.1 9000 \
  -- python3 late.py
same line $n.got
grep -A1 'Flags \[F\.\]' $n.log | head -n 2 | grep -q '^# carrier: lost$' \
  || problems+=("the segment lost was not ltcp's first FIN")
verdict $n "1 line" "both close at once"

# 6. and 7. 5% of the packets lost each way (ltcp's sent, the kernel's on
# arrival), each direction of roles.
n=c2k-loss5
run $n 0 31 "SYN_SENT -> ESTABLISHED|-> CLOSED" -- connect --tun $MSL -q --loss 0.05 --loss-in 0.05 \
  --seed 5 --send a.bin -o $n.got -l $n.log -w $n.pcapng 10.7.0.1 9000 \
  -- python3 peer.py listen 0.0.0.0 9000 b.bin $n.kgot both
same b.bin $n.got; same a.bin $n.kgot
grep -q '^# carrier: lost$' $n.log || problems+=("none of ltcp's packets was lost")
grep -q '^# carrier: lost on arrival' $n.log || problems+=("none of the kernel's packets was lost")
verdict $n "1 MB each" "ltcp client, 5\% lost each way"
n=k2c-loss5
run $n 0 31 "SYN_RCVD -> ESTABLISHED|-> CLOSED" -- listen --tun $MSL -q --loss 0.05 --loss-in 0.05 \
  --seed 6 --send a.bin -o $n.got -l $n.log -w $n.pcapng 9000 \
  -- sh -c "exec python3 peer.py connect \$LTCP_ADDR 9000 b.bin $n.kgot both"
same b.bin $n.got; same a.bin $n.kgot
grep -q '^# carrier: lost$' $n.log || problems+=("none of ltcp's packets was lost")
grep -q '^# carrier: lost on arrival' $n.log || problems+=("none of the kernel's packets was lost")
verdict $n "1 MB each" "ltcp server, 5\% lost each way"

# 8. the issue's example: curl fetches a page from ltcp.
n=curl
printf 'HTTP/1.0 200 OK\r\nContent-Length: 6\r\n\r\nhello\n' > page
run $n 0 "$TW" "SYN_RCVD -> ESTABLISHED|-> CLOSED" -- listen --tun $MSL -q --send page -o $n.req \
  -l $n.log -w $n.pcapng 8080 -- sh -c "curl -s http://\$LTCP_ADDR:8080/ > $n.got"
printf 'hello\n' > hello; same hello $n.got
grep -q '^GET / HTTP' $n.req || problems+=("ltcp did not receive curl's request")
verdict $n "a page" "\.{curl} fetches a page from ltcp"

# 9. netcat on the kernel's side, server and client (where nc is installed).
if command -v nc > /dev/null; then
  n=nc-server
  run $n 0 31 "SYN_SENT -> ESTABLISHED|-> CLOSED" -- connect --tun $MSL -q -d -o $n.got \
    -l $n.log -w $n.pcapng 10.7.0.1 9000 -- sh -c "exec nc -l -q 0 9000 < b.bin"
  same b.bin $n.got; verdict $n "1 MB" "\.{nc -l} sends 1 MB to ltcp"
  n=nc-client
  run $n 0 31 "SYN_RCVD -> ESTABLISHED|-> CLOSED" -- listen --tun $MSL -q -d -o $n.got \
    -l $n.log -w $n.pcapng 9000 -- sh -c "exec nc -N \$LTCP_ADDR 9000 < b.bin"
  same b.bin $n.got; verdict $n "1 MB" "\.{nc} sends 1 MB to an ltcp server"
else
  echo "# tun.sh: no nc, the netcat cases are not run"
fi

# 10. a segment with a wrong checksum (sent on a raw socket) is dropped and
# counted, and the connection that follows it is served.
cat > badsum.py <<'EOF'
import os, socket, struct
r = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_TCP)
r.sendto(struct.pack("!HHIIBBHHH", 40000, 9000, 1, 0, 5 << 4, 2, 65535, 0x1234, 0),
         (os.environ["LTCP_ADDR"], 0))
c = socket.create_connection((os.environ["LTCP_ADDR"], 9000))
c.sendall(open("b.bin", "rb").read()); c.close()
EOF
n=bad-checksum want_bad=1
run $n 0 31 "SYN_RCVD -> ESTABLISHED|-> CLOSED" -- listen --tun $MSL -q -d -o $n.got \
  -l $n.log -w $n.pcapng 9000 -- python3 badsum.py
same b.bin $n.got; verdict $n "1 MB" "a SYN with a wrong checksum first"
want_bad=0

# 11. nobody listens: the kernel answers the SYN with a reset; exit 3.
n=refused
run $n 3 1 "SYN_SENT -> CLOSED" -- connect --tun $MSL -q -d -l $n.log -w $n.pcapng 10.7.0.1 9
verdict $n "none" "nobody listens: the kernel's RST"

# 12. the kernel resets the connection in the middle; exit 4.
n=reset
run $n 4 "15|47" "SYN_SENT -> ESTABLISHED|-> CLOSED" -- connect --tun $MSL -q --send a.bin -o $n.got \
  -l $n.log -w $n.pcapng 10.7.0.1 9000 -- python3 peer.py listen 0.0.0.0 9000 - - reset
verdict $n "cut short" "the kernel resets in the middle"

echo "# case                       bytes     exit tshark to-CLOSED  bad lost/lost-on-arrival"
printf '# %s\n' "${rows[@]}"

# The record: written on request when every case passed, and otherwise
# compared with the one the book prints.  What must agree is what does not
# depend on the machine's timing: the cases, their order, the bytes, the
# exit statuses and the bad checksums.
if [ -n "$record" ]; then
  if [ "$failed" -ne 0 ]; then echo "tun.sh: not recording a run that failed" >&2; exit 1; fi
  { echo "# The interop matrix of tests/tun.sh, recorded with: bash tests/tun.sh --record FILE"
    echo "# kernel $(uname -r)"
    echo "# tshark $(tshark --version 2> /dev/null | head -n 1 | awk '{print $NF}' | sed 's/[^0-9.].*//')"
    echo "# date $(date -u +%Y-%m-%d)"
    echo "# name	description	bytes	exit	completeness	to-closed	bad	lost-out	lost-in"
    printf '%s\n' "${records[@]}"; } > "$record"
  echo "# recorded in $record"
elif [ -f "$recorded" ]; then
  key() { cut -f1,3,4,7; }
  skipped='^$'; command -v nc > /dev/null || skipped='^nc-'
  if diff <(grep -v '^#' "$recorded" | grep -v "$skipped" | key) \
      <(printf '%s\n' "${records[@]}" | key) > record.diff; then
    echo "ok tun the book's matrix (chapters/tun-matrix.txt) agrees with this run"
  else
    echo "FAIL tun the book's matrix (chapters/tun-matrix.txt) disagrees with this run"
    sed 's/^/    /' record.diff
    echo "    if this run is right, record it: bash tests/tun.sh --record chapters/tun-matrix.txt"
    failed=1 keep=1
  fi
fi
exit 0
