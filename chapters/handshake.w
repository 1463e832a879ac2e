@q handshake.w: opening a connection. @>

@** The three-way handshake.
The article begins where every connection begins: a client that wants
to talk, a server that waits to be talked to, and three segments
between them.  The server has made a {\it passive open}: it is in LISTEN,
ready for anyone.  The client makes an {\it active open}: it sends a SYN
carrying its initial sequence number~$x$ and enters SYN\_SENT.  The
server answers with a segment that has both the SYN and the ACK bit: its
own initial sequence number~$y$, and the acknowledgment~$x+1$; it is now
in SYN\_RCVD.  The client acknowledges~$y+1$ and is ESTABLISHED; when
that acknowledgment arrives, so is the server.  Here is a run of
\.{ltcp} on the simulated link that does exactly that, as \.{tcpdump}
would print it, with the state changes of both ends on the lines that
begin with \.{\#}:
\label{handshake}%

\runlog{handshake}@^three-way handshake@>@^initial sequence number (ISN)@>@^passive open@>@^active open@>@^ESTABLISHED state@>@^simulated link@>

@ The article draws the whole life of a connection first, as two
timelines with the segments between them and each side's state written
after every step; the handshake is its first three steps.  Here is
Figure~1, drawn by \.{ltcp dot seq} from the capture of the scenario
\.{lifecycle}, the same run the chapters ahead take apart; the numbers
on the arrows are the run's real sequence and acknowledgment numbers,
where the article writes $x$, $y$, $u$, $v$ and~$w$.

\fig{fig1-lifecycle}{5.8in}{Figure 1.  The whole life of a connection:
the scenario {\tt lifecycle} on the simulated link, drawn from its capture
file by {\tt ltcp dot seq}.  Numbers are the real sequence and
acknowledgment numbers; states are each side's after each step.}@^acknowledgment number@>@^simulated link@>@^the article, TCP's three-way handshake and four-way wave, illustrated@>@^Figure 1@>

@ The three steps of the handshake alone, drawn larger, are the
article's Figure~2.  The client goes from CLOSED through SYN\_SENT to
ESTABLISHED; the server from LISTEN through SYN\_RCVD to ESTABLISHED.

\fig{fig2-handshake}{5.8in}{Figure 2.  Opening: the three-way handshake,
steps 1 to 3 of the run of Figure 1 ({\tt ltcp dot seq --from 1 --to 3}).}@^three-way handshake@>@^ESTABLISHED state@>@^Figure 2@>@^Figure 1@>

@ This chapter writes the code behind those lines: the choice of the
initial sequence number, the two ways of opening, what happens when a
SYN reaches a listener and when the reply reaches the client, and what
each end does if its SYN is lost.  The rules are those of \S3.5 of
RFC~9293, and of \S3.10.7.2 and \S3.10.7.3 for the processing of the
segments.@^initial sequence number (ISN)@>@^RFC 9293 \S3.5@>@^RFC 9293 \S3.10.7.2@>@^RFC 9293 \S3.10.7.3@>

@* Why three.
A connection carries two streams of bytes, one in each direction, and
each stream has its own sequence numbers, starting at a number the
sender chooses.  Before any data can flow, each end must tell the other
where its numbers start, and must hear that it has been understood: a
SYN and its acknowledgment, for each direction.  That is four messages;
but the server's acknowledgment of the client's SYN and the server's own
SYN can travel in one segment, since nothing needs to happen between
them.  Hence three.

Why not two?  If the server took the client's SYN as the end of the
matter, an old SYN that had wandered in the network for a while (a
duplicate of one sent by an earlier incarnation of the client, say)
would open a connection nobody wants, and the server would begin sending
to a client that knows nothing of it.  The third segment is the client's
confirmation that the SYN the server answered is the one it has just
sent: a client that receives a SYN,ACK acknowledging a number it never
sent answers it with a reset, and the server gives the half-open
connection up (\S3.5, Figure~8 of the RFC; the chapter on the whole
machine, \secref{machine}, shows the run).  A {\it half-open}
connection is one that only one end holds: here the server's, in
SYN\_RCVD, for a handshake the client never asked for.  It is not a
{\it half-closed} connection, which both ends know and agree on and
whose one direction has been closed by a FIN (the wave,
\secref{wave}); \secref{half-open} tells the two apart at more length.@^handshake, why three segments@>@^half-open connection@>@^old duplicate segments@>@^delayed duplicates@>@^RFC 9293 \S3.5@>

@* The initial sequence number.
Which number should a connection start at?  Not zero: if every
connection between the same two ports began at zero, a segment delayed
from an earlier connection would fall inside the window of the next one
and be taken for new data.  RFC~793 answered with a clock, incremented
every four microseconds, so that a new connection starts above where an
old one, which moves far more slowly than the clock, could still be.
But a clock alone is a gift to an attacker: whoever can observe one
connection's initial number can predict the next one's, and forge
segments of a connection he cannot see.  RFC~6528 keeps the clock and
adds a secret: the initial sequence number is
$$\hbox{ISN}=M+F(\hbox{local address},\hbox{local port},
  \hbox{remote address},\hbox{remote port},\hbox{secret key}),$$
where $M$ is the four-microsecond clock and $F$ a keyed hash of the pair
of sockets.  Connections between the same sockets still climb with the
clock, which keeps old and new apart; connections between different
sockets start at numbers that tell an observer nothing.

In \.{ltcp} the clock is the time |now| that the caller passed in, so the
same run of the simulator chooses the same numbers every time; the key
comes from the configuration, so that a run can be repeated by anyone
who knows it.  The simulated link draws its key from its seed, so that
every figure of this book comes out the same; the host on which the
programs \.{ltcp listen} and \.{ltcp connect} run draws a secret one
from the kernel each time it starts (the chapter on the event loop), as
RFC~6528 requires of a key that an attacker must not know (\S3).  A test may also fix the number outright, which is how the
tests bring the sequence numbers close to their wrap at $2^{32}$.@^sequence numbers, wrap-around@>@^old duplicate segments@>@^socket interface@>@^RFC 793@>@^RFC 6528@>

@<Private declarations of the core@>=
static uint32_t choose_iss(const struct tcp_conn *c);

@ The hash is fed the four values in network byte order, twelve bytes.

@<Functions of the core@>=
static uint32_t choose_iss(const struct tcp_conn *c)
{
  if (c->cfg->isn_fixed) return c->cfg->isn;
  uint8_t m[12];
  store_be32(m, c->local_addr);
  store_be16(m + 4, c->local_port);
  store_be32(m + 6, c->remote_addr);
  store_be16(m + 10, c->remote_port);
  uint32_t clock = (uint32_t) (c->now / 4);
  return clock + (uint32_t) tcp_siphash24(c->cfg->isn_key, m, sizeof m);
}

@ @<Private declarations of the core@>=
static void store_be32(uint8_t *p, uint32_t v);
static void store_be16(uint8_t *p, uint16_t v);

@ @<Functions of the core@>=
static void store_be32(uint8_t *p, uint32_t v)
{
  p[0] = (uint8_t) (v >> 24);
  p[1] = (uint8_t) (v >> 16);
  p[2] = (uint8_t) (v >> 8);
  p[3] = (uint8_t) v;
}

static void store_be16(uint8_t *p, uint16_t v)
{
  p[0] = (uint8_t) (v >> 8);
  p[1] = (uint8_t) v;
}

@ RFC~6528 leaves the choice of $F$ open, asking only that it be hard to
invert; it mentions MD5.  We use SipHash-2-4, the keyed hash that
Jean-Philippe Aumasson and Daniel~J. Bernstein designed in 2012 for
exactly this kind of use (short inputs, a secret key, an attacker who
sees outputs), and which several operating systems now use for their
initial sequence numbers.  It is short enough to write out here from its
specification.  Its state is four 64-bit words, initialised from the
two halves of the 128-bit key and four constants (the ASCII of
``somepseudorandomlygeneratedbytes'').@^RFC 6528@>

@<Declarations of the core@>=
uint64_t tcp_siphash24(const uint64_t key[2], const void *msg, size_t n);

@ The message is taken eight bytes at a time, each word read little-end
first; the last word holds the bytes that remain and, in its top byte,
the length of the message modulo 256.  Each word is mixed in by two
rounds, and four more rounds finish the hash.

@<Functions of the core@>=
uint64_t tcp_siphash24(const uint64_t key[2], const void *msg, size_t n)
{
  const uint8_t *m = msg;
  uint64_t v[4] = {
    key[0] ^ UINT64_C(0x736f6d6570736575), key[1] ^ UINT64_C(0x646f72616e646f6d),
    key[0] ^ UINT64_C(0x6c7967656e657261), key[1] ^ UINT64_C(0x7465646279746573)
  };
  size_t i = 0;
  for (; i + 8 <= n; i += 8) sip_absorb(v, load_le64(m + i));
  uint64_t last = (uint64_t) (n & 0xff) << 56;
  for (size_t j = 0; i + j < n; j++) last |= (uint64_t) m[i + j] << (8 * j);
  sip_absorb(v, last);
  v[2] ^= 0xff;
  for (int r = 0; r < 4; r++) sip_round(v);
  return v[0] ^ v[1] ^ v[2] ^ v[3];
}

@ @<Private declarations of the core@>=
static uint64_t load_le64(const uint8_t *p);
static void sip_absorb(uint64_t v[4], uint64_t w);
static void sip_round(uint64_t v[4]);

@ @<Functions of the core@>=
static uint64_t load_le64(const uint8_t *p)
{
  uint64_t w = 0;
  for (int k = 7; k >= 0; k--) w = (w << 8) | p[k];
  return w;
}

static void sip_absorb(uint64_t v[4], uint64_t w)
{
  v[3] ^= w;
  sip_round(v);
  sip_round(v);
  v[0] ^= w;
}

@ One round of SipHash adds, rotates and exclusive-ors, in two
interleaved halves.

@<Functions of the core@>=
static void sip_round(uint64_t v[4])
{
  v[0] += v[1]; v[1] = rotl64(v[1], 13); v[1] ^= v[0]; v[0] = rotl64(v[0], 32);
  v[2] += v[3]; v[3] = rotl64(v[3], 16); v[3] ^= v[2];
  v[0] += v[3]; v[3] = rotl64(v[3], 21); v[3] ^= v[0];
  v[2] += v[1]; v[1] = rotl64(v[1], 17); v[1] ^= v[2]; v[2] = rotl64(v[2], 32);
}

@ @<Private declarations of the core@>=
static uint64_t rotl64(uint64_t x, int b);

@ @<Functions of the core@>=
static uint64_t rotl64(uint64_t x, int b)
{
  return (x << b) | (x >> (64 - b));
}

@* Opening.
Before a connection is opened, its TCB is wiped: sequence numbers,
buffers, timers and flags go back to nothing, so that a |struct
tcp_conn| that has been through a whole connection may be opened again.
The configuration, the hooks, the local address and the counters stay.
A remote end that the user fixed stays too.@^transmission control block (TCB)@>

@<Private declarations of the core@>=
static void forget_connection(struct tcp_conn *c);

@ @<Functions of the core@>=
static void forget_connection(struct tcp_conn *c)
{
  c->snd_una = c->snd_nxt = c->snd_wnd = c->snd_wl1 = c->snd_wl2 = 0;
  c->iss = c->max_snd_wnd = 0;
  c->snd_mss = 536;
  c->rcv_nxt = c->irs = c->rcv_adv = 0;
  c->sndbuf.len = 0;
  c->rcvbuf.len = c->rcvbuf.nranges = 0;
  c->time_wait_deadline = c->fin_wait_2_deadline = c->keepalive_deadline = 0;
  c->keepalive_probes = 0;
  rto_init(&c->rtx, c->cfg->rto_initial_us, c->cfg->rto_min_us, c->cfg->rto_max_us);
  c->rtx.forget_backoff = c->cfg->rto_forget_backoff;
  c->sack_ok = false;
  start_congestion_control(c);
  persist_stop(&c->persist);
  c->fin_pending = c->recovering = false;
  c->passive = c->syn_acked = false;
  c->fin_queued = c->fin_sent = c->fin_received = false;
  c->fin_seq = 0;
  c->ack_owed = false;
  if (!c->remote_fixed) c->remote_addr = 0, c->remote_port = 0;
}

@ The passive open is the first arrow of Figure~6: from CLOSED to
LISTEN, sending nothing.@^passive open@>@^Figure 6@>

@<Functions of the core@>=
int tcp_listen(struct tcp_conn *c, uint64_t now)
{
  c->now = now;
  if (c->state != TCP_CLOSED) return TCP_ERR_STATE;
  forget_connection(c);
  tcp_enter(c, T_CLOSED_LISTEN);
  return TCP_OK;
}

@ A listener normally accepts a SYN from anyone.  Naming the remote end
first makes a {\it fully specified} passive open (\S3.9.1.1): only that
end is accepted, and the listener knows where to send if the user sends
before anyone has called.@^passive open@>@^RFC 9293 \S3.9.1.1@>

@<Functions of the core@>=
int tcp_set_remote(struct tcp_conn *c, uint32_t remote_addr,
  uint16_t remote_port)
{
  if (c->state != TCP_CLOSED && c->state != TCP_LISTEN) return TCP_ERR_STATE;
  c->remote_addr = remote_addr;
  c->remote_port = remote_port;
  c->remote_fixed = remote_port != 0;
  return TCP_OK;
}

@ The active open chooses the initial send sequence number, sends the
SYN, and waits in SYN\_SENT.  The SYN occupies one sequence number, ISS
itself, so SND.NXT is ISS${}+1$ and SND.UNA is ISS until the SYN is
acknowledged.@^ISS (initial send sequence number)@>@^SND.UNA@>@^SND.NXT@>@^active open@>

@<Functions of the core@>=
int tcp_connect(struct tcp_conn *c, uint32_t remote_addr,
  uint16_t remote_port, uint64_t now)
{
  c->now = now;
  if (c->state != TCP_CLOSED) return TCP_ERR_STATE;
  if (remote_port == 0) return TCP_ERR_NO_REMOTE;
  forget_connection(c);
  c->remote_addr = remote_addr;
  c->remote_port = remote_port;
  open_actively(c, T_CLOSED_SYN_SENT);
  return TCP_OK;
}

@ Figure~6 has a second way into SYN\_SENT: a listener that knows its
peer and is given data to send turns active.  Both ways share this.

@<Private declarations of the core@>=
static void open_actively(struct tcp_conn *c, enum transition_id id);

@ @<Functions of the core@>=
static void open_actively(struct tcp_conn *c, enum transition_id id)
{
  c->iss = choose_iss(c);
  c->snd_una = c->iss;
  c->snd_nxt = c->iss + 1;
  set_up_send_buffer(c);
  if (!tcp_enter(c, id)) return;
  send_syn(c);
}

@ The SYN goes alone in SYN\_SENT, and with an ACK of the peer's SYN
everywhere else; every SYN we send, first or repeated, starts the
retransmission timer if it is not running.@^retransmission@>

@<Private declarations of the core@>=
static void send_syn(struct tcp_conn *c);

@ @<Functions of the core@>=
static void send_syn(struct tcp_conn *c)
{
  uint8_t flags = c->state == TCP_SYN_SENT ? TCP_SYN : TCP_SYN | TCP_ACK;
  send_segment(c, flags, c->iss, NULL, 0);
  start_retransmission_timer(c);
}

@* A SYN arrives at the listener.
In LISTEN, an arriving segment is checked for three things, in the order
of \S3.10.7.2.  A reset is ignored: there is nothing to reset.  An ACK
cannot be right, since nothing has been sent that it could acknowledge;
it is answered with a reset, as a closed port would answer it.  Anything
else without a SYN is dropped.@^dropped segments, counted@>@^RFC 9293 \S3.10.7.2@>

@<Private declarations of the core@>=
static void segment_in_listen(struct tcp_conn *c, const struct segment *s);

@ @<Functions of the core@>=
static void segment_in_listen(struct tcp_conn *c, const struct segment *s)
{
@q LAB hole handshake.listen @>
  if (s->flags & TCP_RST) {
    drop(c, TCP_DROP_LISTEN_RST);
    return;
  }
  if (s->flags & TCP_ACK) {
    answer_with_reset(c, s);
    drop(c, TCP_DROP_LISTEN_ACK);
    return;
  }
  if (!(s->flags & TCP_SYN)) {
    drop(c, TCP_DROP_LISTEN_NO_SYN);
    return;
  }
@q LAB end @>
  @<Take the SYN: learn the peer and choose our ISS@>@;
  if (!tcp_enter(c, T_LISTEN_SYN_RCVD)) return;
  send_syn(c);
}

@ A SYN makes the listener a connection.  It learns who called, and at
which of its addresses if it listened on all of them; it learns the
peer's initial sequence number, so that RCV.NXT is IRS${}+1$; and it
chooses its own.  Text that comes with a SYN is not taken: the peer will
send it again once the connection is established, and a listener that
keeps no data for strangers is harder to fill with junk.@^IRS (initial receive sequence number)@>@^RCV.NXT@>

@<Take the SYN: learn the peer and choose our ISS@>=
@q LAB hole handshake.take-syn @>
c->remote_addr = s->src_addr;
c->remote_port = s->src_port;
if (c->local_addr == 0) c->local_addr = s->dst_addr;
learn_from_syn(c, s);
c->passive = true;
c->iss = choose_iss(c);
c->snd_una = c->iss;
c->snd_nxt = c->iss + 1;
set_up_send_buffer(c);
@q LAB end @>

@ Both ends learn the same things from the other's SYN: IRS and RCV.NXT;
the largest segment the peer will take, from its MSS option (536 bytes
if it sent none, \S3.7.1), and no larger than we would take ourselves;
and the peer's window, which is the send window from now on.@^IRS (initial receive sequence number)@>@^RCV.NXT@>@^send window@>@^RFC 9293 \S3.7.1@>

The MSS option is the peer's to choose, and \S3.7.1 sets no lower bound
on it.  A peer that announces an MSS of one byte asks for a segment of
41 bytes of headers (20 of IP, 20 of TCP) per byte of data, and makes a
transfer some fifty times slower and the sender's work per byte as many
times larger: an attacker's way to make a server spend itself.  Linux
stopped honouring such values in 2019 (CVE-2019-11479) and raises any
MSS below 48 bytes, its \.{tcp\_min\_snd\_mss}, to 48: the smallest
datagram every IPv4 link must carry is 68 bytes (RFC~791), and 48 is
what remains of it after two headers of 20 bytes and their smallest
options.  \.{ltcp} keeps the same floor, |TCP_MSS_MIN|.  A path that
truly cannot carry 48 bytes of data would fragment, which is slow but
works; the floor only refuses to be talked into waste.  Our own
configured MSS may still be smaller, since a user may choose to be slow.

@<Private declarations of the core@>=
static void learn_from_syn(struct tcp_conn *c, const struct segment *s);

@ @<Functions of the core@>=
static void learn_from_syn(struct tcp_conn *c, const struct segment *s)
{
  c->irs = s->seq;
  c->rcv_nxt = s->seq + 1;
  set_up_receive_buffer(c);
  c->snd_mss = s->mss ? s->mss : 536;
  if (c->snd_mss < TCP_MSS_MIN) c->snd_mss = TCP_MSS_MIN;
  if (c->snd_mss > c->cfg->mss) c->snd_mss = c->cfg->mss;
  c->snd_wnd = s->window;
  c->snd_wl1 = s->seq;
  c->snd_wl2 = s->ack;
  if (c->snd_wnd > c->max_snd_wnd) c->max_snd_wnd = c->snd_wnd;
  c->sack_ok = c->cfg->sack && seg_option(s, TCPOPT_SACK_PERMITTED, NULL);
  start_congestion_control(c);
}

@* The reply arrives.
In SYN\_SENT the client waits for one of two things: the server's
SYN,ACK, or a reset that refuses the connection.  \S3.10.7.3 checks the
ACK first, because both of those carry one, and an ACK that does not
acknowledge exactly our SYN (that is, one outside ISS${}<{}$SEG.ACK${}
\le{}$SND.NXT) belongs to some other, older connection: it is answered
with a reset, unless it is one itself, and otherwise ignored.@^ISS (initial send sequence number)@>@^SND.NXT@>@^RFC 9293 \S3.10.7.3@>

@<Private declarations of the core@>=
static void segment_in_syn_sent(struct tcp_conn *c, const struct segment *s);

@ @<Functions of the core@>=
static void segment_in_syn_sent(struct tcp_conn *c, const struct segment *s)
{
  bool acks_our_syn = false;
@q LAB hole handshake.syn-sent @>
  if (s->flags & TCP_ACK) {
    if (seq_le(s->ack, c->iss) || seq_gt(s->ack, c->snd_nxt)) {
      if (!(s->flags & TCP_RST)) answer_with_reset(c, s);
      drop(c, TCP_DROP_BAD_ACK);
      return;
    }
    acks_our_syn = true;
  }
@q LAB end @>
  @<Take a reset in SYN\_SENT only if it acknowledges our SYN@>@;
  if (!(s->flags & TCP_SYN)) {
    drop(c, TCP_DROP_NO_SYN);
    return;
  }
  learn_from_syn(c, s);
  if (acks_our_syn) @<Enter ESTABLISHED and acknowledge the peer's SYN@>@;
  else @<Enter SYN\_RCVD and send SYN,ACK: a simultaneous open@>@;
}

@ A reset is believed in SYN\_SENT only when its ACK field acknowledges
our SYN; a blind attacker would have to guess ISS to forge one (RFC~5961
\S3).  Then the peer has no listener on that port: the connection is
refused.@^ISS (initial send sequence number)@>@^connection refused@>@^blind attacks@>@^RFC 5961 \S3@>@^RFC 5961@>

@<Take a reset in SYN\_SENT only if it acknowledges our SYN@>=
if (s->flags & TCP_RST) {
  if (acks_our_syn) end_connection(c, T_SYN_SENT_CLOSED_RESET, TCP_EV_REFUSED);
  else drop(c, TCP_DROP_RST_NO_ACK);
  return;
}

@ The normal case, the second arrow of the client's path: our SYN is
acknowledged, so SND.UNA moves past it, the retransmission timer stops,
and the third segment of the handshake goes out.  If the user queued
data before the connection was open, that data carries the
acknowledgment; otherwise a bare ACK does.  From this moment the client
has set aside everything the connection needs: both sequence spaces are
known.@^SND.UNA@>@^handshake, resources set aside@>

@<Enter ESTABLISHED and acknowledge the peer's SYN@>=
{
@q LAB hole handshake.established @>
  c->snd_una = s->ack;
  c->syn_acked = true;
  rto_acked(&c->rtx, s->ack, true, c->now);
  if (!tcp_enter(c, T_SYN_SENT_ESTABLISHED)) return;
  c->ack_owed = true;
  flush_output(c);
  emit(c, TCP_EV_CONNECTED);
@q LAB end @>
}

@ A SYN without an ACK in SYN\_SENT means that the other end opened at
the same moment: both sent a SYN, and each receives the other's.  The
RFC's answer is to behave as a listener that has just received a SYN:
send SYN,ACK (with the same ISS, since our SYN is still the one in
flight) and wait in SYN\_RCVD.  The chapter on the whole machine (\secref{machine}) runs it.@^ISS (initial send sequence number)@>

@<Enter SYN\_RCVD and send SYN,ACK: a simultaneous open@>=
{
  c->passive = false;
  if (!tcp_enter(c, T_SYN_SENT_SYN_RCVD)) return;
  send_syn(c);
}

@* The third segment.
In SYN\_RCVD the server waits for the ACK of its SYN.  That ACK is
checked in the fifth step of the processing of \S3.10.7.4, after the
sequence number, the reset and SYN bits have been checked, like any ACK
in any synchronized state; what is special to SYN\_RCVD is only this: an
acceptable ACK (SND.UNA${}<{}$SEG.ACK${}\le{}$SND.NXT) completes the
handshake, and an unacceptable one gets a reset.  The rest of the
segment, which may carry data or even a FIN, is then processed as in
ESTABLISHED.@^SND.UNA@>@^SND.NXT@>@^ESTABLISHED state@>@^synchronized states@>@^acceptable segment@>@^RFC 9293 \S3.10.7.4@>

@<Private declarations of the core@>=
static bool complete_handshake(struct tcp_conn *c, const struct segment *s);

@ @<Functions of the core@>=
static bool complete_handshake(struct tcp_conn *c, const struct segment *s)
{
@q LAB hole handshake.complete @>
  if (!(seq_lt(c->snd_una, s->ack) && seq_le(s->ack, c->snd_nxt))) {
    answer_with_reset(c, s);
    drop(c, TCP_DROP_BAD_ACK);
    return false;
  }
  c->snd_wnd = s->window;
  c->snd_wl1 = s->seq;
  c->snd_wl2 = s->ack;
  if (c->snd_wnd > c->max_snd_wnd) c->max_snd_wnd = c->snd_wnd;
  if (!tcp_enter(c, T_SYN_RCVD_ESTABLISHED)) return false;
  emit(c, TCP_EV_CONNECTED);
  return true;
@q LAB end @>
}

@* What each end sets aside, and when.
The article says that the server allocates resources for the connection
when it accepts the client's request, and the client when it receives
the server's reply.  In \.{ltcp} terms: a client's |struct tcp_conn|
exists before it sends its SYN, but only half of it means anything until
the SYN,ACK arrives, because RCV.NXT and IRS are unknown before that.
A server that serves one connection at a time, as the simulator's does,
turns its listener into the connection.  A server that serves many keeps
the listener and, when a SYN arrives, sets aside a fresh |struct
tcp_conn| for the new connection: that is |tcp_accept|.  The copy takes
the listener's configuration, hooks and local socket (but not the bytes
of its empty rings), then the SYN; the
listener stays in LISTEN for the next caller.

Setting resources aside for every SYN is what a {\it SYN flood} exploits:
an attacker sends SYNs from addresses that will never complete the
handshake, and each one holds a TCB in SYN\_RCVD until it times out.
The section on SYN cookies, below, is the defence.@^SYN flood@>@^IRS (initial receive sequence number)@>@^transmission control block (TCB)@>@^socket interface@>@^handshake, resources set aside@>

@<Functions of the core@>=
bool tcp_accept(const struct tcp_conn *listener, struct tcp_conn *c,
  const struct segment *syn, uint64_t now)
{
  if (listener->state != TCP_LISTEN || !tcp_matches(listener, syn)) return false;
  if ((syn->flags & (TCP_SYN | TCP_ACK | TCP_RST)) != TCP_SYN) return false;
  copy_all_but_rings(c, listener);
  tcp_segment_arrives(c, syn, now);
  return c->state == TCP_SYN_RCVD;
}

@ A segment belongs to a connection when it is addressed to the
connection's local socket and, unless the connection is a listener that
takes anyone, comes from its remote socket.  An address or port of zero
in the TCB stands for ``any''.

The test is made for every segment that arrives, so the core has it as
a |static inline| function that the compiler copies into its callers, and the
interface's |tcp_matches| calls it.

@<Private declarations of the core@>=
static bool addressed_to(const struct tcp_conn *c, const struct segment *s);

@ @<Functions of the core@>=
bool tcp_matches(const struct tcp_conn *c, const struct segment *s)
{
  return addressed_to(c, s);
}

static inline bool addressed_to(const struct tcp_conn *c, const struct segment *s)
{
  if (s->dst_port != c->local_port) return false;
  if (c->local_addr != 0 && s->dst_addr != c->local_addr) return false;
  if (c->state == TCP_LISTEN && !c->remote_fixed) return true;
  if (s->src_port != c->remote_port) return false;
  return c->remote_addr == 0 || s->src_addr == c->remote_addr;
}

@* SYN cookies.
A listener can only hold so many half-open connections: the host of the
chapter on the event loop allows 128, as the backlog of POSIX's
|listen| does.  Before this section, a flood of 128 SYNs from ports that
stayed silent filled them, and every honest client was refused for the
63 seconds it took the five retransmissions of each SYN,ACK to give up.
RFC~4987 surveys the defences (\S3).  Evicting the oldest half-open
entry helps only while the flood is slower than an honest round trip;
on a fast link, an attacker sends 128 SYNs while one SYN,ACK crosses,
and the honest entry is evicted before its ACK comes.  The defence that
does not depend on speed is the {\it SYN cookie} (\S3.6): when the
half-open entries are all taken, the listener answers a SYN without
keeping anything, and writes what it will need into the one field the
client must send back, our initial sequence number.  The third segment
acknowledges ISS${}+1$; from it the listener reads the cookie, checks it,
and only then sets aside a connection, already established.

@ The cookie is 32 bits.  Its top five are a coarse clock, a count of
periods of $2^{26}$ microseconds (about 67 seconds), so that a cookie
expires; the next three are an index into a table of eight MSS values,
the largest not above the client's; the low 24 bits are a keyed hash of
the pair of sockets, the client's ISN, the full count and the index.
The key is the secret of the ISN hash, so a blind attacker who wants a
connection to be set aside must guess 24 bits, one chance in sixteen
million per ACK, while an attacker who sees our SYN,ACK could as well
complete the handshake honestly.  A cookie is good during the period in
which it was made and the next.

What a cookie cannot carry is lost: any text of the SYN (which
\.{ltcp} ignores anyway), the exact MSS (rounded down to the table),
and any other option of the SYN (selective acknowledgment, which
\.{ltcp} then does without, and window scaling, which it does not
implement), which is why Linux, too, sends cookies only when its
queue of half-open connections is full.  And the SYN,ACK is never
retransmitted, since nothing remembers it; the client retransmits its
SYN instead.

@<Private declarations of the core@>=
static const uint16_t cookie_mss[8] = {48, 536, 1220, 1440, 1460, 4312, 8960, 65495};
static uint32_t cookie(const struct tcp_conn *l, const struct segment *s,
  uint32_t irs, uint64_t count, unsigned mss_index);

@ The hash covers everything the cookie vouches for, in a message of 21
bytes, a length that no ISN of |choose_iss| uses.

@<Functions of the core@>=
static uint32_t cookie(const struct tcp_conn *l, const struct segment *s,
  uint32_t irs, uint64_t count, unsigned mss_index)
{
  uint8_t m[21];
  store_be32(m, s->dst_addr);
  store_be16(m + 4, s->dst_port);
  store_be32(m + 6, s->src_addr);
  store_be16(m + 10, s->src_port);
  store_be32(m + 12, irs);
  store_be32(m + 16, (uint32_t) count);
  m[20] = (uint8_t) mss_index;
  uint32_t h = (uint32_t) tcp_siphash24(l->cfg->isn_key, m, sizeof m);
  return (uint32_t) (count & 31) << 27 | (uint32_t) mss_index << 24 | (h & 0xffffff);
}

@ Two calls of the interface use the cookie: the host calls
|tcp_answer_with_cookie| for a SYN when it has no room for another
half-open connection, and |tcp_accept_cookie| for an ACK that belongs to
no connection.  The first sends the SYN,ACK through the listener's output
hook and changes nothing; the second, like |tcp_accept|, makes |c| a copy
of the listener, and returns |true| if the ACK carried a good cookie and
|c| is now established.

@<Declarations of the core@>=
bool tcp_answer_with_cookie(struct tcp_conn *listener,
  const struct segment *syn, uint64_t now);
bool tcp_accept_cookie(const struct tcp_conn *listener, struct tcp_conn *c,
  const struct segment *ack, uint64_t now);
bool tcp_cookie_ok(const struct tcp_conn *listener, const struct segment *ack,
  uint64_t now);

@ The SYN,ACK of a cookie is the one |send_syn| would send from
SYN\_RCVD, built from the SYN since there is no TCB to build it from.

@<Functions of the core@>=
bool tcp_answer_with_cookie(struct tcp_conn *l, const struct segment *syn,
  uint64_t now)
{
  if (l->state != TCP_LISTEN || !tcp_matches(l, syn)) return false;
  if ((syn->flags & (TCP_SYN | TCP_ACK | TCP_RST)) != TCP_SYN) return false;
  unsigned k = 0;
  uint16_t mss = syn->mss ? syn->mss : 536;
  while (k < 7 && cookie_mss[k + 1] <= mss) k++;
  struct segment s;
  memset(&s, 0, sizeof s);
  s.src_addr = syn->dst_addr;
  s.dst_addr = syn->src_addr;
  s.src_port = syn->dst_port;
  s.dst_port = syn->src_port;
  s.seq = cookie(l, syn, syn->seq, now >> 26, k);
  s.ack = syn->seq + 1;
  s.flags = TCP_SYN | TCP_ACK;
  s.window = (uint16_t) receive_window(l);
  seg_set_mss(&s, l->cfg->mss);
  l->hooks->output(l->hooks->ctx, l, &s);
  return true;
}

@ An ACK with a good cookie becomes a connection in two steps that reuse
the ordinary path: first the listener's copy takes a SYN rebuilt from
the ACK (its sequence number less one, the MSS of the table) and the
cookie as its ISS, and takes the arrow from LISTEN to SYN\_RCVD without
sending anything, since the SYN,ACK has gone already; then the ACK
itself arrives, and completes the handshake as any third segment does,
text and all.

A host checks the cookie with |tcp_cookie_ok| before it sets anything
aside, so that a flood of forged ACKs costs it no memory.

@<Functions of the core@>=
bool tcp_cookie_ok(const struct tcp_conn *l, const struct segment *ack,
  uint64_t now)
{
  if (l->state != TCP_LISTEN || !tcp_matches(l, ack)) return false;
  if ((ack->flags & (TCP_SYN | TCP_ACK | TCP_RST)) != TCP_ACK) return false;
  uint32_t iss = ack->ack - 1, irs = ack->seq - 1;
  unsigned k = (iss >> 24) & 7;
  uint64_t count = now >> 26;
  return cookie(l, ack, irs, count, k) == iss ||
    (count > 0 && cookie(l, ack, irs, count - 1, k) == iss);
}

bool tcp_accept_cookie(const struct tcp_conn *l, struct tcp_conn *c,
  const struct segment *ack, uint64_t now)
{
  if (!tcp_cookie_ok(l, ack, now)) return false;
  uint32_t iss = ack->ack - 1, irs = ack->seq - 1;
  unsigned k = (iss >> 24) & 7;
  copy_all_but_rings(c, l);
  c->now = now;
  struct segment syn = *ack;
  syn.seq = irs;
  syn.flags = TCP_SYN;
  syn.len = 0;
  syn.mss = cookie_mss[k];
  c->remote_addr = ack->src_addr;
  c->remote_port = ack->src_port;
  if (c->local_addr == 0) c->local_addr = ack->dst_addr;
  learn_from_syn(c, &syn);
  c->passive = true;
  c->iss = iss;
  c->snd_una = iss;
  c->snd_nxt = iss + 1;
  set_up_send_buffer(c);
  if (!tcp_enter(c, T_LISTEN_SYN_RCVD)) return false;
  tcp_segment_arrives(c, ack, now);
  return c->state != TCP_SYN_RCVD && c->state != TCP_CLOSED &&
    c->state != TCP_LISTEN;
}

@* When a SYN is lost.
A SYN can be lost like any other segment, and so can the SYN,ACK; the
ends find out only by waiting.  Each SYN we send starts the
retransmission timer of RFC~6298.  Its first timeout is one second
(\S2.1 of that RFC, which lowered it from the three seconds of RFC~1122);
each time it expires, the oldest unacknowledged segment is sent again
and the timeout doubles (\S5.5), up to a ceiling (\S2.5).  A connection that has
retransmitted as often as its configuration allows gives up: the user
hears ``timed out'' and the connection is closed.  Here the client's
first SYN is lost; one second later the client sends it again, with the
same sequence number, and the handshake completes:

\runlog{lost-syn}@^RFC 6298 \S2.1@>@^RFC 6298 \S5.5@>@^RFC 6298 \S2.5@>@^RFC 6298@>@^RFC 1122@>

@ The timer is started by anything that sends a SYN, data or a FIN,
when it is not already running (\S5.1 of RFC~6298).@^RFC 6298 \S5.1@>@^RFC 6298@>

@<Private declarations of the core@>=
static void start_retransmission_timer(struct tcp_conn *c);

@ @<Functions of the core@>=
static void start_retransmission_timer(struct tcp_conn *c)
{
  if (c->rtx.deadline == 0) c->rtx.deadline = c->now + c->rtx.rto;
}

@ When the timer expires, the connection either gives up or sends the
oldest unacknowledged segment again, after doubling the timeout (the
chapter on the retransmission timer (\secref{retransmit}) explains the rules).  A window that
the peer has closed is another matter, treated in the chapter on flow
control (\secref{flow}): it is probed, never given up on.@^window probe@>

@<Private declarations of the core@>=
static void retransmission_timeout(struct tcp_conn *c);

@ @<Functions of the core@>=
static void retransmission_timeout(struct tcp_conn *c)
{
  if (window_is_closed(c)) {
    start_probing(c);
    return;
  }
  if (c->rtx.backoffs >= retry_limit(c)) {
    rto_stop(&c->rtx);
    give_up(c);
    return;
  }
  rto_expired(&c->rtx, c->now);
  if (c->syn_acked && c->cfg->congestion_control) {
    recover_after_timeout(c);
    return;
  }
  if (stats(c)) stats(c)->retransmitted++;
  if (!c->syn_acked) send_syn(c);
  else {
    start_recovery(c);
    retransmit_data(c);
  }
}

@ A SYN is given fewer chances than data: a peer that does not answer a
SYN is most likely not there at all.

@<Private declarations of the core@>=
static unsigned retry_limit(const struct tcp_conn *c);

@ @<Functions of the core@>=
static unsigned retry_limit(const struct tcp_conn *c)
{
  return c->syn_acked ? c->cfg->retries : c->cfg->syn_retries;
}

@ Giving up takes the row of the state the connection is in.  A client
in SYN\_SENT takes the figure's arrow ``appl: close, or timeout''; a
server in SYN\_RCVD takes the figure's ``timeout; send: RST'', so that a
client that did get our SYN,ACK, and believes the connection open, learns
that it is not.  In the synchronized states the RFC's rows apply
(\S3.8.3).  FIN\_WAIT\_2 and TIME\_WAIT never get here, since in them
nothing of ours is unacknowledged.@^RST flag@>@^FIN\_WAIT\_2 state@>@^synchronized states@>@^RFC 9293 \S3.8.3@>

@<Private declarations of the core@>=
static void give_up(struct tcp_conn *c);

@ @<Functions of the core@>=
static void give_up(struct tcp_conn *c)
{
  switch (c->state) {
  case TCP_SYN_SENT: end_connection(c, T_SYN_SENT_CLOSED, TCP_EV_TIMEOUT); break;
  case TCP_SYN_RCVD: reset_and_end(c, T_SYN_RCVD_CLOSED, TCP_EV_TIMEOUT); break;
  case TCP_ESTABLISHED:
    end_connection(c, T_ESTABLISHED_CLOSED_TIMEOUT, TCP_EV_TIMEOUT); break;
  case TCP_FIN_WAIT_1:
    end_connection(c, T_FIN_WAIT_1_CLOSED_TIMEOUT, TCP_EV_TIMEOUT); break;
  case TCP_CLOSE_WAIT:
    end_connection(c, T_CLOSE_WAIT_CLOSED_TIMEOUT, TCP_EV_TIMEOUT); break;
  case TCP_CLOSING: end_connection(c, T_CLOSING_CLOSED_TIMEOUT, TCP_EV_TIMEOUT); break;
  case TCP_LAST_ACK:
    end_connection(c, T_LAST_ACK_CLOSED_TIMEOUT, TCP_EV_TIMEOUT); break;
  default: break;
  }
}

@ If the server's SYN,ACK is lost, two timers race: the client's, which
repeats the SYN, and the server's, which repeats the SYN,ACK.  A SYN
that arrives again in SYN\_RCVD, with the very sequence number the
server has already taken as IRS, is the client saying that it has not
heard the answer; the server answers it again at once, as Linux does,
rather than make the client wait for the server's timer.  (By the letter
of \S3.10.7.4 such a SYN is simply outside the window and would get a
bare ACK, which the client in SYN\_SENT cannot use.)  Nothing changes
state; the segment counts as dropped, since it brought nothing new.

