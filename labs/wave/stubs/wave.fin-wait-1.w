  (void) c;
  (void) our_fin_acked; @=/* LAB hole wave.fin-wait-1: your code here */@>
