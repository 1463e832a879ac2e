# window.1: the indexes of the bytes 2^32-3 to 2 in a ring of 8 bytes,
# found by the book's receive buffer.
answers "indexes|the indexes of the array at which the bytes numbered 2^32-3, 2^32-2, 2^32-1, 0, 1, 2 are, separated by blanks"
harness ring > "$WORK/out" <<'C'
#include <stdio.h>
#include "buffer.h"
int main(void)
{
  static struct tcp_rcvbuf b;
  const uint8_t text[6] = {1, 2, 3, 4, 5, 6};
  rcvbuf_init(&b, 8, 8, 0xfffffffdu);
  rcvbuf_insert(&b, 0xfffffffdu, text, 6);
  for (int v = 1; v <= 6; v++)
    for (int i = 0; i < 8; i++) if (b.data[i] == v) printf("%s%d", v > 1 ? " " : "", i);
  printf("\n");
  return 0;
}
C
same indexes "$(cat "$WORK/out")"
