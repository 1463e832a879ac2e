@q perf.w: placeholder, to be replaced. @>

@** How fast is it?.
This chapter is being written.
