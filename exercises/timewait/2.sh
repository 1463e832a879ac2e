# timewait.2: an MSL of 100 ms in lost-last-ack: the client's answer to the
# repeated FIN, and the row by which the server reaches CLOSED.
answers "reply|the flags (as tcpdump writes them between brackets) of the client's answer to the repeated FIN" \
  "row|the cause the state line of the server's move to CLOSED gives, between its parentheses (for example: recv: ACK; send: nothing)"
build
sim lost-last-ack > "$WORK/log"
tw=$(state_time "$WORK/log" client TIME_WAIT) closed=$(state_time "$WORK/log" client CLOSED)
fact "the client of lost-last-ack stays 2MSL = 0.2 s in TIME_WAIT (from $tw s to $closed s)" \
  agree "$(awk -v a="$tw" -v b="$closed" 'BEGIN { print b - a }')" 0.2 0.0005
fields "$WORK/log" > "$WORK/f"
same reply "$(awk '$2 == "server" && $3 ~ /F/ { n++ } n == 2 && $2 == "client" { print $3; exit }' "$WORK/f")"
same row "$(states "$WORK/log" server | grep -m1 -- '-> CLOSED' | sed -n 's/^[^(]*(\(.*\))$/\1/p')"
