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
\label{firstbyte}%

\runlog{lifecycle}@^the article, TCP's three-way handshake and four-way wave, illustrated@>@^Figure 1@>

@ This chapter tells the data path as the core sees it: which function
calls which, and when.  The machinery it calls on has chapters of its
own after the whole machine: the buffers and the sliding window, the
retransmission timer of RFC~6298, the reassembly of segments that arrive
out of order, and flow control with its probes of a closed window; and
the chapters on losses add fast retransmission, congestion control and
selective acknowledgments.@^sliding window@>@^window probe@>@^congestion control@>@^out-of-order segments@>@^reassembly@>@^flow control@>@^RFC 6298@>

@* The buffers.
The send buffer holds the bytes the user has handed over and the peer
has not acknowledged, oldest first; the receive buffer holds the bytes
that arrived and that the user has not yet read.  Both are rings indexed
by sequence number, the subject of the chapter on the sliding window (\secref{window}):
the byte numbered $s$ lives at a place that depends on $s$ alone, which
is why a buffer can only be set up once the sequence numbers of its
direction are known.  The send buffer begins at ISS${}+1$, the number
after our SYN, and is set up when we choose the ISS; the receive buffer
begins at IRS${}+1$ and is set up when the peer's SYN arrives.  The
capacities were set by |tcp_init| from the configuration.@^ISS (initial send sequence number)@>@^IRS (initial receive sequence number)@>@^sliding window@>

@<Private declarations of the core@>=
static void set_up_send_buffer(struct tcp_conn *c);
static void set_up_receive_buffer(struct tcp_conn *c);

@ @<Functions of the core@>=
static void set_up_send_buffer(struct tcp_conn *c)
{
  uint32_t cap = c->sndbuf.cap;
  sndbuf_init(&c->sndbuf, ring_size(cap), cap, c->iss + 1);
}

static void set_up_receive_buffer(struct tcp_conn *c)
{
  uint32_t cap = c->rcvbuf.cap;
  rcvbuf_init(&c->rcvbuf, ring_size(cap), cap, c->irs + 1);
  c->rcv_adv = c->rcv_nxt;
}

@* Sending.
|tcp_send| queues data in the send buffer and sends what it can at
once.  Data may be queued from the moment a connection is being opened
until the user closes it: in SYN\_SENT and SYN\_RCVD it waits for the
handshake to finish (\S3.10.2).  A listener that knows its peer turns
active when it is given data, Figure~6's thin arrow from LISTEN to
SYN\_SENT; it sends its SYN first, since the buffer's place in the
sequence space is known only once the ISS is.@^RFC 9293 \S3.10.2@>

@<Functions of the core@>=
size_t tcp_send(struct tcp_conn *c, const void *data, size_t n, uint64_t now)
{
  c->now = now;
  switch (c->state) {
  case TCP_LISTEN: if (!c->remote_fixed) return 0;
    open_actively(c, T_LISTEN_SYN_SENT);
    break;
  case TCP_SYN_SENT: case TCP_SYN_RCVD: case TCP_ESTABLISHED: case TCP_CLOSE_WAIT:
    break;
  default: return 0;
  }
  size_t k = sndbuf_write(&c->sndbuf, data, n);
  flush_output(c);
  return k;
}

@ After anything that might allow the connection to send, the core
calls |flush_output|: it sends whatever data and FIN the window allows,
and then, if an acknowledgment is still owed (none of those segments
carried it), a bare ACK.

@<Private declarations of the core@>=
static void flush_output(struct tcp_conn *c);

@ Most calls find nothing to send, on a connection that only receives,
and the first test says so quickly: no FIN will follow and every byte
in the buffer has been sent.

@<Functions of the core@>=
static inline void flush_output(struct tcp_conn *c)
{
  bool nothing = c->fin_sent
    || (!c->fin_queued && c->snd_nxt == sndbuf_end(&c->sndbuf));
  if (c->in_recovery) send_in_recovery(c);
  else if (!nothing) send_what_the_window_allows(c);
  if (c->ack_owed) send_ack(c);
}

@ Sending means cutting the unsent part of the buffer into segments,
each of the size that the chapter on the sliding window (\secref{window}) computes: no
longer than the peer's MSS, the usable window or what is waiting.  The
last segment of what is in the buffer carries the PSH bit, and the FIN
too if the user has already closed.  The loop stops when everything is
sent, when the window is full, when the segment would be too small to be
worth sending (the rule against silly windows of the chapter on flow
control, \secref{flow}), or when the handshake has not finished.  A sender that stops
with data waiting and nothing in flight has nothing to wake it but a
timer: it starts the persist timer, as that chapter explains.  Data is
sent only in the states where the RFC allows it: those in which the user
may still send, and those in which the user has closed but the data
queued before the close, and the FIN after it, may still be waiting for
the window.  That includes CLOSING, reached when the peer's FIN arrives
while ours is still queued behind data.  A FIN may also leave
FIN\_WAIT\_1 before our SYN is acknowledged, as Figure~6 draws.  A
sender that has had nothing in flight for longer than its timeout first
lets the congestion window shrink back to its first size, the restart
after idle of the chapter on losses (\secref{congestion}).@^sliding window@>@^persist timer@>@^silly window syndrome@>@^PSH flag@>@^FIN\_WAIT\_1 state@>@^CLOSING state@>

