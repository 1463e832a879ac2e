@q firstbyte.w: placeholder, to be replaced. @>

@** A first byte moves.
This chapter is being written.
