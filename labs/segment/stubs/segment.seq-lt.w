  (void) a;
  (void) b;
  return false; @=/* LAB hole segment.seq-lt: your code here */@>
