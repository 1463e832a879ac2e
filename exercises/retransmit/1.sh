# retransmit.1: five timeouts in a row from an RTO of one second, in the
# client's lines of syn-rcvd-timeout.
answers "syns|the times of the client's SYNs, in seconds after the first, separated by blanks (the first is 0)" \
  "gives_up|the time at which the client gives up (reaches CLOSED), in seconds after its first SYN"
sim syn-rcvd-timeout > "$WORK/log"
same syns "$(fields "$WORK/log" | awk '$2 == "client" && $3 == "S" { printf "%s%s", sep, $1; sep = " " }')" 0.0005
same gives_up "$(state_time "$WORK/log" client CLOSED)" 0.0005
