@x mutant ranges-left-behind: the ranges that became in order are not all removed
  remove_ranges(b, 0, j);
@y
  remove_ranges(b, 0, i);
@z