\runlog{lost-syn-ack}@^IRS (initial receive sequence number)@>@^dropped segments, counted@>@^RFC 9293 \S3.10.7.4@>

@<Private declarations of the core@>=
static bool answer_repeated_syn(struct tcp_conn *c, const struct segment *s);

@ @<Functions of the core@>=
static bool answer_repeated_syn(struct tcp_conn *c, const struct segment *s)
{
  if (c->state != TCP_SYN_RCVD) return false;
  if ((s->flags & (TCP_SYN | TCP_ACK | TCP_RST)) != TCP_SYN) return false;
  if (s->seq != c->irs) return false;
  drop(c, TCP_DROP_REPEATED_SYN);
  send_segment(c, TCP_SYN | TCP_ACK, c->iss, NULL, 0);
  return true;
}

@* When nobody answers.
\label{syn-timeout}%
A SYN that is lost once is sent again; a SYN that nobody ever answers
is sent again a few times, and then the client gives up.  This is the
{\it connection-establishment timeout} that every TCP has in some form.
RFC~9293 \S3.8.3, after RFC~1122 \S4.2.3.5, asks that the threshold
for a SYN, called R2, cover at least three minutes.  \.{ltcp} uses the
same limit of retransmissions as for data, counted by the same timer,
which with the default timeouts gives up after about a minute: short of
the RFC, as exercise~6 below invites you to mend.  In this run
every SYN the client sends is lost, as if the server's host were down or
a firewall dropped SYNs without a word: the client sends its SYN six
times, one, two, four, eight, sixteen and thirty-two seconds apart, and
gives up 63 seconds after it began.  The server never learns that
anyone tried.@^connection-establishment timeout@>@^exponential backoff@>@^RFC 9293 \S3.8.3@>@^RFC 1122 \S4.2.3.5@>

