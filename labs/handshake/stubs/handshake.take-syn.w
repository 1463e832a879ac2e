@=/* LAB hole handshake.take-syn: your code here */@>
(void) s;
(void) choose_iss;
