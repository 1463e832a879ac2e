# segment.1: the right checksum of a header, and after its window goes
# down by one.
answers "sum|the right checksum of c3509c40000003e8000000005002ffff00000000, as four hexadecimal digits" \
  "sum_fffe|the right checksum once the window is fffe instead of ffff"
right_sum() { "$LTCP" decode --check "$1" 2>&1 | sed -n 's/.*the right one is 0x\([0-9a-fA-F]*\).*/\1/p'; }
same sum "$(right_sum c3509c40000003e8000000005002ffff00000000)"
same sum_fffe "$(right_sum c3509c40000003e8000000005002fffe00000000)"
