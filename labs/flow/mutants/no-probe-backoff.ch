@x mutant no-probe-backoff: the waits between probes do not grow
  p->wait = p->wait <= max / 2 ? 2 * p->wait : max;
@y
  p->wait = p->wait <= max ? p->wait : max;
@z
