# machine.3: the reset that refuses a SYN to a closed port.
answers "seq|the sequence number of the reset" "ack|its acknowledgment number"
sim syn-to-closed-port > "$WORK/log"
fields "$WORK/log" | awk '$3 ~ /R/ { print $4; print $5; exit }' > "$WORK/rst"
same seq "$(sed -n 1p "$WORK/rst")"
same ack "$(sed -n 2p "$WORK/rst")"
