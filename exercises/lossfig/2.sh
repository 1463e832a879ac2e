# lossfig.2: four segments in a row lost (--drop 26,27,28,29): when, in
# milliseconds from the client's SYN, the last repetition leaves with
# NewReno (--no-sack) and with SACK.
answers "newreno|ms from the SYN at which NewReno's last repetition leaves" \
  "sack|ms from the SYN at which SACK's last repetition leaves"
# last_repeat PCAP: the time, in ms from the first packet, of the last
# data segment of the client that begins at a byte it sent before.
last_repeat() {
  tcpdump -tt -n -S -r "$1" 2>/dev/null | awk '
    NR == 1 { t0 = $1 }
    $3 ~ /\.50000$/ && match($0, / seq [0-9]+:[0-9]+/) {
      split(substr($0, RSTART + 5, RLENGTH - 5), r, ":")
      if (r[1] + 0 < high) last = $1
      if (r[2] + 0 > high) high = r[2] + 0 }
    END { if (last) printf "%.0f\n", (last - t0) * 1000 }'
}
for how in newreno sack; do
  opt=; [ "$how" = newreno ] && opt=--no-sack
  if "$LTCP" transfer --drop 26,27,28,29 $opt -w "$WORK/$how.pcapng" > "$WORK/$how.txt"; then
    same "$how" "$(last_repeat "$WORK/$how.pcapng")"
  else
    same "$how" ""
  fi
done
