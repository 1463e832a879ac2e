@q test-data.w: placeholder, to be replaced. @>

@* Tests of moving data.
These tests are being written.
