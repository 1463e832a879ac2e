@q carrier.w: placeholder, to be replaced. @>

@** TCP over UDP on the loopback.
This chapter is being written.
