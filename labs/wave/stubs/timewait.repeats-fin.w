  (void) c;
  (void) s;
  return false; @=/* LAB hole timewait.repeats-fin: your code here */@>
