# timewait.3: old-duplicate without the protection of RFC 1337: when and
# by which row the client reaches CLOSED.
answers "closed|the time of the client's first arrival in CLOSED, in seconds after the first segment (to the hundredth)" \
  "row|the cause its state line gives, between the parentheses"
build
sim old-duplicate > "$WORK/log"
row=$(states "$WORK/log" client | grep -m1 -- '-> CLOSED' | sed -n 's/^[^(]*(\(.*\))$/\1/p')
fact "the client's TIME_WAIT in old-duplicate is ended by a reset (its first move to CLOSED: $row)" \
  grep -q RST <<< "$row"
same closed "$(state_time "$WORK/log" client CLOSED)" 0.011
same row "$row"
