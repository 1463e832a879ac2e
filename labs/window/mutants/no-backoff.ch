@x mutant no-backoff: the timeout is not doubled when the timer expires
  r->rto = bounded(r, 2 * (uint64_t) r->rto);
@y
  r->rto = bounded(r, (uint64_t) r->rto);
@z
