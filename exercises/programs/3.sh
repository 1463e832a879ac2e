# programs.3: the server closes first: which side goes through TIME_WAIT.
answers "time_wait|the side that goes through TIME_WAIT (client or server)"
server_start --msl 0.2
(sleep 1; echo late) | client --msl 0.2
server_stop
same time_wait "$(cat "$WORK/s.log" "$WORK/c.log" | states /dev/stdin | awk '$4 == "TIME_WAIT" { print $1 }' | sort -u | paste -sd' ' -)"
