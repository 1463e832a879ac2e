@q retransmit.w: placeholder, to be replaced. @>

@** The retransmission timer.
This chapter is being written.
