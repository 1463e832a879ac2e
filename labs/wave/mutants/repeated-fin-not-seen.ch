@x mutant repeated-fin-not-seen: a repeated FIN is not recognised, so TIME_WAIT does not restart
    s->seq + (uint32_t) s->len + 1 == c->rcv_nxt;
@y
    s->seq + (uint32_t) s->len == c->rcv_nxt;
@z
