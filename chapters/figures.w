@q figures.w: placeholder, to be replaced. @>

@** Drawing the figures.
This chapter is being written.
