# retransmit.2: SRTT, RTTVAR and RTO after each of six samples, with the
# floor at 0, computed by the book's rto_measure.
answers "srtt|SRTT after each sample, in milliseconds, separated by blanks" \
  "rttvar|RTTVAR after each sample, in milliseconds" \
  "rto|RTO after each sample, in milliseconds"
harness rto > "$WORK/out" <<'C'
#include <stdio.h>
#include "rto.h"
int main(void)
{
  struct tcp_rto r;
  const unsigned ms[] = {100, 100, 100, 500, 100, 100};
  rto_init(&r, 1000000, 0, 60000000);
  for (int i = 0; i < 6; i++) {
    rto_measure(&r, ms[i] * 1000);
    printf("%g %g %g\n", r.srtt / 1000.0, r.rttvar / 1000.0, r.rto / 1000.0);
  }
  return 0;
}
C
same srtt "$(awk '{ print $1 }' "$WORK/out" | paste -sd' ' -)" 0.5
same rttvar "$(awk '{ print $2 }' "$WORK/out" | paste -sd' ' -)" 0.5
same rto "$(awk '{ print $3 }' "$WORK/out" | paste -sd' ' -)" 0.5
