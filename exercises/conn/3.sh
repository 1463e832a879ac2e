# conn.3: an MSL of two minutes: how long the client of lifecycle stays in
# TIME_WAIT.
answers "time_wait|how long the client of lifecycle stays in TIME_WAIT, in seconds"
build
sim lifecycle > "$WORK/log"
tw=$(awk -v a="$(state_time "$WORK/log" client TIME_WAIT)" -v b="$(state_time "$WORK/log" client CLOSED)" 'BEGIN { print b - a }')
fact "the MSL is two minutes (the client of lifecycle stays $tw s in TIME_WAIT)" agree "$tw" 240 0.0005
same time_wait "$tw" 0.0005
