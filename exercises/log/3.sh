# log.3: a capture that declares nanoseconds but holds microseconds: the
# time tcpdump prints.
answers "time|the time tcpdump -tt prints for the first segment of ltcp pcap-demo's capture, after your first change"
build
"$LTCP" pcap-demo "$WORK/d.pcapng" > /dev/null
t=$(tcpdump -n -tt -r "$WORK/d.pcapng" 2> /dev/null | awk 'NR == 1 { print $1 }')
fact "the capture's times are read as nanoseconds (tcpdump prints ${t:-nothing} for the first segment)" \
  awk -v t="$t" 'BEGIN { exit !(t != "" && t < 1e9) }'
same time "$t" 0.0000005
