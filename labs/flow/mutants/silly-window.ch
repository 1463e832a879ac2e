@x mutant silly-window: the receiver moves its window by an eighth of the step, a silly window
  if (room >= standing + edge_step(cap, mss)) return room;
@y
  if (room >= standing + edge_step(cap, mss) / 8) return room;
@z
