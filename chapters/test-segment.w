@q test-segment.w: placeholder, to be replaced. @>

@* Tests of segments.
These tests are being written.
