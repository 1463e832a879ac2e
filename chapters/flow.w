@q flow.w: flow control, window updates, the zero window and the persist timer. @>

@** Flow control and the zero window.
A fast sender and a slow reader share one problem: where to put the
bytes the reader has not read yet.  TCP's answer is {\it flow control}:
the receiver offers a window no larger than the free space of its
buffer (the receive buffer of the chapter on the sliding window (\secref{window}) computes
it so), and the sender never sends beyond it.  When the reading program
falls behind, the buffer fills, the window shrinks, and at last the
receiver offers a window of zero: ``send nothing more.''  The sender
stops, and nothing is lost, because nothing was sent that the receiver
had no room for.
\label{flow}%

Two questions remain, and they are this chapter's.  First, {\it when
should the receiver tell the sender that its window has opened again?}
Too eagerly, and it sends an acknowledgment for every byte the program
reads, each offering a window a few bytes wide, which the sender fills
with segments a few bytes long: the {\it silly window syndrome}.  Too
sparingly, and the sender sits idle beside a buffer with room in it.
Second, {\it what if the news is lost?}  The acknowledgment that opens a
window carries no data, so nobody acknowledges it, and nobody repeats it
if it is lost.  The sender would wait for a window that the receiver
believes it has already offered, and the two would wait for each other
for ever.  The sender must therefore ask, now and then, whether the
window is still closed: it sends a {\it zero-window probe}, on a timer of
its own, the {\it persist timer}.

The rules are pure functions of a few numbers, and the persist timer is
a structure of three fields; they make up the module \.{flow.c}.@^zero window@>@^window probe@>@^persist timer@>@^silly window syndrome@>

