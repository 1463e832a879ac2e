@q sack.w: selective acknowledgments (RFC 2018) and the sender's scoreboard (RFC 6675). @>

@** Selective acknowledgments.
\label{sack}%
A cumulative acknowledgment says where the first hole is, and nothing
about what lies after it.  The receiver of the chapter on reassembly
knows exactly which ranges it holds beyond RCV.NXT; the sender, told
only ``I still want byte $n$'', learns of the second hole of a window
only when the first is repaired, a round trip later, and of the third a
round trip after that.  RFC~2018 lets the receiver say more: an option
of up to four {\it SACK blocks}, each the first and the last-plus-one
sequence number of a range it holds.  The sender keeps what the blocks
say on a {\it scoreboard}, and with it can repair every hole of a
window in one round trip, and know which segments not to send again.

The option is used only if both ends ask for it: each puts the option
``SACK permitted'' on its SYN, and a SYN,ACK carries it only if the SYN
did (RFC~2018 \S2).  A peer that does not, an old TCP or \.{ltcp}
with \.{--no-sack}, is sent no blocks, and its acknowledgments are read
as in the last chapter.

@<Put the options of a SYN in |s|@>=
{
  seg_set_mss(&s, c->cfg->mss);
  if (c->cfg->sack && (!(flags & TCP_ACK) || c->sack_ok))
    seg_add_sack_permitted(&s);
}

@ The scoreboard belongs to the sender's side of the connection, with
|sack_ok|, which says that both SYNs carried the option.  The receiver's
side needs one number, |sack_recent|: where the latest text that arrived
out of order began, since RFC~2018 \S4 wants the block that holds it
reported first.  The scoreboard is a short list of blocks, kept in the
order of the sequence space, none touching another, all above SND.UNA.
Eight are plenty: a receiver holds at most eight ranges (the chapter on
reassembly), and one that held more could report only four at a time.

@<The scoreboard of selective acknowledgments@>=
bool sack_ok;
uint8_t nsacked;
uint32_t sack_recent;
struct seq_block sacked[TCP_SCOREBOARD];

@ @<Types of selective acknowledgments@>=
#define TCP_SCOREBOARD 8
struct seq_block {
  uint32_t lo, hi;  /* the first sequence number, and the one after the last */
};

@* The receiver reports what it holds.
Every acknowledgment that leaves while the receive buffer holds ranges
beyond RCV.NXT carries them, if the connection agreed on SACK: the
range that holds the latest arrival first, then the others in the order
of the stream, nearest the left edge first, since those are the holes
the sender must fill first.  Forty bytes of option room hold four
blocks behind two bytes of padding.

@<Private declarations of the core@>=
static void put_sack_blocks(const struct tcp_conn *c, struct segment *s);

@ @<Functions of the core@>=
static void put_sack_block(uint8_t *p, const struct tcp_rcvbuf *b, size_t k)
{
  put_be32(p, rcvbuf_range_lo(b, k));
  put_be32(p + 4, rcvbuf_range_hi(b, k));
}

static void put_sack_blocks(const struct tcp_conn *c, struct segment *s)
{
  const struct tcp_rcvbuf *b = &c->rcvbuf;
  size_t first = 0, n = 1, room = (TCP_OPTIONS_MAX - s->optlen - 4) / 8;
  for (size_t k = 0; k < b->nranges; k++)
    if (c->sack_recent - rcvbuf_range_lo(b, k)
        < rcvbuf_range_hi(b, k) - rcvbuf_range_lo(b, k)) first = k;
  uint8_t *p = s->options + s->optlen;
  p[0] = p[1] = TCPOPT_NOP;
  p[2] = TCPOPT_SACK;
  put_sack_block(p + 4, b, first);
  for (size_t k = 0; k < b->nranges && n < room; k++)
    if (k != first) put_sack_block(p + 4 + 8 * n++, b, k);
  p[3] = (uint8_t) (2 + 8 * n);
  s->optlen = (uint8_t) (s->optlen + 4 + 8 * n);
}

@* The sender's scoreboard.
The sender reads the blocks of every acknowledgment that takes the long
way through the core (header prediction leaves segments with options
to it).  A block is believed only if it lies above the acknowledgment
and within what was sent; anything else, such as the ``D-SACK'' blocks
of RFC~2883 that report a duplicate below the acknowledgment, is
ignored.  The function returns $-1$ if the segment carried no blocks, 1
if they told something new, 0 if not.

