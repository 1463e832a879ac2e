# segment.4: without the check of option lengths below 2, what seg_parse
# does with the options fe 00 00 00.
answers "outcome|what ltcp decode does with a header whose options are fe 00 00 00: refuses (a message, status 1), accepts (prints a line), or hangs (never ends)"
build
outcome() {
  timeout 3 "$LTCP" decode c3509c40000003e8000000006002ffff00000000fe000000 > /dev/null 2>&1
  case $? in 0) echo accepts ;; 124|137) echo hangs ;; *) echo refuses ;; esac
}
o=$(outcome)
fact "seg_parse no longer refuses an option length of 0 (ltcp decode now: $o)" test "$o" != refuses
same outcome "$o"
