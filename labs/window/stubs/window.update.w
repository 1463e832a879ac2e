  (void) c;
  (void) s; @=/* LAB hole window.update: your code here */@>