\runlog{syn-timeout}

@ The real programs behave the same way, in real time.  A silent port
is easy to make: start a server and stop it with a signal.  Its UDP
socket stays open, so the kernel takes the client's datagrams and
answers nothing, as a host that has hung would; with \.{--rto 0.05} the
first timeout is 50 milliseconds instead of one second, and the whole
attempt takes about three seconds:
$$\vbox{\halign{\.{#}\hfil\cr
ltcp listen -q 9000 < /dev/null > /dev/null \&\cr
kill -STOP \$!\cr
ltcp connect --rto 0.05 -l t.log 127.0.0.1 9000 < /dev/null\cr
ltcp: connect: connection to 127.0.0.1.9000 timed out\cr}}$$
The exit status is 5, and \.{t.log} holds the story (a run recorded on
the author's machine; \.{tests/carrier.sh} checks that today's program
tells the same one):@^connection-establishment timeout@>

\runlog{silent-connect}

\noindent The same SYN, with the same sequence number, six times, the
gaps doubling from 50 milliseconds to 800; then, 1.6 seconds after the
last one, the line that says the client gave up, with its time.
(\.{kill -CONT} and \.{kill} end the stopped server.)  Without
\.{--rto} the gaps are one to 32 seconds and the attempt lasts 63
seconds, as in the simulated run above; \.{ltcp connect --loss 1} gives
the same run without a server, since it loses every datagram it sends.
A port where nobody listens is another
matter: the kernel answers the client's datagram with an ICMP ``port
unreachable'', which the carrier reports (\secref{carrier}), and the
connection is refused at once, with exit status 3, just as a kernel TCP
answers a SYN to a closed port with a reset (\.{ltcp sim
syn-to-closed-port}).  A refusal takes one round trip; a silence takes a
minute.  That difference is why a firewall that drops is slower to get
past than one that rejects.@^connection refused@>

@* The handshake, step by step.
\label{handshake-steps}%
Figure~6, the whole state machine, is drawn in the chapter on the
whole machine (\secref{machine}); here it is small, once per step of
the run of Figure~1, with the arrows that the step made each side take
drawn thick in that side's colour (\.{ltcp dot step N}, written in
\secref{figures}).  The first three steps are the handshake.

