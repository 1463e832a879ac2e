@x mutant silly-window: the receiver offers every byte its program frees, however few
  if (room >= standing + edge_step(cap, mss)) return room;
@y
  if (room > standing) return room;
@z
