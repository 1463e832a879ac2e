# carrier.1: a copy whose sender duplicates half its datagrams: how the
# receiver answers a duplicate data segment, and whether the copy is right.
answers "answer|the flags (as tcpdump writes them between brackets) of what the receiver sends after a copy of a data segment it already has" \
  "copy|does the copy come out right? (yes or no)"
head -c 20000 /dev/urandom > "$WORK/file"
server_start --msl 0.1
client --dup 0.5 --msl 0.1 < "$WORK/file"
server_stop
fields "$WORK/s.log" > "$WORK/f"
same answer "$(awk '$2 == "client" && $7 > 0 { if ($4 in seen) dup = 1; seen[$4] = 1; next }
  dup && $2 == "server" { print $3; exit }' "$WORK/f")"
same copy "$(yesno cmp "$WORK/file" "$WORK/s.out")"
