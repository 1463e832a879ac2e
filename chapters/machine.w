@q machine.w: the whole machine. @>

@** The whole machine.
The article ends with the state machine of TCP, drawn as Stevens drew it,
and this chapter ends the core with the same picture: every arrow of
Figure~6, the thin ones too, and the transitions that the figure leaves
out.  Its heart is the function that processes an arriving segment,
|tcp_segment_arrives|, which puts together the pieces of the previous
chapters in the order of \S3.10.7 of RFC~9293.  After it come the user's
abort, the timers, and the answer of a host that has no connection at
all.
\label{machine}%
@^state machine@>@^Stevens, W. Richard@>@^RFC 9293 \S3.10.7@>

@* A segment arrives.
The RFC splits the processing of a segment by state: CLOSED, LISTEN and
SYN\_SENT each have rules of their own (the previous chapters gave
LISTEN's and SYN\_SENT's), and all the other states, from SYN\_RCVD on,
share one sequence of checks.  Before any of that, a segment that is not
addressed to this connection is dropped; the surroundings should not
have delivered it.  The commonest segments of an established connection
take a shortcut, {\it header prediction}, which the chapter ``How fast
is it?'' (\secref{perf}) explains; it ends in the same state as the long way would.

The long way is a function of its own, |tcp_long_way|, and not a
|static| one, for the reason given in the chapter on reassembly (\secref{reassembly}): folded
into |tcp_segment_arrives|, it would make every segment pay for saving
and restoring the registers that only the long way uses.@^reassembly@>@^dropped segments, counted@>@^header prediction@>

@<Functions of the core@>=
void tcp_segment_arrives(struct tcp_conn *c, const struct segment *s,
  uint64_t now)
{
  c->now = now;
  if (c->state != TCP_CLOSED && !addressed_to(c, s)) {
    drop(c, TCP_DROP_WRONG_PORTS);
    return;
  }
  if (header_predicted(c, s)) heard_from_peer(c);
  else tcp_long_way(c, s);
}

@ @<Private declarations of the core@>=
void tcp_long_way(struct tcp_conn *c, const struct segment *s);

@ @<Functions of the core@>=
void tcp_long_way(struct tcp_conn *c, const struct segment *s)
{
  switch (c->state) {
  case TCP_CLOSED: segment_in_closed(c, s); break;
  case TCP_LISTEN: segment_in_listen(c, s); break;
  case TCP_SYN_SENT: segment_in_syn_sent(c, s); break;
  default: segment_in_synchronized(c, s); break;
  }
}

@ In CLOSED there is no connection, and every segment but a reset is
answered with a reset (\S3.10.7.1).@^RFC 9293 \S3.10.7.1@>

@<Private declarations of the core@>=
static void segment_in_closed(struct tcp_conn *c, const struct segment *s);

@ @<Functions of the core@>=
static void segment_in_closed(struct tcp_conn *c, const struct segment *s)
{
  answer_with_reset(c, s);
  drop(c, TCP_DROP_CLOSED);
}

@ The reset is built so that the sender will believe it (\S3.5.2).  If the
offending segment has an ACK, the reset takes its sequence number from
that ACK field, which is what the sender expects from us next.
Otherwise the reset has sequence number zero and acknowledges the whole
segment, SEG.SEQ${}+{}$SEG.LEN, counting SYN and FIN; a sender in
SYN\_SENT believes a reset that acknowledges its SYN.  A reset is never
answered with a reset, or two hosts could bounce them forever.@^RFC 9293 \S3.5.2@>

@<Functions of the core@>=
bool tcp_reply_to_closed(const struct segment *in, struct segment *rst)
{
  if (in->flags & TCP_RST) return false;
  memset(rst, 0, sizeof *rst);
  rst->src_addr = in->dst_addr;
  rst->dst_addr = in->src_addr;
  rst->src_port = in->dst_port;
  rst->dst_port = in->src_port;
  if (in->flags & TCP_ACK) {
    rst->seq = in->ack;
    rst->flags = TCP_RST;
  } else {
    rst->seq = 0;
    rst->ack = in->seq + seg_seq_len(in);
    rst->flags = TCP_RST | TCP_ACK;
  }
  return true;
}

