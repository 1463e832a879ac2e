@x mutant syn-does-not-count: the listener forgets that its SYN takes a sequence number
c->snd_nxt = c->iss + 1;
@y
c->snd_nxt = c->iss;
@z
