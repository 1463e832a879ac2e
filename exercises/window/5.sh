# window.5: one line sent to an echo server: the segments it costs, and
# which one carries the server's acknowledgment.  (With the program as it
# now is: run it again after setting delack_us to zero.)
answers "segments|the number of segments from the client's line to the client's FIN (not counting the FIN)" \
  "ack_in|which of them (1, 2, 3...) is the first to acknowledge the line"
server_start --msl 0.1 --echo
(printf 'hello\n'; sleep 0.5) | client --msl 0.1
server_stop
fields "$WORK/c.log" | awk '$2 == "client" && $7 > 0 { on = 1 } on && $3 ~ /F/ { exit } on' > "$WORK/line"
same segments "$(wc -l < "$WORK/line")"
same ack_in "$(awk 'NR == 1 { split($4, r, ":"); end = r[2]; next } $2 == "server" && $5 == end { print NR; exit }' "$WORK/line")"
