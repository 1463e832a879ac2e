  (void) s; @=/* LAB hole handshake.listen: your code here */@>
