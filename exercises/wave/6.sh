# wave.6: a FIN_WAIT_2 timeout of 10 s, and a server that sends at 20 s
# instead of closing: the client's last state, and what the server sees.
answers "last|the client's last change of state, as FROM -> TO (for example SYN_SENT -> ESTABLISHED)" \
  "last_at|its time, in seconds after the first segment" \
  "reply|the flags of the client's answer to the server's bytes, as tcpdump writes them between brackets" \
  "server_last|the server's last change of state, as FROM -> TO"
build
sim client-close > "$WORK/log"
fields "$WORK/log" > "$WORK/f"
fact "the client of client-close leaves FIN_WAIT_2 by its timeout ($(cause "$WORK/log" client FIN_WAIT_2 '[A-Z_0-9]+'))" \
  grep -q -i 'time' <<< "$(cause "$WORK/log" client FIN_WAIT_2 '[A-Z_0-9]+')"
fact "the server of client-close sends bytes at 20 s" \
  awk '$2 == "server" && $7 > 0 && $1 + 0 >= 20 { f = 1 } END { exit !f }' "$WORK/f"
same last "$(states "$WORK/log" client | tail -1 | awk '{ print $2, $3, $4 }')"
same last_at "$(state_time "$WORK/log" client "$(states "$WORK/log" client | tail -1 | awk '{ print $4 }')" \
  "$(states "$WORK/log" client | awk -v to="$(states "$WORK/log" client | tail -1 | awk '{ print $4 }')" '$4 == to { n++ } END { print n }')")" 0.0005
reply=$(awk '$2 == "server" && $7 > 0 && $1 + 0 >= 20 { d = 1; next } d && $2 == "client" { print $3; exit }' "$WORK/f")
same reply "${reply:-none}"
same server_last "$(states "$WORK/log" server | tail -1 | awk '{ print $2, $3, $4 }')"
