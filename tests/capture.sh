#!/bin/bash
# tests/capture.sh: ltcp's captures and lines agree with tcpdump and tshark.
#  - captures written by 'ltcp pcap-demo' (pcapng and pcap) are read by
#    tcpdump and tshark with no malformed packet and no bad checksum, and
#    tcpdump's lines equal ltcp's own text log character for character;
#  - 'ltcp decode' prints tcpdump's line for segments given in hex, and
#    'ltcp decode -r' reads captures, ours and tcpdump's of a real kernel
#    connection on the loopback interface (that case needs root);
#  - bad input gets the documented exit statuses.
set -u
ltcp=${LTCP:-build/san/ltcp}
tmp=$(mktemp -d)
pids=""
trap 'for p in $pids; do kill "$p" 2>/dev/null; done; [ -n "${KEEP:-}" ] && echo "$tmp" || rm -rf "$tmp"' EXIT
ok()   { echo "ok $1"; }
fail() { echo "FAIL $1"; shift; for l in "$@"; do echo "    $l"; done; }
same() {  # same NAME FILE-GOT FILE-WANT: pass if equal, else show the diff
  if cmp -s "$2" "$3"; then ok "$1"; else fail "$1" "$(diff "$2" "$3" | head -20)"; fi
}
tcpdump_lines() { tcpdump -n -S -tt -r "$1" 2>/dev/null; }

# ---------------------------------------------------------------- pcap-demo
for fmt in pcapng pcap; do
  f=$tmp/demo.$fmt
  opt=""; [ $fmt = pcap ] && opt=--pcap
  if ! $ltcp pcap-demo $opt -l "$tmp/demo-$fmt.txt" "$f" > "$tmp/out" 2>&1; then
    fail "capture: pcap-demo writes $fmt" "$(cat "$tmp/out")"; continue
  fi
  ok "capture: pcap-demo writes $fmt"
  if tcpdump -n -S -tt -r "$f" > "$tmp/tcpdump-$fmt.txt" 2> "$tmp/err"; then
    ok "capture: tcpdump reads the $fmt capture"
  else
    fail "capture: tcpdump reads the $fmt capture" "$(cat "$tmp/err")"
  fi
  grep -v '^# ' "$tmp/demo-$fmt.txt" > "$tmp/log-$fmt.txt"
  [ "$(wc -l < "$tmp/log-$fmt.txt")" -eq 10 ] || fail "capture: the $fmt text log has 10 segments" "$(cat "$tmp/log-$fmt.txt")"
  same "capture: tcpdump's lines of the $fmt capture equal ltcp's text log" \
    "$tmp/tcpdump-$fmt.txt" "$tmp/log-$fmt.txt"
  # tshark verifies both checksums of every packet and finds nothing wrong.
  good=$(tshark -r "$f" -o tcp.check_checksum:TRUE -o ip.check_checksum:TRUE \
    -Y 'tcp.checksum.status == 1 && ip.checksum.status == 1' 2>/dev/null | wc -l)
  bad=$(tshark -r "$f" -o tcp.check_checksum:TRUE -o ip.check_checksum:TRUE \
    -Y 'tcp.checksum.status == 0 || ip.checksum.status == 0 || _ws.malformed || _ws.expert.severity >= warning' \
    2>/dev/null)
  if [ "$good" -eq 10 ] && [ -z "$bad" ]; then
    ok "capture: tshark finds 10 good checksums and nothing wrong in the $fmt capture"
  else
    fail "capture: tshark finds 10 good checksums and nothing wrong in the $fmt capture" \
      "$good packets with both checksums good" "$bad"
  fi
  c=$(tshark -r "$f" -2 -T fields -e tcp.completeness 2>/dev/null | tail -1)
  [ "$c" = 31 ] && ok "capture: tshark sees a complete connection in the $fmt capture" \
    || fail "capture: tshark sees a complete connection in the $fmt capture" "tcp.completeness is '$c', not 31"
