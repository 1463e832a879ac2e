  (void) c; @=/* LAB hole window.retransmit: your code here */@>
