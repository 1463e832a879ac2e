(void) remove_ranges;
(void) open_range;
(void) hi;
return 0; @=/* LAB hole reassembly.merge: your code here */@>
