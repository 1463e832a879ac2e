# eventloop.1: how long a client stays after its last ACK, with --msl 2
# and with --msl 0.
answers "msl2|with --msl 2: how long the client stays after its last ACK before it exits, in seconds (to the tenth)" \
  "msl0|with --msl 0: the same"
# the time from the client's last segment to its move to CLOSED, both
# read in its log (the state line carries its own time)
stay() {
  server_start --msl 0.1
  client "$@" < /dev/null
  server_stop
  local end; end=$(stamp "$WORK/c.log" 'client TIME_WAIT -> CLOSED')
  [ -n "$end" ] || return 0
  awk -v e="$end" '!/^# / { t = $1 } END { printf "%.1f\n", e - t }' "$WORK/c.log"
}
same msl2 "$(stay --msl 2)" 0.15
same msl0 "$(stay --msl 0)" 0.15
