@x mutant listen-takes-anything: LISTEN takes a segment without SYN as if it were a SYN
  if (!(s->flags & TCP_SYN)) {
    drop(c, TCP_DROP_LISTEN_NO_SYN);
    return;
  }
@y
@z
