  (void) rcv_nxt;
  (void) adv_edge;
  (void) cap;
  (void) mss;
  return room; @=/* LAB hole flow.offer: your code here */@>
