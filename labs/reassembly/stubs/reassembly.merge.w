(void) remove_ranges;
(void) open_range;
return 0; @=/* LAB hole reassembly.merge: your code here */@>
