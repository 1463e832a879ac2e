  @=/* LAB hole timewait.timeout: your code here */@>