@<Private declarations of the core@>=
static void send_what_the_window_allows(struct tcp_conn *c);

@ @<Functions of the core@>=
static void send_what_the_window_allows(struct tcp_conn *c)
{
  if (c->state != TCP_ESTABLISHED && c->state != TCP_CLOSE_WAIT &&
      c->state != TCP_FIN_WAIT_1 && c->state != TCP_CLOSING &&
      c->state != TCP_LAST_ACK) return;
  if (c->snd_nxt == c->snd_una) restart_after_idle(c);
  if (c->fin_sent) return;
  uint32_t unsent = sndbuf_end(&c->sndbuf) - c->snd_nxt;
  if (unsent == 0) {
    if (c->fin_queued) send_fin(c);
    return;
  }
  if (!c->syn_acked) return;
  @<Send segments of new data while the windows allow@>@;
}

@ Two windows bound what may go: the usable part of the peer's window,
and the room the congestion window leaves (the chapter on losses,
\secref{congestion}).  Each segment takes the smaller, cut to the MSS and
to what is waiting.  The windows are measured once, before the first
segment.  Sending |n| bytes moves SND.NXT by |n| and nothing else, so
the usable window shrinks by exactly |n|, and so does the congestion
room, which is the congestion window less what is in flight.  The loop
subtracts rather than measures again; the chapter on speed and size
counts what that saves (\secref{instructions}).  Only during a recovery is the
room recounted after every segment: it is then the congestion window
less the {\it pipe} of RFC~6675, an estimate the scoreboard makes.
The last segment of what is waiting takes our FIN along if the user has
closed.\label{two-windows}@^congestion window@>@^pipe@>@^RFC 6675@>

@<Send segments of new data...@>=
{
@q LAB hole window.send @>
  uint32_t usable = usable_window(c->snd_una, c->snd_wnd, c->snd_nxt);
  uint32_t room = congestion_room(c);
  uint32_t allowed = usable < room ? usable : room;
  for (;;) {
    uint32_t n = segment_size(allowed, c->snd_mss, unsent);
    if (!worth_sending(n, unsent, c->snd_mss, c->max_snd_wnd)) {
      wait_for_window(c);
      return;
    }
    send_data(c, c->snd_nxt, n);
    c->snd_nxt += n;
    if (n == unsent) {
      if (c->fin_queued) note_fin_sent(c);
      return;
    }
    unsent -= n, usable -= n, allowed -= n;
    if (c->in_recovery) {
      room = congestion_room(c);
      allowed = usable < room ? usable : room;
    }
  }
@q LAB end @>
}

@ A segment of data, new or repeated: its text comes from the send
buffer, in place unless it crosses the end of the ring, and the
retransmission timer hears of it (the chapter on the timer (\secref{retransmit}) explains
why it must know which).  The segment that ends at the end of the
buffer pushes, and takes the FIN along if the user has closed; the
caller notes a new FIN as sent once SND.NXT has moved past the text.
(The end of the buffer, not the end of what is in flight: a repeated
segment may be the last one sent and still have bytes waiting behind it,
and a FIN on it would end the stream before them.)  A repeated segment
pushes too: the receiver has waited long enough for it.  The probe timer
of the chapter on losses (\secref{congestion}) starts here if it does not
run, and starts again with every acknowledgment of new data.@^PSH flag@>

@<Private declarations of the core@>=
static void send_data(struct tcp_conn *c, uint32_t seq, uint32_t n);

@ @<Functions of the core@>=
static void send_data(struct tcp_conn *c, uint32_t seq, uint32_t n)
{
  uint8_t scratch[TCP_SCRATCH], flags = TCP_ACK;
  const uint8_t *text = sndbuf_text(&c->sndbuf, seq, n, scratch);
  bool last = seq + n == sndbuf_end(&c->sndbuf);
  bool fin = last && c->fin_queued && (!c->fin_sent || c->fin_seq == seq + n);
  bool repeated = seq_lt(seq, c->snd_nxt);
  if (last || repeated) flags |= TCP_PSH;
  if (fin) flags |= TCP_FIN;
  send_segment(c, flags, seq, text, n);
  rto_sent(&c->rtx, seq + n + fin, repeated, c->now);
  if (c->probe_deadline == 0) start_probe_timer(c, seq + n + fin);
  c->last_sent = c->now;
}

