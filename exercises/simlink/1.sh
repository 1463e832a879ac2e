# simlink.1: lost-syn: the wait before the second SYN; with the second SYN
# lost too (a second row of drop_syn), the time of the third.
answers "wait|how long the client waits before it sends its SYN again, in seconds" \
  "third|with the second SYN lost too: the time of the third SYN, in seconds after the first"
build
sim lost-syn > "$WORK/log"
fields "$WORK/log" > "$WORK/f"
n=$(awk '$2 == "client" && $3 == "S" { n++ } END { print n + 0 }' "$WORK/f")
fact "the client of lost-syn sends its SYN three times ($n times now)" test "$n" -eq 3
same wait "$(awk '$2 == "client" && $3 == "S" { if (++n == 1) t = $1; else { print $1 - t; exit } }' "$WORK/f")" 0.0005
third=$(awk '$2 == "client" && $3 == "S" { if (++n == 3) { print $1; exit } }' "$WORK/f")
same third "${third:-no third SYN}" 0.0005
