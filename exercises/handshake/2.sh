# handshake.2: lost-syn with a one-way delay of 600 ms: which segments
# appear twice.  The change: the delay field of lost-syn's row.
answers "twice|the segments that appear twice in the log of lost-syn (with the delay of 600 ms), by their flags as tcpdump writes them between brackets, in the order they first appear, separated by blanks (for example: S. .)"
build
sim lost-syn > "$WORK/log"
fields "$WORK/log" > "$WORK/f"
# the first SYN,ACK is sent when the SYN it answers has crossed the link
delay=$(awk '$3 == "S" { s = $1 } $3 == "S." { print $1 - s; exit }' "$WORK/f")
fact "the link of lost-syn delays a segment by 600 ms (the server answers the SYN ${delay:-?} s after it was sent)" \
  agree "$delay" 0.6 0.0005
same twice "$(awk '{ k = $2 " " $3 " " $4 " " $5; if (++n[k] == 2) printf "%s%s", sep, $3; if (n[k] == 2) sep = " " }' "$WORK/f")"