@ The scratch space for text that crosses the end of the ring holds one
segment, at most one MSS; the MSS we may be asked to honour is at most
what we accept ourselves, a 16-bit number.

@<Types of the core@>=
#define TCP_SCRATCH 65535

@* Acknowledgments.
An acknowledgment number says ``I have everything before this''.  When
it moves past SND.UNA, the bytes between are acknowledged: they leave
the send buffer, SND.UNA advances, and the retransmission timer is told,
so that it can take a measurement of the round trip and restart, or
stop if nothing is in flight (RFC~6298 \S5.2, \S5.3).  The acknowledged
range may include our SYN and our FIN, which occupy a sequence number
each but no byte of the buffer; the buffer knows where its bytes are and
frees only those.  The user hears that it may write again once a quarter
of the buffer is free: telling it after every acknowledgment would make
a program that writes whenever it may write a few hundred bytes at a
time, at the cost of a call each.  The checks that decide whether to believe an
acknowledgment come first, in the chapter on the whole machine (\secref{machine}).@^SND.UNA@>@^round-trip time (RTT)@>@^RFC 6298 \S5.2@>@^RFC 6298 \S5.3@>

@<Private declarations of the core@>=
static void take_acknowledgment(struct tcp_conn *c, uint32_t ack);

@ @<Functions of the core@>=
static void take_acknowledgment(struct tcp_conn *c, uint32_t ack)
{
@q LAB hole window.ack @>
  c->syn_acked = true;
  uint32_t freed = sndbuf_ack(&c->sndbuf, ack);
  congestion_on_ack(c, ack);
  c->snd_una = ack;
  rto_acked(&c->rtx, ack, ack == c->snd_nxt, c->now);
@q LAB end @>
  @<Note news for the probe timer@>@;
  if (c->recovering) repair_next_hole(c, ack);
  if (freed > 0 && sndbuf_room(&c->sndbuf) >= c->sndbuf.cap / 4)
    emit(c, TCP_EV_WRITABLE);
}

@ Every acceptable segment also carries the peer's window, but an old
segment, overtaken in the network by a newer one, must not shrink a
window that the newer one opened.  SND.WL1 and SND.WL2 remember the
sequence and acknowledgment numbers of the segment that last set the
window; a segment updates it only if it is not older in both respects
(\S3.10.7.4).  A window that opens ends any probing of a closed one.@^acceptable segment@>@^RFC 9293 \S3.10.7.4@>

@<Private declarations of the core@>=
static void update_send_window(struct tcp_conn *c, const struct segment *s);

@ @<Functions of the core@>=
static void update_send_window(struct tcp_conn *c, const struct segment *s)
{
@q LAB hole window.update @>
  if (seq_lt(s->ack, c->snd_una)) return;
  if (seq_lt(c->snd_wl1, s->seq) ||
      (c->snd_wl1 == s->seq && seq_le(c->snd_wl2, s->ack))) {
    c->snd_wnd = s->window;
    c->snd_wl1 = s->seq;
    c->snd_wl2 = s->ack;
    if (c->snd_wnd > c->max_snd_wnd) c->max_snd_wnd = c->snd_wnd;
    if (c->snd_wnd > 0) window_opened(c);
  }
@q LAB end @>
}

@* Retransmission.
When the retransmission timer expires in a synchronized connection,
the earliest unacknowledged segment is sent again (RFC~6298 \S5.4): the
oldest bytes of the buffer, as many as fit in one segment, with the FIN
if it was sent and nothing but the FIN remains after them.  Only one
segment is repeated; if others were lost too, the acknowledgment of this
one restarts the timer, and the next expiry repeats the next.  The
receiver keeps what arrived after a gap (the chapter on reassembly, \secref{reassembly}), so
the acknowledgment of the repeated segment usually covers much more than
it.@^reassembly@>@^RFC 6298 \S5.4@>

@<Private declarations of the core@>=
static void retransmit_data(struct tcp_conn *c);

@ @<Functions of the core@>=
static void retransmit_data(struct tcp_conn *c)
{
@q LAB hole window.retransmit @>
  uint32_t in_flight = c->snd_nxt - c->snd_una;
  if (in_flight == 0) return;
  uint32_t data = in_flight - (c->fin_sent ? 1 : 0);
  uint32_t n = data < c->snd_mss ? data : c->snd_mss;
  if (n == 0) {  /* only the FIN is unacknowledged */
    send_segment(c, TCP_FIN | TCP_ACK, c->fin_seq, NULL, 0);
    rto_sent(&c->rtx, c->fin_seq + 1, true, c->now);
    return;
  }
  send_data(c, c->snd_una, n);
@q LAB end @>
}

