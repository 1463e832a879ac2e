# timewait.1: when the client of lost-last-ack reaches CLOSED, and 2MSL
# after which acknowledgment.
answers "closed|the time at which the client reaches CLOSED, in seconds after the first segment of the log" \
  "second_ack|the time of the client's second acknowledgment of the server's FIN, in seconds after the first segment"
sim lost-last-ack > "$WORK/log"
same closed "$(state_time "$WORK/log" client CLOSED)"
same second_ack "$(fields "$WORK/log" | awk '$2 == "client" && $3 == "." { if (++n == 3) { print $1; exit } }')"
