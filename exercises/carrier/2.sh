# carrier.2: how long the carrier holds a datagram back, made 200 ms.
answers "hold|how long at most the carrier holds a datagram back, in milliseconds, as the program now is"
build
hold=$(harness hold <<'C'
#include <stdio.h>
#include "carrier.h"
int main(void) { printf("%g\n", CARRIER_HOLD_US / 1000.0); return 0; }
C
)
fact "the carrier holds a datagram back at most 200 ms (CARRIER_HOLD_US is now ${hold:-?} ms)" agree "$hold" 200
same hold "$hold"