@ Step 1.  The client's application asks to connect (the OPEN call of
\S3.10.1).  The client chooses its initial sequence number, the $x$ of
the article, sends a SYN that carries it, and enters SYN\_SENT by the
arrow \.{appl: active open}, the first thick solid arrow of Figure~6.
The server has been listening since before the run began.  The SYN's
arrival is handled by the rules for a segment that reaches a listener
(\S3.10.7.2): the server records the client's number, chooses its own,
$y$, answers with SYN,ACK and enters SYN\_RCVD by the thick dashed arrow
\.{recv: SYN; send: SYN,ACK}.  This is the moment, the article says, at
which the server sets aside resources for the connection: in \.{ltcp},
the |struct tcp_conn| that the listener copies itself into.

\fig{step-1}{4.4in}{Step 1 of Figure 1: the client sends SYN; its
arrival moves the server to SYN\_RCVD.}@^state machine@>@^handshake, resources set aside@>@^RFC 9293 \S3.10.1@>@^RFC 9293 \S3.10.7.2@>

@ Step 2.  The server's SYN,ACK reaches the client (\S3.10.7.3).  The
client first checks the acknowledgment: it must name the number after
$x$, since the SYN took one sequence number, and it does ($x+1$).  Then
it takes the server's SYN, records $y$, and, its own SYN being
acknowledged, enters ESTABLISHED and answers with an ACK of $y+1$.  For
the client the connection is open, and its application may send, one
round trip after it asked; this is when the client sets aside its
resources.  The server does not move: it waits in SYN\_RCVD for the
acknowledgment of its own SYN.