@ A SYN to a port where nobody listens is the commonest case, and the
client hears ``connection refused'':

\runlog{syn-to-closed-port}@^connection refused@>

@* The synchronized states.
From SYN\_RCVD on, an arriving segment goes through the checks of
\S3.10.7.4 in a fixed order: first its sequence number, second its
reset bit, (third its security label, which \.{ltcp} does not keep),
fourth its SYN bit, fifth its ACK field, (sixth the urgent pointer,
left out of this book), seventh its text and eighth its FIN bit.  Any
check may drop the segment and end the processing.  Two cases of the
handshake come first, since they concern segments that the checks would
otherwise misjudge: a repeated SYN in SYN\_RCVD (the chapter on the
handshake, \secref{handshake}), and the peer's SYN,ACK in a simultaneous open (below).  The
segment is copied, because the first check trims its text to the
window.  At the end, whatever may now be sent is sent, including the
acknowledgment the segment is owed.@^urgent pointer@>@^simultaneous open@>@^synchronized states@>

@<Private declarations of the core@>=
static void segment_in_synchronized(struct tcp_conn *c, const struct segment *in);

@ @<Functions of the core@>=
static void segment_in_synchronized(struct tcp_conn *c, const struct segment *in)
{
  struct segment s = *in;
  if (answer_repeated_syn(c, &s)) return;
  take_syn_ack_as_ack(c, &s);
  if (!check_sequence_number(c, &s)) return;  /* first */
  heard_from_peer(c);
  if (s.flags & TCP_RST) {  /* second */
    check_reset(c, &s);
    return;
  }
  if (s.flags & TCP_SYN) {  /* fourth */
    check_syn(c, &s);
    return;
  }
  if (!check_ack(c, &s)) return;  /* fifth */
  process_text(c, &s);  /* seventh */
  process_fin(c, &s);  /* eighth */
  leave_fin_wait_1(c);
  flush_output(c);
}

@* First, the sequence number.
A segment is acceptable if some part of it falls inside the receive
window, from RCV.NXT to RCV.NXT${}+{}$RCV.WND.  \S3.10.7.4 spells the
test out in four cases, by whether the segment occupies any sequence
space (its length, with SYN and FIN counted) and whether the window is
open:
$$\vbox{\halign{\hfil#\quad&\hfil#\quad&#\hfil\cr
\bf length&\bf window&\bf acceptable if\cr
\noalign{\smallskip}
0&0&SEG.SEQ${}={}$RCV.NXT\cr
0&${}>0$&RCV.NXT${}\le{}$SEG.SEQ${}<{}$RCV.NXT${}+{}$RCV.WND\cr
${}>0$&0&never\cr
${}>0$&${}>0$&the first or the last sequence number of the segment\cr
&&\quad lies in the window\cr}}$$
The first row is the one a zero window depends on: a bare ACK or a reset
at exactly RCV.NXT is acceptable even when no data would be, so that
acknowledgments and window updates get through to a receiver that has no
room.@^RCV.WND@>@^zero window@>@^acceptable segment@>

@<Private declarations of the core@>=
static bool acceptable(const struct tcp_conn *c, const struct segment *s);

@ @<Functions of the core@>=
static bool acceptable(const struct tcp_conn *c, const struct segment *s)
{
  uint32_t len = seg_seq_len(s);
  uint32_t wnd = receive_window(c);
  uint32_t end = c->rcv_nxt + wnd;
  if (len == 0 && wnd == 0) return s->seq == c->rcv_nxt;
  if (len == 0) return seq_in(s->seq, c->rcv_nxt, end);
  if (wnd == 0) return false;
  return seq_in(s->seq, c->rcv_nxt, end) ||
    seq_in(s->seq + len - 1, c->rcv_nxt, end);
}

@ An unacceptable segment is dropped, and answered, unless it is a
reset, with an acknowledgment that tells the sender where we are; a
repeated FIN in TIME\_WAIT restarts the wait, as the chapter on
TIME\_WAIT (\secref{timewait}) explained.  An acceptable one is trimmed to the window.@^acceptable segment@>@^dropped segments, counted@>

@<Private declarations of the core@>=
static bool check_sequence_number(struct tcp_conn *c, struct segment *s);

