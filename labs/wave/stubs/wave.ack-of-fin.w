  (void) c;
  return true; @=/* LAB hole wave.ack-of-fin: your code here */@>
