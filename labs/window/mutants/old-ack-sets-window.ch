@x mutant old-ack-sets-window: the window is taken from segments older than the one that last set it
      (c->snd_wl1 == s->seq && seq_le(c->snd_wl2, s->ack))) {
@y
      (c->snd_wl1 == s->seq && seq_le(s->ack, c->snd_wl2))) {
@z