@ @<Functions of the core@>=
static bool check_sequence_number(struct tcp_conn *c, struct segment *s)
{
  if (acceptable(c, s)) {
    trim_to_window(c, s);
    return true;
  }
  drop(c, TCP_DROP_UNACCEPTABLE);
  if (s->flags & TCP_RST) return false;
  if (c->state == TCP_TIME_WAIT && repeats_peer_fin(c, s)) start_time_wait_timer(c);
  if (may_answer(c, s)) send_ack(c);
  return false;
}

@ Trimming cuts off what lies before RCV.NXT (bytes we already have,
and the SYN if the segment repeats it) and what lies beyond the right
edge of the window (bytes we have no room for, and then the FIN, which
comes after them).  What remains begins at RCV.NXT or later.

@<Private declarations of the core@>=
static void trim_to_window(const struct tcp_conn *c, struct segment *s);

@ @<Functions of the core@>=
static void trim_to_window(const struct tcp_conn *c, struct segment *s)
{
  if (seq_lt(s->seq, c->rcv_nxt)) {
    uint32_t old = c->rcv_nxt - s->seq;
    if (s->flags & TCP_SYN) {
      s->flags &= (uint8_t) ~TCP_SYN;
      old--;
      s->seq++;
    }
    if (old > s->len) old = (uint32_t) s->len;
    s->payload += old;
    s->len -= old;
    s->seq += old;
  }
  uint32_t wnd = receive_window(c);
  uint32_t room = c->rcv_nxt + wnd - s->seq;
  if (seq_gt(s->seq + (uint32_t) s->len, c->rcv_nxt + wnd)) {
    s->len = seq_lt(s->seq, c->rcv_nxt + wnd) ? room : 0;
    s->flags &= (uint8_t) ~TCP_FIN;
  }
}

@* Second, the reset bit.
\label{challenge}%
A reset that passed the first check lies somewhere in the window.  RFC~793
believed any such reset, which let an attacker who could guess a
window's worth of sequence numbers end other people's connections; a
window of 64 kilobytes makes that a matter of $2^{32}/2^{16}=65{,}536$
guesses.  RFC~5961 \S3 narrows it to one number: a reset is believed
only if its sequence number is exactly RCV.NXT.  One that is in the
window but not exact may still be genuine (the peer may have lost track
of what we received), so it is answered with a {\it challenge ACK}, an
acknowledgment that tells the real peer exactly which number to use; a
genuine peer then sends a reset that passes, and an attacker, who does
not see the challenge, learns nothing.  The configuration may turn the
challenge off, to see the RFC~793 behaviour.

One state is an exception.  In TIME\_WAIT, RFC~9293 takes a reset like
any other state does, and ends the wait.  But the wait is there to let
old segments die, and an old segment is exactly what provokes a reset:
the peer, which has forgotten the connection, answers our acknowledgment
of a stray duplicate with a reset, and the reset cuts short the very wait
that was protecting us.  RFC~1337 calls this {\it TIME-WAIT
assassination} and recommends ignoring resets in TIME\_WAIT, as the BSD
systems do; \.{ltcp} does too, unless its configuration says otherwise.@^challenge ACK@>@^TIME-WAIT assassination@>@^RFC 5961 \S3@>@^RFC 793@>@^RFC 5961@>@^RFC 1337@>

@<Private declarations of the core@>=
static void check_reset(struct tcp_conn *c, const struct segment *s);
static void challenge_ack(struct tcp_conn *c);

@ @<Functions of the core@>=
static void check_reset(struct tcp_conn *c, const struct segment *s)
{
  if (c->state == TCP_TIME_WAIT && c->cfg->rfc1337) {
    drop(c, TCP_DROP_TIME_WAIT_RST);
    return;
  }
  if (s->seq != c->rcv_nxt && c->cfg->challenge_acks) {
    drop(c, TCP_DROP_RST_IN_WINDOW);
    challenge_ack(c);
    return;
  }
  take_reset(c);
}

static void challenge_ack(struct tcp_conn *c)
{
  if (!may_answer(c, NULL)) return;
  if (stats(c)) stats(c)->challenge_acks++;
  send_ack(c);
}

