@x mutant udp-pseudo-header: the pseudo-header names protocol 17 (UDP) instead of 6
  pseudo[9] = 6; /* TCP */
@y
  pseudo[9] = 17;
@z
