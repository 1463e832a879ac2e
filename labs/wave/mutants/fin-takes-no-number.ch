@x mutant fin-takes-no-number: the peer's FIN does not move RCV.NXT, so it is never acknowledged
  c->rcv_nxt += 1;
  c->fin_received = true;
@y
  c->fin_received = true;
@z
