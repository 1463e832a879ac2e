@q congestion.w: fast retransmission, fast recovery and congestion control. @>

@** When segments are lost.
The chapter on the retransmission timer ended with a confession.  Every
loss costs the sender a whole timeout, at least a second by RFC~6298's
floor, and while losses continue Karn's rule keeps the timer backed
off, so that a connection on a path that loses one segment in ten
crawls: tried with \.{ltcp connect --loss 0.1}, two megabytes had not
arrived after two minutes.  Real TCPs repair most losses within one
round trip, and they do it with information the receiver already sends:
the duplicate acknowledgment.  This chapter teaches the sender to read
it (fast retransmission and fast recovery, RFC~5681 \S3.2 and
RFC~6582), and then to do what every TCP since 1988 must do once it
can send fast: hold back when the network is congested (slow start and
congestion avoidance, RFC~5681 \S3.1).  The chapter after reassembly
adds selective acknowledgments, which tell the sender exactly which
segments are missing.
\label{congestion}%

Every behaviour of this chapter can be turned off, each by a field of
the configuration: |fast_retransmit|, |congestion_control|, |sack|,
|rto_forget_backoff| and |tail_loss_probe|.  The simulated link turns all five off unless a
scenario asks for them, so that the early chapters' logs show the plain
rules those chapters teach; the programs and the property test of
transfers run with all five on.

@ Turning the behaviours off is one section of the simulated link's
setup.

@<Turn off the behaviours of the chapter on losses, unless the scenario wants them@>=
if (!sc->losses) {
  m->cfg.fast_retransmit = m->cfg.congestion_control = false;
  m->cfg.sack = m->cfg.rto_forget_backoff = false;
  m->cfg.tail_loss_probe = false;
}

@* Why a duplicate acknowledgment means loss.
A receiver acknowledges every segment that arrives out of order at once,
and since acknowledgments are cumulative the acknowledgment can only
repeat the number it sent last: ``I still want byte $n$''.  A sender
that sees the same acknowledgment number again, on a segment that
carries no data and leaves the window as it was, has learnt two things.
A segment sent after byte $n$ has arrived, so the path is working; and
byte $n$ has not.  One such {\it duplicate acknowledgment} may mean only
that the network reordered two segments, which it does now and then:
the segment holding byte $n$ arrives a moment later, and the next
acknowledgment jumps forward.  Three in a row are rarely due to
reordering, since the missing segment would have to be overtaken by
three others, and RFC~5681 \S3.2 takes them as the sign of a loss: the
sender repeats the segment at once, without waiting for the timer.
That is {\it fast retransmission}, in Van Jacobson's TCP since 1988.

A duplicate acknowledgment tells the sender one more thing: a segment
has left the network.  The sender keeps counting them after the
repetition, and each one lets a new segment take the place of the one
that left.  The pipe stays full while the hole is repaired, instead of
draining while the sender waits; this is {\it fast recovery}.  When the
repaired segment arrives, the acknowledgment jumps over everything that
arrived behind it.

@ The core counts duplicate acknowledgments by the definition of
RFC~5681 \S2: the acknowledgment is SND.UNA, the segment carries no
text and neither SYN nor FIN, the window is unchanged, and something
is in flight.  With selective acknowledgments there is one more
condition (RFC~6675 \S2): a segment that reports selective
acknowledgments must report something new.  An acknowledgment that
does not is the answer to a segment that the network duplicated, and
duplicated segments must not look like losses.

The condition on the window is RFC~5681's, and it misleads a sender
whose receiver reads as it goes: the window of each acknowledgment
differs from the last by whatever the application has just taken, and
a duplicate that reports a hole then does not count, nor opens room for
limited transmit.  RFC~6675 \S2 defines a duplicate differently when
selective acknowledgments are in use: an acknowledgment whose blocks
report bytes not reported before.  Such a segment cannot be a window
update in disguise, since it brings news of the sequence space, and
the core counts it whatever its window.

The first two duplicates already allow something: RFC~3042's {\it
limited transmit} lets the sender send one new segment for each of
them, beyond what the congestion window allows, because each one
says a segment has left.  Those new segments, if they arrive, make
the third duplicate possible on a connection whose window is small.
|dupbytes| is how the core lets them through: the bytes that the
duplicates say have left the network, which the sender no longer
counts as in flight.

@<Private declarations of the core@>=
static void count_duplicate_ack(struct tcp_conn *c, const struct segment *s,
  int sacked);

@ |sacked| says what the segment's selective acknowledgments told:
$-1$ if it carried none, 0 if nothing new, 1 if something new.

