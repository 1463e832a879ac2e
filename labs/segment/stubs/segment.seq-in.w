  (void) x;
  (void) lo;
  (void) hi;
  return false; @=/* LAB hole segment.seq-in: your code here */@>
