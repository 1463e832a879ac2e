  @=/* LAB hole reassembly.copy: your code here */@>
