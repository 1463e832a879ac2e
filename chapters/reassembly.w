@q reassembly.w: placeholder, to be replaced. @>

@** Out of order: reassembly.
This chapter is being written.
