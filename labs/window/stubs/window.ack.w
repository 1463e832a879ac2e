  uint32_t freed = 0; @=/* LAB hole window.ack: your code here */@>
  (void) ack;
