  @=/* LAB hole handshake.syn-sent: your code here */@>
