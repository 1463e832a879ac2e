  (void) rcv_nxt;
  (void) adv_edge;
  (void) room;
  (void) cap;
  (void) mss;
  return false; @=/* LAB hole flow.update-due: your code here */@>
