# wave.3: half-close whose server closes without sending: the wave.
answers "after_fin|the number of segment lines in the log of half-close after the client's FIN" \
  "gap|the time between the server's acknowledgment of that FIN and the server's FIN, in seconds"
build
sim half-close > "$WORK/log"
fields "$WORK/log" > "$WORK/f"
data=$(awk '$2 == "client" && $3 ~ /F/ { fin = 1; next } fin && $2 == "server" && $7 > 0 { n++ } END { print n + 0 }' "$WORK/f")
fact "the server of half-close sends no data after the client's FIN (it sends $data data segments)" test "$data" -eq 0
same after_fin "$(awk '$2 == "client" && $3 ~ /F/ && !fin { fin = 1; next } fin { n++ } END { print n + 0 }' "$WORK/f")"
same gap "$(awk '$2 == "client" && $3 ~ /F/ && !fin { fin = $4 + 1 } fin && $2 == "server" && $5 == fin && !a { a = $1 }
  $2 == "server" && $3 ~ /F/ && a != "" { print $1 - a; exit }' "$WORK/f")" 0.0005
