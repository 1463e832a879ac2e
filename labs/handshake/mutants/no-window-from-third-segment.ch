@x mutant no-window-from-third-segment: SYN_RCVD does not take the send window from the third segment
  c->snd_wnd = s->window;
  c->snd_wl1 = s->seq;
  c->snd_wl2 = s->ack;
  if (c->snd_wnd > c->max_snd_wnd) c->max_snd_wnd = c->snd_wnd;
  if (!tcp_enter(c, T_SYN_RCVD_ESTABLISHED)) return false;
@y
  if (!tcp_enter(c, T_SYN_RCVD_ESTABLISHED)) return false;
@z
