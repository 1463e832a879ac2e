@x mutant last-piece-lost: the part of the text after the last held range is not copied
  if (at < hi) ring_put(b->data, b->mask, nxt + at, text + (at - lo), hi - at);
@y
  (void) hi;
@z
