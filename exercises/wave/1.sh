# wave.1: client-close: the segment that moves the client from FIN_WAIT_1
# to FIN_WAIT_2, and the one that moves the server from LAST_ACK to CLOSED.
answers "fw2_from|who sent the segment that takes the client from FIN_WAIT_1 to FIN_WAIT_2 (client or server)" \
  "fw2_flags|its flags, as tcpdump writes them between brackets" \
  "fw2_row|the cause of that move as its state line gives it, between the parentheses" \
  "closed_from|who sent the segment that takes the server from LAST_ACK to CLOSED" \
  "closed_flags|its flags" \
  "closed_row|the cause of that move, between the parentheses of its state line"
sim client-close > "$WORK/log"
fields "$WORK/log" > "$WORK/f"
k=$(segment_before "$WORK/log" client FIN_WAIT_2)
same fw2_from "$(sed -n "${k}p" "$WORK/f" | awk '{ print $2 }')"
same fw2_flags "$(sed -n "${k}p" "$WORK/f" | awk '{ print $3 }')"
same fw2_row "$(cause "$WORK/log" client FIN_WAIT_1 FIN_WAIT_2)"
k=$(segment_before "$WORK/log" server CLOSED)
same closed_from "$(sed -n "${k}p" "$WORK/f" | awk '{ print $2 }')"
same closed_flags "$(sed -n "${k}p" "$WORK/f" | awk '{ print $3 }')"
same closed_row "$(cause "$WORK/log" server LAST_ACK CLOSED)"
