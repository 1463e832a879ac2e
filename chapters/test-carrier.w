@q test-carrier.w: placeholder, to be replaced. @>

@* Tests of the carrier and the programs.
These tests are being written.
