# reassembly.2: one range of reassembly (TCP_REASM_RANGES 1): do transfers
# still succeed, and how many retransmissions with loss10 and seed 7.
answers "reorder|with one range, do the transfers under reordering succeed? (yes or no)" \
  "loss10|do the transfers under 10% loss succeed? (yes or no)" \
  "retransmitted|with one range, the retransmissions test_transfer --faults loss10 --seed 7 counts, as it prints them (A and B)"
build build/tests/test_transfer
ranges=$(harness ranges <<'C'
#include <stdio.h>
#include "buffer.h"
int main(void) { printf("%d\n", TCP_REASM_RANGES); return 0; }
C
)
fact "the receive buffer holds one range out of order (TCP_REASM_RANGES is ${ranges:-?})" test "$ranges" = 1
t=build/tests/test_transfer
same reorder "$(yesno "$t" --faults reorder)"
same loss10 "$(yesno "$t" --faults loss10)"
same retransmitted "$("$t" --faults loss10 --seed 7 2>&1 | sed -n 's/.* segments, \([0-9]* and [0-9]*\) retransmitted.*/\1/p')"
