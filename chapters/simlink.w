@q simlink.w: placeholder, to be replaced. @>

@** A link with a virtual clock.
This chapter is being written.
