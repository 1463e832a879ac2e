# segment.3: two aligned pairs of payload bytes swapped: does the checksum
# notice?  And one byte changed, for comparison.
answers "swapped|does ltcp decode --check notice that two aligned pairs of payload bytes were swapped? (yes or no)" \
  "changed|does it notice one payload byte changed? (yes or no)"
sim lifecycle -w "$WORK/l.pcap" > /dev/null
hex=$(segment_hex "$WORK/l.pcap" 4)   # the client's "hello, server"
head=${hex:0:40} text=${hex:40}
notices() { if "$LTCP" decode --check "$1" > /dev/null 2>&1; then echo no; else echo yes; fi; }
same swapped "$(notices "$head${text:4:4}${text:0:4}${text:8}")"
same changed "$(notices "$head${text:0:2}00${text:4}")"
