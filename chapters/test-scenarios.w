@q test-scenarios.w: placeholder, to be replaced. @>

@* Tests of the conformance scenarios.
These tests are being written.
