# perf.3: the benchmark's program reads 1460 bytes at a time.  (The count
# of instructions it predicts is measured by make bench, not here.)
build
chunk=$(harness chunk <<'C'
#include <stdio.h>
#include "bulk.h"
int main(void) { struct bulk_options o; bulk_defaults(&o); printf("%u\n", (unsigned) o.chunk); return 0; }
C
)
fact "bulk_defaults reads 1460 bytes at a time (chunk is ${chunk:-?})" test "$chunk" = 1460
