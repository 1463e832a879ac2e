  (void) max; @=/* LAB hole flow.persist-probed: your code here */@>
