  @=/* LAB hole flow.probe: your code here */@>