@ A believed reset ends the connection, except in one case.  In
SYN\_RCVD reached from LISTEN, the reset most likely answers our SYN,ACK
to an old duplicate SYN (the reason for the third segment of the
handshake): the listener goes back to listening, silently, as the figure
draws.  From a simultaneous open, SYN\_RCVD came from SYN\_SENT and the
reset refuses the connection.  In the states where the user still
expects data the user hears ``reset by peer''; in CLOSING, LAST\_ACK and
TIME\_WAIT the user has closed already and hears only that the
connection is closed.@^simultaneous open@>

@<Private declarations of the core@>=
static void take_reset(struct tcp_conn *c);

@ @<Functions of the core@>=
static void take_reset(struct tcp_conn *c)
{
  switch (c->state) {
  case TCP_SYN_RCVD:
    if (c->passive) return_to_listen(c, T_SYN_RCVD_LISTEN);
    else end_connection(c, T_SYN_RCVD_CLOSED_RESET, TCP_EV_REFUSED);
    break;
  case TCP_ESTABLISHED: end_connection(c, T_ESTABLISHED_CLOSED_RESET, TCP_EV_RESET); break;
  case TCP_FIN_WAIT_1: end_connection(c, T_FIN_WAIT_1_CLOSED_RESET, TCP_EV_RESET); break;
  case TCP_FIN_WAIT_2: end_connection(c, T_FIN_WAIT_2_CLOSED_RESET, TCP_EV_RESET); break;
  case TCP_CLOSE_WAIT: end_connection(c, T_CLOSE_WAIT_CLOSED_RESET, TCP_EV_RESET); break;
  case TCP_CLOSING: end_connection(c, T_CLOSING_CLOSED_RESET, TCP_EV_CLOSED); break;
  case TCP_LAST_ACK: end_connection(c, T_LAST_ACK_CLOSED_RESET, TCP_EV_CLOSED); break;
  case TCP_TIME_WAIT: end_connection(c, T_TIME_WAIT_CLOSED_RESET, TCP_EV_CLOSED); break;
  default: break;
  }
}

@ Here is the case the third segment of the handshake exists for: an old
duplicate SYN reaches the server, whose SYN,ACK the client answers with a
reset, since it acknowledges nothing the client sent; the server returns
to LISTEN.

\runlog{rst-in-syn-rcvd}

@ Returning to LISTEN forgets the half-open connection: the peer that
called, the sequence numbers, the timers.  The listener is as it was
before the SYN came.@^half-open connection@>

@<Private declarations of the core@>=
static void return_to_listen(struct tcp_conn *c, enum transition_id id);

@ @<Functions of the core@>=
static void return_to_listen(struct tcp_conn *c, enum transition_id id)
{
  if (!tcp_enter(c, id)) return;
  forget_connection(c);
}

@ Here the client's user aborts an established connection.  The client's
reset carries its SND.NXT, which is exactly the server's RCV.NXT, so the
server believes it at once and its user hears ``reset by peer'':

\runlog{rst-in-established}

@* Fourth, the SYN bit.
A SYN has no business in a synchronized connection: the peer's SYN was
taken long ago.  One that arrives is either a peer that has crashed,
rebooted and is opening a new connection on the same ports, or an old
duplicate, or an attack.  RFC~793 reset the connection if the SYN was in
the window; RFC~5961 \S4, adopted by RFC~9293, answers every such SYN
with a challenge ACK instead, whatever its sequence number.  A rebooted
peer, which knows nothing of the connection, answers the challenge with
a reset at exactly the number the challenge gave it, and that reset
passes the second check.  The one exception is SYN\_RCVD reached from
LISTEN, where \S3.10.7.4 returns the connection to LISTEN: the
handshake had not completed, so nobody loses anything.@^challenge ACK@>@^connection reset@>@^RFC 5961 \S4@>@^RFC 793@>@^RFC 5961@>

@<Private declarations of the core@>=
static void check_syn(struct tcp_conn *c, const struct segment *s);

@ @<Functions of the core@>=
static void check_syn(struct tcp_conn *c, const struct segment *s)
{
  (void) s;
  if (c->state == TCP_SYN_RCVD && c->passive) {
    return_to_listen(c, T_SYN_RCVD_LISTEN_SYN);
    return;
  }
  drop(c, TCP_DROP_SYN);
  challenge_ack(c);
}

