@q wave.w: placeholder, to be replaced. @>

@** The four-way wave.
This chapter is being written.
