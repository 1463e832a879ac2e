@q retransmit.w: the retransmission timer of RFC 6298. @>

@** The retransmission timer.
The sliding window of the last chapter (\secref{window}) lets a whole window of segments
be in flight at once, and cumulative acknowledgment frees them as they
arrive.  But a network loses segments, and the chapters on the handshake (\secref{handshake})
and the wave have already repeated a lost SYN and a lost FIN after a
timeout without saying how long the timeout was.  This chapter says.
\label{retransmit}%

A segment that is lost is never acknowledged, and the only way a sender
can tell ``lost'' from ``slow'' is to wait.  How long?  Wait too little,
and the sender repeats segments that were only late, wasting the
network's capacity at the moment it is probably congested; wait too long,
and a lost segment stalls the connection for nothing.  The right wait
depends on the round-trip time of the path, which may be a tenth of a
millisecond across a room or half a second across the world by
satellite, and which changes as queues on the path fill and empty.

So TCP measures the round-trip time as it goes, and sets its
retransmission timeout (RTO) from the measurements.  The method in use
today is Van Jacobson's of 1988, written down as RFC~6298: keep a
smoothed average of the round-trip time and a smoothed measure of how
much it varies, and wait for the average plus four times the variation.
Three more rules complete it: Karn's rule, which says which measurements
to believe; exponential backoff, which doubles the timeout each time it
expires; and a floor of one second under the timeout.  This chapter
builds them as a module of their own, \.{rto.c}, which knows nothing of
segments: it is told when data is sent and acknowledged, and says when
the timer expires.@^cumulative acknowledgment@>@^retransmission timeout (RTO)@>@^exponential backoff@>@^Karn's algorithm@>@^round-trip time (RTT)@>@^smoothed round-trip time (SRTT)@>

