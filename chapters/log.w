@q log.w: placeholder, to be replaced. @>

@** Keeping a log.
This chapter is being written.