@* Fifth, the ACK field.
A segment without the ACK bit is dropped: after the handshake every
segment acknowledges something.  In SYN\_RCVD the acknowledgment
completes the handshake, as the chapter on the handshake (\secref{handshake}) showed.  Then,
in every state, the acknowledgment is validated and taken, and the
closing states see whether it acknowledged our FIN.  |check_ack| returns
|false| when processing must stop.

@<Private declarations of the core@>=
static bool check_ack(struct tcp_conn *c, const struct segment *s);

@ @<Functions of the core@>=
static bool check_ack(struct tcp_conn *c, const struct segment *s)
{
  if (!(s->flags & TCP_ACK)) {
    drop(c, TCP_DROP_NO_ACK);
    return false;
  }
  if (c->state == TCP_SYN_RCVD && !complete_handshake(c, s)) return false;
  if (!validate_ack(c, s)) return false;
  int sacked = c->sack_ok ? take_sack_blocks(c, s) : -1;
  if (seq_gt(s->ack, c->snd_una)) take_acknowledgment(c, s->ack);
  else {
    count_duplicate_ack(c, s, sacked);
    if (sacked > 0) @<Note news for the probe timer@>@;
  }
  if (sacked > 0 || c->dupacks >= TCP_DUPTHRESH) consider_recovery(c);
  update_send_window(c, s);
  return after_ack_of_fin(c);
}

@ An acknowledgment of something we never sent (beyond SND.NXT) is
answered with an ACK and dropped.  An acknowledgment older than
SND.UNA is a duplicate and harmless, but RFC~5961 \S5 adds a bound:
one more than a whole window older than SND.UNA cannot come from the
real peer, and a segment that carries it could be a blind attacker's
data injection.  Such a segment is dropped with a challenge ACK.@^challenge ACK@>@^blind attacks@>@^RFC 5961 \S5@>@^RFC 5961@>

@<Private declarations of the core@>=
static bool validate_ack(struct tcp_conn *c, const struct segment *s);

@ @<Functions of the core@>=
static bool validate_ack(struct tcp_conn *c, const struct segment *s)
{
  if (seq_gt(s->ack, c->snd_nxt)) {
    drop(c, TCP_DROP_ACK_UNSENT);
    if (may_answer(c, s)) send_ack(c);
    return false;
  }
  if (c->cfg->ack_validation && seq_lt(s->ack, c->snd_una - c->max_snd_wnd)) {
    drop(c, TCP_DROP_ACK_TOO_OLD);
    challenge_ack(c);
    return false;
  }
  return true;
}

@* Answering in moderation.
Three of the checks above answer a segment they drop: with an
acknowledgment when it lies outside the window or acknowledges what we
never sent, and with a challenge ACK when it is a reset or a SYN that
might be genuine.  Each answer is right for one segment, and wrong for a
stream of them.  A blind attacker who sends forged segments as fast as
the network carries them makes us send one acknowledgment for each, a
reflector at the service of whoever owns the source address; and two
ends that each think the other is out of step can answer each other's
answers for ever, an {\it ACK war}.  An early test of \.{ltcp} drew 47,857
acknowledgments from as many spoofed segments.  RFC~5961 \S7 asks for a
limit on the rate of challenge ACKs, and suggests making it configurable;
Linux applies one to the acknowledgments of out-of-window segments too.

The limit here is per connection: at most |answer_limit| answers in any
second of the connection's clock (ten by default; 0 turns the limit
off), shared by challenges and out-of-window acknowledgments.  RFC~5961's
example is a limit for the whole system, and Linux had one until 2016,
when it was shown to be a side channel: an attacker who watched how many
challenges were left in the shared budget could infer whether some other
connection existed and where its window was (CVE-2016-5696).  A limit
per connection tells an attacker nothing about the others, and it needs
no global state, which the core does not keep anyway.  Like Linux, the
limit spares segments that carry text without a SYN: the acknowledgment
of a retransmitted duplicate is what the sender's recovery waits for,
and an attacker gains nothing by drawing it that a pure ACK would not
give.  A repeated FIN is spared for the same reason.

