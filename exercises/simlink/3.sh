# simlink.3: a scenario of the student's in which the server's FIN of the
# lifecycle is duplicated, the copy arriving 5 s later.
answers "scenario|the name of your scenario (as ltcp sim --list shows it)" \
  "state|the client's state when the copy of the FIN arrives" \
  "reply|the flags of the client's answer to the copy, as tcpdump writes them between brackets" \
  "restarted|is the client's TIME_WAIT timer restarted by the copy? (yes or no)"
build
name=$(answer scenario)
sim "$name" > "$WORK/log" 2> /dev/null || : > "$WORK/log"
fact "a scenario '$name' exists in which a FIN of the server is duplicated, the copy 5 s later" \
  awk '/^# / { if (fin && $0 ~ /duplicated; the copy arrives 5000 ms later/) ok = 1; next }
       { fin = ($0 ~ /^[0-9.]+ IP 10\.0\.0\.2/ && $0 ~ /Flags \[F/) } END { exit !ok }' "$WORK/log"
# what follows the copy's arrival at the client
awk '/^# / { line = $0; sub(/^# ([0-9]+\.[0-9]+ )?/, "", line)
             if (line ~ /^link: the duplicate .* arrives at client/) arrived = 1
             else if (!arrived && line ~ /^client [A-Z_0-9]+ -> /) state = $0
             else if (arrived && line ~ /^client stays in TIME_WAIT/) restarted = "yes"
             next }
     arrived && !reply && $3 ~ /^10\.0\.0\.1/ { reply = $0; sub(/.*Flags \[/, "", reply); sub(/\].*/, "", reply) }
     END { if (!arrived) { for (i = 0; i < 3; i++) print "no copy arrives"; exit }
           sub(/ \(.*/, "", state); n = split(state, w, " ")
           print w[n]; print (reply ? reply : "none"); print (restarted ? restarted : "no") }' "$WORK/log" > "$WORK/after"
same state "$(sed -n 1p "$WORK/after")"
same reply "$(sed -n 2p "$WORK/after")"
same restarted "$(sed -n 3p "$WORK/after")"
