# log.1: tcpdump -v on the demonstration's capture.
answers "word|the word tcpdump -v prints, after each checksum, that says it is right"
"$LTCP" pcap-demo "$WORK/d.pcapng" > /dev/null
same word "$(tcpdump -n -S -tt -v -r "$WORK/d.pcapng" 2> /dev/null | sed -n 's/.*cksum 0x[0-9a-f]* (\([^)]*\)).*/\1/p' | sort -u | paste -sd' ' -)"
