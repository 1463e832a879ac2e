  @=/* LAB hole handshake.established: your code here */@>
