  (void) c;
  (void) enter_time_wait;
  return true; @=/* LAB hole wave.ack-of-fin: your code here */@>
