# simlink.2: SIM_DELAY_MS 100: when the client of lifecycle leaves TIME_WAIT.
answers "closed|the time at which the client leaves TIME_WAIT, in seconds after the first segment"
build
sim lifecycle > "$WORK/log"
d=$(fields "$WORK/log" | awk '$3 == "S" { s = $1 } $3 == "S." { print $1 - s; exit }')
fact "the link of lifecycle delays each segment by 100 ms (the SYN is answered after ${d:-?} s)" agree "$d" 0.1 0.0005
same closed "$(state_time "$WORK/log" client CLOSED)" 0.0005
