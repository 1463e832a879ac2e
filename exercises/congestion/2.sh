# congestion.2: a copy over a link that reorders three datagrams in ten,
# with and without fast retransmit: how many data segments the client
# sends twice in each.
answers "with|retransmitted data segments in the client's log with fast retransmit (the default)" \
  "without|retransmitted data segments in the client's log with --no-fast-retransmit"
head -c 200000 /dev/urandom > "$WORK/file"
# repeats LOG: data segments of the client whose first byte it sent before.
repeats() {
  fields "$1" | awk '$2 == "client" && $7 > 0 { split($4, r, ":"); if (r[1] in seen) n++; seen[r[1]] = 1 }
    END { print n + 0 }'
}
for how in with without; do
  opt=; [ "$how" = without ] && opt=--no-fast-retransmit
  server_start -d --msl 0.1
  client -l "$WORK/$how.log" $opt --reorder 0.3 --seed 1 --msl 0.1 < "$WORK/file"
  server_stop
  if [ "$(cat "$WORK/c.rc")" = 0 ] && cmp -s "$WORK/file" "$WORK/s.out"; then
    same "$how" "$(repeats "$WORK/$how.log")"
  else
    same "$how" ""  # the copy failed: nothing to compare
  fi
done
