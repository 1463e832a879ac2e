@q firstbyte.w: data, in both directions. @>

@** A first byte moves.
Between its handshake and its wave, the article's Figure~1 has one line:
``data transfer''.  This chapter fills in that line, far enough for the
stories of this book: the user hands bytes to |tcp_send|, the core sends
them in segments as the peer's window allows, the peer puts them into its
receive buffer in order and acknowledges them, and the acknowledgment
frees the sender's buffer.  A segment that is lost is sent again when the
retransmission timer expires.  Here is the whole life of the
article's Figure~1, with a line of text each way in the middle and one
more from the server after the client has closed:

\runlog{lifecycle}

@ What the chapter leaves out is a matter for a later part of the book,
and each piece of the data path sits in a section of its own so that it
can be replaced: there is no reassembly of segments that arrive out of
order (they are dropped and acknowledged, and the sender's timer repeats
them), no measurement of the round-trip time (the timeout stays at its
initial value between losses), no congestion control, and only the
simplest probe of a closed window.

@* Two rings of bytes.
The send buffer holds the bytes the user has handed over and the peer
has not acknowledged, oldest first; the receive buffer holds the bytes
that arrived in order and that the user has not yet read.  Both are
rings: a fixed array, the index of the oldest byte and a count.  Bytes
go in at the end and come out at the front, and nothing ever moves.

|ring_put| appends as many of |n| bytes as there is room for and
returns how many that was.  It copies in at most two pieces, the second
one after the end of the array has wrapped to its beginning.

@<Private declarations of the core@>=
static uint32_t ring_put(struct tcp_ring *r, const uint8_t *p, uint32_t n);

@ @<Functions of the core@>=
static uint32_t ring_put(struct tcp_ring *r, const uint8_t *p, uint32_t n)
{
  uint32_t room = r->cap - r->len;
  if (n > room) n = room;
  if (n == 0) return 0;
  uint32_t end = (r->start + r->len) % TCP_BUFFER_SIZE;
  uint32_t first = TCP_BUFFER_SIZE - end;
  if (first > n) first = n;
  memcpy(r->data + end, p, first);
  if (n > first) memcpy(r->data, p + first, n - first);
  r->len += n;
  return n;
}

@ A segment's text must be one contiguous piece of memory.  |ring_span|
finds the longest contiguous run of bytes that starts |offset| bytes
after the oldest one, and returns its length; a segment never crosses
the end of the array, which costs at worst one short segment per trip
around the ring and saves a copy of every byte.

@<Private declarations of the core@>=
static uint32_t ring_span(const struct tcp_ring *r, uint32_t offset,
  const uint8_t **p);

@ @<Functions of the core@>=
static uint32_t ring_span(const struct tcp_ring *r, uint32_t offset,
  const uint8_t **p)
{
  if (offset >= r->len) return 0;
  uint32_t at = (r->start + offset) % TCP_BUFFER_SIZE;
  uint32_t n = r->len - offset;
  if (n > TCP_BUFFER_SIZE - at) n = TCP_BUFFER_SIZE - at;
  *p = r->data + at;
  return n;
}

@ |ring_drop| forgets the oldest |n| bytes; |ring_get| copies out the
oldest bytes, up to |n|, and forgets them.

@<Private declarations of the core@>=
static void ring_drop(struct tcp_ring *r, uint32_t n);
static uint32_t ring_get(struct tcp_ring *r, uint8_t *p, uint32_t n);

@ @<Functions of the core@>=
static void ring_drop(struct tcp_ring *r, uint32_t n)
{
  if (n > r->len) n = r->len;
  r->start = (r->start + n) % TCP_BUFFER_SIZE;
  r->len -= n;
}

static uint32_t ring_get(struct tcp_ring *r, uint8_t *p, uint32_t n)
{
  uint32_t got = 0;
  const uint8_t *q;
  while (got < n) {
    uint32_t k = ring_span(r, 0, &q);
    if (k == 0) break;
    if (k > n - got) k = n - got;
    memcpy(p + got, q, k);
    ring_drop(r, k);
    got += k;
  }
  return got;
}

@* Sending.
|tcp_send| queues data in the send buffer and sends what it can at
once.  Data may be queued from the moment a connection is being opened
until the user closes it: in SYN\_SENT and SYN\_RCVD it waits for the
handshake to finish (\S3.10.2).  A listener that knows its peer turns
active when it is given data, Figure~6's thin arrow from LISTEN to
SYN\_SENT.

