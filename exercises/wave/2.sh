# wave.2: which end waits in TIME_WAIT in server-close and in client-close.
answers "server_close|the end that goes through TIME_WAIT in server-close (client or server)" \
  "client_close|the end that goes through TIME_WAIT in client-close"
tw() { sim "$1" > "$WORK/log"; states "$WORK/log" | awk '$4 == "TIME_WAIT" { print $1 }' | sort -u | paste -sd' ' -; }
same server_close "$(tw server-close)"
same client_close "$(tw client-close)"
