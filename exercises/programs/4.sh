# programs.4: an option -p PORT of ltcp connect that binds the client's port.
build
want=$(( 20000 + RANDOM % 20000 ))
server_start --msl 0.1
client --msl 0.1 -p "$want" < /dev/null
server_stop
got=$(segments "$WORK/s.log" 2> /dev/null | awk 'NR == 1 { n = split($3, a, "."); print a[n] }')
fact "ltcp connect -p $want connects from port $want (the server saw ${got:-no SYN})" test "$got" = "$want"
