@q window.w: the send and receive buffers, and the sliding window. @>

@** Moving data: the sliding window.
The article, and this book so far, are about the beginning and the end
of a connection: the handshake, the wave, and the state machine that
holds them together.  What happens in between, the article hardly
mentions: in ESTABLISHED the two sides exchange data, and even after one
side has sent its FIN the other may go on sending (step~5 of
Figure~1).  This chapter and the three after it
explain how the data moves, and how it survives a network that loses,
repeats and reorders it.  They change no state of the machine: every
segment they are about is sent and received in ESTABLISHED or in a
state of the wave.
\label{window}%

The chapter on the first byte (\secref{firstbyte}) sent one byte and acknowledged it.  A
real conversation sends millions, and cannot afford to wait a round
trip for each.  TCP's answer is the {\it sliding window}: the receiver
says how many bytes, counted from the next one it expects, it has room
for, and the sender may have that many bytes in flight before it hears
anything back.  Every acknowledgment moves the window's left edge
forward, and every byte the receiving program reads moves its right edge
forward; between them the window slides along the stream, as the
picture of the sequence space in the chapter on connections (\secref{conn}) shows.

Acknowledgments are {\it cumulative}: the number in an ACK says ``every
byte before this one has arrived,'' and says nothing about the bytes
after it.  That is what makes TCP robust against lost acknowledgments (a
later ACK says everything an earlier one said) and what makes a single
lost segment stall the left edge until it is repeated, which is the
subject of the next chapter (\secref{retransmit}).

Before the window can slide, the bytes must have somewhere to be: on the
sending side from the moment the program hands them to |tcp_send| until
the peer acknowledges them, since any of them may have to be sent again;
on the receiving side from the moment they arrive until the program reads
them.  This chapter builds those two buffers.  They are the module
\.{buffer.c}, with its interface in \.{buffer.h}; the core uses them, and
so do the tests, which exercise them alone.@^cumulative acknowledgment@>@^state machine@>@^reordering, simulated@>@^Figure 1@>