@<Functions of the core@>=
size_t tcp_send(struct tcp_conn *c, const void *data, size_t n, uint64_t now)
{
  c->now = now;
  switch (c->state) {
  case TCP_LISTEN: if (!c->remote_fixed) return 0;
    break;
  case TCP_SYN_SENT: case TCP_SYN_RCVD: case TCP_ESTABLISHED: case TCP_CLOSE_WAIT:
    break;
  default: return 0;
  }
  uint32_t k = ring_put(&c->sndbuf, data, n > UINT32_MAX ? UINT32_MAX : (uint32_t) n);
  if (c->state == TCP_LISTEN) open_actively(c, T_LISTEN_SYN_SENT);
  flush_output(c);
  return k;
}

@ After anything that might allow the connection to send, the core
calls |flush_output|: it sends whatever data and FIN the window allows,
and then, if an acknowledgment is still owed (none of those segments
carried it), a bare ACK.

@<Private declarations of the core@>=
static void flush_output(struct tcp_conn *c);

@ @<Functions of the core@>=
static void flush_output(struct tcp_conn *c)
{
  send_what_the_window_allows(c);
  if (c->ack_owed) send_ack(c);
}

@ Where in the sequence space does the send buffer begin?  Before our
SYN is acknowledged SND.UNA is ISS, the SYN's own number, and the first
byte of data will be ISS${}+1$; afterwards SND.UNA is the first byte of
the buffer, since the buffer holds exactly the unacknowledged data.

@<Private declarations of the core@>=
static uint32_t first_byte_seq(const struct tcp_conn *c);

@ @<Functions of the core@>=
static uint32_t first_byte_seq(const struct tcp_conn *c)
{
  return c->syn_acked ? c->snd_una : c->snd_una + 1;
}

@ The peer's window allows us to send up to SND.UNA${}+{}$SND.WND;
what we may still send is the part of it beyond SND.NXT.

@<Private declarations of the core@>=
static uint32_t usable_window(const struct tcp_conn *c);

@ @<Functions of the core@>=
static uint32_t usable_window(const struct tcp_conn *c)
{
  uint32_t right = c->snd_una + c->snd_wnd;
  return seq_gt(right, c->snd_nxt) ? right - c->snd_nxt : 0;
}

@ Sending means cutting the unsent part of the buffer into segments: each
no longer than the peer's MSS, no longer than the usable window, and not
crossing the end of the ring.  The last segment of what is in the buffer
carries the PSH bit, and the FIN too if the user has already closed.  The
loop stops when everything is sent, when the window is full, or when
the handshake has not finished.  Data is sent only in the states where
the RFC allows it; a FIN may also leave SYN\_RCVD's successor
FIN\_WAIT\_1 before our SYN is acknowledged, as Figure~6 draws.

@<Private declarations of the core@>=
static void send_what_the_window_allows(struct tcp_conn *c);

@ @<Functions of the core@>=
static void send_what_the_window_allows(struct tcp_conn *c)
{
  if (c->state != TCP_ESTABLISHED && c->state != TCP_CLOSE_WAIT &&
      c->state != TCP_FIN_WAIT_1 && c->state != TCP_LAST_ACK) return;
  while (!c->fin_sent) {
    uint32_t offset = c->snd_nxt - first_byte_seq(c);
    uint32_t unsent = c->sndbuf.len - offset;
    if (unsent == 0) {
      if (c->fin_queued) send_fin(c);
      return;
    }
    if (!c->syn_acked) return;
    @<Send one segment of new data, or |return| if the window is full@>@;
  }
}

@ @<Send one segment of new data...@>=
{
  const uint8_t *text;
  uint32_t n = ring_span(&c->sndbuf, offset, &text);
  uint32_t room = usable_window(c);
  if (n > room) n = room;
  if (n > c->snd_mss) n = c->snd_mss;
  if (n == 0) {
    wait_for_window(c);
    return;
  }
  uint8_t flags = TCP_ACK;
  if (n == unsent) flags |= c->fin_queued ? TCP_PSH | TCP_FIN : TCP_PSH;
  send_segment(c, flags, c->snd_nxt, text, n);
  c->snd_nxt += n;
  if (flags & TCP_FIN) note_fin_sent(c);
  start_retransmission_timer(c);
}

@* Acknowledgments.
An acknowledgment number says ``I have everything before this''.  When
it moves past SND.UNA, the bytes between are acknowledged: they leave
the send buffer, SND.UNA advances, and the retransmission timer is
restarted for what is still in flight, or stopped if nothing is
(RFC~6298 \S5.2, \S5.3).  The acknowledged range may include our SYN and
our FIN, which occupy a sequence number each but no byte of the buffer.
The checks that decide whether to believe an acknowledgment come first,
in the chapter on the whole machine.

@<Private declarations of the core@>=
static void take_acknowledgment(struct tcp_conn *c, uint32_t ack);

