# conn.1: the rows of tcp_transitions by kind, and the state with the
# most ways out, counted by a program that reads the table itself.
answers "client|the number of rows of kind ARROW_CLIENT" \
  "server|the number of rows of kind ARROW_SERVER" \
  "abnormal|the number of rows of kind ARROW_ABNORMAL" \
  "none|the number of rows of kind ARROW_NONE (changes of state that Figure 6 leaves out)" \
  "arrows|the number of arrows Figure 6 draws" \
  "most|the state with the most rows leaving it (its name as the log prints it)"
harness table > "$WORK/out" <<'C'
#include <stdio.h>
#include "tcp.h"
int main(void)
{
  int kind[4] = {0}, out[TCP_NSTATES] = {0};
  for (int i = 0; i < T_NTRANSITIONS; i++) {
    kind[tcp_transitions[i].kind]++;
    out[tcp_transitions[i].from]++;
  }
  int best = 0;
  for (int s = 0; s < TCP_NSTATES; s++) if (out[s] > out[best]) best = s;
  printf("%d %d %d %d %s\n", kind[ARROW_CLIENT], kind[ARROW_SERVER], kind[ARROW_ABNORMAL],
    kind[ARROW_NONE], tcp_state_name((enum tcp_state) best));
  return 0;
}
C
same client "$(awk '{ print $1 }' "$WORK/out")"
same server "$(awk '{ print $2 }' "$WORK/out")"
same abnormal "$(awk '{ print $3 }' "$WORK/out")"
same none "$(awk '{ print $4 }' "$WORK/out")"
# the arrows of the figure, counted in the figure the program draws
same arrows "$("$LTCP" dot fsm | grep -c -- '->')"
same most "$(awk '{ print $5 }' "$WORK/out")"
