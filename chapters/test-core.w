@q test-core.w: placeholder, to be replaced. @>

@* Tests of the state machine.
These tests are being written.