@ @<Functions of the core@>=
static void take_acknowledgment(struct tcp_conn *c, uint32_t ack)
{
  uint32_t acked = ack - c->snd_una;
  if (!c->syn_acked) {
    c->syn_acked = true;
    acked--;
  }
  if (c->fin_sent && ack == c->fin_seq + 1) acked--;
  ring_drop(&c->sndbuf, acked);
  c->snd_una = ack;
  @<Restart or stop the retransmission timer@>@;
  if (acked > 0) emit(c, TCP_EV_WRITABLE);
}

@ Without measurements of the round-trip time, the timeout simply
returns to its initial value once something new is acknowledged; a later
part of the book replaces this section with RFC~6298's estimator.

@<Restart or stop the retransmission timer@>=
c->retransmissions = 0;
c->rto = c->cfg.rto_initial_us;
c->rtx_deadline = c->snd_una == c->snd_nxt ? 0 : c->now + c->rto;

@ Every acceptable segment also carries the peer's window, but an old
segment, overtaken in the network by a newer one, must not shrink a
window that the newer one opened.  SND.WL1 and SND.WL2 remember the
sequence and acknowledgment numbers of the segment that last set the
window; a segment updates it only if it is not older in both respects
(\S3.10.7.4).

@<Private declarations of the core@>=
static void update_send_window(struct tcp_conn *c, const struct segment *s);

@ @<Functions of the core@>=
static void update_send_window(struct tcp_conn *c, const struct segment *s)
{
  if (seq_lt(s->ack, c->snd_una)) return;
  if (seq_lt(c->snd_wl1, s->seq) ||
      (c->snd_wl1 == s->seq && seq_le(c->snd_wl2, s->ack))) {
    c->snd_wnd = s->window;
    c->snd_wl1 = s->seq;
    c->snd_wl2 = s->ack;
    if (c->snd_wnd > c->max_snd_wnd) c->max_snd_wnd = c->snd_wnd;
  }
}

@* Retransmission.
When the retransmission timer expires in a synchronized connection,
the earliest unacknowledged segment is sent again (RFC~6298 \S5.4): the
oldest bytes of the buffer, as many as fit in one segment, with the FIN
if it was sent and nothing but the FIN remains after them.  Only one
segment is repeated; if others were lost too, the acknowledgment of this
one restarts the timer, and the next expiry repeats the next.

@<Private declarations of the core@>=
static void retransmit_data(struct tcp_conn *c);

@ @<Functions of the core@>=
static void retransmit_data(struct tcp_conn *c)
{
  uint32_t in_flight = c->snd_nxt - c->snd_una;
  if (in_flight == 0) return;
  uint32_t data = in_flight - (c->fin_sent ? 1 : 0);
  const uint8_t *text = NULL;
  uint32_t n = data > 0 ? ring_span(&c->sndbuf, 0, &text) : 0;
  if (n > data) n = data;
  if (n > c->snd_mss) n = c->snd_mss;
  uint8_t flags = TCP_ACK;
  if (n > 0) flags |= TCP_PSH;
  if (n == data && c->fin_sent) flags |= TCP_FIN;
  send_segment(c, flags, c->snd_una, text, n);
  start_retransmission_timer(c);
}

@ A peer whose receive buffer is full offers a window of zero, and the
sender must wait.  When the window opens again, the peer says so with a
window update; but a window update carries no data and is not itself
acknowledged, so if it is lost both ends wait forever.  The sender
therefore keeps the retransmission timer running while its window is
closed and, each time it expires, sends a {\it probe}: one byte beyond
the window, whose acknowledgment will carry the current window (\S3.8.6.1).
A probe is not a retransmission and never makes the connection give up.
(A later part of the book gives the probes a timer of their own.)

@<Private declarations of the core@>=
static bool window_is_closed(const struct tcp_conn *c);
static void wait_for_window(struct tcp_conn *c);
static void probe_window(struct tcp_conn *c);

@ @<Functions of the core@>=
static bool window_is_closed(const struct tcp_conn *c)
{
  return c->syn_acked && c->snd_wnd == 0 && c->sndbuf.len > 0;
}

static void wait_for_window(struct tcp_conn *c)
{
  if (c->snd_wnd == 0) start_retransmission_timer(c);
}

@ @<Functions of the core@>=
static void probe_window(struct tcp_conn *c)
{
  @<Double the retransmission timeout@>@;
  if (c->snd_nxt != c->snd_una) {
    retransmit_data(c);
    return;
  }
  const uint8_t *text;
  if (ring_span(&c->sndbuf, 0, &text) == 0) return;
  send_segment(c, TCP_ACK, c->snd_nxt, text, 1);
  c->snd_nxt += 1;
  start_retransmission_timer(c);
}