@* Receiving.
By the time a segment's text is processed, the checks of the chapter on
the whole machine (\secref{machine}) have made sure that the segment is acceptable and have
trimmed away any part of it outside the window: what is left starts at
or after RCV.NXT and fits in the receive buffer.  Text is taken only in
the states in which the peer may still send (ESTABLISHED, FIN\_WAIT\_1
and FIN\_WAIT\_2); in the others the peer's FIN has already arrived, and
\S3.10.7.4 says to ignore any text after it.

The receive buffer takes the text wherever it falls in the window: in
order, it becomes readable at once; after a gap, it is kept until the
gap is filled.  Either way RCV.NXT moves by what became readable, the
segment is owed an acknowledgment (a segment after a gap gets one too:
the duplicate acknowledgment tells the sender what is missing), and the
user hears that there is something to read if there is.  The
acknowledgment of text in order may wait a little, as the chapter on the
sliding window (\secref{window}) explains; the rest go at once.@^FIN\_WAIT\_1 state@>@^FIN\_WAIT\_2 state@>@^acceptable segment@>@^duplicate ACK@>@^RFC 9293 \S3.10.7.4@>

@<Private declarations of the core@>=
static void process_text(struct tcp_conn *c, struct segment *s);

@ @<Functions of the core@>=
static void process_text(struct tcp_conn *c, struct segment *s)
{
  if (s->len == 0) return;
  if (c->state != TCP_ESTABLISHED && c->state != TCP_FIN_WAIT_1 &&
      c->state != TCP_FIN_WAIT_2) return;
  uint32_t n = (uint32_t) s->len;
  bool in_order = s->seq == c->rcv_nxt && c->rcvbuf.nranges == 0;
  if (s->seq != c->rcv_nxt) c->sack_recent = s->seq;
  uint32_t moved = rcvbuf_insert(&c->rcvbuf, s->seq, s->payload, n);
  acknowledge_text(c, in_order && moved == n);
  if (moved == 0) @<Keep the FIN of text held out of order, or count the text dropped@>@;
  else {
    c->rcv_nxt += moved;
    emit(c, TCP_EV_READABLE);
  }
}

@ |tcp_recv| hands the user what is in order in the receive buffer.
Reading makes room, and room is window: if the window has opened far
enough, the peer is told at once with a window update, lest it wait for
a window it does not know has opened.  When ``far enough'' is, is the
question of the chapter on flow control (\secref{flow}).@^flow control@>

@<Functions of the core@>=
size_t tcp_recv(struct tcp_conn *c, void *buf, size_t n, uint64_t now)
{
  c->now = now;
  size_t k = rcvbuf_read(&c->rcvbuf, buf, n);
  if (k > 0 && window_update_is_due(c)) {
    c->ack_owed = true;
    flush_output(c);
  }
  return k;
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
number exceed the data segment's sequence number, and why? \excheck{firstbyte.1}

\smallskip\noindent
2.~\diff3 Give the server a receive buffer of 1000 bytes and a user who
does not read, and have the client send 3000 bytes.  The simulator
(\secref{simlink}) needs two small changes first.  Both ends share one
configuration, |m->cfg|: add a second |struct tcp_config| to |struct
sim|, copy |m->cfg| into it, set its |rcv_wnd| to 1000, and give it to
the server's |sim_end_init|.  And each end's user reads everything as
soon as it arrives, in |read_what_arrived|: skip the server there until
two seconds into the run.  Then write a scenario whose client sends a
string of 3000 bytes at 100 milliseconds and closes at 3 seconds.
Predict the segments and the windows in the log, then run it.  What
ends the wait?

\smallskip\noindent
3.~\diff2 |send_data| asks the send buffer for a segment's text, which
is copied only when it crosses the end of the ring.  How many segments
of a transfer of 200{,}000 bytes, with an MSS of 1460 bytes and a
64-kilobyte ring, are copied?

\smallskip\noindent
4.~\diff3 Make |process_text| drop every segment that does not begin at
RCV.NXT, as the first TCPs did, and run the property test of transfers
under reordering.  How many more segments does a transfer take?

\smallskip\noindent
5.~\diff4 The core acknowledges in-order text for every second segment
at least, as RFC~9293 asks of a delayed acknowledgment (\S3.8.6.3; the
chapter on the sliding window, \secref{window}).  Make it every fourth instead, and run
the benchmark of the chapter ``Speed and size'' (\secref{perf}) and the property test
of transfers.  What do you gain, what does the sender lose, and which
rule of RFC~5681 \S4.2 have you broken?@^delayed acknowledgment@>@^reordering, simulated@>@^RFC 9293 \S3.8.6.3@>@^RFC 5681 \S4.2@>@^RFC 5681@>
