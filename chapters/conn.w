@q conn.w: placeholder, to be replaced. @>

@** The connection and its states.
This chapter is being written.
