@x mutant fin-out-of-order: a FIN is taken even when bytes before it are missing
  if (!fin_is_next(c, s)) return;
@y
  (void) fin_is_next;
@z
