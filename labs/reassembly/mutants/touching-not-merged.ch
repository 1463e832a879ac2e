@x mutant touching-not-merged: a text that only touches the range before it is not merged with it
for (i = 0; i < b->nranges && range_end(b, i) < lo; i++) continue;
@y
for (i = 0; i < b->nranges && range_end(b, i) <= lo; i++) continue;
@z
