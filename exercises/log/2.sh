# log.2: the demonstration's capture read without -S.
answers "third_ack|the acknowledgment number tcpdump prints without -S for the third segment" \
  "first_data|the sequence numbers it prints for the first segment that carries data (as tcpdump writes them, A:B)"
"$LTCP" pcap-demo "$WORK/d.pcapng" > /dev/null
tcpdump -n -tt -r "$WORK/d.pcapng" 2> /dev/null > "$WORK/log"
fields "$WORK/log" > "$WORK/f"
same third_ack "$(awk 'NR == 3 { print $5 }' "$WORK/f")"
same first_data "$(awk '$7 > 0 { print $4; exit }' "$WORK/f")"
