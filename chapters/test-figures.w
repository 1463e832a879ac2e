@q test-figures.w: placeholder, to be replaced. @>

@* Tests of the figures.
These tests are being written.
