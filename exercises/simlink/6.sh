# simlink.6: a scenario of the student's in which the server closes first,
# the client 100 ms later, and both ends pass through CLOSING.
answers "scenario|the name of your scenario (as ltcp sim --list shows it)"
build
name=$(answer scenario)
sim "$name" > "$WORK/log" 2> /dev/null || : > "$WORK/log"
through() { states "$WORK/log" "$1" | grep -q -E " -> CLOSING( |$)"; }
fact "in '$name' the server closes first, the client 100 ms later" \
  agree "$(awk -v a="$(state_time "$WORK/log" server FIN_WAIT_1)" -v b="$(state_time "$WORK/log" client FIN_WAIT_1)" \
    'BEGIN { if (a == "" || b == "") print "?"; else print b - a }')" 0.1 0.0005
fact "in '$name' the server passes through CLOSING" through server
fact "in '$name' the client passes through CLOSING" through client
