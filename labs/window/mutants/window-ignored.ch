@x mutant window-ignored: new data is sent without regard to the peer's window
  uint32_t usable = usable_window(c->snd_una, c->snd_wnd, c->snd_nxt);
@y
  uint32_t usable = usable_window(c->snd_una, 65535, c->snd_nxt);
@z
