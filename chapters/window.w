@q window.w: placeholder, to be replaced. @>

@** Moving data: the sliding window.
This chapter is being written.
