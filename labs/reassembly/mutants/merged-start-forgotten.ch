@x mutant merged-start-forgotten: a merged range keeps the text's start even when a range began earlier
if (i < j && range_start(b, i) < lo) lo = range_start(b, i);
@y
(void) 0;
@z
