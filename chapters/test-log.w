@q test-log.w: placeholder, to be replaced. @>

@* Tests of the log.
These tests are being written.
