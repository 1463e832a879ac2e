  (void) c;
  (void) id;
  (void) start_time_wait_timer; @=/* LAB hole timewait.enter: your code here */@>