@(rto.h@>=
#ifndef LTCP_RTO_H
#define LTCP_RTO_H
#include <stdbool.h>
#include <stdint.h>
@<The type of the retransmission timer@>@;
@<Declarations of the retransmission timer@>@;
@<Inline functions of the retransmission timer@>@;
#endif

@ @(rto.c@>=
#include <string.h>
#include "rto.h"
@<Private declarations of the retransmission timer@>@;
@<Functions of the retransmission timer@>@;

@* The state of the timer.
RFC~6298 keeps two state variables, SRTT, the smoothed round-trip time,
and RTTVAR, the round-trip time variation, and derives RTO from them.
All three are durations in microseconds; 32 bits hold more than an hour,
and the timeout never exceeds its maximum of a minute or so.  The bounds
of the timeout come from the connection's configuration.@^retransmission timeout (RTO)@>@^round-trip time (RTT)@>@^smoothed round-trip time (SRTT)@>@^RTTVAR@>

@<The type of the retransmission timer@>=
struct tcp_rto {
  uint32_t srtt, rttvar;  /* microseconds; meaningful once |measured| */
  uint32_t rto;           /* the current timeout, backed off if it expired */
  uint32_t rto_min, rto_max;
  @<Fields that time one segment@>@;
  @<Fields of the running timer@>@;
};

@ Before the first measurement there is nothing to average, and the
timeout is an initial value, one second by default ((2.1) of RFC~6298;
older TCPs began with three).

@<Declarations of the retransmission timer@>=
void rto_init(struct tcp_rto *r, uint64_t initial_us, uint64_t min_us,
  uint64_t max_us);

@ Durations in the configuration are 64-bit numbers; they are cut down
to what 32 bits can hold, which is more than any sensible bound.

@<Functions of the retransmission timer@>=
static uint32_t to_u32(uint64_t us)
{
  return us < UINT32_MAX ? (uint32_t) us : UINT32_MAX;
}

void rto_init(struct tcp_rto *r, uint64_t initial_us, uint64_t min_us,
  uint64_t max_us)
{
  memset(r, 0, sizeof *r);
  r->rto_min = to_u32(min_us);
  r->rto_max = to_u32(max_us);
  r->rto = to_u32(initial_us);
}

@* Smoothing the measurements.
A measurement $R$ of the round-trip time updates the estimate by the
rules (2.2) and (2.3) of RFC~6298.  The first measurement is taken
whole: SRTT${}=R$, and RTTVAR${}=R/2$, a generous guess at the
variation.  Every later one moves the estimates a fraction of the way
towards it:
$$\eqalign{\hbox{RTTVAR}&\gets(1-\beta)\cdot\hbox{RTTVAR}
    +\beta\cdot\vert\hbox{SRTT}-R\vert,\cr
  \hbox{SRTT}&\gets(1-\alpha)\cdot\hbox{SRTT}+\alpha\cdot R,\cr}$$
with $\alpha=1/8$ and $\beta=1/4$, in that order (the variation is
measured against the old average).  Those fractions are powers of two
so that the arithmetic is shifts and subtractions; we keep microseconds
in integers and lose a few of them to truncation, which is far below
anything a timer can notice.@^round-trip time (RTT)@>@^smoothed round-trip time (SRTT)@>@^RTTVAR@>

@<Declarations of the retransmission timer@>=
void rto_measure(struct tcp_rto *r, uint32_t rtt_us);

@ @<Functions of the retransmission timer@>=
void rto_measure(struct tcp_rto *r, uint32_t rtt_us)
{
@q LAB hole retransmit.measure @>
  if (!r->measured) {
    r->srtt = rtt_us;
    r->rttvar = rtt_us / 2;
    r->measured = true;
  } else {
    uint32_t delta = r->srtt > rtt_us ? r->srtt - rtt_us : rtt_us - r->srtt;
    r->rttvar = r->rttvar - r->rttvar / 4 + delta / 4;
    r->srtt = r->srtt - r->srtt / 8 + rtt_us / 8;
  }
  r->rto = rto_from_estimate(r);
@q LAB end @>
}

@ The timeout is SRTT${}+\max(G, 4\cdot{}$RTTVAR$)$, where $G$ is the
granularity of the clock.  Our clock counts microseconds, but a link
whose delay never varies would drive RTTVAR to zero and the timeout down
to the round-trip time itself, where the slightest delay would look like
a loss; we take $G$ to be a millisecond.  Rule (2.4) then puts a floor
under the result, one second by default: the RFC's authors found that a
lower floor causes spurious retransmissions on real paths.  Rule (2.5)
allows a ceiling, provided it is at least 60 seconds.@^round-trip time (RTT)@>@^smoothed round-trip time (SRTT)@>@^RTTVAR@>

@<Functions of the retransmission timer@>=
#define RTO_GRANULARITY_US 1000
static uint32_t bounded(const struct tcp_rto *r, uint64_t rto)
{
  if (rto < r->rto_min) rto = r->rto_min;
  if (rto > r->rto_max) rto = r->rto_max;
  return (uint32_t) rto;
}

static uint32_t rto_from_estimate(const struct tcp_rto *r)
{
  uint64_t var = 4 * (uint64_t) r->rttvar;
  return bounded(r, r->srtt + (var > RTO_GRANULARITY_US ? var : RTO_GRANULARITY_US));
}

@ The estimate is used before it is defined.

@<Private declarations of the retransmission timer@>=
static uint32_t rto_from_estimate(const struct tcp_rto *r);

@* Which measurements to believe.
The sender measures the round-trip time of one segment at a time: it
notes when a segment carrying new data leaves, and the time that passes
until an acknowledgment covers it is a measurement.  One segment per
round trip is plenty for an average that moves by an eighth at a time.
The time of sending is kept in 32 bits, the low half of the clock: a
difference of two such times is right, modulo $2^{32}$ microseconds,
for any round trip shorter than 71 minutes, and a segment unanswered
for a minute has long been retransmitted, which ends its timing.@^round-trip time (RTT)@>

@<Fields that time one segment@>=
uint32_t timed_at;   /* when the timed segment was sent, modulo $2^{32}$ */
uint32_t timed_end;  /* an ACK of this number acknowledges it */
bool timing;         /* a segment is being timed */
bool measured;       /* SRTT and RTTVAR hold a measurement */

@ Karn's rule (Phil Karn and Craig Partridge, 1987) settles a question
that has no answer: when a segment has been sent twice and an
acknowledgment comes, which of the two sendings does it acknowledge?
If the first, the round trip was long; if the second, it was short.  The
rule is not to guess: a segment that has been retransmitted is never
measured (RFC~6298 \S3).  We apply it bluntly, by dropping the
measurement in progress whenever anything is retransmitted: the timed
segment may have been the one repeated, and even if it was not, its
acknowledgment may have waited for the repeated one to fill a gap.@^Karn's algorithm@>@^RFC 6298 \S3@>

@ The connection tells the timer of every segment it sends that
occupies sequence space, new or repeated, and where the segment ends.
A new segment is timed if no other is.  Then rule (5.1) of RFC~6298:
if the timer is not running, start it, so that it expires one RTO from
now.  This function and the next are called for nearly every segment,
so they are |inline| functions of the header: the core has them without
a call.@^retransmission timeout (RTO)@>

@<Inline functions of the retransmission timer@>=
static inline void rto_sent(struct tcp_rto *r, uint32_t end, bool repeated, uint64_t now)
{
  if (repeated) r->timing = false;
  else if (!r->timing) {
    r->timing = true;
    r->timed_end = end;
    r->timed_at = (uint32_t) now;
  }
  if (r->deadline == 0) r->deadline = now + r->rto;
}

@ An acknowledgment of new data ends the timed segment's round trip if
it covers the segment's end.  The comparison is made modulo $2^{32}$,
as every comparison of sequence numbers must be: |ack| is at or after
|timed_end| when the distance from the one to the other is less than
half the circle.

Then rules (5.2) and (5.3): if every byte sent is acknowledged, the timer
stops; otherwise it starts again, a full RTO from now, since the oldest
unacknowledged segment is now a later one, sent more recently.  The
count of expiries starts again from zero: the peer is alive.@^retransmission timeout (RTO)@>

@<Inline functions of the retransmission timer@>=
void rto_forget_backoff(struct tcp_rto *r);
static inline void rto_acked(struct tcp_rto *r, uint32_t ack, bool all_acked,
  uint64_t now)
{
  if (r->timing && ack - r->timed_end < 0x80000000u) {
    rto_measure(r, (uint32_t) now - r->timed_at);
    r->timing = false;
  }
  if (r->backoffs != 0 && r->forget_backoff) rto_forget_backoff(r);
  r->backoffs = 0;
  r->deadline = all_acked ? 0 : now + r->rto;
}

@* Backing off.
When the timer expires, the connection repeats the oldest segment not
yet acknowledged (rule (5.4); that is the core's part), and the timer
doubles the timeout and starts again (rules (5.5) and (5.6)).  Doubling
is the sender's way of admitting that it does not know the path any
more: a peer that has gone quiet, or a path that has become congested,
gets ever longer pauses, and the network is not flooded with copies.
The timeout stays doubled until a new measurement replaces it: with
Karn's rule, that means a round trip of a segment sent after the
retransmission.

The timer counts its expiries; when it expires again after the
configured number of retries, the core gives up on the connection
instead of repeating (\S3.8.3).@^Karn's algorithm@>@^RFC 9293 \S3.8.3@>

@<Fields of the running timer@>=
uint8_t backoffs;   /* expiries since something new was acknowledged */
bool forget_backoff; /* new data acknowledged undoes the doubling */
uint64_t deadline;  /* when the timer expires; 0 if it does not run */

@ @<Declarations of the retransmission timer@>=
void rto_expired(struct tcp_rto *r, uint64_t now);

@ @<Functions of the retransmission timer@>=
void rto_expired(struct tcp_rto *r, uint64_t now)
{
@q LAB hole retransmit.backoff @>
  r->rto = bounded(r, 2 * (uint64_t) r->rto);
  r->timing = false;
@q LAB end @>
  if (r->backoffs < UINT8_MAX) r->backoffs++;
  r->deadline = now + r->rto;
}

@ Whether the timer has expired, and stopping it: the core stops it when
the connection no longer has anything to repeat (a connection that
closes, or that starts to probe a zero window instead).@^zero window@>@^window probe@>

@<Declarations of the retransmission timer@>=
static inline bool rto_due(const struct tcp_rto *r, uint64_t now)
{
  return r->deadline != 0 && now >= r->deadline;
}

static inline void rto_stop(struct tcp_rto *r)
{
  r->deadline = 0;
  r->timing = false;
}

@* The timer in the core.
The core tells the timer of each segment of data it sends, new or
repeated, from |send_data| in the chapter on the first byte (\secref{firstbyte}), and of each
acknowledgment of new data, from |take_acknowledgment|; when the timer
expires, |retransmission_timeout| backs it off with |rto_expired| and
repeats the oldest segment, or gives up once |backoffs| reaches the
configured number of retries.  A SYN is not timed: its round trip says
little about the path that data will take, and the first segment of
data is timed soon enough.  When the peer's window is closed, the timer
stops and the persist timer of the chapter on flow control (\secref{flow}) takes over.@^persist timer@>@^flow control@>

@ A timeout usually means that more than one segment of the window was
lost: the segments of a window are sent together, and whatever made the
network drop one often drops its neighbours.  The receiver keeps what
arrived after each gap, so the acknowledgment of the repeated segment
jumps forward, to the next gap, and stops there.  That {\it partial
acknowledgment} (it acknowledges some, but not all, of what was in
flight when the timer expired) says exactly which segment is missing
next, and waiting another timeout (twice as long, after the backoff) to
repeat it would be waste.  So after a timeout the core remembers how far
it had sent, and each partial acknowledgment repeats the next missing
segment at once, until everything sent before the timeout is
acknowledged.  This is the rule for partial acknowledgments of RFC~6582
(NewReno), without the congestion control that surrounds it there.
Without it, a connection that loses several segments of a window waits
one timeout per segment, each longer than the last, since Karn's rule
forbids a new measurement while segments are being repeated.@^exponential backoff@>@^Karn's algorithm@>@^congestion control@>@^RFC 6582@>

@<The flags of the connection@>=
bool recovering;   /* repeating what was lost before a timeout */
uint32_t recover;  /* SND.NXT when the timer expired */

@ @<Private declarations of the core@>=
static void start_recovery(struct tcp_conn *c);
static void repair_next_hole(struct tcp_conn *c, uint32_t ack);

@ @<Functions of the core@>=
static void start_recovery(struct tcp_conn *c)
{
  c->recovering = true;
  c->recover = c->snd_nxt;
  c->in_recovery = false;
  c->dupacks = 0;
  c->dupbytes = 0;
}

static void repair_next_hole(struct tcp_conn *c, uint32_t ack)
{
  if (!seq_lt(ack, c->recover)) {
    c->recovering = false;
    return;
  }
  if (stats(c)) stats(c)->retransmitted++;
  retransmit_data(c);
}

@ Karn's rule has a price that the property test of transfers makes
visible.  Every repetition cancels the measurement in progress, so
while losses last the timeout is not measured again, and it stays backed
off; every repetition that is lost in turn doubles it.  A transfer of
four mebibytes with 30\% loss in both directions spends most of its
virtual time waiting for timers, though the bytes all arrive.  Real
TCPs also repeat a segment when three duplicate acknowledgments show
that the segments after it arrived (fast retransmission, RFC~5681), and
learn exactly which segments are missing from selective
acknowledgments (RFC~2018); the next chapter and the one after
reassembly add both, and a rule that ends the backoff once new data is
acknowledged.  This timer stays the last resort.@^duplicate ACK@>@^RFC 5681@>@^RFC 2018@>

@* Exercises.

\smallskip\noindent
1.~\diff1 Starting from an initial RTO of one second, with no
measurement, the timer expires five times in a row.  List the timeouts,
and the total time from the first sending to the giving up, if the
connection allows five retries (the default |syn_retries|).  Check
your answer against the client's lines in the log that
\.{ltcp sim syn-rcvd-timeout} prints: every SYN,ACK of that scenario is
lost, so the client's SYN is never answered. \excheck{retransmit.1}

\smallskip\noindent
2.~\diff2 Feed |rto_measure| the samples 100, 100, 100, 500, 100, 100
milliseconds with the floor set to 0.  Print SRTT, RTTVAR and RTO after
each.  How long does the single slow sample affect the timeout, and
why does it affect RTTVAR more than SRTT? \excheck{retransmit.2}

\smallskip\noindent
3.~\diff2 Remove the line of |rto_sent| that applies Karn's rule, set
the floor |cfg.rto_min_us| to 10 milliseconds in |options_for| (the
appendix (\secref{testing}) on the property test of transfers), and run
$$\hbox{\.{build/tests/test\_transfer --faults loss30}}$$  What happens to SRTT when an acknowledgment of the
original is taken as the acknowledgment of the copy, or the other way
round?  Does the transfer still succeed? \excheck{retransmit.3}

\smallskip\noindent
4.~\diff3 RFC~6298 allows a floor below one second, and Linux uses 200
milliseconds.  Set |rto_min_us| in |options_for| to 200 milliseconds,
and then to 1 millisecond, and each time run the property test:
$$\hbox{\.{build/tests/test\_transfer}}$$
The simulated link's round trip is 20 milliseconds.  Count the retransmissions that were
not needed (the receiver had the bytes already).  Explain the count.

\smallskip\noindent
5.~\diff2 Run \.{build/tests/test\_transfer --faults loss10 --seed 7
--trace /tmp/t.txt} and find, in the trace, the longest wait between a
segment and its repetition.  Explain it with Karn's rule and the
previous section, then predict, and check, what the wait becomes if
|rto_max_us| is set to 5 seconds in |options_for|. \excheck{retransmit.5}

\smallskip\noindent
6.~\diff4 Timestamps (RFC~7323) give a measurement for every
acknowledgment, including those of retransmitted segments, because the
acknowledgment echoes the time of the segment it answers.  Sketch what
|rto_acked| would become, and what RFC~7323 says about how often SRTT
should then be updated.@^retransmission timeout (RTO)@>@^RTTVAR@>@^RFC 7323@>