@<Functions of the core@>=
static void count_duplicate_ack(struct tcp_conn *c, const struct segment *s,
  int sacked)
{
  uint32_t flight = c->snd_nxt - c->snd_una, mss = c->snd_mss;
  if (!c->cfg->fast_retransmit || s->len != 0 || (s->flags & (TCP_SYN | TCP_FIN))
      || s->ack != c->snd_una || flight == 0
      || (s->window != c->snd_wnd && sacked < 0) || sacked == 0) return;
  if (c->dupacks < UINT8_MAX) c->dupacks++;
  if (c->recovering || c->after_timeout) return;
  if (c->in_recovery) {
    if (c->nsacked == 0) c->dupbytes = flight - c->dupbytes > mss
      ? c->dupbytes + mss : flight;
    return;
  }
  uint32_t limited = (c->dupacks < 2 ? c->dupacks : 2) * mss;
  c->dupbytes = limited < flight ? limited : flight;
}

@ After an acknowledgment has been taken, the core asks whether a loss
recovery should begin: after the third duplicate, or when selective
acknowledgments show that the oldest segment is lost (the chapter on
them says when that is).  Not if one is already under way, nor while
the timer's own recovery, without congestion control, repeats holes.

@<Private declarations of the core@>=
static void consider_recovery(struct tcp_conn *c);

@ @<Functions of the core@>=
static void consider_recovery(struct tcp_conn *c)
{
  if (!c->cfg->fast_retransmit || c->recovering || c->snd_nxt == c->snd_una)
    return;
  if (c->in_recovery) {
    if (repetition_lost(c)) c->high_rxt = c->snd_una;
    return;
  }
  if (c->dupacks >= TCP_DUPTHRESH || lost_by_sack(c, 0)) enter_recovery(c);
}

@ A repetition can be lost too, and RFC~6675 leaves it to the timer.
With selective acknowledgments the sender can do better, by the idea
that RACK (RFC~8985) makes general: if segments sent {\it after} the
repetition of the oldest segment have arrived, more than two segments'
worth, while it has not, it is lost like any other.  |rxt_mark| is
SND.NXT at the moment the oldest segment was last repeated; when the
rule fires, |high_rxt| goes back to SND.UNA, and the segment is sent
once more.

@<Private declarations of the core@>=
static bool repetition_lost(const struct tcp_conn *c);

@ @<Functions of the core@>=
static bool repetition_lost(const struct tcp_conn *c)
{
  if (c->nsacked == 0 || !seq_lt(c->snd_una, c->high_rxt)) return false;
  uint32_t bytes = 0;
  for (size_t k = 0; k < c->nsacked; k++)
    if (seq_gt(c->sacked[k].hi, c->rxt_mark))
      bytes += c->sacked[k].hi - (seq_lt(c->sacked[k].lo, c->rxt_mark)
        ? c->rxt_mark : c->sacked[k].lo);
  return bytes > (TCP_DUPTHRESH - 1) * (uint32_t) c->snd_mss;
}

@ @<Types of the core@>=
#define TCP_DUPTHRESH 3 /* duplicate acknowledgments that mean a loss */

@* The congestion window, and why it exists.
In October 1986 the link between Lawrence Berkeley Laboratory and the
University of California at Berkeley, four hundred yards and two
gateways long, carried 32 kilobits a second; its throughput fell to 40
bits a second, a thousandth of it.  Van Jacobson and Michael Karels
found the cause in TCP itself.  Every sender sent as much as the
receiver's window allowed; the gateways' queues overflowed; segments
were lost, and every sender repeated them, with timers too short for
the queues' delay, so that most of what crossed the network was copies
of segments that had not been lost at all.  This was {\it congestion
collapse}: a network busier than ever, delivering almost nothing.

The receiver's window says how much the receiver can take; nothing in
TCP said how much the {\it network} could take.  Jacobson's answer
(``Congestion Avoidance and Control'', 1988) gave the sender a second
window, the {\it congestion window} |cwnd|, its own estimate of what
the path holds, and the rule that a sender may have in flight no more
than the smaller of the two windows.  The network never says how large
|cwnd| should be; the sender finds out by probing, and takes a loss as
the network's only signal that it has gone too far.  That is the whole
of congestion control as RFC~5681 states it, and the reason a network
of millions of senders that never talk to each other shares its
capacity and does not collapse.