done
# The pcapng comments are the remarks of the text log.
tshark -r "$tmp/demo.pcapng" -T fields -e frame.comment 2>/dev/null > "$tmp/comments"
grep '^# ' "$tmp/demo-pcapng.txt" | sed 's/^# //' > "$tmp/remarks"
same "capture: the pcapng comments are the log's remarks" "$tmp/comments" "$tmp/remarks"
# ltcp reads its own captures back into the same log (pcap has no remarks).
$ltcp decode -r "$tmp/demo.pcapng" > "$tmp/back-pcapng.txt" 2>&1
same "capture: ltcp decode -r reads the pcapng capture back into the log" \
  "$tmp/back-pcapng.txt" "$tmp/demo-pcapng.txt"
$ltcp decode -r "$tmp/demo.pcap" > "$tmp/back-pcap.txt" 2>&1
same "capture: ltcp decode -r reads the pcap capture back" "$tmp/back-pcap.txt" "$tmp/log-pcap.txt"
# The capture can go to the standard output, for a pipe into tcpdump.
$ltcp pcap-demo - 2>/dev/null | tcpdump -n -S -tt -r - 2>/dev/null > "$tmp/piped.txt"
same "capture: pcap-demo - pipes into tcpdump -r -" "$tmp/piped.txt" "$tmp/log-pcapng.txt"

# ---------------------------------------------------------------- decode
syn=b9a0a112686d2e5c00000000a002ffd75fc600000204ffd70402080a8b757346000000000103030a
want="0.000000 IP 127.0.0.1.47520 > 127.0.0.1.41234: Flags [S], seq 1751985756, win 65495, options [mss 65495,sackOK,TS val 2339730246 ecr 0,nop,wscale 10], length 0"
got=$($ltcp decode --check --src 127.0.0.1 --dst 127.0.0.1 "$syn" 2>&1)
[ "$got" = "$want" ] && ok "decode: a kernel's SYN, checksum verified" \
  || fail "decode: a kernel's SYN, checksum verified" "got  $got" "want $want"
got=$($ltcp decode --src 127.0.0.1 --dst 127.0.0.1 "${syn:0:40}" "${syn:40:22} ${syn:62}" 2>&1)
[ "$got" = "$want" ] && ok "decode: hex split across arguments and blanks" \
  || fail "decode: hex split across arguments and blanks" "got  $got"
expect() {  # expect NAME STATUS STDERR-PATTERN ARGS...
  local name=$1 want=$2 pat=$3; shift 3
  local err rc
  err=$($ltcp "$@" 2>&1 >/dev/null); rc=$?
  if [ "$rc" -ne "$want" ]; then fail "$name" "exit status $rc, expected $want" "$err"
  elif ! grep -qE -- "$pat" <<<"$err"; then fail "$name" "stderr does not match /$pat/" "$err"
  else ok "$name"; fi
}
expect "decode: a wrong checksum fails with --check and names the right one" 1 \
  'bad checksum: the segment has 0x5fc6, the right one is 0x' decode --check "$syn"
expect "decode: without --check the checksum is not looked at" 0 '' decode "$syn"
expect "decode: a truncated segment is malformed" 1 'malformed segment: shorter than' decode "${syn:0:30}"
expect "decode: a data offset of 4 is malformed" 1 'malformed segment: data offset below 5' \
  decode "${syn:0:24}4${syn:25}"
expect "decode: an option length of 1 is malformed" 1 'malformed segment: option length below 2' \
  decode "${syn:0:40}0201${syn:44}"
