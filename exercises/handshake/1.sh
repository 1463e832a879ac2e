# handshake.1: x and y in the log of the handshake, and what the second
# and third segments acknowledge.
answers "x|x, the client's initial sequence number (the seq of the first segment)" \
  "y|y, the server's initial sequence number (the seq of the second segment)" \
  "ack2|the acknowledgment number of the second segment" \
  "ack3|the acknowledgment number of the third segment"
sim handshake > "$WORK/log"
fields "$WORK/log" > "$WORK/f"
same x "$(awk 'NR == 1 { print $4 }' "$WORK/f")"
same y "$(awk 'NR == 2 { print $4 }' "$WORK/f")"
same ack2 "$(awk 'NR == 2 { print $5 }' "$WORK/f")"
same ack3 "$(awk 'NR == 3 { print $5 }' "$WORK/f")"
