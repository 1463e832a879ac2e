@q segment.w: placeholder, to be replaced. @>

@** Segments on the wire.
This chapter is being written.