@<The flags of the connection@>=
uint64_t answers_since;  /* when the current second of answers began */
uint32_t answers;        /* answers sent in it */

@ |may_answer| spends one answer of the budget, if any is left, and says
whether it did; |s| is the segment being answered, or |NULL| for a
challenge.  A throttled answer is counted.

@<Private declarations of the core@>=
static bool may_answer(struct tcp_conn *c, const struct segment *s);

@ @<Functions of the core@>=
static bool may_answer(struct tcp_conn *c, const struct segment *s)
{
  if (s && s->len > 0 && !(s->flags & TCP_SYN)) return true;
  if (c->cfg->answer_limit == 0) return true;
  if (c->now - c->answers_since >= TCP_SECOND) {
    c->answers_since = c->now;
    c->answers = 0;
  }
  if (c->answers >= c->cfg->answer_limit) {
    if (stats(c)) stats(c)->answers_throttled++;
    return false;
  }
  c->answers++;
  return true;
}

@* Both open at once.
A simultaneous open is rare (two ends that each know the other's port
and call at the same instant), but the figure draws it and the RFC
describes it.  Each end sends a SYN from SYN\_SENT, receives the other's
SYN, and answers from SYN\_RCVD with a SYN,ACK that repeats its own SYN.
When that SYN,ACK arrives, its SYN is one the receiver has already
taken, and by the letter of the first check the segment is outside the
window; a bare ACK would eventually settle the matter.  Like Linux,
\.{ltcp} takes such a SYN,ACK (its sequence number is IRS, its ACK field
acknowledges our SYN) for the acknowledgment it carries, by stripping
the SYN that both ends already know about; the fifth check then
completes the handshake.

\runlog{simultaneous-open}@^IRS (initial receive sequence number)@>@^simultaneous open@>

@<Private declarations of the core@>=
static void take_syn_ack_as_ack(const struct tcp_conn *c, struct segment *s);

@ @<Functions of the core@>=
static void take_syn_ack_as_ack(const struct tcp_conn *c, struct segment *s)
{
  if (c->state != TCP_SYN_RCVD || c->passive) return;
  if ((s->flags & (TCP_SYN | TCP_ACK | TCP_RST)) != (TCP_SYN | TCP_ACK)) return;
  if (s->seq != c->irs || s->ack != c->snd_nxt) return;
  s->flags &= (uint8_t) ~TCP_SYN;
  s->seq += 1;
}

@* The user aborts.
|tcp_abort| ends the connection at once, whatever its state, with the
rows of \S3.10.5: a reset to a peer that believes in the connection
(from SYN\_RCVD to CLOSE\_WAIT), nothing to one that does not or that
has finished with it.@^CLOSE\_WAIT state@>@^RFC 9293 \S3.10.5@>

@<Functions of the core@>=
void tcp_abort(struct tcp_conn *c, uint64_t now)
{
  c->now = now;
  switch (c->state) {
  case TCP_LISTEN: end_connection(c, T_LISTEN_CLOSED_ABORT, TCP_EV_CLOSED); break;
  case TCP_SYN_SENT: end_connection(c, T_SYN_SENT_CLOSED_ABORT, TCP_EV_CLOSED); break;
  case TCP_SYN_RCVD: reset_and_end(c, T_SYN_RCVD_CLOSED_ABORT, TCP_EV_CLOSED); break;
  case TCP_ESTABLISHED: reset_and_end(c, T_ESTABLISHED_CLOSED_ABORT, TCP_EV_CLOSED); break;
  case TCP_FIN_WAIT_1: reset_and_end(c, T_FIN_WAIT_1_CLOSED_ABORT, TCP_EV_CLOSED); break;
  case TCP_FIN_WAIT_2: reset_and_end(c, T_FIN_WAIT_2_CLOSED_ABORT, TCP_EV_CLOSED); break;
  case TCP_CLOSE_WAIT: reset_and_end(c, T_CLOSE_WAIT_CLOSED_ABORT, TCP_EV_CLOSED); break;
  case TCP_CLOSING: end_connection(c, T_CLOSING_CLOSED_ABORT, TCP_EV_CLOSED); break;
  case TCP_LAST_ACK: end_connection(c, T_LAST_ACK_CLOSED_ABORT, TCP_EV_CLOSED); break;
  case TCP_TIME_WAIT: end_connection(c, T_TIME_WAIT_CLOSED_ABORT, TCP_EV_CLOSED); break;
  default: break;
  }
}

