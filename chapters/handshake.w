@q handshake.w: placeholder, to be replaced. @>

@** The three-way handshake.
This chapter is being written.
