memset(s, 0, sizeof *s); @=/* LAB hole segment.header: your code here */@>
(void) src_addr;
(void) dst_addr;
