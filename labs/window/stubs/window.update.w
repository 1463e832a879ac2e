  (void) c;
  (void) s;
  (void) window_opened; @=/* LAB hole window.update: your code here */@>
