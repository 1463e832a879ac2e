# window.4: a receive window of 2 bytes: the windows the receiver offers
# and the data segments of 1000 bytes.
answers "windows|the windows the receiver's segments offer after the handshake: each value once, from smallest to largest, separated by blanks" \
  "data|the number of segments that carry data in s.log"
head -c 1000 /dev/urandom > "$WORK/file"
server_start --msl 0.1 --window 2
client --msl 0.1 < "$WORK/file"
server_stop
fields "$WORK/s.log" > "$WORK/f"
same windows "$(awk '$2 == "server" && $3 !~ /S/ { print $6 }' "$WORK/f" | sort -un | paste -sd' ' -)"
same data "$(awk '$7 > 0' "$WORK/f" | wc -l)"
