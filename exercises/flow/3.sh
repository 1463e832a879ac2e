# flow.3: window_to_offer offering all the room, one-byte writes and
# reads: the segments of a transfer.
answers "segments|the segments each side sent, as build/tests/test_transfer --faults none --seed 5 prints them (A and B), with the program as it now is"
build build/tests/test_transfer
w=$(harness flow <<'C'
#include <stdio.h>
#include "flow.h"
int main(void) { printf("%u\n", (unsigned) window_to_offer(4800, 5000, 1000, 4000, 1460)); return 0; }
C
)
fact "window_to_offer offers all the room (1000 bytes free: it offers ${w:-?})" test "$w" = 1000
same segments "$(build/tests/test_transfer --faults none --seed 5 2>&1 | sed -n 's/.* received, \([0-9]* and [0-9]*\) segments.*/\1/p')"