@<Private declarations of the core@>=
static int take_sack_blocks(struct tcp_conn *c, const struct segment *s);
static bool add_sacked(struct tcp_conn *c, uint32_t lo, uint32_t hi);
static void trim_scoreboard(struct tcp_conn *c, uint32_t ack);

@ @<Functions of the core@>=
static int take_sack_blocks(struct tcp_conn *c, const struct segment *s)
{
  uint32_t edges[SEG_SACK_BLOCKS_MAX][2];
  int n = seg_sack_blocks(s, edges, SEG_SACK_BLOCKS_MAX);
  if (n < 0) return -1;
  uint32_t left = seq_lt(c->snd_una, s->ack) ? s->ack : c->snd_una;
  int news = 0;
  for (int k = 0; k < n; k++) {
    uint32_t lo = edges[k][0], hi = edges[k][1];
    if (!seq_lt(lo, hi) || !seq_lt(left, hi) || seq_gt(hi, c->snd_nxt))
      continue;
    if (seq_lt(lo, left)) lo = left;
    if (add_sacked(c, lo, hi)) news = 1;
  }
  return news;
}

@ A block joins the list in its place, merged with the blocks it
overlaps or touches.  The function says whether it covered anything
new.  When the list is full, a new block beyond the last is dropped,
and otherwise the last block makes room: the blocks nearest SND.UNA
matter most.

@<Functions of the core@>=
static bool add_sacked(struct tcp_conn *c, uint32_t lo, uint32_t hi)
{
  size_t i = 0, j;
  while (i < c->nsacked && seq_lt(c->sacked[i].hi, lo)) i++;
  for (j = i; j < c->nsacked && seq_le(c->sacked[j].lo, hi); j++) continue;
  if (i == j) {
    if (c->nsacked == TCP_SCOREBOARD) {
      if (i == TCP_SCOREBOARD) return false;
      c->nsacked--;
    }
    memmove(&c->sacked[i + 1], &c->sacked[i],
      (c->nsacked - i) * sizeof c->sacked[0]);
    c->sacked[i].lo = lo;
    c->sacked[i].hi = hi;
    c->nsacked++;
    return true;
  }
  uint32_t nlo = seq_lt(lo, c->sacked[i].lo) ? lo : c->sacked[i].lo;
  uint32_t nhi = seq_lt(c->sacked[j - 1].hi, hi) ? hi : c->sacked[j - 1].hi;
  bool news = j - i > 1 || nlo != c->sacked[i].lo || nhi != c->sacked[i].hi;
  c->sacked[i].lo = nlo;
  c->sacked[i].hi = nhi;
  memmove(&c->sacked[i + 1], &c->sacked[j],
    (c->nsacked - j) * sizeof c->sacked[0]);
  c->nsacked = (uint8_t) (c->nsacked - (j - i - 1));
  return news;
}

@ A cumulative acknowledgment removes what it covers from the list.

@<Functions of the core@>=
static void trim_scoreboard(struct tcp_conn *c, uint32_t ack)
{
  size_t k = 0;
  while (k < c->nsacked && seq_le(c->sacked[k].hi, ack)) k++;
  memmove(c->sacked, c->sacked + k, (c->nsacked - k) * sizeof c->sacked[0]);
  c->nsacked = (uint8_t) (c->nsacked - k);
  if (c->nsacked != 0 && seq_lt(c->sacked[0].lo, ack)) c->sacked[0].lo = ack;
}

@* Holes, and which of them are lost.
The scoreboard's blocks cut the sequence space from SND.UNA to SND.NXT
into holes: the $k$th hole is the run before the $k$th block, and the
last one runs from the last block to SND.NXT.  Without blocks there is
one hole, everything in flight.  |hole| gives the $k$th, or |false|
when there are no more; the recovery of the last chapter walks them.

@<Private declarations of the core@>=
static bool hole(const struct tcp_conn *c, size_t k, uint32_t *a, uint32_t *b);
static bool lost_by_sack(const struct tcp_conn *c, size_t k);

@ @<Functions of the core@>=
static bool hole(const struct tcp_conn *c, size_t k, uint32_t *a, uint32_t *b)
{
  if (k > c->nsacked) return false;
  *a = k == 0 ? c->snd_una : c->sacked[k - 1].hi;
  *b = k < c->nsacked ? c->sacked[k].lo : c->snd_nxt;
  return true;
}

