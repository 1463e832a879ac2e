# segment.5: the window scale option parsed, a wrong length refused.
build build/tests/test_segment
fact "a SYN whose window scale option has length 4 is refused as malformed" \
  eval '! "$LTCP" decode c3509c40000003e8000000006002ffff0000000003040a00'
fact "a SYN with a window scale option of length 3 is still decoded" \
  "$LTCP" decode c3509c40000003e8000000006002ffff0000000001030309
fact "the tests of segments pass" build/tests/test_segment
