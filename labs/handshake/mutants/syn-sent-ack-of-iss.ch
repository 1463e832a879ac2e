@x mutant syn-sent-ack-of-iss: SYN_SENT accepts an ACK of ISS itself, which acknowledges nothing
    if (seq_le(s->ack, c->iss) || seq_gt(s->ack, c->snd_nxt)) {
@y
    if (seq_lt(s->ack, c->iss) || seq_gt(s->ack, c->snd_nxt)) {
@z