expect "decode: a character that is not hex is a usage error" 2 "'g' is not a hexadecimal digit" decode "${syn:0:10}g"
expect "decode: an odd number of digits is a usage error" 2 'odd number' decode "${syn:1}"
expect "decode: no segment is a usage error" 2 'no segment given' decode
expect "decode: a bad address is a usage error" 2 "'10.0.0.256' is not an IPv4 address" decode --src 10.0.0.256 "$syn"
expect "decode: an unknown option is a usage error" 2 "unknown option '--bogus'" decode --bogus "$syn"
expect "decode: -r with digits is a usage error" 2 'takes no hexadecimal' decode -r x "$syn"
expect "decode: a missing capture fails" 1 'cannot open' decode -r "$tmp/nonexistent"
printf 'not a capture at all' > "$tmp/junk"
expect "decode: a file that is not a capture fails" 1 'not a pcap or pcapng file' decode -r "$tmp/junk"
expect "pcap-demo: no file is a usage error" 2 'no FILE given' pcap-demo
expect "pcap-demo: an unknown option is a usage error" 2 "unknown option '-x'" pcap-demo -x f
expect "pcap-demo: a file that cannot be written fails" 1 'cannot open' pcap-demo "$tmp/no/such/dir/f"
expect "pcap-demo: --help succeeds" 0 '' pcap-demo --help
expect "decode: --help succeeds" 0 '' decode --help

# ---------------------------------------------------------------- decode against tcpdump
# Segments of many kinds, each as hex: tcpdump's reading of a capture of
# them must equal ltcp decode's line for each.
segs=(
  "$syn"
  a112b9a0b9369290686d2e5da012ffcb87ee00000204ffd70402080ac560c6aa8b7573460103030a
  c3509c40000003e8000000c85010ffff0000000068656c6c6f0a
  c3509c40ffffffff000000c85018ffff0000000061626364
  c3509c40000003e8000000c850ffffff00000007
  c3509c40000003e8000000c85040ffff00000000
  c3509c40000003e8000000c85004ffff000000007878
  c3509c40000003e8000000c87010ffff00000000630401020a04abcd
  c3509c40000003e8000000c89010ffff000000000606000000010101fd06f989abcd0000
  c3509c40000003e8000000c88010ffff000000000101050a0000000100000005
  c3509c40000003e8000000c89010ffff000000001c040003080a00000001000000020000
  c3509c40000003e8000000c88010ffff000000000b06000000010d0600000003
  c3509c40000003e8000000c86010ffff0000000003030e00
)
perl -e '
  binmode STDOUT;
  print pack("VvvVVVV", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 101);
  for my $h (@ARGV) {
    my $t = pack("H*", $h);
    my $ip = pack("CCnnnCCnNN", 0x45, 0, 20 + length $t, 0, 0x4000, 64, 6, 0,
      0x0a000001, 0x0a000002) . $t;
    print pack("VVVV", 0, 0, length $ip, length $ip), $ip;
  }' "${segs[@]}" > "$tmp/kinds.pcap"
