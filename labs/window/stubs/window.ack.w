  uint32_t freed = 0; @=/* LAB hole window.ack: your code here */@>
  congestion_on_ack(c, ack);  /* this call stays: see the chapter on losses */
