# ltcp.3: a subcommand that prints the eleven states in the order of
# enum tcp_state.
build
harness states > "$WORK/want" <<'C'
#include <stdio.h>
#include "tcp.h"
int main(void)
{
  for (int s = 0; s < TCP_NSTATES; s++) printf("%s\n", tcp_state_name((enum tcp_state) s));
  return 0;
}
C
"$LTCP" states > "$WORK/got" 2>&1
fact "ltcp states prints the states of enum tcp_state, one a line, in order" cmp "$WORK/want" "$WORK/got"
fact "ltcp help lists the command states" eval "\"\$LTCP\" help | grep -q \"^  states \""
