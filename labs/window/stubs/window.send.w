  return; @=/* LAB hole window.send: your code here */@>