tcpdump_lines "$tmp/kinds.pcap" > "$tmp/kinds-tcpdump.txt"
: > "$tmp/kinds-ltcp.txt"
for h in "${segs[@]}"; do $ltcp decode "$h" >> "$tmp/kinds-ltcp.txt" 2>&1; done
[ "$(wc -l < "$tmp/kinds-tcpdump.txt")" -eq ${#segs[@]} ] \
  && same "decode: ${#segs[@]} kinds of segment decoded as tcpdump decodes them" \
       "$tmp/kinds-ltcp.txt" "$tmp/kinds-tcpdump.txt" \
  || fail "decode: ${#segs[@]} kinds of segment decoded as tcpdump decodes them" \
       "tcpdump printed $(wc -l < "$tmp/kinds-tcpdump.txt") lines"
$ltcp decode -r "$tmp/kinds.pcap" > "$tmp/kinds-r.txt" 2>&1
same "decode: decode -r reads a capture as tcpdump does" "$tmp/kinds-r.txt" "$tmp/kinds-tcpdump.txt"

# ---------------------------------------------------------------- a real connection
# tcpdump captures a short TCP connection between two Perl sockets on the
# loopback interface, on lo (Ethernet frames) and on 'any' with Linux cooked
# headers (version 1: with version 2, tcpdump's lines also name the
# interface); ltcp must read each as tcpdump does.  This needs the
# right to capture; without it the case is skipped, with a remark.
real_capture() {
  cat > "$tmp/talk.pl" <<'EOF'
use strict; use IO::Socket::INET;
my ($portfile, $go) = @ARGV;
my $srv = IO::Socket::INET->new(LocalAddr => "127.0.0.1", LocalPort => 0,
  Listen => 1, ReuseAddr => 1) or die "listen: $!";
open(my $pf, ">", "$portfile.new") or die; print $pf $srv->sockport, "\n";
close $pf; rename "$portfile.new", $portfile;
for (my $i = 0; !-e $go; $i++) { die "no go\n" if $i > 200; select(undef, undef, undef, 0.05); }
my $c = IO::Socket::INET->new(PeerAddr => "127.0.0.1", PeerPort => $srv->sockport)
  or die "connect: $!";
my $a = $srv->accept or die;
my $buf;
print $c "hello, server\n"; $c->flush; $a->sysread($buf, 100);
print $a "hello, client\n"; $a->flush; $c->sysread($buf, 100);
close $c; $a->sysread($buf, 100); close $a;
EOF
  timeout 20 perl "$tmp/talk.pl" "$tmp/port" "$tmp/go" 2> "$tmp/talk.err" &
  local talker=$!
  for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.05; done
  [ -s "$tmp/port" ] || { echo "# skipped the real connection: the talker did not start"; return; }
  local port dumpers="" dev
  port=$(cat "$tmp/port")
  local how=(lo "-i lo" any "-i any -y LINUX_SLL")
  for ((k = 0; k < ${#how[@]}; k += 2)); do
    dev=${how[k]}
    # shellcheck disable=SC2086
    timeout 30 tcpdump ${how[k+1]} --immediate-mode -s 1024 -B 4096 -U -w "$tmp/real-$dev.pcap" \
      "tcp port $port" 2> "$tmp/td-$dev.err" &
    dumpers="$dumpers $!"; pids="$pids $!"
  done
  for dev in lo any; do
    for _ in $(seq 100); do grep -q 'listening on' "$tmp/td-$dev.err" && break; sleep 0.05; done
  done
  if ! grep -q 'listening on' "$tmp/td-lo.err" || ! grep -q 'listening on' "$tmp/td-any.err"; then
    echo "# skipped the real connection: tcpdump cannot capture here: $(head -1 "$tmp/td-lo.err")"
    touch "$tmp/go"; wait $talker; for p in $dumpers; do kill "$p" 2>/dev/null; done
    return
  fi
  touch "$tmp/go"
  wait $talker || { fail "capture: a real connection on the loopback interface" "$(cat "$tmp/talk.err")"; return; }
  sleep 0.2   # let tcpdump take the last packets from the kernel before it stops
  for p in $dumpers; do kill -INT "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  for dev in lo any; do
    tcpdump_lines "$tmp/real-$dev.pcap" > "$tmp/real-$dev-tcpdump.txt"
    $ltcp decode -r "$tmp/real-$dev.pcap" > "$tmp/real-$dev-ltcp.txt" 2> "$tmp/real-$dev.err"
    local n
    n=$(wc -l < "$tmp/real-$dev-tcpdump.txt")
    if [ "$n" -lt 6 ] || ! grep -q 'Flags \[S\.\]' "$tmp/real-$dev-tcpdump.txt"; then
      fail "capture: ltcp reads tcpdump's capture of a real connection on $dev" \
        "tcpdump captured only $n segments" "$(cat "$tmp/real-$dev-tcpdump.txt")"
      continue
    fi
    same "capture: ltcp reads tcpdump's capture of a real connection on $dev ($n segments)" \
      "$tmp/real-$dev-ltcp.txt" "$tmp/real-$dev-tcpdump.txt"
  done
}
if [ "$(id -u)" -eq 0 ]; then real_capture
else echo "# skipped the real connection: capturing needs root"; fi
