i = j = 0; @=/* LAB hole reassembly.find: your code here */@>
