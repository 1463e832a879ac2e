@q programs.w: placeholder, to be replaced. @>

@** The programs listen and connect.
This chapter is being written.
