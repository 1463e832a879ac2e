  (void) sum;
  return 0; @=/* LAB hole segment.fold: your code here */@>