@ The state of congestion control lives in the connection.  |cwnd| and
|ssthresh| are RFC~5681's, in bytes.  |ca_acked| counts the bytes
acknowledged since the window last grew in congestion avoidance.
|dupacks| counts duplicate acknowledgments in a row, and |dupbytes| is
what they say has left the network.  During a recovery, |high_rxt| is
the end of what has been repeated (RFC~6675's HighRxt), and |recover|,
which the chapter on the timer introduced, is SND.NXT when it began;
|in_recovery| says one is under way, |after_timeout| that a timeout began
it.  |last_sent| is when data last left, for the restart after idle, and
|probe_deadline| is when the probe timer of the tail expires (0 if it
does not run) and |probe_from| when it last heard news, which the last
sections of this chapter explain.

@<The congestion state of the connection@>=
uint8_t dupacks;
bool in_recovery, after_timeout;
uint32_t cwnd, ssthresh;
uint32_t ca_acked;
uint32_t dupbytes;
uint32_t high_rxt, rxt_mark;
uint64_t last_sent, probe_deadline, probe_from;
@<The scoreboard of selective acknowledgments@>@;

@ The sender's limit.  Outside a recovery the bytes in flight are
SND.NXT${}-{}$SND.UNA, less what duplicates say has left; during one
they are the {\it pipe} of RFC~6675, computed below.  |congestion_room|
is how much more |cwnd| allows; the core sends the smaller of that and
the usable window of the receiver.  With congestion control off, |cwnd|
is a number larger than any window, and the receiver's window alone
decides.

@<Private declarations of the core@>=
static uint32_t congestion_room(const struct tcp_conn *c);

@ @<Functions of the core@>=
static inline uint32_t congestion_room(const struct tcp_conn *c)
{
  uint32_t used = c->in_recovery ? pipe_size(c)
    : c->snd_nxt - c->snd_una - c->dupbytes;
  return used < c->cwnd ? c->cwnd - used : 0;
}

@ @<Types of the core@>=
#define TCP_CWND_NONE 0x40000000u /* |cwnd| when congestion control is off */

@* Slow start and congestion avoidance.
A connection does not know its path, so it starts small: the initial
window of RFC~5681 (3.1) is two to four segments, depending on their
size, about four kilobytes.  Then it probes.  In {\it slow start} each
acknowledgment that acknowledges new data lets |cwnd| grow by the
bytes it acknowledged, but by at most one segment: every segment that
arrives makes room for two, and the window doubles every round trip.
Slow start is slow only next to what came before it, a whole receiver's
window sent at once.  When |cwnd| reaches the {\it slow-start
threshold} |ssthresh|, the connection is near the point where it last
lost, and it changes to {\it congestion avoidance}: |cwnd| grows by one
segment per round trip, which the core counts as one segment for every
|cwnd| bytes acknowledged (the counting that RFC~5681 \S3.1 allows).
At the start |ssthresh| is as large as a number can be, and slow start
runs until the first loss.

@<Private declarations of the core@>=
static uint32_t initial_window(uint32_t mss);
static void start_congestion_control(struct tcp_conn *c);
static void grow_window(struct tcp_conn *c, uint32_t acked);

@ @<Functions of the core@>=
static uint32_t initial_window(uint32_t mss)
{
  return mss > 2190 ? 2 * mss : mss > 1095 ? 3 * mss : 4 * mss;
}

static void start_congestion_control(struct tcp_conn *c)
{
  c->cwnd = c->cfg->congestion_control ? initial_window(c->snd_mss)
    : TCP_CWND_NONE;
  c->ssthresh = UINT32_MAX;
  c->ca_acked = c->dupbytes = c->high_rxt = 0;
  c->dupacks = 0;
  c->in_recovery = c->after_timeout = false;
  c->nsacked = 0;
  c->last_sent = c->now;
  c->probe_deadline = 0;
}

@ The window does not grow past the largest window the peer has ever
offered: beyond it the receiver, not the network, limits the sender,
and a window grown there would never have been tested by a loss.

@<Functions of the core@>=
static inline void grow_window(struct tcp_conn *c, uint32_t acked)
{
  if (c->cwnd >= c->max_snd_wnd || !c->cfg->congestion_control) return;
  if (c->cwnd < c->ssthresh)
    c->cwnd += acked < c->snd_mss ? acked : c->snd_mss;
  else if ((c->ca_acked += acked) >= c->cwnd) {
    c->ca_acked -= c->cwnd;
    c->cwnd += c->snd_mss;
  }
}

@ Every acknowledgment of new data passes here, from
|take_acknowledgment|, before SND.UNA moves: the run of duplicates is
over, the scoreboard forgets what is now acknowledged, and outside a
recovery the window grows.

@<Private declarations of the core@>=
static void congestion_on_ack(struct tcp_conn *c, uint32_t ack);
static void recovery_ack(struct tcp_conn *c, uint32_t ack, uint32_t acked);

@ @<Functions of the core@>=
static void congestion_on_ack(struct tcp_conn *c, uint32_t ack)
{
  uint32_t acked = ack - c->snd_una;
  c->dupacks = 0;
  if (c->nsacked != 0) trim_scoreboard(c, ack);
  if (c->in_recovery) {
    recovery_ack(c, ack, acked);
    return;
  }
  c->dupbytes = 0;
  grow_window(c, acked);
}

@ A connection that has sent nothing for a while no longer knows its
path: the queues it measured have changed, and a whole window sent at
once could overflow them.  RFC~5681 \S4.1 therefore shrinks |cwnd| to
the initial window when nothing has been sent for longer than the
retransmission timeout; the core checks whenever it is about to send
with nothing in flight.

@<Private declarations of the core@>=
static void restart_after_idle(struct tcp_conn *c);

@ @<Functions of the core@>=
static void restart_after_idle(struct tcp_conn *c)
{
  if (!c->cfg->congestion_control || c->now - c->last_sent <= c->rtx.rto)
    return;
  uint32_t iw = initial_window(c->snd_mss);
  if (c->cwnd > iw) c->cwnd = iw;
}

@* Fast recovery.
A loss found by duplicates is a mild sign of congestion: segments still
arrive.  RFC~5681 \S3.2 halves the window: |ssthresh| becomes half the
bytes in flight (but at least two segments), and |cwnd| with it, so
that once the hole is repaired the connection continues in congestion
avoidance from half its old rate.  The oldest segment is repeated at
once.  The recovery lasts until everything that was in flight when it
began, up to |recover|, is acknowledged.

How much may be sent during the recovery?  RFC~6675 answers with the
{\it pipe}: an estimate of the bytes still in the network, counting a
byte once if it was sent and neither acknowledged nor lost, and once
more if it was repeated.  The sender sends while the pipe is at least a
segment smaller than |cwnd|.  Without selective acknowledgments the
sender knows only how many duplicates came, and the pipe is the bytes
in flight less a segment for each of them; with them, it is computed
from the scoreboard.  Either way the arithmetic is the one of RFC~6582
(NewReno), where the window is ``inflated'' by a segment for each
duplicate and ``deflated'' by what a partial acknowledgment covers.

@<Private declarations of the core@>=
static void enter_recovery(struct tcp_conn *c);

@ @<Functions of the core@>=
static void enter_recovery(struct tcp_conn *c)
{
  uint32_t flight = c->snd_nxt - c->snd_una, mss = c->snd_mss;
  if (c->cfg->congestion_control) {
    c->ssthresh = flight / 2 > 2 * mss ? flight / 2 : 2 * mss;
    c->cwnd = c->ssthresh;
    c->ca_acked = 0;
  }
  c->in_recovery = true;
  c->after_timeout = false;
  c->recover = c->snd_nxt;
  c->high_rxt = c->snd_una;
  uint32_t gone = c->dupacks * mss;
  c->dupbytes = c->nsacked != 0 ? 0 : gone < flight ? gone : flight;
  if (stats(c)) stats(c)->fast_recoveries++;
}

@ An acknowledgment of new data during a recovery is either {\it full},
covering |recover|, and ends it, or {\it partial}.  At the end |cwnd|
becomes |ssthresh|, or less if little is in flight, so that the sender
does not burst (RFC~6582 \S3.2, step~3).  A partial acknowledgment
says that the segment after it is lost too: it was sent before the
recovery began, and the segments after it have arrived.  It is repeated
at once, by the rule below that a recovery always repeats the segment at
SND.UNA.  Without selective acknowledgments, the bytes that the
partial acknowledgment covers, less the segment just repeated, were
counted by duplicates, and are no longer.

@<Functions of the core@>=
static void recovery_ack(struct tcp_conn *c, uint32_t ack, uint32_t acked)
{
  uint32_t mss = c->snd_mss;
  if (!seq_lt(ack, c->recover)) {
    if (c->cfg->congestion_control && !c->after_timeout) {
      uint32_t flight = c->snd_nxt - ack;
      uint32_t w = (flight > mss ? flight : mss) + mss;
      c->cwnd = w < c->ssthresh ? w : c->ssthresh;
    }
    c->in_recovery = c->after_timeout = false;
    c->dupbytes = 0;
    return;
  }
  if (c->after_timeout) grow_window(c, acked);
  else if (c->nsacked == 0) {
    uint32_t d = acked > mss ? acked - mss : 0;
    c->dupbytes -= d < c->dupbytes ? d : c->dupbytes;
  }
}

@ Which bytes are lost?  The sequence space from SND.UNA to SND.NXT is
cut into {\it holes}, the runs that no selective acknowledgment covers
(without them, one hole: all of it).  In each hole a first part is
taken as lost, and |lost_end| says where that part ends:
\item{1.} after a timeout, everything up to |recover|: the timeout says
that nothing of the old window is coming (RFC~5681 \S3.1 restarts from
there in slow start);
\item{2.} a whole hole, when selective acknowledgments above it show it
lost (the chapter on them);
\item{3.} and during a recovery, the first segment of the hole at
SND.UNA, which three duplicates or a partial acknowledgment declared
lost.

@<Private declarations of the core@>=
static uint32_t lost_end(const struct tcp_conn *c, size_t k, uint32_t a,
  uint32_t b);

@ @<Functions of the core@>=
static uint32_t lost_end(const struct tcp_conn *c, size_t k, uint32_t a,
  uint32_t b)
{
  uint32_t l = a;
  if (c->after_timeout)
    l = seq_le(b, c->recover) ? b : seq_lt(a, c->recover) ? c->recover : a;
  if (lost_by_sack(c, k)) l = b;
  if (c->in_recovery && a == c->snd_una) {
    uint32_t h = b - a > c->snd_mss ? a + c->snd_mss : b;
    if (seq_lt(l, h)) l = h;
  }
  return l;
}

@ The pipe of a hole from |a| to |b| whose lost part ends at |l|: the
bytes below |high_rxt| were sent again and are in flight once more;
above it, the bytes that are not lost are still in flight from their
first sending.

@<Private declarations of the core@>=
static uint32_t pipe_size(const struct tcp_conn *c);

@ @<Functions of the core@>=
static uint32_t hole_in_flight(const struct tcp_conn *c, uint32_t a,
  uint32_t b, uint32_t l)
{
  uint32_t r = c->high_rxt, n = 0;
  if (seq_lt(a, r)) n += (seq_lt(b, r) ? b : r) - a;
  uint32_t from = seq_lt(l, r) ? r : l;
  if (seq_lt(from, a)) from = a;
  if (seq_lt(from, b)) n += b - from;
  return n;
}

static uint32_t pipe_size(const struct tcp_conn *c)
{
  uint32_t pipe = 0, a, b;
  for (size_t k = 0; hole(c, k, &a, &b); k++)
    pipe += hole_in_flight(c, a, b, lost_end(c, k, a, b));
  if (c->nsacked == 0) pipe -= pipe < c->dupbytes ? pipe : c->dupbytes;
  return pipe;
}

@ The next bytes to repeat are the first lost ones at or after
|high_rxt|: at most a segment, and not beyond the hole's lost part.

@<Private declarations of the core@>=
static bool next_lost(const struct tcp_conn *c, uint32_t *seq, uint32_t *n);

@ @<Functions of the core@>=
static bool next_lost(const struct tcp_conn *c, uint32_t *seq, uint32_t *n)
{
  uint32_t a, b;
  for (size_t k = 0; hole(c, k, &a, &b); k++) {
    uint32_t l = lost_end(c, k, a, b);
    uint32_t from = seq_lt(a, c->high_rxt) ? c->high_rxt : a;
    if (seq_lt(from, l)) {
      *seq = from;
      *n = l - from < c->snd_mss ? l - from : c->snd_mss;
      return true;
    }
  }
  return false;
}

@ Repeating lost bytes: the text from the send buffer, as |send_data|
sends it, or the FIN alone when nothing but the FIN is lost.  A FIN
that rides on the last bytes of the buffer is repeated with them, so
|high_rxt| passes it too.  Two things are never repeated here.  While
our SYN is unacknowledged (a connection closed from SYN\_RCVD, say) the
number at SND.UNA is the SYN's, not a byte of text, and the SYN is the
retransmission timer's to repeat; the core's fuzzer found this function
sending a byte of ``data'' in the SYN's place, so |send_in_recovery|
below does not call it then.  And bytes that an acknowledgment has
covered since the loss was found are left out.  Whatever it sends or
leaves out, |high_rxt| ends past |seq+n|: the loop that calls it asks
|next_lost| again, and must be given something new each time.

@<Private declarations of the core@>=
static void repeat_lost(struct tcp_conn *c, uint32_t seq, uint32_t n);

@ @<Functions of the core@>=
static void repeat_lost(struct tcp_conn *c, uint32_t seq, uint32_t n)
{
  uint32_t past = seq + n;
  if (seq_lt(c->high_rxt, past)) c->high_rxt = past;
  if (seq_lt(seq, c->snd_una)) {  /* partly acknowledged meanwhile */
    uint32_t gone = c->snd_una - seq;
    if (gone >= n) return;
    seq = c->snd_una, n -= gone;
  }
  uint32_t end = sndbuf_end(&c->sndbuf);
  uint32_t data = seq_lt(seq, end) ? end - seq : 0;
  if (n > data) n = data;
  if (n == 0 && !c->fin_sent) return;
  if (stats(c)) stats(c)->retransmitted++;
  if (seq == c->snd_una) c->rxt_mark = c->snd_nxt;
  if (n == 0) {
    send_segment(c, TCP_FIN | TCP_ACK, c->fin_seq, NULL, 0);
    rto_sent(&c->rtx, c->fin_seq + 1, true, c->now);
    c->high_rxt = c->fin_seq + 1;
    return;
  }
  send_data(c, seq, n);
  uint32_t sent = seq + n + (seq + n == end && c->fin_sent ? 1 : 0);
  if (seq_lt(c->high_rxt, sent)) c->high_rxt = sent;
}

@ Sending during a recovery, from |flush_output|.  The segment at
SND.UNA goes first, whatever the pipe, if it has not been repeated yet
(RFC~6675 \S5, step~4.2, and RFC~6582's partial acknowledgment).  Then
lost bytes, and after them new data, as long as the pipe leaves room
for a segment.

@<Private declarations of the core@>=
static void send_in_recovery(struct tcp_conn *c);

@ @<Functions of the core@>=
static void send_in_recovery(struct tcp_conn *c)
{
  uint32_t seq, n;
  if (c->state != TCP_ESTABLISHED && c->state != TCP_CLOSE_WAIT &&
      c->state != TCP_FIN_WAIT_1 && c->state != TCP_CLOSING &&
      c->state != TCP_LAST_ACK) return;
  if (c->syn_acked) {  /* else SND.UNA is our SYN's, the timer's to repeat */
    if (seq_le(c->high_rxt, c->snd_una) && next_lost(c, &seq, &n))
      repeat_lost(c, seq, n);
    while (congestion_room(c) >= c->snd_mss && next_lost(c, &seq, &n))
      repeat_lost(c, seq, n);
  }
  send_what_the_window_allows(c);
}

@* After a timeout.
A timeout is a stronger sign than duplicates: nothing at all came back
for a whole RTO.  RFC~5681 (4) sets |ssthresh| to half the bytes in
flight, as fast recovery does, but only at the first timeout of a
segment (a segment that times out again tells nothing new about the
rate), and |cwnd| to one segment, the {\it loss window}: the sender
starts again in slow start.  Everything that was in flight is taken as
lost, and repeated in slow start from SND.UNA, as the window allows.
RFC~2018 \S8 adds that selective acknowledgments received before the
timeout must be forgotten: a receiver may throw away what it reported
if it runs short of memory, and a timeout may be the sign that it did.

With congestion control off, the timer's recovery of the last chapter
runs instead: one segment repeated per partial acknowledgment.

@<Private declarations of the core@>=
static void recover_after_timeout(struct tcp_conn *c);

@ @<Functions of the core@>=
static void recover_after_timeout(struct tcp_conn *c)
{
  uint32_t flight = c->snd_nxt - c->snd_una, mss = c->snd_mss;
  if (c->rtx.backoffs <= 1)
    c->ssthresh = flight / 2 > 2 * mss ? flight / 2 : 2 * mss;
  c->cwnd = mss;
  c->ca_acked = 0;
  c->nsacked = 0;
  c->dupacks = 0;
  c->dupbytes = 0;
  c->in_recovery = c->after_timeout = true;
  c->recover = c->snd_nxt;
  c->high_rxt = c->snd_una;
  send_in_recovery(c);
}

@* The timer after a timeout.
The chapter on the timer left the timeout doubled until a segment sent
after the repetition is measured, which is how RFC~6298 reads: rule
(5.5) doubles the timeout, and Karn's rule (\S3) forbids a measurement
of anything repeated, so only a fresh measurement brings the timeout
down.  On a path that keeps losing, that measurement is a long time
coming, and every loss in between doubles the wait again; that is how
the transfers of the opening of this chapter ended with timeouts of
eight seconds and more.

\.{ltcp} follows the rule that Linux follows: when an acknowledgment of
new data arrives, the backoff is forgotten, and the timeout is computed
again from SRTT and RTTVAR, which Karn's rule kept clean.  The
acknowledgment proves that the path delivers; the doubling was a guess
that it might not.  RFC~6298 \S5 leaves room for it, since it lets an
implementation even discard SRTT and RTTVAR after repeated backoffs;
RFC~8961 asks only that time-based loss detection back off while
nothing is delivered.  (RFC~8985, RACK-TLP, goes further and detects
most losses by time without the retransmission timer at all; \.{ltcp}
takes only its probe, at the end of this chapter.)  The field |rto_forget_backoff| of the configuration turns
the rule off, and the timer then behaves as the chapter on it says.

@ @<Functions of the retransmission timer@>=
void rto_forget_backoff(struct tcp_rto *r)
{
  if (r->measured) r->rto = rto_from_estimate(r);
}

@* Probing the tail.
Fast retransmission needs acknowledgments, and a loss near the end of
what is in flight leaves too few segments behind it to bring three
duplicates, or enough selective acknowledgments to show it lost.  On a
lossy path with a small window this is the common case, not the rare
one: at 5\% loss the window of the Mathis model is five or six
segments, and the last of them is lost as often as any other.  A
repetition, too, can be lost, and nothing after it may be left to
report that.  Either way the sender hears nothing, and waits for the
retransmission timer, a second at least.  Measured with \.{ltcp connect
--loss 0.05}, nearly all of a slow transfer's time was such waits.

RFC~8985 (RACK-TLP, 2021) answers with the {\it tail loss probe}: when
no acknowledgment has come for two smoothed round trips while data is in
flight, something is probably lost, and the sender sends one segment
(new data if the receiver's window allows, else the last segment sent
again) to make the receiver answer.  The answer either acknowledges
everything, so the probe repaired a lost last segment, or carries the
duplicates and blocks that start a fast recovery.  Two round trips is
the probe timeout, PTO (\S7.2); it is never less than 10 milliseconds,
Linux's floor, so that a round trip measured in microseconds on the
loopback does not probe before the receiver's scheduler has run; when a
single segment is in flight, the receiver may be holding its
acknowledgment back, and the PTO waits the longest delay RFC~8985
allows for that as well, 200 milliseconds.  A PTO that would come
after the retransmission timer is not used.

@ \.{ltcp} has no RACK, the other half of RFC~8985, which keeps the time
every segment was sent and declares lost any segment that a segment
sent after it has overtaken by more than a reordering window.  It uses
the probe's timer for that half's most important case: when the timer
fires during a recovery and repetitions are outstanding, they were sent
at least a PTO ago, and the acknowledgments that should have covered
them have not come, so they are taken as lost and sent again
(|high_rxt| goes back to SND.UNA, as |repetition_lost| does).  RFC~8985
\S7.2 does not probe during a recovery at all, since RACK's own timer
covers the repetitions there.

@ The probe is sent at most once per silence: the timer is started again
only by something new, an acknowledgment of new data or of new blocks,
or the sending of data when it does not run.  Acknowledgments come with
nearly every segment, and restarting a timer on each would cost the
sender's common path its arithmetic; so an acknowledgment only notes the
time in |probe_from|, and the timer, when it expires, looks whether a
whole PTO has passed since then, and if not, runs on to the end of one.  After it, the
retransmission timer remains, unchanged, for a probe that is lost too.
The field |tail_loss_probe| of the configuration (\.{--no-tail-loss-probe})
turns the probe off.@^tail loss probe@>@^RACK-TLP@>@^RFC 8985@>

@<Types of the core@>=
#define TCP_PTO_MIN_US 10000  /* the floor of the probe timeout */
#define TCP_PTO_DELACK_US 200000  /* a delayed ACK's longest wait (RFC~8985 \S7.2) */

@ The probe timer runs to one PTO after |probe_from|; |end| is where
what has been sent ends, which is SND.NXT except while |send_data| sends
a new segment (its caller moves SND.NXT after it).  Nothing to probe, no
measured round trip, or a PTO that would not come before the
retransmission timer, and it does not run.  Since the timer can only be
run on, never brought forward, it is set for the shortest PTO, without
the allowance for a delayed acknowledgment; the timer adds the
allowance when it expires, if a single segment is in flight then (|full|).
|start_probe_timer| starts it from now.

@<Private declarations of the core@>=
static void run_probe_timer(struct tcp_conn *c, uint32_t end, bool full);
static void start_probe_timer(struct tcp_conn *c, uint32_t end);
static void probe_timeout(struct tcp_conn *c);

@ @<Functions of the core@>=
static void run_probe_timer(struct tcp_conn *c, uint32_t end, bool full)
{
  uint32_t flight = (seq_lt(c->snd_nxt, end) ? end : c->snd_nxt) - c->snd_una;
  c->probe_deadline = 0;
  if (!c->cfg->tail_loss_probe || !c->rtx.measured || flight == 0
      || c->recovering) return;
  uint64_t pto = 2 * (uint64_t) c->rtx.srtt;
  if (full && flight <= c->snd_mss) pto += TCP_PTO_DELACK_US;
  if (pto < TCP_PTO_MIN_US) pto = TCP_PTO_MIN_US;
  if (c->rtx.deadline == 0 || c->probe_from + pto < c->rtx.deadline)
    c->probe_deadline = c->probe_from + pto;
}

static void start_probe_timer(struct tcp_conn *c, uint32_t end)
{
  c->probe_from = c->now;
  run_probe_timer(c, end, false);
}

@ Every acknowledgment of new data, and every one that brings new
blocks, is news.

@<Note news for the probe timer@>=
{
  c->probe_from = c->now;
  if (c->probe_deadline == 0) run_probe_timer(c, c->snd_nxt, false);
}

@ When the probe timer fires, it first runs on if news came less than a
PTO ago.  Then the connection checks that it still
sends data and that the peer's window is open (a closed one is the
persist timer's).  During a recovery with repetitions outstanding, they
are taken as lost and the recovery goes on.  Otherwise the probe is new
data, at most a segment, if there is any and the receiver's window
allows it, whatever |cwnd| says (RFC~8985 \S7.3).  Or else a segment
is repeated by the recovery's |repeat_lost|: RFC~8985 repeats the last
segment sent, whose acknowledgment RACK then reads, but \.{ltcp} picks
the segment that ends at the highest byte no SACK block covers, the
{\it rescue retransmission} of RFC~6675 (\S4, rule~4 of NextSeg).
Without blocks that is the last segment; with them, repeating a segment
the receiver has reported holding would only bring back the same
report, and the rescue repairs the last hole at once.  A FIN behind a
block that reaches the end of the text is not a hole: blocks report
bytes, never the FIN, and one that rode on the last bytes arrived with
them.  Only the FIN is repeated when nothing else is unreported.

@<Functions of the core@>=
static void probe_timeout(struct tcp_conn *c)
{
  run_probe_timer(c, c->snd_nxt, true);
  if (c->probe_deadline > c->now) return;  /* news came: not a PTO yet */
  c->probe_deadline = 0;
  if (c->state != TCP_ESTABLISHED && c->state != TCP_CLOSE_WAIT &&
      c->state != TCP_FIN_WAIT_1 && c->state != TCP_CLOSING &&
      c->state != TCP_LAST_ACK) return;
  if (!c->syn_acked || c->recovering || c->snd_nxt == c->snd_una
      || window_is_closed(c)) return;
  if (stats(c)) stats(c)->loss_probes++;
  uint32_t end = sndbuf_end(&c->sndbuf), unsent = end - c->snd_nxt;
  uint32_t usable = usable_window(c->snd_una, c->snd_wnd, c->snd_nxt);
  if (c->in_recovery && seq_lt(c->snd_una, c->high_rxt)) {
    c->high_rxt = c->snd_una;
    send_in_recovery(c);
  } else if (!c->fin_sent && unsent != 0 && usable != 0) {
    uint32_t n = segment_size(usable, c->snd_mss, unsent);
    send_data(c, c->snd_nxt, n);
    c->snd_nxt += n;
    if (n == unsent && c->fin_queued) note_fin_sent(c);
  } else {
    uint32_t a, b, top = c->snd_una, bottom = c->snd_una;
    for (size_t k = 0; hole(c, k, &a, &b); k++)
      if (a != b && (k == 0 || a != end)) top = b, bottom = a;
    if (seq_gt(top, end)) top = end;  /* the FIN is no byte of text */
    if (seq_gt(bottom, top)) bottom = top;
    uint32_t from = top - bottom > c->snd_mss ? top - c->snd_mss : bottom;
    repeat_lost(c, from, top - from);
  }
  c->probe_deadline = 0;  /* what was just sent does not start it again */
}

@* Exercises.

\smallskip\noindent
1.~\diff1 A sender has ten segments of 1000 bytes in flight and the
third is lost.  How many duplicate acknowledgments arrive, and after
which of them is the segment repeated?  What are |ssthresh| and |cwnd|
then, and how many new segments may leave before the repetition is
acknowledged?

\smallskip\noindent
2.~\diff2 Why is the threshold three duplicates and not one?  Run
\.{ltcp connect --reorder 0.3} to a listener (the chapter on the
carrier) with and without \.{--no-fast-retransmit}, and compare the
counts of retransmissions in the two logs. \excheck{congestion.2}

\smallskip\noindent
3.~\diff2 Slow start doubles |cwnd| every round trip when every segment
is acknowledged.  How fast does it grow when the receiver delays its
acknowledgments and acknowledges every second segment?  RFC~3465 lets
|cwnd| grow by up to two segments per acknowledgment; what problem does
that solve, and what does it risk?

\smallskip\noindent
4.~\diff3 RFC~5681 \S3.1 makes the initial window one segment when the
SYN or the SYN,ACK was lost.  Add the rule to |start_congestion_control|
and write a scenario script that shows it.

\smallskip\noindent
5.~\diff3 Turn off |rto_forget_backoff| and move 2 megabytes with
\.{ltcp connect --loss 0.1}, printing the timeouts with \.{-l}.  How
long is the longest wait, and how does it compare with the default?

\smallskip\noindent
6.~\diff4 The Mathis model says that a TCP in congestion avoidance
with loss rate $p$ has a window of about $1.22/\sqrt p$ segments on
average.  Compute the window for $p=0.1$ and explain why so many losses
at that rate end in a timeout rather than in a fast recovery.  Then
move 2 megabytes with \.{ltcp connect --loss 0.1}, with and without
\.{--no-tail-loss-probe}, and count in the logs (\.{-l}) the pauses of
a second: how many of those timeouts does the probe save?

\smallskip\noindent
7.~\diff4 RACK (RFC~8985 \S6) keeps the time each segment was last sent
and takes a segment as lost when one sent after it has been
acknowledged and a quarter of the smallest round trip has passed.
Sketch the fields it needs in \.{ltcp}, and say which of this chapter's
rules (|repetition_lost|, the probe timer's rule for repetitions) it
would replace.
