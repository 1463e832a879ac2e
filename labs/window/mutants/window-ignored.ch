@x mutant window-ignored: new data is sent without regard to the peer's window
  uint32_t n = segment_size(usable_window(c->snd_una, c->snd_wnd, c->snd_nxt),
    c->snd_mss, unsent);
@y
  uint32_t n = segment_size(usable_window(c->snd_una, 65535, c->snd_nxt),
    c->snd_mss, unsent);
@z
