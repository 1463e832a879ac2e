  @=/* LAB hole retransmit.backoff: your code here */@>
