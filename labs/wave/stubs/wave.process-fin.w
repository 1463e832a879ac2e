  (void) c;
  (void) s; @=/* LAB hole wave.process-fin: your code here */@>
