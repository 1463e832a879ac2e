  (void) c;
  (void) s;
  return false; @=/* LAB hole handshake.complete: your code here */@>
