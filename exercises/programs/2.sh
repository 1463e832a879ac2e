# programs.2: a second client of a server that serves one connection, and
# of one that keeps listening (-k).
answers "status|the exit status of the second client when the server serves one connection" \
  "refused_by|the flags (as tcpdump writes them between brackets) of the segment in the server's log that refuses it" \
  "status_k|the exit status of the second client when the server runs with -k (its input empty)"
second() {  # second SERVER-ARGS: a second client while a first one is connected
  server_start --msl 0.1 "$@"
  sleep 0.8 | timeout 10 "$LTCP" connect --msl 0.1 127.0.0.1 "$port" > /dev/null 2>&1 &
  local first=$!
  sleep 0.3
  client -l "$WORK/c2.log" --msl 0.1 < /dev/null
  wait "$first"
  server_stop "$stop"
}
stop=40 second
same status "$(cat "$WORK/c.rc")"
same refused_by "$(fields "$WORK/s.log" | awk '$3 ~ /R/ { print $3; exit }')"
stop=2 second -k
same status_k "$(cat "$WORK/c.rc")"
