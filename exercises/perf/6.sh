# perf.6: no delayed acknowledgments on the bulk link; the virtual time of
# a transfer under 30% loss.  (The six figures are measured by make bench.)
answers "virtual|the virtual time build/tests/test_transfer --faults loss30 --seed 1 prints, in seconds, with the program as it now is"
build build/tests/test_transfer
d=$(harness delack <<'C'
#include <stdio.h>
#include "bulk.h"
int main(void) { struct bulk_options o; bulk_defaults(&o); printf("%llu\n", (unsigned long long) o.cfg.delack_us); return 0; }
C
)
fact "bulk_defaults turns delayed acknowledgments off (delack_us is ${d:-?})" test "$d" = 0
same virtual "$(build/tests/test_transfer --faults loss30 --seed 1 2>&1 | sed -n 's/.* \([0-9.]*\) s of virtual time.*/\1/p')" 0.0005