@* Receiving.
By the time a segment's text is processed, the checks of the chapter on
the whole machine have made sure that the segment is acceptable and have
trimmed away any part of it outside the window: what is left starts at
or after RCV.NXT and fits in the receive buffer.  Text is taken only in
the states in which the peer may still send (ESTABLISHED, FIN\_WAIT\_1
and FIN\_WAIT\_2); in the others the peer's FIN has already arrived, and
\S3.10.7.4 says to ignore any text after it.

@<Private declarations of the core@>=
static void process_text(struct tcp_conn *c, struct segment *s);

@ @<Functions of the core@>=
static void process_text(struct tcp_conn *c, struct segment *s)
{
  if (s->len == 0) return;
  if (c->state != TCP_ESTABLISHED && c->state != TCP_FIN_WAIT_1 &&
      c->state != TCP_FIN_WAIT_2) return;
  if (s->seq != c->rcv_nxt) @<Drop text that arrived before the bytes that
    precede it@>@;
  @<Process the segment text@>@;
}

@ A segment that leaves a gap before it cannot be delivered, and this
version keeps no out-of-order segments: its text, and any FIN after it,
are dropped, and the acknowledgment we send (a duplicate of the last one)
tells the peer what is missing.

@<Drop text that arrived before the bytes that precede it@>=
{
  drop(c, TCP_DROP_OUT_OF_ORDER);
  s->flags &= (uint8_t) ~TCP_FIN;
  c->ack_owed = true;
  return;
}

@ In-order text goes into the receive buffer, RCV.NXT moves past it, and
it is owed an acknowledgment.  The user hears that there is something to
read.

@<Process the segment text@>=
ring_put(&c->rcvbuf, s->payload, (uint32_t) s->len);
c->rcv_nxt += (uint32_t) s->len;
c->ack_owed = true;
emit(c, TCP_EV_READABLE);

@ |tcp_recv| hands the user what is in the receive buffer.  Reading makes
room, and room is window: if the window has grown enough since we last
advertised it, the peer is told at once with a window update, lest it
wait for a window it does not know has opened.  ``Enough'' is the
receiver's half of the avoidance of the silly window syndrome
(\S3.8.6.2.2): an MSS, or half the buffer if that is smaller.

@<Functions of the core@>=
size_t tcp_recv(struct tcp_conn *c, void *buf, size_t n, uint64_t now)
{
  c->now = now;
  uint32_t k = ring_get(&c->rcvbuf, buf, n > UINT32_MAX ? UINT32_MAX : (uint32_t) n);
  if (k > 0 && window_worth_announcing(c)) {
    c->ack_owed = true;
    flush_output(c);
  }
  return k;
}

@ @<Private declarations of the core@>=
static bool window_worth_announcing(const struct tcp_conn *c);

@ @<Functions of the core@>=
static bool window_worth_announcing(const struct tcp_conn *c)
{
  if (c->state != TCP_ESTABLISHED && c->state != TCP_FIN_WAIT_1 &&
      c->state != TCP_FIN_WAIT_2) return false;
  uint32_t gain = c->rcv_nxt + receive_window(c) - c->rcv_adv;
  uint32_t enough = c->rcvbuf.cap / 2 < c->cfg.mss ? c->rcvbuf.cap / 2 : c->cfg.mss;
  return (int32_t) gain >= (int32_t) enough && gain > 0;
}

@ The user learns that no more data will come from |tcp_peer_closed|:
the peer's FIN has arrived, and everything before it has been read.

@<Functions of the core@>=
bool tcp_peer_closed(const struct tcp_conn *c)
{
  return c->fin_received && c->rcvbuf.len == 0;
}

@* Exercises.

\smallskip\noindent
1.~\diff1 In a log of the scenario \.{lifecycle}, find a data segment
and the acknowledgment of it.  By how much does the acknowledgment
number exceed the data segment's sequence number, and why?

\smallskip\noindent
2.~\diff2 Set the receive buffer of the server to 1000 bytes
(|rcv_wnd| in its configuration) and have the client send 3000 bytes
while the server's user reads nothing.  Predict the segments and the
windows in the log, then run it.  What ends the wait?

\smallskip\noindent
3.~\diff2 |ring_span| never lets a segment cross the end of the ring.
How many segments does a transfer of 200{,}000 bytes take with an MSS of
1460 bytes and a 64-kilobyte ring, and how many of them are short?

\smallskip\noindent
4.~\diff3 Keep out-of-order segments instead of dropping them: replace
the section |@<Drop text that arrived before...@>|
by code that stores the text in a second ring at its offset from
RCV.NXT, and |@<Process the segment text@>| by code that moves into the
receive buffer whatever has become contiguous.  Which scenario shows the
gain?

\smallskip\noindent
5.~\diff4 Replace the section |@<Restart or stop the retransmission
timer@>| by RFC~6298's estimator: keep SRTT and RTTVAR, time one segment
at a time, and apply Karn's rule to retransmitted segments.
