  (void) c;
  (void) s;
  (void) fin_is_next; @=/* LAB hole wave.process-fin: your code here */@>