@* Time.
The connection's next deadline is the earliest of its timers that
runs: the five of the chapter on the connection, the keepalive timer
of the chapter on the wave, and the probe timer of the chapter on
losses (\secref{congestion}).

@<Functions of the core@>=
uint64_t tcp_next_deadline(const struct tcp_conn *c)
{
  uint64_t d = UINT64_MAX;
  if (c->rtx.deadline && c->rtx.deadline < d) d = c->rtx.deadline;
  if (c->persist.deadline && c->persist.deadline < d) d = c->persist.deadline;
  if (c->time_wait_deadline && c->time_wait_deadline < d) d = c->time_wait_deadline;
  if (c->fin_wait_2_deadline && c->fin_wait_2_deadline < d) d = c->fin_wait_2_deadline;
  if (c->delack_deadline && c->delack_deadline < d) d = c->delack_deadline;
  if (c->keepalive_deadline && c->keepalive_deadline < d) d = c->keepalive_deadline;
  if (c->probe_deadline && c->probe_deadline < d) d = c->probe_deadline;
  return d;
}

@ |tcp_tick| fires those that are due.  Firing one may stop the others
(a connection that gives up runs no timer), so each is checked again
before it fires.

@<Functions of the core@>=
void tcp_tick(struct tcp_conn *c, uint64_t now)
{
  c->now = now;
  if (rto_due(&c->rtx, now)) retransmission_timeout(c);
  if (persist_due(&c->persist, now)) persist_timeout(c);
  if (c->time_wait_deadline && c->time_wait_deadline <= now) time_wait_timeout(c);
  if (c->fin_wait_2_deadline && c->fin_wait_2_deadline <= now) fin_wait_2_timeout(c);
  if (c->delack_deadline && c->delack_deadline <= now) send_ack(c);
  if (c->keepalive_deadline && c->keepalive_deadline <= now) keepalive_timeout(c);
  if (c->probe_deadline && c->probe_deadline <= now) probe_timeout(c);
}

@* Every arrow, and where it is taken.
The table of the chapter on the connection (\secref{conn}) has a row for every change
of state.  Figure~6 draws the 22 of them that the article draws, and
\.{ltcp dot fsm} draws it from the table itself, so that the picture
cannot disagree with the code.

\fig{fig6-fsm}{6.5in}{Figure 6.  The TCP state machine, drawn from the
rows of |tcp_transitions|: thick solid arrows are the normal path of a
client, thick dashed ones that of a server, thin ones the rest.  Labels
say what causes a move (\.{appl:} the application, \.{recv:} a segment)
and what is sent in answer.}@^state machine@>

