@x mutant update-too-late: a window update waits until the window the sender knows is zero
  return standing < cap - cap / 2 && room >= standing + edge_step(cap, mss);
@y
  return standing == 0 && room >= standing + edge_step(cap, mss);
@z
