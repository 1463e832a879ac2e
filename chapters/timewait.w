@q timewait.w: placeholder, to be replaced. @>

@** TIME\_WAIT and 2MSL.
This chapter is being written.
