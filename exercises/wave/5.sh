# wave.5: half-close's server closes at 400 ms, the moment of its last
# send: does the FIN ride on that segment?
answers "rides|does the server's FIN ride on its last data segment? (yes or no)"
build
sim half-close > "$WORK/log"
at=$(state_time "$WORK/log" server LAST_ACK)
fact "the server of half-close closes at 0.4 s (it moves to LAST_ACK at ${at:-?} s)" agree "$at" 0.4
same rides "$(fields "$WORK/log" | awk '$2 == "server" && $3 ~ /F/ { print ($7 > 0 ? "yes" : "no"); exit }')"
