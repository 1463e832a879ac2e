# log.5: the TCP Fast Open option printed as tcpdump prints it.
build
for h in c3509c40000003e8000000006002ffff0000000022020101 \
         c3509c40000003e8000000008002ffff00000000220a01020304050607080101; do
  pcap_of "$h" > "$WORK/o.pcap"
  want=$(tcpdump -n -S -tt -r "$WORK/o.pcap" 2> /dev/null | cut -d' ' -f2-)
  got=$("$LTCP" decode "$h" 2>&1 | cut -d' ' -f2-)
  fact "ltcp decode prints the option as tcpdump does: $want" test "$got" = "$want"
done
