  (void) c; @=/* LAB hole wave.fin-wait-1: your code here */@>
