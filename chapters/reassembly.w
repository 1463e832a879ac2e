@q reassembly.w: keeping the bytes that arrive out of order. @>

@** Out of order: reassembly.
The network does not promise to deliver segments in the order they were
sent.  Two packets may take different paths, a router may hold one in a
queue while the next overtakes it, and a lost segment comes back, after
a timeout, long after the segments that followed it.  A receiver that
accepted only the next byte expected would throw away every segment
after a gap, and the sender would have to send them all again.  RFC~9293
asks for better: segments that arrive out of order and fall within the
window should be kept, and delivered once the bytes before them have
come (\S3.10.7.4, ``the segment is held for later processing'').  This
is {\it reassembly}.
\label{reassembly}%

Reassembly must also cope with segments that overlap.  A sender that
repeats a segment after a timeout may send it with more bytes than the
first time, or fewer; the network may deliver a segment twice.  Each
byte, whatever segment brings it, has one sequence number and one place
in the stream, and the receiver must deliver it exactly once.

The timer of the last chapter (\secref{retransmit}) makes a sender repeat what was lost; this
chapter makes the receiver keep what was not.  The receive buffer of
the chapter on the sliding window (\secref{window}) has already done most of the work: its ring has a place for every sequence number in the window, so
an early byte can be written into its place at once, however far beyond
RCV.NXT it lies.  What is missing is a record of {\it which} bytes beyond
RCV.NXT have arrived.  That record is a short list of ranges.@^out-of-order segments@>@^reassembly@>

@ A range is a run of sequence numbers.  The receive buffer keeps the
runs of bytes it holds beyond RCV.NXT, in the order of the stream, with
a gap before each: two ranges never touch and never overlap, and the
first does not touch RCV.NXT (if it did, its bytes would be in order, and
counted in |len|).

A range could be stored as its first and its last sequence number, eight
bytes; it takes four.  Every byte the buffer holds lies less than
$2^{16}$ after RCV.NXT, since the ring is at most 64 kilobytes long, so
the low sixteen bits of a range's first sequence number say where it
begins: its distance from RCV.NXT is their difference from RCV.NXT's
low sixteen bits, modulo $2^{16}$, and that distance is never zero for a
held range.  Its length, too, is less than $2^{16}$.  The chapter ``How
fast is it?'' (\secref{perf}) explains why the 32 bytes saved in every connection
mattered.  A later version that scales the window beyond 64 kilobytes
(RFC~7323) would have to give the ranges back their full width, which is
why the compiler is asked to check the ring's size.@^RFC 7323@>

@<The type of a range of sequence numbers@>=
#define TCP_REASM_RANGES 8 /* the most ranges held beyond RCV.NXT */
struct seq_range {
  uint16_t lo;   /* the low 16 bits of the sequence number of its first byte */
  uint16_t len;  /* its length in bytes, never 0 */
};
_Static_assert(TCP_RING_SIZE <= 65536, "ranges are stored in 16 bits");

@ The general path reads and writes ranges through three small
functions, which turn the stored form into distances from RCV.NXT and
back; so do the tests, through the two that give sequence numbers.

@<Inline functions of the buffers@>=
static inline uint32_t range_start(const struct tcp_rcvbuf *b, size_t k)
{
  return (uint16_t) (b->range[k].lo - (uint16_t) rcvbuf_next(b));
}
static inline uint32_t range_end(const struct tcp_rcvbuf *b, size_t k)
{
  return range_start(b, k) + b->range[k].len;
}
static inline void set_range(struct tcp_rcvbuf *b, size_t k, uint32_t lo,
  uint32_t hi)
{
  b->range[k].lo = (uint16_t) (rcvbuf_next(b) + lo);
  b->range[k].len = (uint16_t) (hi - lo);
}
static inline uint32_t rcvbuf_range_lo(const struct tcp_rcvbuf *b, size_t k)
{
  return rcvbuf_next(b) + range_start(b, k);
}
static inline uint32_t rcvbuf_range_hi(const struct tcp_rcvbuf *b, size_t k)
{
  return rcvbuf_next(b) + range_end(b, k);
}

@ The list has a fixed length.  A receiver's memory must be bounded
whatever the sender does, and a hostile sender could otherwise send
every other byte of the window and make the list as long as half the
window.  Eight ranges are enough for the losses a real path suffers in
one window (each range needs a separate loss before it); a segment that
would need a ninth is dropped, as if the network had lost it, and comes
again later.  Dropping a segment beyond RCV.NXT never stops the
connection: the segment that fills the first gap always fits, since it
only joins the bytes already in order.

@<Fields of the receive buffer for bytes out of order@>=
uint32_t nranges;
struct seq_range range[TCP_REASM_RANGES];

@* The general path.
Text that is not simply the next bytes expected comes here.  The
function follows the fast path's contract: it stores what it can and
returns how far RCV.NXT moved.  It works in four steps: it trims the
text to the bytes the buffer could hold, finds the ranges the text
touches, copies the bytes that are new, and merges the text into the
list; if the merged run begins at RCV.NXT, its bytes are now in order.
Two helpers that move ranges about in the list are defined after it.

