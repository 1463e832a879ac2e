@q flow.w: placeholder, to be replaced. @>

@** Flow control and the zero window.
This chapter is being written.