@ Here, to close the core, is where the code takes each of
Figure~6's arrows.  The thick arrows are the article's Figures 4 and~5;
the thin ones are the subject of the runs named beside them.
$$\vbox{\halign{#\hfil\quad&#\hfil\quad&#\hfil\cr
\bf arrow&\bf taken by&\bf run\cr
\noalign{\smallskip}
CLOSED${}\to{}$LISTEN&|tcp_listen|&\.{handshake}\cr
CLOSED${}\to{}$SYN\_SENT&|tcp_connect|&\.{handshake}\cr
LISTEN${}\to{}$SYN\_RCVD&|segment_in_listen|&\.{handshake}\cr
LISTEN${}\to{}$SYN\_SENT&|tcp_send|&\.{send-in-listen}\cr
LISTEN${}\to{}$CLOSED&|tcp_close|&\.{close-in-listen}\cr
SYN\_RCVD${}\to{}$ESTABLISHED&|complete_handshake|&\.{handshake}\cr
SYN\_RCVD${}\to{}$LISTEN&|take_reset|&\.{rst-in-syn-rcvd}\cr
SYN\_RCVD${}\to{}$FIN\_WAIT\_1&|tcp_close|&\.{close-in-syn-rcvd}\cr
SYN\_RCVD${}\to{}$CLOSED&|give_up|&\.{syn-rcvd-timeout}\cr
SYN\_SENT${}\to{}$ESTABLISHED&|segment_in_syn_sent|&\.{handshake}\cr
SYN\_SENT${}\to{}$SYN\_RCVD&|segment_in_syn_sent|&\.{simultaneous-open}\cr
SYN\_SENT${}\to{}$CLOSED&|tcp_close|, |give_up|&\.{close-in-syn-sent}\cr
ESTABLISHED${}\to{}$FIN\_WAIT\_1&|tcp_close|&\.{client-close}\cr
ESTABLISHED${}\to{}$CLOSE\_WAIT&|process_fin|&\.{client-close}\cr
CLOSE\_WAIT${}\to{}$LAST\_ACK&|tcp_close|&\.{client-close}\cr
LAST\_ACK${}\to{}$CLOSED&|after_ack_of_fin|&\.{client-close}\cr
FIN\_WAIT\_1${}\to{}$FIN\_WAIT\_2&|leave_fin_wait_1|&\.{client-close}\cr
FIN\_WAIT\_1${}\to{}$CLOSING&|process_fin|&\.{simultaneous-close}\cr
FIN\_WAIT\_1${}\to{}$TIME\_WAIT&|process_fin|&\.{fin-ack-in-fin-wait-1}\cr
CLOSING${}\to{}$TIME\_WAIT&|after_ack_of_fin|&\.{simultaneous-close}\cr
FIN\_WAIT\_2${}\to{}$TIME\_WAIT&|process_fin|&\.{client-close}\cr
TIME\_WAIT${}\to{}$CLOSED&|time_wait_timeout|&\.{lifecycle}\cr}}$$@^CLOSE\_WAIT state@>@^Figure 4@>

@ The runs of the thin arrows not shown yet: a listener that stops
listening, so that a later SYN is refused; a client that closes while
its SYN is on the way, and answers the late SYN,ACK with a reset; a
server that closes before the handshake is complete; a listener that
knows its peer and opens actively when given data; and a handshake in
which every SYN,ACK is lost, so that both ends give up.

\runlog{close-in-listen}
\runlog{close-in-syn-sent}
\runlog{close-in-syn-rcvd}
\runlog{send-in-listen}
\runlog{syn-rcvd-timeout}

@* Exercises.

\smallskip\noindent
1.~\diff1 |segment_in_synchronized| takes six of the RFC's eight steps
(the third and the sixth are left out).  For each of the six, name a
scenario of this book in which that step drops a segment or ends the
processing, and find the line of its log that shows it.

\smallskip\noindent
2.~\diff2 The simulator cannot forge a segment, so this one is a test.
In the style of the tests of the state machine in the appendix (\secref{testing}), write a
test that brings a connection to ESTABLISHED and lets a reset arrive ten
numbers inside the window instead of at RCV.NXT.  Predict what the
connection sends and which row it takes, first as configured and then
with |challenge_acks| set to |false|; then run \.{make test}.

\smallskip\noindent
3.~\diff2 In \.{syn-to-closed-port}, the client's SYN is answered by
|tcp_reply_to_closed|.  Compute the reset's sequence and acknowledgment
numbers from the SYN's before you look at the log.  Why must the reset's
ACK field acknowledge the SYN? \excheck{machine.3}

\smallskip\noindent
4.~\diff3 |may_answer| counts answers in whole seconds that begin with
the first answer, so a burst straddling two such seconds may draw twice
|answer_limit| answers in a moment.  Replace the count by a token bucket
that refills at |answer_limit| tokens per second, and say what the test
of the limit in the appendix must change.

\smallskip\noindent
5.~\diff3 Draw, by hand, the arrows of the table that Figure~6 does not
draw.  Which state would have the most arrows leaving it, and why did
Stevens leave them out?

\smallskip\noindent
6.~\diff4 Make the core refuse, with |tcp_enter|'s check, any change of
state for which the table's {\it send} column disagrees with the segment
actually sent in the same call.  What would the table have to say for
the arrows whose send column is empty?@^challenge ACK@>@^state machine@>@^Stevens, W. Richard@>@^RFC 5961 \S7@>@^RFC 5961@>