The function is not |static|, although only |rcvbuf_insert| calls it.
A compiler folds a static function that is called once into its caller,
and then the fast path would begin by saving all the registers that the
general path needs: a few instructions more for every segment, to serve
the rare one.

@<The general path of arriving text@>=
static void remove_ranges(struct tcp_rcvbuf *b, size_t from, size_t to);
static void open_range(struct tcp_rcvbuf *b, size_t at);

uint32_t rcvbuf_insert_out_of_order(struct tcp_rcvbuf *b, uint32_t seq,
  const uint8_t *text, uint32_t n)
{
  uint32_t nxt = rcvbuf_next(b);
  uint32_t lo, hi;  /* the text's place, counted from RCV.NXT */
  size_t i, j;      /* the ranges it touches are |i| to $|j|-1$ */
  @<Trim the text to the bytes the buffer could still take, or return 0@>@;
  @<Find the ranges that the text overlaps or touches@>@;
  @<Refuse the text if it needs one range too many@>@;
  @<Copy the bytes of the text that the buffer does not hold@>@;
  @<Merge the text and the ranges it touches into one range@>@;
}

@ Every sequence number here is measured by its distance forward from
RCV.NXT: an unsigned subtraction that wraps, as sequence numbers do.
Bytes the buffer could take are at distances from 0 to the window, far
below $2^{31}$; a text that begins before RCV.NXT has a distance near
$2^{32}$, and the part of it before RCV.NXT is old news (a duplicate, or
the repeated beginning of a segment sent again) and is cut off.  Then
the end is cut to the window's right edge.  What is left may be
nothing: a duplicate of bytes already in order, or a segment wholly
beyond the window.@^sequence numbers, wrap-around@>

@<Trim the text to the bytes the buffer could still take, or return 0@>=
uint32_t off = seq - nxt;
if (off >= 0x80000000u) {  /* it begins before RCV.NXT */
  uint32_t old = nxt - seq;
  if (old >= n) return 0;
  text += old;
  n -= old;
  off = 0;
}
uint32_t window = rcvbuf_window(b);
if (off >= window) return 0;
if (n > window - off) n = window - off;
if (n == 0) return 0;
lo = off;
hi = off + n;

@ The ranges that end before the text begins are left alone, and so are
those that begin after it ends; the ones between, from index |i| up to
|j|, overlap the text or touch it, and will be merged with it into one.

@<Find the ranges that the text overlaps or touches@>=
@q LAB hole reassembly.find @>
for (i = 0; i < b->nranges && range_end(b, i) < lo; i++) continue;
for (j = i; j < b->nranges && range_start(b, j) <= hi; j++) continue;
@q LAB end @>

@ Merging replaces $|j|-|i|$ ranges by one, so the list grows only when
the text touches no range ($|i|=|j|$); and if the merged range begins at
RCV.NXT it leaves the list altogether.  Only a text that starts a new
island, beyond RCV.NXT, when the list is full, is refused.

@<Refuse the text if it needs one range too many@>=
if (i == j && lo > 0 && b->nranges == TCP_REASM_RANGES) return 0;

@ Bytes that the buffer holds already are not copied again: between the
ranges the text touches lie the gaps, and only the parts of the text
that fall into gaps are written.  This is the ``trimming'' of overlaps
and duplicates.  (The bytes a sender repeats are the same bytes; a
receiver that wrote them again would do no harm, but no good either.)

@<Copy the bytes of the text that the buffer does not hold@>=
{
@q LAB hole reassembly.copy @>
  uint32_t at = lo;  /* the first byte not yet accounted for */
  for (size_t k = i; k < j; k++) {
    uint32_t rlo = range_start(b, k), rhi = range_end(b, k);
    if (rlo > at) ring_put(b->data, b->mask, nxt + at, text + (at - lo), rlo - at);
    if (rhi > at) at = rhi;
  }
  if (at < hi) ring_put(b->data, b->mask, nxt + at, text + (at - lo), hi - at);
@q LAB end @>
}

@ The merged range runs from the lower of the text's start and the first
touched range's, to the higher of the ends.  If it begins at RCV.NXT,
all its bytes are in order now: the touched ranges leave the list, the
count of bytes in order grows by the length of the merged range, and
that length is what the function returns.  Otherwise the touched
ranges give way to the merged one and nothing new is in order.

@<Merge the text and the ranges it touches into one range@>=
@q LAB hole reassembly.merge @>
if (i < j && range_start(b, i) < lo) lo = range_start(b, i);
if (i < j && range_end(b, j - 1) > hi) hi = range_end(b, j - 1);
if (lo == 0) {
  remove_ranges(b, 0, j);
  b->len += hi;
  return hi;
}
remove_ranges(b, i + 1, j);
if (i == j) open_range(b, i);
set_range(b, i, lo, hi);
return 0;
@q LAB end @>

@ Two small functions move the list about.  |remove_ranges| deletes the
ranges from index |from| up to |to|, closing the gap; |open_range| makes
room for a new range at index |at|.

