# reassembly.3: a full list of ranges forgets its last range for text that
# lies before it.
build
harness full > "$WORK/out" <<'C'
#include <stdio.h>
#include "buffer.h"
static uint8_t text[100];
int main(void)
{
  static struct tcp_rcvbuf b;
  rcvbuf_init(&b, 4096, 4096, 1000);
  for (uint32_t k = 0; k < TCP_REASM_RANGES; k++) rcvbuf_insert(&b, 1100 + 200 * k, text, 100);
  uint32_t last = 1100 + 200 * (TCP_REASM_RANGES - 1);
  rcvbuf_insert(&b, 1050, text, 20);
  printf("%s %s\n", rcvbuf_holds(&b, 1050, 1070) ? "kept" : "refused",
    rcvbuf_holds(&b, last, last + 100) ? "last-held" : "last-forgotten");
  return 0;
}
C
fact "with the list full, text before the last range is kept" grep -q '^kept' "$WORK/out"
fact "and the last range is forgotten" grep -q 'last-forgotten' "$WORK/out"
