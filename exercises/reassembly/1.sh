# reassembly.1: three arrivals at a receive buffer that expects 1000 and
# holds 1200-1299 and 1400-1499, computed by the book's rcvbuf_insert.
answers "nxt|RCV.NXT after each of the three arrivals, separated by blanks" \
  "ranges1|the ranges held after the first arrival (1300-1399), as lo-hi with both ends included, separated by blanks ('none' if none)" \
  "ranges2|the ranges held after the second (1000-1199)" \
  "ranges3|the ranges held after the third (1100-1599)" \
  "returns|the value rcvbuf_insert returns for each arrival, separated by blanks"
harness reasm > "$WORK/out" <<'C'
#include <stdio.h>
#include <stdlib.h>
#include "buffer.h"
static uint8_t text[1000];
int main(void)
{
  static struct tcp_rcvbuf b;
  rcvbuf_init(&b, 4096, 4096, 1000);
  rcvbuf_insert(&b, 1200, text, 100);
  rcvbuf_insert(&b, 1400, text, 100);
  const uint32_t arrive[3][2] = {{1300, 100}, {1000, 200}, {1100, 500}};
  for (int i = 0; i < 3; i++) {
    uint32_t r = rcvbuf_insert(&b, arrive[i][0], text, arrive[i][1]);
    printf("%u %u", (unsigned) rcvbuf_next(&b), (unsigned) r);
    if (b.nranges == 0) printf(" none");
    for (uint32_t k = 0; k < b.nranges; k++)
      printf(" %u-%u", (unsigned) rcvbuf_range_lo(&b, k), (unsigned) rcvbuf_range_hi(&b, k) - 1);
    printf("\n");
  }
  return 0;
}
C
same nxt "$(awk '{ print $1 }' "$WORK/out" | paste -sd' ' -)"
for i in 1 2 3; do same ranges$i "$(sed -n "${i}p" "$WORK/out" | cut -d' ' -f3-)"; done
same returns "$(awk '{ print $2 }' "$WORK/out" | paste -sd' ' -)"