@(buffer.h@>=
#ifndef LTCP_BUFFER_H
#define LTCP_BUFFER_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
@<Types of the buffers@>@;
@<Inline functions of the buffers@>@;
@<Declarations of the buffers@>@;
#endif

@ @(buffer.c@>=
#include <string.h>
#include "buffer.h"
@<Functions of the buffers@>@;

@* A ring indexed by sequence numbers.
Both buffers hold a stretch of the byte stream, a few tens of kilobytes
at a time, and both slide along it: bytes leave at the front as they
are acknowledged or read, and new bytes join at the back.  The natural
store for that is a {\it ring}: a fixed array in which the byte after
the last element is the first one again.

The ring of \.{ltcp} has a twist that removes most of the bookkeeping a
ring usually needs.  Its size is a power of two, $2^k$, and the byte whose
sequence number is~$s$ lives at index $s\bmod 2^k$, which is |s & mask|
with $|mask|=2^k-1$.  There is no ``start'' index to keep up to date: a
byte's place follows from its name.  And because $2^k$ divides $2^{32}$,
the index of sequence number $2^{32}-1$ is $2^k-1$ and that of the next
sequence number, 0, is 0: the ring wraps exactly where the sequence
numbers do, and a buffer that straddles the wrap of the sequence space
needs no special case at all.  (With a ring of, say, 1000 bytes, the
byte after $2^{32}-1$ would land at index 0 instead of 296, where the
last index was 295.)

The array is part of the buffer's structure, and so of the connection's:
a connection is one block of memory that can be copied, as a host does
when a listener hands a new connection its first SYN, without pointers
that would still point into the original.  The array has room for
|TCP_RING_SIZE| bytes, enough for the largest window that a 16-bit
window field can offer.  A buffer may use fewer: its ring has a size
|mask|${}+1$, a power of two no larger than the array, and the buffer
may hold up to |cap| bytes, no more than the ring's size.  The default
receive buffer of 65,535 bytes uses a ring of 65,536; the tests use rings
of a few bytes, so that they wrap often.@^sequence numbers, wrap-around@>@^byte stream@>

@<Types of the buffers@>=
#define TCP_RING_SIZE 65536 /* a power of two */

@ |ring_size| says how large a ring a capacity needs: the smallest power
of two at least as large.

@<Declarations of the buffers@>=
uint32_t ring_size(uint32_t cap);

@ @<Functions of the buffers@>=
uint32_t ring_size(uint32_t cap)
{
  uint32_t size = 1;
  while (size < cap && size < TCP_RING_SIZE) size <<= 1;
  return size;
}

@ Copying |n| bytes into a ring at sequence number |seq| is one copy,
or two when the run of indexes passes the end of the ring.  The caller
makes sure that the bytes fit.  A copy of nothing does nothing, since
|memcpy| may not be given a null pointer even for no bytes.

The common case, one copy, is an |inline| function of the header, a hint
that the compiler takes: it is copied into the functions that store and
fetch text, which saves a call and a return on every segment.  The rare
case of two copies is a function of \.{buffer.c}, |ring_copy_split|;
the core, compiled apart from \.{buffer.c}, can only call it, and so
does not make every segment pay for the registers that two copies need.

@<Inline functions of the buffers@>=
void ring_copy_split(uint8_t *to, const uint8_t *from, uint32_t first,
  uint8_t *to2, const uint8_t *from2, uint32_t rest);
static inline void ring_put(uint8_t *data, uint32_t mask, uint32_t seq,
  const uint8_t *p, uint32_t n)
{
  uint32_t at = seq & mask, first = mask + 1 - at;
  if (n > first) ring_copy_split(data + at, p, first, data, p + first, n - first);
  else if (n > 0) memcpy(data + at, p, n);
}

@ Copying out is the mirror image.

@<Inline functions of the buffers@>=
static inline void ring_get(const uint8_t *data, uint32_t mask, uint32_t seq,
  uint8_t *p, uint32_t n)
{
  uint32_t at = seq & mask, first = mask + 1 - at;
  if (n > first) ring_copy_split(p, data + at, first, p + first, data, n - first);
  else if (n > 0) memcpy(p, data + at, n);
}

@ The two copies of a run that passes the end.

@<Functions of the buffers@>=
void ring_copy_split(uint8_t *to, const uint8_t *from, uint32_t first,
  uint8_t *to2, const uint8_t *from2, uint32_t rest)
{
  memcpy(to, from, first);
  memcpy(to2, from2, rest);
}

@ The mask of a ring of |size| bytes, which must be a power of two; a
size larger than the array is cut to the array's.

@<Functions of the buffers@>=
static uint32_t ring_mask(uint32_t size)
{
  return (size < TCP_RING_SIZE ? size : TCP_RING_SIZE) - 1;
}

@* The send buffer.
The send buffer holds the bytes the user has given to |tcp_send| and the
peer has not yet acknowledged.  Its front is SND.UNA, the oldest
unacknowledged byte; some of the bytes after it have been sent (up to
SND.NXT, which the core keeps), the rest are waiting for the window.
The buffer itself knows only where its bytes begin and how many there
are.

One detail: a SYN and a FIN each take a sequence number but are not
bytes of the stream.  The first byte of data has the number ISS${}+1$,
and that is where the buffer begins; the core never asks the buffer for
the SYN's or the FIN's number.

@<Types of the buffers@>=
struct tcp_sndbuf {
  uint32_t mask, cap;  /* the ring's size less one; the most bytes held */
  uint32_t head;       /* sequence number of the oldest byte held */
  uint32_t len;        /* bytes held */
  uint8_t data[TCP_RING_SIZE];
};

@ @<Declarations of the buffers@>=
void sndbuf_init(struct tcp_sndbuf *b, uint32_t size, uint32_t cap,
  uint32_t seq);
size_t sndbuf_write(struct tcp_sndbuf *b, const void *data, size_t n);

@ A new send buffer is empty, and its first byte will have the sequence
number |seq|.  Its ring has |size| bytes, a power of two, of which it
may use |cap|.

@<Functions of the buffers@>=
void sndbuf_init(struct tcp_sndbuf *b, uint32_t size, uint32_t cap,
  uint32_t seq)
{
  b->mask = ring_mask(size);
  b->cap = cap <= b->mask + 1 ? cap : b->mask + 1;
  b->head = seq;
  b->len = 0;
}

@ Two numbers derived from the others: the sequence number just past
the last byte held, where the next byte written will go, and the room
left.

@<Inline functions of the buffers@>=
static inline uint32_t sndbuf_end(const struct tcp_sndbuf *b)
{
  return b->head + b->len;
}
static inline uint32_t sndbuf_room(const struct tcp_sndbuf *b)
{
  return b->cap - b->len;
}

@ Writing appends as many bytes as there is room for and returns their
number: a full buffer takes nothing, and the user must try again once
acknowledgments have made room.  That is the whole of {\it flow control}
as the sending program sees it.@^flow control@>

@<Functions of the buffers@>=
size_t sndbuf_write(struct tcp_sndbuf *b, const void *data, size_t n)
{
  uint32_t room = sndbuf_room(b);
  if (n > room) n = room;
  ring_put(b->data, b->mask, sndbuf_end(b), data, (uint32_t) n);
  b->len += (uint32_t) n;
  return n;
}

@ An acknowledgment that covers bytes of the buffer frees them.  This
is where cumulative acknowledgment shows: one number frees every byte
before it, however many segments carried them.  An acknowledgment may
also cover the FIN that follows the last byte, so the count is limited
to what the buffer holds; one that covers nothing new (it is not after
|head|) frees nothing.  The function returns the number of bytes freed.@^cumulative acknowledgment@>

@<Inline functions of the buffers@>=
static inline uint32_t sndbuf_ack(struct tcp_sndbuf *b, uint32_t ack)
{
  uint32_t done = ack - b->head;
  if (done == 0 || done >= 0x80000000u) return 0;  /* not after |head| */
  if (done > b->len) done = b->len;
  b->head += done;
  b->len -= done;
  return done;
}

@ To send a segment the core needs its text as one run of bytes, since
the segment structure points to its payload.  Usually the run lies
within the ring and the function returns a pointer into it: no copy at
all.  When it crosses the end of the ring, which happens at most once in
every trip round the ring, the bytes are copied into |scratch|, which
the caller provides with room for |n| bytes.  The text asked for must be
in the buffer.  The function is |inline|, since the core calls it for
every segment it sends.

@<Inline functions of the buffers@>=
static inline const uint8_t *sndbuf_text(const struct tcp_sndbuf *b, uint32_t seq,
  uint32_t n, uint8_t *scratch)
{
  uint32_t at = seq & b->mask;
  if (n <= b->mask + 1 - at) return b->data + at;
  ring_get(b->data, b->mask, seq, scratch, n);
  return scratch;
}

@* The receive buffer.
The receive buffer holds bytes that have arrived and that the user has
not read.  Its front, |head|, is the oldest unread byte; the |len| bytes
after it arrived in order and may be read; the byte after them, at
$|head|+|len|$, is the next one expected, RCV.NXT as far as data goes.

The buffer's capacity fixes the window.  The buffer can hold bytes up
to, but not including, $|head|+|cap|$; that is the right edge of the
window, and the window itself, RCV.WND, is the room between RCV.NXT and
that edge: $|cap|-|len|$.  Reading moves |head| and with it the right
edge; arriving data moves RCV.NXT.  Because the window is computed from
the buffer, the receiver can never offer room that it does not have.

Bytes that arrive out of order, after a gap, also fit between RCV.NXT and
the right edge, and the buffer keeps them there, in their places in the
ring, until the gap is filled.  Which bytes beyond RCV.NXT it holds is
the business of the chapter on reassembly (\secref{reassembly}), which adds the fields that
record them.@^RCV.WND@>@^out-of-order segments@>@^reassembly@>

@<Types of the buffers@>=
@<The type of a range of sequence numbers@>@;
struct tcp_rcvbuf {
  uint32_t mask, cap;
  uint32_t head;  /* sequence number of the oldest unread byte */
  uint32_t len;   /* bytes in order after it */
  @<Fields of the receive buffer for bytes out of order@>@;
  uint8_t data[TCP_RING_SIZE];
};

@ @<Inline functions of the buffers@>=
static inline uint32_t rcvbuf_next(const struct tcp_rcvbuf *b)
{
  return b->head + b->len;
}
static inline uint32_t rcvbuf_window(const struct tcp_rcvbuf *b)
{
  return b->cap - b->len;
}

@ @<Declarations of the buffers@>=
void rcvbuf_init(struct tcp_rcvbuf *b, uint32_t size, uint32_t cap,
  uint32_t seq);

@ A new receive buffer is empty and expects the byte |seq|, which is
IRS${}+1$, the one after the peer's SYN.

@<Functions of the buffers@>=
void rcvbuf_init(struct tcp_rcvbuf *b, uint32_t size, uint32_t cap,
  uint32_t seq)
{
  b->mask = ring_mask(size);
  b->cap = cap <= b->mask + 1 ? cap : b->mask + 1;
  b->head = seq;
  b->len = 0;
  b->nranges = 0;
}

@ Text arrives: |n| bytes whose first has the sequence number |seq|.
The function stores what it can and returns how far RCV.NXT moved, that
is, how many bytes became readable; the core acknowledges that many.

Almost every segment on a healthy connection is the next one expected,
and the buffer holds nothing out of order: then the text goes straight
into the ring, trimmed to the window.  This {\it fast path} is three
comparisons and a copy.  Everything else (a segment that repeats old
bytes, one that begins beyond a gap, one that fills a gap) takes the
general path of the chapter on reassembly (\secref{reassembly}).  The fast path is an |inline|
function of the header, so that the core's own fast path, header
prediction, has it without a call.@^out-of-order segments@>@^reassembly@>

@<Functions of the buffers@>=
@<The general path of arriving text@>@;

@ @<Inline functions of the buffers@>=
uint32_t rcvbuf_insert_out_of_order(struct tcp_rcvbuf *b, uint32_t seq,
  const uint8_t *text, uint32_t n);
static inline uint32_t rcvbuf_insert(struct tcp_rcvbuf *b, uint32_t seq,
  const uint8_t *text, uint32_t n)
{
  if (seq != rcvbuf_next(b) || b->nranges != 0)
    return rcvbuf_insert_out_of_order(b, seq, text, n);
  uint32_t room = rcvbuf_window(b);
  if (n > room) n = room;
  ring_put(b->data, b->mask, seq, text, n);
  b->len += n;
  return n;
}

@ Reading takes bytes from the front, as many as are in order and the
caller has room for.  Bytes held beyond a gap cannot be read: the user
sees a stream, and a stream has no gaps.

@<Inline functions of the buffers@>=
static inline size_t rcvbuf_read(struct tcp_rcvbuf *b, void *out, size_t n)
{
  if (n > b->len) n = b->len;
  ring_get(b->data, b->mask, b->head, out, (uint32_t) n);
  b->head += (uint32_t) n;
  b->len -= (uint32_t) n;
  return n;
}

@* The window, seen from the sender.
The sender keeps three numbers of the picture in the chapter on
connections (\secref{conn}): SND.UNA, the oldest byte not yet acknowledged; SND.NXT, the
next byte to send; and SND.WND, the window the peer offered in its
latest acknowledgment, counted from SND.UNA.  The bytes it may send now
are those from SND.NXT up to, not including, SND.UNA${}+{}$SND.WND: the
{\it usable window} (\S3.8.6.2.1; RFC~1122 \S4.2.3.4 names it first).  It is empty when everything the window
allows is in flight, and can even be ``negative'' if the peer shrank
its window after we sent; we then treat it as empty.@^SND.WND@>@^RFC 9293 \S3.8.6.2.1@>@^RFC 1122 \S4.2.3.4@>@^RFC 1122@>

@<Inline functions of the buffers@>=
static inline uint32_t usable_window(uint32_t snd_una, uint32_t snd_wnd,
  uint32_t snd_nxt)
{
  uint32_t in_flight = snd_nxt - snd_una;
  return in_flight < snd_wnd ? snd_wnd - in_flight : 0;
}

@ The size of the next segment is the smallest of three limits: the
usable window, the peer's maximum segment size (the MSS option of its
SYN, or 536 if it sent none, \S3.7.1), and the bytes in the send buffer
not yet sent.  Sending the most the three allow, as soon as they allow
it, is the simplest policy and the one \.{ltcp} follows; the chapter on
flow control (\secref{flow}) discusses when waiting would be wiser.@^flow control@>@^RFC 9293 \S3.7.1@>

@<Inline functions of the buffers@>=
static inline uint32_t segment_size(uint32_t usable, uint32_t mss,
  uint32_t unsent)
{
  uint32_t n = usable < mss ? usable : mss;
  return n < unsent ? n : unsent;
}

@* Delayed acknowledgments.
A receiver that acknowledges every segment at once sends as many
segments as it receives, and most of them say little: on a transfer, the
next acknowledgment will say more a moment later; in a conversation,
the program is about to answer, and its answer could have carried the
acknowledgment for nothing.  RFC~9293 therefore recommends (\S3.8.6.3)
that a receiver {\it delay} its acknowledgments, within two limits: the
delay must stay under half a second, and at least every second
full-sized segment must be acknowledged (RFC~5681 \S4.2 says the same).
The cost falls on the sender, which learns of delivered data later and
measures round trips a little long; the delay must also never leave the
sender waiting on the receiver while the receiver waits on the sender,
which is why it is short.

\.{ltcp} delays only the plainest case, text that arrives in order when
no acknowledgment is already waiting: the timer starts, and the
acknowledgment leaves with the next segment the connection sends for any
reason (data of the program's answer, a window update, a FIN), or when
the timer expires, after |delack_us| of the configuration, 40
milliseconds by default.  Everything else is acknowledged at once: a
second segment while one waits, text out of order or filling a gap
(whose duplicate acknowledgments the sender needs promptly, RFC~5681
\S4.2), text cut short by the window, and a FIN, so that the closing of
a connection looks in a capture as the article's Figure~3 draws it.  The
deadline itself is the flag: a delayed acknowledgment waits when
|delack_deadline| is not zero.

The simulated link sets |delack_us| to zero, so that the logs of this
book show an acknowledgment for every segment, as the article's figures
do; the programs and the benchmarks keep the default.@^delayed acknowledgment@>@^round-trip time (RTT)@>@^out-of-order segments@>@^duplicate ACK@>@^RFC 9293 \S3.8.6.3@>@^RFC 5681 \S4.2@>@^RFC 5681@>@^Figure 3@>

@<Private declarations of the core@>=
static void acknowledge_text(struct tcp_conn *c, bool may_wait);

@ @<Functions of the core@>=
static void acknowledge_text(struct tcp_conn *c, bool may_wait)
{
  if (may_wait && c->cfg->delack_us > 0 && c->delack_deadline == 0)
    c->delack_deadline = c->now + c->cfg->delack_us;
  else c->ack_owed = true;
}

@* Exercises.

\smallskip\noindent
1.~\diff1 A ring of size 8 holds the bytes with sequence numbers
$2^{32}-3$ to $2^{32}+2$ (that is, to 2).  At which indexes of the array
are they?  Now make the ring 6 bytes long, indexed by $s\bmod 6$: where
does the byte numbered 0 go, and what goes wrong? \excheck{window.1}

\smallskip\noindent
2.~\diff1 Why does |sndbuf_ack| limit |done| to |len| rather than
treating an acknowledgment beyond the buffer as an error?  Which
segment of the peer acknowledges one more number than the buffer holds?

\smallskip\noindent
3.~\diff2 |sndbuf_text| copies the text of a segment that crosses the
end of the array.  Count how often that happens when 100 megabytes cross
a connection with a send buffer of 64 kilobytes and segments of 1460
bytes.  Then make the array one MSS longer than a power of two, and keep
a copy of its first bytes after its end, so that no run needs copying;
which operation becomes more expensive?

\smallskip\noindent
4.~\diff2 Give a receive buffer a capacity of 2 bytes (|rcv_wnd| in the
configuration).  Predict the window each acknowledgment offers during a
transfer, and the number of segments needed to move 1000 bytes.  Check
your prediction with the programs of the last chapters, whose option
\.{--window} sets |rcv_wnd|: copy a file of 1000 bytes with
$$\vbox{\halign{\.{#}\hfil\cr
ltcp listen -d --window 2 -l s.log 9000 > copy\cr
ltcp connect --msl 0.1 127.0.0.1 9000 < file\cr}}$$
in two terminals (the client closes first, so its \.{--msl} shortens
the wait), and count the segments in
\.{s.log}.  Then make 2 the default |rcv_wnd| of |tcp_config_default|
and run \.{make test}: which tests notice, and why do the tests of the
buffers not? \excheck{window.4}

\smallskip\noindent
5.~\diff2 Run \.{ltcp listen --echo 9000} in one terminal and
\.{ltcp connect -l c.log 127.0.0.1 9000} in another, and type a line.
How many segments does the line cost, and which of them carries the
server's acknowledgment of it?  Now set |delack_us| to zero in
|tcp_config_default|, rebuild, and count again. \excheck{window.5}

\smallskip\noindent
6.~\diff3 The buffers copy every byte twice, once on each side: from
the user into the send buffer, and from the receive buffer to the user
(the carrier copies too).  Design an interface that lets the user write
directly into the ring (``give me room for $n$ bytes'', then ``I wrote
$n$ bytes''), and say what the core would have to promise about the
bytes after they are handed over.@^carrier@>
