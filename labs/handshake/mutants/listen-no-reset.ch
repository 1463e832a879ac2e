@x mutant listen-no-reset: an ACK arriving in LISTEN is dropped without a reset
  if (s->flags & TCP_ACK) {
    answer_with_reset(c, s);
    drop(c, TCP_DROP_LISTEN_ACK);
@y
  if (s->flags & TCP_ACK) {
    drop(c, TCP_DROP_LISTEN_ACK);
@z