@<The general path of arriving text@>=
static void remove_ranges(struct tcp_rcvbuf *b, size_t from, size_t to)
{
  if (from >= to) return;
  memmove(&b->range[from], &b->range[to],
    (b->nranges - to) * sizeof b->range[0]);
  b->nranges -= (uint32_t) (to - from);
}

static void open_range(struct tcp_rcvbuf *b, size_t at)
{
  memmove(&b->range[at + 1], &b->range[at],
    (b->nranges - at) * sizeof b->range[0]);
  b->nranges++;
}

@* Asking about held bytes.
The core needs to know one more thing: whether the buffer holds a given
stretch of sequence numbers, in order or beyond a gap.  A FIN that
arrives out of order follows the last byte of its segment; the core
remembers it only if the segment's text was kept, and it processes the
FIN when RCV.NXT reaches it.  A stretch of no bytes is held trivially.@^out-of-order segments@>

@<Declarations of the buffers@>=
bool rcvbuf_holds(const struct tcp_rcvbuf *b, uint32_t seq, uint32_t end);

@ @<Functions of the buffers@>=
bool rcvbuf_holds(const struct tcp_rcvbuf *b, uint32_t seq, uint32_t end)
{
  uint32_t nxt = rcvbuf_next(b), lo = seq - nxt, hi = end - nxt;
  if (lo == hi || hi >= 0x80000000u) return true;  /* empty, or before RCV.NXT */
  if (lo >= 0x80000000u) lo = 0;
  for (size_t k = 0; k < b->nranges; k++)
    if (range_start(b, k) <= lo && hi <= range_end(b, k)) return true;
  return false;
}

@* Reassembly in the core.
The core hands every acceptable segment's text to |rcvbuf_insert|, in
order or not (the chapter on the first byte, \secref{firstbyte}).  When nothing became
readable, the text was either kept beyond a gap or refused because the
list of ranges was full; a refused text is counted as dropped, out of
order.  A kept text may end with a FIN.  The FIN cannot be taken yet,
since bytes before it are missing, but it need not be thrown away
either: the core remembers where it is, and takes it when RCV.NXT gets
there.@^acceptable segment@>

@<Keep the FIN of text held out of order, or count the text dropped@>=
{
  uint32_t end = s->seq + n;
  if (!rcvbuf_holds(&c->rcvbuf, s->seq, end)) drop(c, TCP_DROP_OUT_OF_ORDER);
  else if (s->flags & TCP_FIN) {
    c->fin_pending = true;
    c->fin_pending_seq = end;
  }
}

@ @<The flags of the connection@>=
uint32_t fin_pending_seq;
bool fin_pending;          /* a FIN arrived out of order, at |fin_pending_seq| */

@ The FIN is next when the segment carries one right after its text and
RCV.NXT has reached it, or when a FIN that came earlier, out of order,
is now at RCV.NXT.

@<Private declarations of the core@>=
static bool fin_is_next(const struct tcp_conn *c, const struct segment *s);

@ @<Functions of the core@>=
static bool fin_is_next(const struct tcp_conn *c, const struct segment *s)
{
  if ((s->flags & TCP_FIN) && s->seq + (uint32_t) s->len == c->rcv_nxt)
    return true;
  return c->fin_pending && c->fin_pending_seq == c->rcv_nxt;
}

@* Exercises.

\smallskip\noindent
1.~\diff1 A receive buffer expects byte 1000 and holds the ranges
1200--1299 and 1400--1499.  Segments arrive carrying 1300--1399, then
1000--1199, then 1100--1599.  After each, what are RCV.NXT, the list of
ranges and the value |rcvbuf_insert| returns? \excheck{reassembly.1}

\smallskip\noindent
2.~\diff2 Change |TCP_REASM_RANGES| to 1 and run the property test of
transfers under reordering and under 10\% loss
(\.{build/tests/test\_transfer --faults reorder}, then
\.{--faults loss10}).  Do the transfers still succeed?  Run one seed,
\.{--faults loss10 --seed 7}, which prints the number of
retransmissions, with one range and with the default of eight, and
explain the difference. \excheck{reassembly.2}

\smallskip\noindent
3.~\diff2 When the list is full, the text is refused.  Make it instead
forget the {\it last} range, the one farthest from RCV.NXT, when the new
text lies before it.  Why is that a better bet?  Which test would show
it? \excheck{reassembly.3}

\smallskip\noindent
4.~\diff3 The sender could learn which ranges the receiver holds, and
repeat only what is missing: that is the selective acknowledgment
option of RFC~2018.  Write the function that turns the list of ranges
into the SACK blocks of an option, most recent first, and say what a
receiver must remember to know which range is the most recent.

\smallskip\noindent
5.~\diff4 A receiver that cannot trust its peer to resend the same bytes
for the same sequence numbers (RFC~9293 does not require it) must choose
which copy to keep.  Find a test that notices the difference between
keeping the first copy and keeping the last, and decide which the
program should keep.@^selective acknowledgment (SACK)@>@^reordering, simulated@>@^RFC 2018@>
