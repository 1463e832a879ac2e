# flow.1: the window window_to_offer offers, and whether an update is due,
# computed by the book's functions.
answers "window|the window offered with 1000 bytes free (buffer 4000, MSS 1460, right edge 5000, RCV.NXT 4800)" \
  "due|is a window update due then? (yes or no)" \
  "window_all|the window offered when the program has read everything" \
  "due_all|is an update due then? (yes or no)"
harness flow > "$WORK/out" <<'C'
#include <stdio.h>
#include "flow.h"
int main(void)
{
  printf("%u %s\n", (unsigned) window_to_offer(4800, 5000, 1000, 4000, 1460),
    window_update_due(4800, 5000, 1000, 4000, 1460) ? "yes" : "no");
  printf("%u %s\n", (unsigned) window_to_offer(4800, 5000, 4000, 4000, 1460),
    window_update_due(4800, 5000, 4000, 4000, 1460) ? "yes" : "no");
  return 0;
}
C
same window "$(awk 'NR == 1 { print $1 }' "$WORK/out")"
same due "$(awk 'NR == 1 { print $2 }' "$WORK/out")"
same window_all "$(awk 'NR == 2 { print $1 }' "$WORK/out")"
same due_all "$(awk 'NR == 2 { print $2 }' "$WORK/out")"