\fig{step-2}{4.4in}{Step 2: the server's SYN,ACK moves the client to
ESTABLISHED.}@^RFC 9293 \S3.10.7.3@>

@ Step 3.  The client's ACK reaches the server (\S3.10.7.4).  It
acknowledges $y+1$, so the server's SYN is acknowledged too, and the
server enters ESTABLISHED.  Three segments, and each side knows both
initial sequence numbers and knows that the other knows them: that is
why two would not do, since after two the server could not tell a live
client from an old duplicate SYN.  Then comes the data, one line each
way, with its acknowledgments; data moves no state, so it is not a step,
and Figure~1 draws it in grey.

\fig{step-3}{4.4in}{Step 3: the client's ACK completes the handshake.}

@* Exercises.

\smallskip\noindent
1.~\diff1 In the log of the handshake, find $x$ and $y$, and check that
the second segment acknowledges $x+1$ and the third $y+1$.  Why does a
SYN occupy a sequence number although it carries no byte of data? \excheck{handshake.1}

\smallskip\noindent
2.~\diff2 The last field of a scenario's row in the chapter on the
simulated link (\secref{simlink}) is the one-way delay of its link in milliseconds, 0 for
the usual 10.  Set it to 600 in the row of \.{lost-syn}, so that an
answer takes more than a second to come back.  Predict which segments
appear twice in the log before you run \.{make} and \.{build/ltcp sim
lost-syn}.  RFC~6298 \S5.7 says that when a SYN had to be sent again,
the retransmission timeout for the data that follows should be set back
to three seconds; \.{ltcp} does not do this.  Find in the chapter on
the retransmission timer (\secref{retransmit}) where the rule would go,
and say which segment of your run would then be timed differently. \excheck{handshake.2}

\smallskip\noindent
3.~\diff1 |choose_iss| with a fixed key and the simulator's fixed clock
makes every run choose the same numbers.  The simulator draws the key
from its random numbers, so \.{--seed} changes it.  Predict what changes
in the log of \.{build/ltcp sim handshake --seed 2}, and what does not;
then run it. \excheck{handshake.3}

\smallskip\noindent
4.~\diff3 A SYN cookie rounds the client's MSS down to one of eight
values.  Which table would serve the paths of today's Internet best?
Linux keeps one for IPv4 and another for IPv6; find them, and say why
they differ.  Then write a test that sends SYNs with MSS 1 to 65535 to
|tcp_answer_with_cookie| and checks, from the ACK of each SYN,ACK, the
MSS that |tcp_accept_cookie| takes.

\smallskip\noindent
5.~\diff4 Write a test that feeds |tcp_siphash24| the 64 messages of the
reference test vectors of SipHash-2-4 (the empty message and the
messages $0$, $0,1$, $0,1,2$, \dots\ under the key $0,1,\ldots,15$) and
checks every output.

\smallskip\noindent
6.~\diff2 Give a connection in SYN\_SENT a limit of its own, so that
\.{ltcp} keeps sending its SYN for at least three minutes, as RFC~9293
\S3.8.3 asks (\secref{syn-timeout}).  How many SYNs does
\.{build/ltcp sim syn-timeout} then show, and at what times?@^SYN flood@>@^ISS (initial send sequence number)@>@^simulated link@>@^RFC 6298 \S5.7@>@^RFC 6298@>@^RFC 4987@>