@(flow.h@>=
#ifndef LTCP_FLOW_H
#define LTCP_FLOW_H
#include <stdbool.h>
#include <stdint.h>
@<Types of flow control@>@;
@<Declarations of flow control@>@;
@<Inline functions of flow control@>@;
#endif

@ @(flow.c@>=
#include "flow.h"
@<Functions of flow control@>@;

@* Offering a window.
The receiver's buffer has |room| bytes free after RCV.NXT, so it could
offer a window of |room| bytes, whose right edge would be RCV.NXT${}+{}
$|room|.  RFC~9293 asks it to hold back (\S3.8.6.2.2, which repeats
RFC~1122 \S4.2.3.3): the right edge
of the window it offers should move forward only when it can move by a
worthwhile amount, at least the smaller of half the buffer and one
maximum-sized segment.  A program that reads a byte at a time then
opens the window in steps of a full segment, and the sender never sees a
silly window.  Until the edge can move that far, the receiver keeps
offering the edge it offered before, |adv_edge|, which stays where it
was while RCV.NXT moves towards it, so the window shrinks.  (It never
moves the edge backwards: RFC~9293 strongly discourages a receiver from
withdrawing room it has offered, \S3.8.6.)@^silly window syndrome@>@^RFC 9293 \S3.8.6.2.2@>@^RFC 1122 \S4.2.3.3@>@^RFC 9293 \S3.8.6@>@^RFC 1122@>

@ The threshold is the smaller of half the buffer and the MSS.  Half is
rounded up, so that it is never zero: a buffer of one byte (an exercise
asks for one) must still move its window a byte at a time, and with a
step of zero the next section would never see a reason to tell the
sender.  The
window still standing is the distance from RCV.NXT to the old edge, or
zero if RCV.NXT has passed it (a peer that probes a closed window may
push RCV.NXT past the edge by a byte, if there was room after all).
These functions are small and called for every segment, so they are
|static inline| in the header, where the compiler can fit them into the
code that calls them.@^window probe@>

@<Inline functions of flow control@>=
static inline uint32_t edge_step(uint32_t cap, uint32_t mss)
{
  uint32_t half = cap - cap / 2;
  return half < mss ? half : mss;
}

static inline uint32_t window_to_offer(uint32_t rcv_nxt, uint32_t adv_edge, uint32_t room,
  uint32_t cap, uint32_t mss)
{
@q LAB hole flow.offer @>
  uint32_t standing = adv_edge - rcv_nxt;
  if (standing == room) return room;  /* the commonest case: nothing moved */
  if (standing >= 0x80000000u) standing = 0;  /* RCV.NXT is past the old edge */
  if (room >= standing + edge_step(cap, mss)) return room;
  return standing < room ? standing : room;
@q LAB end @>
}

@ The first test only saves work: a window that already stands where
the room is, as on a connection that sends and does not receive, is
offered again, which is what the rule would decide.  The last line takes
the smaller of the standing window and the room only out of caution: the room of our buffer never falls below the
standing window, since the right edge of the buffer, $|head|+|cap|$,
only ever moves forward, and every edge we offered was such a right
edge.

@* Telling the sender.
Every segment the receiver sends carries its window, and a receiver
that is receiving data acknowledges at least every second segment, so a
sender that is sending hears about the window all the time.  The case
that needs care is a window that opens while nothing arrives: the
receiver's program reads from a buffer that had filled up.  Then the
receiver must send a segment of its own, a {\it window update}, or the
sender never learns.

An update costs a segment, and most reads do not need one.  We send one
when two things are true: the window would move by the step of the last
section (so that the update is not silly), and the window the sender
knows of has fallen below half the buffer (so that the sender is about
to run short).  A sender that still knows of a wide window will hear of
the wider one with the next acknowledgment anyway.

@<Inline functions of flow control@>=
static inline bool window_update_due(uint32_t rcv_nxt, uint32_t adv_edge, uint32_t room,
  uint32_t cap, uint32_t mss)
{
@q LAB hole flow.update-due @>
  uint32_t standing = adv_edge - rcv_nxt;
  if (standing >= 0x80000000u) standing = 0;
  return standing < cap - cap / 2 && room >= standing + edge_step(cap, mss);
@q LAB end @>
}

@* Probing a closed window.
When the peer's window is zero and the sender has data waiting, the
sender starts the persist timer.  When it expires the sender sends a
probe, and starts the timer again with twice the wait.  RFC~9293 asks
that the first probe follow the zero window by one retransmission
timeout, and that the waits then grow exponentially (\S3.8.6.1); we use
the current RTO for the first wait and double it up to the timer's
maximum.  What the probe itself is, and how the core sends it, comes
after the timer.

A persist timer differs from the retransmission timer in one crucial way:
it never gives up.  A receiver that keeps answering probes with a zero
window is alive, only busy, and RFC~9293 says that the sender must keep
the connection open for as long as the receiver keeps answering
(MUST-37); the receiver, for its part, may keep its window closed for as
long as it likes.  The timer therefore counts its probes only for the
record.@^zero window@>@^persist timer@>@^retransmission timeout (RTO)@>@^exponential backoff@>@^RFC 9293 \S3.8.6.1@>

@<Types of flow control@>=
struct tcp_persist {
  uint64_t deadline;  /* when the next probe is due; 0 if the timer does not run */
  uint32_t wait;      /* microseconds from one probe to the next */
  uint32_t probes;    /* probes sent since the window closed */
};

@ @<Declarations of flow control@>=
void persist_start(struct tcp_persist *p, uint32_t rto, uint64_t now);
void persist_probed(struct tcp_persist *p, uint32_t max, uint64_t now);

@ Starting the timer.

@<Functions of flow control@>=
void persist_start(struct tcp_persist *p, uint32_t rto, uint64_t now)
{
  p->wait = rto;
  p->probes = 0;
  p->deadline = now + rto;
}

@ After each probe, the wait doubles, up to |max|.

@<Functions of flow control@>=
void persist_probed(struct tcp_persist *p, uint32_t max, uint64_t now)
{
@q LAB hole flow.persist-probed @>
  p->probes++;
  p->wait = p->wait <= max / 2 ? 2 * p->wait : max;
@q LAB end @>
  p->deadline = now + p->wait;
}

@ Whether a probe is due, and stopping the timer, which the core does
when the window opens.

@<Types of flow control@>=
static inline bool persist_due(const struct tcp_persist *p, uint64_t now)
{
  return p->deadline != 0 && now >= p->deadline;
}

static inline void persist_stop(struct tcp_persist *p)
{
  p->deadline = 0;
}

@* What a probe is.
A probe must provoke an acknowledgment, since the acknowledgment carries
the window.  There are two ways.  The one of BSD, and of RFC~9293's text,
sends one byte of new data beyond the closed window: if the window has
opened in the meantime the byte is accepted, and if not the receiver
drops it and answers with an acknowledgment of what it has, and the
window.  The one of Linux sends a segment with no data and a sequence
number one below SND.UNA, which no receiver can accept, and which
therefore also draws an acknowledgment (\S3.10.7.4: an unacceptable
segment is answered with an ACK).  \.{ltcp} sends the byte: it makes
progress when the window has opened, and it exercises the receiver's
rule that a closed window accepts nothing but still reads the
acknowledgment and the window of the segment that did not fit.@^acceptable segment@>

@* The sender's side of the silly window.
The receiver's rule keeps our own receiver from offering silly windows,
but a sender must not trust every peer to be as careful: RFC~9293
requires a sender, too, to avoid the syndrome (\S3.8.6.2.1, MUST-38;
RFC~1122 \S4.2.3.4).
The sender's rule is about the size of the segment it is about to send,
|n| bytes, the most that the usable window, the MSS and the bytes
waiting allow.  It sends when the segment is full-sized, or when it
carries everything the user has given (\.{ltcp} treats every write as
``pushed''), or when it fills at least half the largest window the peer
has ever offered.  Otherwise it waits: for an acknowledgment, if
anything is in flight, and if nothing is, for the persist timer, whose
expiry sends what the window allows (the RFC's ``override timeout'').@^persist timer@>@^silly window syndrome@>@^RFC 9293 \S3.8.6.2.1@>@^RFC 1122 \S4.2.3.4@>@^RFC 1122@>

@<Inline functions of flow control@>=
static inline bool worth_sending(uint32_t n, uint32_t unsent, uint32_t mss,
  uint32_t max_snd_wnd)
{
  return n > 0 && (n >= mss || n == unsent || n >= max_snd_wnd / 2);
}

@* Nagle's rule, and delayed acknowledgments.
Two other rules of flow control are common.  \.{ltcp} leaves the first
out, on purpose, and follows the second only where it runs for real.
{\it Nagle's rule} (RFC~896; \S3.7.4) says that a sender
with unacknowledged data in flight should hold back a segment smaller
than the MSS until the acknowledgment comes, gathering small writes into
one segment: it saves the network from many tiny segments when a
program writes a few bytes at a time, and costs a round trip of delay
when a program writes a little and waits for an answer.  {\it Delayed
acknowledgments} (\S3.8.6.3) let a receiver wait up to half a second,
in practice a few tens of milliseconds, before it acknowledges, in the
hope of riding along on data of its own or of acknowledging two segments
at once.  Each halves some traffic; together they are famous for
stalling request-response programs for the length of the delay timer.
\.{ltcp} sends every segment the window allows at once (unless the
sender's rule against silly windows holds it back).  It delays the
acknowledgment of text in order, as the chapter on the sliding window (\secref{window})
explains, but the simulated link turns the delay off, so that every log
in this book shows one cause and one effect.  The exercises invite a
reader to add Nagle's rule and to see the two together.@^silly window syndrome@>@^Nagle's algorithm@>@^delayed acknowledgment@>@^RFC 9293 \S3.7.4@>@^RFC 9293 \S3.8.6.3@>@^RFC 896@>

@* Flow control in the core.
The core applies these rules in five places.  The chapter on the first
byte (\secref{firstbyte}) calls |wait_for_window| when a segment must wait, |window_opened|
when the peer's window opens, and |window_update_is_due| after the user
reads; the retransmission timer hands over to the persist timer when it
finds the window closed; and |tcp_tick| calls |persist_timeout| when the
persist timer expires.

@<Private declarations of the core@>=
static bool window_is_closed(const struct tcp_conn *c);
static void wait_for_window(struct tcp_conn *c);
static void start_probing(struct tcp_conn *c);
static void window_opened(struct tcp_conn *c);
static void persist_timeout(struct tcp_conn *c);
static bool window_update_is_due(const struct tcp_conn *c);

@ The window is closed, for a sender, when the peer offers none and we
have bytes for it, sent or not.

@<Functions of the core@>=
static bool window_is_closed(const struct tcp_conn *c)
{
  return c->syn_acked && c->snd_wnd == 0 && c->sndbuf.len > 0;
}

@ A segment that must wait, for a closed window or a silly one, waits
for an acknowledgment if anything is in flight, since the
acknowledgment will bring the window.  If nothing is, no acknowledgment
will come, and the persist timer is started.

@<Functions of the core@>=
static void wait_for_window(struct tcp_conn *c)
{
  if (c->snd_nxt == c->snd_una && c->persist.deadline == 0) start_probing(c);
}

@ Probing replaces retransmission: the retransmission timer stops, so
that its count of retries cannot end a connection whose peer is only
busy, and the persist timer starts with the current timeout.

@<Functions of the core@>=
static void start_probing(struct tcp_conn *c)
{
  rto_stop(&c->rtx);
  if (c->persist.deadline == 0) persist_start(&c->persist, c->rtx.rto, c->now);
}

@ When the window opens, probing ends; if bytes are in flight (the last
probe's, perhaps) the retransmission timer looks after them again.

@<Functions of the core@>=
static void window_opened(struct tcp_conn *c)
{
  if (c->persist.deadline == 0) return;
  persist_stop(&c->persist);
  if (c->snd_nxt != c->snd_una) start_retransmission_timer(c);
}

@ The persist timer expires.  It may find that there is nothing left to
probe for: every byte has been acknowledged, perhaps our FIN too, while
the window stayed closed.  Then the timer simply stops.  (It used to run
on, and in FIN\_WAIT\_2 each probe sent a byte from beyond the end of the
stream; the chapter on the connection tells that story.)  If the window is open after all, it was
the rule against silly windows that held a segment back, and the timer
is the RFC's ``override'': the segment goes, as large as the window
allows.  Otherwise a probe goes: one byte, the oldest one in flight if
a probe is already unanswered, else the next one of the buffer.  The
timer doubles its wait and runs on until the window opens.@^silly window syndrome@>

@<Functions of the core@>=
static void persist_timeout(struct tcp_conn *c)
{
  if (!may_send_data(c) || c->sndbuf.len == 0) {
    persist_stop(&c->persist);
    return;
  }
  persist_probed(&c->persist, c->rtx.rto_max, c->now);
  uint32_t unsent = sndbuf_end(&c->sndbuf) - c->snd_nxt;
  if (c->snd_wnd > 0) {
    uint32_t n = segment_size(usable_window(c->snd_una, c->snd_wnd,
      c->snd_nxt), c->snd_mss, unsent);
    persist_stop(&c->persist);
    if (n == 0) return;
    send_data(c, c->snd_nxt, n);
    c->snd_nxt += n;
    if (n == unsent && c->fin_queued) note_fin_sent(c);
    return;
  }
  @<Send a probe of one byte@>@;
}

@ The probe is sent as it is, without the retransmission timer: the
persist timer is its timer.  It pushes, so that a receiver whose window
has opened hands the byte to its user at once.

@<Send a probe of one byte@>=
{
@q LAB hole flow.probe @>
  uint8_t byte;
  uint32_t seq = c->snd_nxt != c->snd_una ? c->snd_una : c->snd_nxt;
  if (!seq_lt(seq, sndbuf_end(&c->sndbuf))) return;  /* nothing to probe with */
  send_segment(c, TCP_ACK | TCP_PSH, seq, sndbuf_text(&c->sndbuf, seq, 1, &byte), 1);
  if (seq == c->snd_nxt) c->snd_nxt += 1;
@q LAB end @>
}

@ Data, new or repeated, is sent only in the states in which our stream
is open or its end not yet acknowledged: ESTABLISHED and CLOSE\_WAIT,
and FIN\_WAIT\_1, CLOSING and LAST\_ACK, where bytes queued before the
close may still be waiting for the window.  In FIN\_WAIT\_2 and
TIME\_WAIT everything we sent has been acknowledged, FIN included, so the
persist timer has no business there; |tcp_enter| stops it on the way in
(the chapter on the connection), and |persist_timeout| checks again.

@<Private declarations of the core@>=
static bool may_send_data(const struct tcp_conn *c);

@ @<Functions of the core@>=
static bool may_send_data(const struct tcp_conn *c)
{
  return c->state == TCP_ESTABLISHED || c->state == TCP_CLOSE_WAIT ||
    c->state == TCP_FIN_WAIT_1 || c->state == TCP_CLOSING ||
    c->state == TCP_LAST_ACK;
}

@ A window update after a read, in the states in which the peer may
still send.

@<Functions of the core@>=
static bool window_update_is_due(const struct tcp_conn *c)
{
  if (c->state != TCP_ESTABLISHED && c->state != TCP_FIN_WAIT_1 &&
      c->state != TCP_FIN_WAIT_2) return false;
  return window_update_due(c->rcv_nxt, c->rcv_adv, receive_window(c),
    c->rcvbuf.cap, c->cfg->mss);
}

@* Exercises.

\smallskip\noindent
1.~\diff1 A receiver with a buffer of 4000 bytes and an MSS of 1460 has
offered a window whose right edge is 5000; RCV.NXT is 4800, and the
program has just read enough to leave 1000 bytes free.  What window does
|window_to_offer| offer?  Is a window update due?  What if the program
reads everything? \excheck{flow.1}

\smallskip\noindent
2.~\diff2 In the appendix (\secref{testing}), read the three scripts of scenario 34
and run \.{build/tests/test\_scenarios}.  Then change the peer's last
acknowledgment in the first script, |IN(ACK, IRS(5), ISS(3))|, to carry
the sequence number |IRS(6)|.  Predict which step fails and what the
trace of the failing script shows, and run it again to check. \excheck{flow.2}

\smallskip\noindent
3.~\diff2 Make |window_to_offer| return |room| always, and
|window_update_due| true whenever |room| grows.  Make the programs of the
property test write and read one byte at a time (set |o->chunk| to 1 in
|options_for|), run \.{build/tests/test\_transfer --faults none --seed 5},
which prints the segments each side sent, and compare the numbers with
those of the original rules. \excheck{flow.3}

\smallskip\noindent
4.~\diff3 Add Nagle's rule to the sender: a segment shorter than the MSS
waits while anything is unacknowledged.  Which scenario in this book
becomes slower, and by how much?  What does the socket option
\.{TCP\_NODELAY} of real systems switch off?

\smallskip\noindent
5.~\diff3 With Nagle's rule of the last exercise in place, and the
delayed acknowledgments of the chapter on the sliding window (\secref{window}), write a
program on the socket interface of the chapter on the event loop (\secref{eventloop}) that
sends a request in two writes, a header and then a body, and waits for
the answer of an echo server.  Measure the round trip, and explain the
40 milliseconds you find.  Which of the two rules would you switch off,
and on which side?@^Nagle's algorithm@>@^delayed acknowledgment@>@^event loop@>
