  (void) r;
  (void) rtt_us;
  (void) rto_from_estimate; @=/* LAB hole retransmit.measure: your code here */@>
