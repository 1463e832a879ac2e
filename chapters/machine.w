@q machine.w: placeholder, to be replaced. @>

@** The whole machine.
This chapter is being written.
