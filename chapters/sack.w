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
  size_t len;
  const uint8_t *o = seg_option(s, TCPOPT_SACK, &len);
  if (!o) return -1;
  uint32_t left = seq_lt(c->snd_una, s->ack) ? s->ack : c->snd_una;
  int news = 0;
  for (size_t i = 2; i + 8 <= len; i += 8) {
    uint32_t lo = get_be32(o + i), hi = get_be32(o + i + 4);
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
