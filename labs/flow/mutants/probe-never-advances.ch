@x mutant probe-never-advances: a probe byte that the receiver accepts is not counted as sent
  if (seq == c->snd_nxt) c->snd_nxt += 1;
@y
  (void) seq;
@z
