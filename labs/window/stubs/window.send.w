  (void) wait_for_window;
  return; @=/* LAB hole window.send: your code here */@>