@ RFC~6675 (its IsLost) takes a hole as lost when enough has arrived
above it that reordering is no longer a likely explanation: three
separate blocks, or more than two segments' worth of bytes.  It is the
rule of three duplicates again, counted in what the receiver holds
rather than in acknowledgments, and it holds for every hole at once.
The last hole, with nothing above it, is never lost by this rule.

@<Functions of the core@>=
static bool lost_by_sack(const struct tcp_conn *c, size_t k)
{
  if (k >= c->nsacked) return false;
  if (c->nsacked - k >= TCP_DUPTHRESH) return true;
  uint32_t bytes = 0;
  for (size_t i = k; i < c->nsacked; i++)
    bytes += c->sacked[i].hi - c->sacked[i].lo;
  return bytes > (TCP_DUPTHRESH - 1) * (uint32_t) c->snd_mss;
}

@* One pattern of losses, repaired three ways.
The three ways of repairing a loss that the last two chapters built,
the timer alone, fast retransmission with NewReno's recovery, and
selective acknowledgments, are easiest to compare in pictures.  The
{\it time--sequence graphs} below are drawn by \.{ltcp} itself, as the
chapter on pictures of losses (\secref{lossfig}) explains, from the
captures of three runs of the same transfer: a client sends 100\,000
bytes on the bulk link, whose virtual clock makes each crossing take 10
milliseconds, and the link loses the 26th, 28th and 31st segments of
data the first time each is sent.  Only the configuration differs:
$$\vbox{\halign{\.{#}\hfil\cr
ltcp transfer --drop 26,28,31 --no-fast-retransmit --no-sack -w timeout.pcapng\cr
ltcp transfer --drop 26,28,31 --no-sack -w newreno.pcapng\cr
ltcp transfer --drop 26,28,31 -w sack.pcapng\cr}}$$
Time runs to the right, the offset of a segment's first byte in the
stream runs up.  Each dot is a segment of data as it left the sender; a
hollow one was lost on the link; a red diamond repeats bytes sent
before.  The blue line is the acknowledged edge: the bytes the receiver
holds in order, as its acknowledgments report them.  Green strokes are
the SACK blocks of those acknowledgments.  The bulk link has no rate,
only a delay, so each round trip's segments leave at the same instant
and stand in a column; a real link spreads them out into a slope.  The
three runs report:
\runlog{transfer-runs}
The same three captures open in Wireshark, whose ``Stevens'' stream
graph draws the same picture.@^time--sequence graph@>@^Wireshark@>@^Stevens, W. Richard@>

@ All three runs begin alike: slow start doubles the columns, three,
six, twelve, twenty-four segments, one column per round trip of 20
milliseconds, and the edge rises 10 milliseconds after each column,
when the receiver has it and acknowledges it.  (The capture stamps each
segment with the instant its own sender put it on the link; an
acknowledgment reaches the data's sender 10 milliseconds after it is
drawn.)  In the column at 80 milliseconds three
dots are hollow.

With the timer alone the edge stops at the first hole, 36.5 kilobytes,
and stays there for a second.  The sender first spends the window it
has (the column at 100 milliseconds), then waits: the many duplicate
acknowledgments that come back say nothing to it.  At 1100 milliseconds
the timer expires, the window falls to one segment, and the sender goes
back to the first unacknowledged byte and starts again in slow start.
Without SACK it cannot know which later segments arrived: it repeats the
26th segment, then the 28th {\it and the 29th}, then the 31st, 32nd and
33rd; three of its six repetitions carry bytes the receiver already
had.  The edge then jumps over everything that was held beyond the
holes.

\fig{tsg-timeout}{4.4in}{The timer alone: three segments of one
window lost, a second of waiting, and a restart from the first hole, which
repeats three segments that were not lost.}

@ With fast retransmission the third duplicate acknowledgment, sent at
90 milliseconds, starts a recovery when it arrives, and the 26th segment
goes again at 100 milliseconds.  Its acknowledgment is partial: it covers the 26th and
27th segments and stops at the 28th, which NewReno takes as lost and
repeats at once; the next partial acknowledgment does the same for the
31st.  One hole is repaired per round trip, the edge climbs in three
steps, and meanwhile the duplicates let new segments out, the dots above
the edge at 100 and 120 milliseconds.  Nothing is repeated that was not
lost, and the transfer ends a second earlier than with the timer alone.

\fig{tsg-newreno}{4.4in}{Fast retransmission and NewReno: one
hole repaired per round trip, each revealed by the partial acknowledgment
of the last repair.}

@ With selective acknowledgments the receiver's answers to the column
at 80 milliseconds carry blocks, the green strokes at 90 milliseconds,
that show the three holes between them.  By the rule of
|lost_by_sack| all three are lost at once, and the sender repeats all
three in one column at 100 milliseconds; the next acknowledgment
covers everything, and the transfer ends a round trip earlier than
NewReno's.  The difference grows with the number of holes in a
window: NewReno needs a round trip for each, SACK one for all.  The
graph's scale is that of the previous figure, so the two can be laid
side by side.@^SACK blocks@>@^NewReno@>

\fig{tsg-sack}{4.4in}{Selective acknowledgments: the blocks
show every hole, and all three are repaired in one round trip.}

@* Goodput against the loss rate.
A single run shows how a loss is repaired; many runs show what repair
is worth.  \.{ltcp goodput} moves two megabytes on the bulk link, in
each of the three configurations, at seven loss rates from half a
percent to ten, with five seeds each, losing every segment of data
with the given chance, and prints the median goodput (the bytes the
application moved, divided by the time until the last was
acknowledged) beside the prediction of the Mathis model, $\hbox{MSS}/
\hbox{RTT}\cdot1.22/\sqrt p$, which the chapter on pictures of losses
derives.  The clock is virtual, so the table is the same on every
machine:
\input logs/loss-goodput.tex
\noindent The plot beside it draws the same figures.@^goodput@>@^Mathis model@>

\fig{loss-goodput}{4.4in}{Goodput against the loss rate on the
bulk link (round trip 20~ms, MSS 1460 bytes), median of five seeds, on
logarithmic scales, with the Mathis model's line.}

@ Read on logarithmic scales, the model is a straight line that falls
by a factor of $\sqrt{10}$ for every factor of ten in the loss rate.  With
fast retransmission, with or without SACK, the measurements lie on it
while losses are rare: each loss is repaired within a round trip and
halves the window, just as the model assumes.  As the loss rate grows
they fall below it, NewReno first.  At a few percent, a window of a
handful of segments often loses two in one round trip, which NewReno
repairs one round trip at a time and SACK at once, or loses so much
that three duplicates never come and the timer must act, which the
model ignores; that is what the fuller model of Padhye and others
adds.  The timer alone is an order of magnitude below everything else
at every rate: each loss costs a timeout of at least a second,
fifty round trips of this link.  And a loss at the tail of a transfer,
with no segments behind it to raise duplicates, leaves even the best of
the three senders waiting for its timer; RFC~8985's probe of the tail
is the usual answer.

The same measurement on a real path is part of \.{make bench}: there
the figures \.{goodput-loss-0} to \.{goodput-loss-10} time transfers of
two megabytes between two \.{ltcp} processes over UDP on one machine,
with the carrier losing segments at random (the chapter on the
carrier, \secref{carrier}), and print beside them a model's prediction
for the round trip and loss rate of those runs.  Those figures depend on the
machine and change from run to run; the ones above, computed on the
virtual clock, do not, and that is why the book draws them.@^make bench@>@^UDP as a carrier@>

@* Exercises.

\smallskip\noindent
1.~\diff1 A receiver holds the ranges 3001--4000, 5001--7000 and
9001--10000 beyond RCV.NXT${}=1001$, and the latest segment to arrive
was 5001--6000.  Write the SACK option it sends, byte for byte.

\smallskip\noindent
2.~\diff2 With the scoreboard of exercise~1 and segments of 1000
bytes, which holes are lost by |lost_by_sack|?  Which bytes does the
sender repeat first, and what is the pipe before and after?

\smallskip\noindent
3.~\diff2 Move 2 megabytes with \.{ltcp connect --loss 0.05}, once
with and once without \.{--no-sack}, writing a capture with \.{-w}.
Count the retransmissions in each, and the segments the receiver got
twice.

\smallskip\noindent
4.~\diff3 RFC~2883 (D-SACK) lets a receiver report a segment it
received twice, in a first block below the acknowledgment.  Add it to
|put_sack_blocks|, and use it in the sender to tell a retransmission
that was not needed.

\smallskip\noindent
5.~\diff4 The scoreboard keeps no time.  RACK (RFC~8985) keeps, for
each segment, when it was last sent, and declares a segment lost when
one sent after it has been acknowledged and a little time has passed.
Why does that find a lost {\it retransmission}, which |lost_by_sack|
never does?  Sketch the data it needs.
