  (void) r;
  (void) rtt_us; @=/* LAB hole retransmit.measure: your code here */@>
