@q segment.w: the TCP header, its checksum, its options, sequence numbers. @>

@** Segments on the wire.
Two TCPs talk to each other in {\it segments}: a header of twenty bytes
or more, followed by some bytes of the conversation, the {\it payload}.
Every idea of the article's story (Part~I, \secref{part-story}), from
the handshake to the wave and the long wait in TIME\_WAIT, is carried by a handful of numbers in that
header.  This chapter gives the header a C structure, reads it from the
bytes that cross a network and writes it back, computes the checksum
that guards it, and teaches the program to compare sequence numbers
that wrap around after four billion bytes.
\label{segment}%

A segment from the network is evidence, not a promise.  A cable can
flip a bit, a buggy sender can claim a header longer than the packet,
and a hostile one can write option lengths designed to walk a careless
parser off the end of its buffer.  The parser below reads nothing it has
not first proved to be there, and when it refuses a segment it says
why, so that the connection that drops it can count the reason.

The chapter writes two files: \.{segment.h}, which every other part of
\.{ltcp} includes, and \.{segment.c}.@^sequence number@>@^sequence numbers, wrap-around@>@^checksum@>@^TIME\_WAIT state@>

@(segment.h@>=
#ifndef LTCP_SEGMENT_H
#define LTCP_SEGMENT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
@<Constants of the TCP header@>@;
@<The structure of a segment@>@;
@<Reading and writing numbers in network byte order@>@;
@<Sequence number arithmetic@>@;
@<The ways a segment can be malformed@>@;
@<Declarations of the functions on segments@>@;
#endif

@ The C file includes its own header and the one library header it needs,
for |memcpy| and friends.

@(segment.c@>=
#include <string.h>
#include "segment.h"
@<Functions on segments@>@;

@* The header.
Section~3.1 of RFC~9293 draws the header as rows of 32 bits; the first
five rows are always there, the options that follow are not.  Numbers
are sent most significant byte first, the order the Internet calls {\it
network byte order}.  The numbers on the left count bytes from the
start of the segment.
$$\vbox{\offinterlineskip\capfont
  \def\f#1#2{\hbox to #1pt{\vrule height 11pt depth 5pt\hss#2\hss}}%
  \def\row#1#2{\hbox{\llap{#1\quad}#2\vrule}\hrule}%
  \hrule
  \row{0}{\f{144}{source port}\f{144}{destination port}}
  \row{4}{\f{288}{sequence number}}
  \row{8}{\f{288}{acknowledgment number}}
  \row{12}{\f{36}{offset}\f{36}{reserved}\f{72}{control bits}%
    \f{144}{window}}
  \row{16}{\f{144}{checksum}\f{144}{urgent pointer}}
  \row{20}{\f{288}{options: 0 to 40 bytes, a multiple of 4}}
  \row{}{\f{288}{data (the payload)}}}$$
The header carries no length of the segment as a whole: that comes from
the layer below, the IPv4 packet that carries it.  What the header does
carry is its own length, the {\it data offset}, in units of 32-bit
words; four bits can count up to 15 words, which is why a header is at
most 60 bytes and the options at most 40.@^sequence number@>@^acknowledgment number@>@^TCP options@>@^urgent pointer@>@^checksum@>@^network byte order@>@^data offset@>@^port number@>@^TIME\_WAIT, reasons for@>@^RFC 9293@>

@<Constants of the TCP header@>=
#define TCP_HEADER_MIN 20 /* bytes of a header without options */
#define TCP_OPTIONS_MAX 40 /* room left by the largest data offset, 15 words */

@ An IPv4 packet is at most 65,535 bytes long, and its own header takes
at least 20 of them; a TCP segment, header and payload, can therefore be
at most 65,515 bytes.  The parser refuses anything longer, so that the
16-bit length in the checksum's pseudo-header (below) is always honest.@^checksum@>@^pseudo-header@>

@<Constants of the TCP header@>=
#define TCP_SEGMENT_MAX (65535 - 20)

@ The eight {\it control bits} of byte 13 say what a segment means.  SYN
asks to synchronise sequence numbers (it opens a connection), FIN says
the sender has no more data, RST aborts, ACK says the acknowledgment
field is valid, PSH asks the receiver to hand the data to its
application without waiting, URG marks urgent data, and ECE and CWR
belong to explicit congestion notification.  The bits are named by their
values, so that |TCP_SYN| $\OR$ |TCP_ACK| is the flags of a SYN-ACK.
The four reserved bits of byte 12 are written as zero and ignored on
receipt, as \S3.1 asks.@^sequence number@>@^congestion control@>@^urgent pointer@>@^SYN flag@>@^FIN flag@>@^RST flag@>@^PSH flag@>@^URG flag@>@^abort@>@^RFC 9293 \S3.1@>

@<Constants of the TCP header@>=
enum {
  TCP_FIN = 0x01, TCP_SYN = 0x02, TCP_RST = 0x04, TCP_PSH = 0x08,
  TCP_ACK = 0x10, TCP_URG = 0x20, TCP_ECE = 0x40, TCP_CWR = 0x80
};

@ The structure is the header with everything a program needs to act
on it, and nothing that can be computed: the data offset follows from
the length of the options, and the checksum is computed when the bytes
are written and checked when they are read.  The fields follow, one
idea at a time.@^TCP options@>@^checksum@>@^data offset@>

@<The structure of a segment@>=
struct segment {
  @<Fields of a segment@>@;
};

@ A TCP connection is named by four numbers: two addresses and two
ports.  The addresses do not appear in the TCP header at all (they are
the IPv4 packet's), but the checksum covers them, so a segment must know
them to be written or checked.  We keep them in host byte order, as
ordinary numbers; |0x0a000001| is 10.0.0.1.@^checksum@>@^network byte order@>@^port number@>

@<Fields of a segment@>=
uint32_t src_addr, dst_addr; /* IPv4, host byte order */

@ A {\it port} tells the programs of one host apart: bytes 0--3.@^port number@>

@<Fields of a segment@>=
uint16_t src_port, dst_port;

@ The {\it sequence number} (bytes 4--7) is the number of the first byte
of payload in the sender's stream; a SYN and a FIN each occupy one
number of their own, as if each were a byte.  The {\it acknowledgment
number} (bytes 8--11) is meaningful only with the ACK bit: it is the
next sequence number the sender of the segment expects to receive, which
acknowledges every number before it.@^sequence number@>@^SYN flag@>@^ACK flag@>@^FIN flag@>@^TIME\_WAIT, reasons for@>

@<Fields of a segment@>=
uint32_t seq, ack;

@ The control bits, |TCP_SYN| $\OR$ |TCP_ACK| and so on.

@<Fields of a segment@>=
uint8_t flags;

@ The {\it window} (bytes 14--15) is the number of bytes, beginning with
the one acknowledged, that the sender is willing to receive.  The {\it
urgent pointer} (bytes 18--19) counts, with the URG bit, from the
sequence number to the end of urgent data; \.{ltcp} never sets it and
only carries it along.@^sequence number@>@^urgent pointer@>@^URG flag@>

@<Fields of a segment@>=
uint16_t window;
uint16_t urgent;

@ Options are kept twice: as the raw bytes of the header, so that a
segment read from the network is written back exactly as it came and a
printer can show options \.{ltcp} does not itself use; and, for the one
option \.{ltcp} does use, as a number.  The {\it maximum segment size}
is the largest payload the sender of a SYN is willing to receive in one
segment (\S3.7.1); |mss| is zero when a segment does not carry the
option.  |optlen| is the number of bytes of |options| in use; when a
segment is written, the options are padded with zeros to a multiple of
four, and a segment read back has the padded length.@^maximum segment size (MSS)@>@^TCP options@>@^SYN flag@>@^RFC 9293 \S3.7.1@>

@<Fields of a segment@>=
uint16_t mss;
uint8_t optlen;
uint8_t options[TCP_OPTIONS_MAX];

@ Last, the payload.  A parsed segment does not copy it: |payload|
points into the buffer the segment was read from, so that buffer must
outlive the structure.  |len| is the number of bytes.

@<Fields of a segment@>=
const uint8_t *payload;
size_t len;

@* Network byte order.
Four little functions read and write 16- and 32-bit numbers most
significant byte first, whatever the byte order of the machine.  They
work on bytes one at a time, so the data need not be aligned, and they
are in the header, as |static inline|, because the capture files of the
next chapter (\secref{log}) need them too.  The casts to |uint32_t| come before the
shifts: a byte promoted to |int| and shifted left by 24 could overflow.@^network byte order@>@^pcapng capture file@>

@<Reading and writing numbers in network byte order@>=
static inline uint16_t get_be16(const uint8_t *p)
{
  return (uint16_t) ((unsigned) p[0] << 8 | p[1]);
}

static inline uint32_t get_be32(const uint8_t *p)
{
  return (uint32_t) p[0] << 24 | (uint32_t) p[1] << 16
    | (uint32_t) p[2] << 8 | p[3];
}

@ @<Reading and writing numbers in network byte order@>=
static inline void put_be16(uint8_t *p, uint16_t v)
{
  p[0] = (uint8_t) (v >> 8);
  p[1] = (uint8_t) v;
}

static inline void put_be32(uint8_t *p, uint32_t v)
{
  p[0] = (uint8_t) (v >> 24);
  p[1] = (uint8_t) (v >> 16);
  p[2] = (uint8_t) (v >> 8);
  p[3] = (uint8_t) v;
}

@* Sequence numbers.
Sequence numbers are 32 bits wide and wrap: after $2^{32}-1$ comes 0.
A connection that moves more than four gigabytes passes the wrap, and
one whose initial sequence number was chosen near the top passes it
almost at once.  So ``|a| comes before |b|'' cannot be |a < b|; \S3.4
asks that the comparison be done modulo $2^{32}$.  The trick is to look
at the distance from |a| forward to |b|, computed in unsigned
arithmetic, which wraps by definition: |a| is before |b| when that
distance is between 1 and $2^{31}-1$.  A TCP never has more than $2^{31}$
numbers in flight (the window is far smaller), so every pair of numbers
it compares is less than half the circle apart.

Exactly half way round the comparison has no sensible answer.  With
this definition |seq_lt(a, a + 0x80000000)| and |seq_lt(a + 0x80000000,
a)| are both false: such numbers are neither before nor after each
other.  (The more common form, which casts the difference to a signed
integer, makes both true.)@^initial sequence number (ISN)@>@^sequence number@>@^sequence numbers, wrap-around@>@^RFC 9293 \S3.4@>

@<Sequence number arithmetic@>=
static inline bool seq_lt(uint32_t a, uint32_t b)
{
@q LAB hole segment.seq-lt @>
  uint32_t forward = b - a;
  return forward != 0 && forward < 0x80000000u;
@q LAB end @>
}

@ The other three comparisons follow from the first.@^TIME\_WAIT, reasons for@>

@<Sequence number arithmetic@>=
static inline bool seq_gt(uint32_t a, uint32_t b) { return seq_lt(b, a); }
static inline bool seq_le(uint32_t a, uint32_t b)
{
  return a == b || seq_lt(a, b);
}
static inline bool seq_ge(uint32_t a, uint32_t b) { return seq_le(b, a); }

@ Much of TCP asks whether a number lies in a window: is this byte
one we can accept, does this acknowledgment cover data we sent?
|seq_in(x, lo, hi)| is true when $|lo|\le|x|<|hi|$ going round the
circle from |lo|: when the distance from |lo| to |x| is less than the
distance from |lo| to |hi|.  An empty window, $|lo|=|hi|$, contains
nothing.

@<Sequence number arithmetic@>=
static inline bool seq_in(uint32_t x, uint32_t lo, uint32_t hi)
{
@q LAB hole segment.seq-in @>
  return (uint32_t) (x - lo) < (uint32_t) (hi - lo);
@q LAB end @>
}

@ The {\it length} of a segment in sequence space (\S3.4's SEG.LEN)
counts its payload and one number each for SYN and FIN.@^SYN flag@>@^FIN flag@>@^RFC 9293 \S3.4@>

@<Sequence number arithmetic@>=
static inline uint32_t seg_seq_len(const struct segment *s)
{
  return (uint32_t) s->len + ((s->flags & TCP_SYN) != 0)
    + ((s->flags & TCP_FIN) != 0);
}

@* The Internet checksum.
The checksum of RFC~1071 is the one's complement of the one's
complement sum of the data taken as 16-bit numbers.  In one's complement
addition a carry out of the top bit is added back in at the bottom.
Since carries may be added back in any order, we add the 16-bit words
into a wide accumulator and fold the carries in at the end; with 64 bits
no realistic buffer can overflow it.

Data of odd length is summed as if a zero byte followed it.  That rule
makes |inet_sum| composable: the sum of two pieces is the sum of the
whole, provided only the last piece has an odd length.@^checksum@>@^one's complement sum@>@^RFC 1071@>

@ The plain way to write the sum is a loop over 16-bit words read in
network byte order.  It is right, but a sender checksums every byte it
sends, and two facts from \S2 of RFC~1071 let us go several times
faster.  First, the one's complement sum does not care about the width
of the words it adds: since $2^{16}$ leaves a remainder of~1 when divided
by $2^{16}-1$, a 32-bit word adds the same, once folded, as its two
halves; so we add 32-bit words, two at a time.  Second, the sum does not
care about byte order either: summing the words in the machine's own
order and swapping the two bytes of the folded result gives the sum in
network order.  So the loop reads words with |memcpy| (which is portable
and, for a small constant size, compiles to one load) and converts only
the 16-bit result.  The caller's running |sum| is in network order and
stays so.@^checksum@>@^one's complement sum@>@^network byte order@>@^port number@>@^RFC 1071 \S2@>@^RFC 1071@>

@<Functions on segments@>=
uint64_t inet_sum(uint64_t sum, const uint8_t *p, size_t n)
{
  uint64_t s = 0; /* in the machine's byte order */
  size_t i = 0;
  @<Add the data eight bytes at a time@>@;
  @<Add the remaining 16-bit words and the odd byte@>@;
  @<Fold |s| to 16 bits and add it to |sum| in network order@>@;
  return sum;
}

@ @<Add the data eight bytes at a time@>=
for (; i + 8 <= n; i += 8) {
  uint32_t a, b;
  memcpy(&a, p + i, 4);
  memcpy(&b, p + i + 4, 4);
  s += a;
  s += b;
}

@ The odd byte is the high byte of a word whose low byte is zero, in
network order; laid out in memory as the two bytes |p[i]| and~0, it is
read like any other word.

@<Add the remaining 16-bit words and the odd byte@>=
for (; i + 2 <= n; i += 2) {
  uint16_t a;
  memcpy(&a, p + i, 2);
  s += a;
}
if (i < n) {
  uint8_t last[2] = {p[i], 0};
  uint16_t a;
  memcpy(&a, last, 2);
  s += a;
}

@ Storing the folded 16 bits in memory and reading them back with
|get_be16| swaps them on a little-endian machine and leaves them alone
on a big-endian one: exactly the conversion to network order.@^big-endian@>

@<Fold |s| to 16 bits and add it to |sum| in network order@>=
while (s >> 16) s = (s & 0xffff) + (s >> 16);
uint16_t folded = (uint16_t) s;
uint8_t be[2];
memcpy(be, &folded, 2);
sum += get_be16(be);

@ Folding adds the carries, everything above the low 16 bits, back
into the low 16 bits, until none are left; the checksum is the
complement of the result.@^checksum@>

@<Functions on segments@>=
uint16_t inet_fold(uint64_t sum)
{
@q LAB hole segment.fold @>
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return (uint16_t) ~sum;
@q LAB end @>
}

@ The checksum of a buffer, for the IPv4 header of the next chapter (\secref{log}).

@<Functions on segments@>=
uint16_t inet_checksum(const uint8_t *p, size_t n)
{
  return inet_fold(inet_sum(0, p, n));
}

@ TCP's checksum covers, besides the segment, a {\it pseudo-header} of
twelve bytes that is never sent (\S3.1): the two IPv4 addresses, a zero
byte, the protocol number 6, and the length of the segment.  A segment
delivered to the wrong address, or cut short, fails the checksum even
though its own bytes are intact.

The sender computes the checksum with the checksum field set to zero and
stores the result there.  The receiver computes it over the segment as
received, checksum field included: the stored complement cancels the
sum, and the result is zero when nothing was damaged.@^pseudo-header@>@^RFC 9293 \S3.1@>

@<Functions on segments@>=
uint16_t tcp_checksum(uint32_t src_addr, uint32_t dst_addr,
  const uint8_t *seg, size_t n)
{
@q LAB hole segment.pseudo @>
  uint8_t pseudo[12];
  put_be32(pseudo, src_addr);
  put_be32(pseudo + 4, dst_addr);
  pseudo[8] = 0;
  pseudo[9] = 6; /* TCP */
  put_be16(pseudo + 10, (uint16_t) n);
  return inet_fold(inet_sum(inet_sum(0, pseudo, 12), seg, n));
@q LAB end @>
}

@ @<Declarations of the functions on segments@>=
uint64_t inet_sum(uint64_t sum, const uint8_t *p, size_t n);
uint16_t inet_fold(uint64_t sum);
uint16_t inet_checksum(const uint8_t *p, size_t n);
uint16_t tcp_checksum(uint32_t src_addr, uint32_t dst_addr,
  const uint8_t *seg, size_t n);

@* Options.
An option begins with a byte that names its {\it kind}.  Two kinds are a
single byte: kind 0 ends the list of options (everything after it is
padding), and kind 1, ``no operation,'' is padding between options that
a sender wants aligned.  Every other kind is followed by a byte giving
the length of the whole option, kind and length bytes included, and so
at least 2.  A receiver must skip kinds it does not know by that length
(\S3.2), which is what makes new options possible at all.  The kinds a
reader of this book will meet in captures are these; \.{ltcp} itself
sends the MSS, and the two options of selective acknowledgments that the
chapter on losses adds.@^maximum segment size (MSS)@>@^TCP options@>@^RFC 9293 \S3.2@>

@<Constants of the TCP header@>=
enum {
  TCPOPT_EOL = 0, TCPOPT_NOP = 1, TCPOPT_MSS = 2, TCPOPT_WSCALE = 3,
  TCPOPT_SACK_PERMITTED = 4, TCPOPT_SACK = 5, TCPOPT_TIMESTAMP = 8
};

@ The MSS option is four bytes: kind 2, length 4, and the size.
|seg_set_mss| makes it the only option of a segment; every SYN of
\.{ltcp} begins its options with it.  It is an |inline| function of the header: the
core's function that builds every segment calls it only for a SYN, but
a call anywhere in that function would make every segment pay for
saving the registers the call needs.@^maximum segment size (MSS)@>@^MSS option@>@^SYN flag@>

@<Declarations of the functions on segments@>=
static inline void seg_set_mss(struct segment *s, uint16_t mss)
{
  s->options[0] = TCPOPT_MSS;
  s->options[1] = 4;
  put_be16(s->options + 2, mss);
  s->optlen = 4;
  s->mss = mss;
}

@ A SYN may also say that its sender understands selective
acknowledgments (RFC~2018 \S2): the option ``SACK permitted'', kind 4,
two bytes long.  \.{ltcp} puts it after the MSS, behind two no-operation
bytes that keep the options a whole number of words, as Linux and BSD
do.

@<Declarations of the functions on segments@>=
static inline void seg_add_sack_permitted(struct segment *s)
{
  uint8_t *p = s->options + s->optlen;
  p[0] = TCPOPT_NOP;
  p[1] = TCPOPT_NOP;
  p[2] = TCPOPT_SACK_PERMITTED;
  p[3] = 2;
  s->optlen += 4;
}

@ Finding an option of a given kind among those a segment carries: the
walk of the parser again, which stops, rather than fails, at anything
malformed, since a segment built by hand has not been through the
parser.  The function returns the option's first byte, and its length
in |*len|, or |NULL| if the segment does not carry one.

@<Declarations of the functions on segments@>=
const uint8_t *seg_option(const struct segment *s, uint8_t kind, size_t *len);

@ @<Functions on segments@>=
const uint8_t *seg_option(const struct segment *s, uint8_t kind, size_t *len)
{
  const uint8_t *p = s->options;
  size_t n = s->optlen < TCP_OPTIONS_MAX ? s->optlen : TCP_OPTIONS_MAX, i = 0;
  while (i < n && p[i] != TCPOPT_EOL) {
    if (p[i] == TCPOPT_NOP) {
      i++;
      continue;
    }
    if (i + 1 >= n || p[i + 1] < 2 || p[i + 1] > n - i) return NULL;
    if (p[i] == kind) {
      if (len) *len = p[i + 1];
      return p + i;
    }
    i += p[i + 1];
  }
  return NULL;
}

@ The blocks of a SACK option (RFC~2018 \S3) have two readers, the
sender's scoreboard (\secref{sack}) and the graphs of losses
(\secref{lossfig}), and one reading: after the kind and the length, up
to four blocks of eight bytes, each the left edge of a range the
receiver holds and the edge just past it.  |seg_sack_blocks| copies the
edges of the first |max| blocks into |edges|, two numbers a block, and
returns how many it copied, or $-1$ if the segment carries no SACK
option.  A length that leaves a piece of a block at the end leaves that
piece unread.@^SACK option@>@^RFC 2018 \S3@>

@<Declarations of the functions on segments@>=
#define SEG_SACK_BLOCKS_MAX 4  /* $(40-2)/8$ */
int seg_sack_blocks(const struct segment *s, uint32_t edges[][2], int max);

@ @<Functions on segments@>=
int seg_sack_blocks(const struct segment *s, uint32_t edges[][2], int max)
{
  size_t len;
  const uint8_t *o = seg_option(s, TCPOPT_SACK, &len);
  if (!o) return -1;
  int n = 0;
  for (size_t i = 2; i + 8 <= len && n < max; i += 8, n++) {
    edges[n][0] = get_be32(o + i);
    edges[n][1] = get_be32(o + i + 4);
  }
  return n;
}

@* Malformed segments.
A segment can be wrong in a few distinct ways, and a connection that
drops one should be able to say which.  Each way has a number and a
sentence.

@<The ways a segment can be malformed@>=
enum seg_error {
  SEG_OK = 0,
  SEG_TRUNCATED, /* fewer bytes than a header */
  SEG_TOO_LONG, /* more than an IPv4 packet can carry */
  SEG_BAD_OFFSET, /* data offset below 5 words */
  SEG_OFFSET_PAST_END, /* data offset beyond the bytes we have */
  SEG_BAD_OPTION_LENGTH, /* an option length of 0 or 1 */
  SEG_OPTION_OVERRUN, /* an option that does not fit in the header */
  SEG_BAD_MSS_LENGTH, /* an MSS option whose length is not 4 */
  SEG_BAD_CHECKSUM,
  SEG_NERRORS
};

@ @<Functions on segments@>=
const char *seg_error_text(enum seg_error e)
{
  switch (e) {
  case SEG_OK: return "no error";
  case SEG_TRUNCATED: return "shorter than the 20 bytes of a TCP header";
  case SEG_TOO_LONG: return "longer than an IPv4 packet can carry";
  case SEG_BAD_OFFSET: return "data offset below 5 words";
  case SEG_OFFSET_PAST_END:
    return "data offset points past the end of the segment";
  case SEG_BAD_OPTION_LENGTH: return "option length below 2";
  case SEG_OPTION_OVERRUN: return "option runs past the end of the header";
  case SEG_BAD_MSS_LENGTH: return "MSS option whose length is not 4";
  case SEG_BAD_CHECKSUM: return "bad checksum";
  case SEG_NERRORS: break;
  }
  return "unknown error";
}

@ @<Declarations of the functions on segments@>=
const char *seg_error_text(enum seg_error e);

@* Parsing a segment.
|seg_parse| reads |n| bytes at |buf|, a TCP header and its payload,
into |s|.  The addresses come from the IPv4 header, which the caller has
already read (or, on the simulated link, simply knows).  When |check| is
true the checksum is verified; a caller that reads a capture of a real
loopback connection passes false, because a Linux kernel leaves the
checksum of such packets for hardware that loopback does not have.

The function returns |SEG_OK| or the first fault it found; on a fault
the contents of |s| are unspecified.  Every test comes before the read
it protects, and each is a section of its own.@^simulated link@>@^loopback interface@>@^TIME\_WAIT, reasons for@>

@<Functions on segments@>=
enum seg_error seg_parse(struct segment *s, const uint8_t *buf, size_t n,
  uint32_t src_addr, uint32_t dst_addr, bool check)
{
  @<Reject a segment too short to hold a header@>@;
  @<Reject a segment too long for an IPv4 packet@>@;
  @<Reject a segment whose checksum is wrong, if asked to@>@;
  size_t hlen = (size_t) (buf[12] >> 4) * 4;
  @<Reject a segment whose data offset is too small@>@;
  @<Reject a segment whose data offset points past its end@>@;
  @<Read the fixed part of the header@>@;
  enum seg_error e = seg_parse_options(s, buf + TCP_HEADER_MIN,
    hlen - TCP_HEADER_MIN);
  if (e != SEG_OK) return e;
  s->payload = buf + hlen;
  s->len = n - hlen;
  return SEG_OK;
}

@ @<Declarations of the functions on segments@>=
enum seg_error seg_parse(struct segment *s, const uint8_t *buf, size_t n,
  uint32_t src_addr, uint32_t dst_addr, bool check);

@ Nothing at all may be read from a buffer shorter than the fixed
header.

@<Reject a segment too short to hold a header@>=
if (n < TCP_HEADER_MIN) return SEG_TRUNCATED;

@ @<Reject a segment too long for an IPv4 packet@>=
if (n > TCP_SEGMENT_MAX) return SEG_TOO_LONG;

@ The checksum comes first, because it says whether the other bytes can
be believed at all: a segment damaged on the way should be reported as
damaged, not as having a strange data offset.@^data offset@>@^port number@>

@<Reject a segment whose checksum is wrong, if asked to@>=
if (check && tcp_checksum(src_addr, dst_addr, buf, n) != 0)
  return SEG_BAD_CHECKSUM;

@ The data offset is the high four bits of byte 12, in words.  Below 5
the header would end before its own fixed fields.@^data offset@>

@<Reject a segment whose data offset is too small@>=
if (hlen < TCP_HEADER_MIN) return SEG_BAD_OFFSET;

@ @<Reject a segment whose data offset points past its end@>=
if (hlen > n) return SEG_OFFSET_PAST_END;

@ Now the twenty bytes are known to be there.  The structure is cleared
first, so that no field keeps a value from an earlier segment.@^old duplicate segments@>

@<Read the fixed part of the header@>=
@q LAB hole segment.header @>
memset(s, 0, sizeof *s);
s->src_addr = src_addr;
s->dst_addr = dst_addr;
s->src_port = get_be16(buf);
s->dst_port = get_be16(buf + 2);
s->seq = get_be32(buf + 4);
s->ack = get_be32(buf + 8);
s->flags = buf[13];
s->window = get_be16(buf + 14);
s->urgent = get_be16(buf + 18);
@q LAB end @>

@ The options are |n| bytes at |p|, between the fixed header and the
payload.  They are copied whole, then walked one option at a time to
check each length and to find the MSS.  The walk stops at the end of
the header or at an end-of-list option, whichever comes first.@^maximum segment size (MSS)@>@^TCP options@>

@<Functions on segments@>=
enum seg_error seg_parse_options(struct segment *s, const uint8_t *p,
  size_t n)
{
  memcpy(s->options, p, n);
  s->optlen = (uint8_t) n;
  size_t i = 0;
  while (i < n && p[i] != TCPOPT_EOL) {
    if (p[i] == TCPOPT_NOP) {
      i++;
      continue;
    }
    @<Reject an option whose length byte is missing@>@;
    size_t len = p[i + 1];
    @<Reject an option length below 2@>@;
    @<Reject an option that runs past the end of the header@>@;
    if (p[i] == TCPOPT_MSS) @<Take the maximum segment size@>@;
    i += len;
  }
  return SEG_OK;
}

@ Every caller passes at most 40 bytes of options, the room a data
offset of 15 leaves; |seg_parse| cannot do otherwise.@^TCP options@>

@<Declarations of the functions on segments@>=
enum seg_error seg_parse_options(struct segment *s, const uint8_t *p,
  size_t n);

@ An option other than the two single-byte kinds needs a second byte.
If the kind is the header's last byte, its length lies beyond the end.

@<Reject an option whose length byte is missing@>=
if (i + 1 >= n) return SEG_OPTION_OVERRUN;

@ A length of 0 or 1 cannot be right, since the length counts the kind
and length bytes themselves; worse, a length of 0 would leave the walk
standing on the same option for ever.

@<Reject an option length below 2@>=
if (len < 2) return SEG_BAD_OPTION_LENGTH;

@ @<Reject an option that runs past the end of the header@>=
if (len > n - i) return SEG_OPTION_OVERRUN;

@ RFC~9293 (\S3.2) defines the MSS option as exactly four bytes; a
different length is a malformed segment, not an MSS to guess at.@^maximum segment size (MSS)@>@^MSS option@>@^malformed segment@>@^RFC 9293 \S3.2@>@^RFC 9293@>

@<Take the maximum segment size@>=
{
  if (len != 4) return SEG_BAD_MSS_LENGTH;
  s->mss = get_be16(p + i + 2);
}

@* Writing a segment.
|seg_write| is the parser run backwards: it writes the header, the
options padded to a whole number of words, and the payload into
|buf|, which has room for |cap| bytes, and puts the checksum in last.
It returns the number of bytes written, or 0 when they do not fit or the
segment cannot be written at all.  Writing never changes |s|, and the
payload may even lie in |buf| already.

@<Functions on segments@>=
size_t seg_write(const struct segment *s, uint8_t *buf, size_t cap)
{
  size_t optlen = ((size_t) s->optlen + 3) / 4 * 4;
  size_t hlen = TCP_HEADER_MIN + optlen;
  size_t n = hlen + s->len;
  if (s->optlen > TCP_OPTIONS_MAX || n > TCP_SEGMENT_MAX || n > cap)
    return 0;
  if (s->len > 0) memmove(buf + hlen, s->payload, s->len);
  @<Write the fixed part of the header@>@;
  memcpy(buf + TCP_HEADER_MIN, s->options, s->optlen);
  memset(buf + TCP_HEADER_MIN + s->optlen, 0, optlen - s->optlen);
  put_be16(buf + 16, tcp_checksum(s->src_addr, s->dst_addr, buf, n));
  return n;
}

@ The payload was moved into place first, in case it overlapped the
room of the header.  The checksum field is zero while the checksum is
computed.

@<Write the fixed part of the header@>=
put_be16(buf, s->src_port);
put_be16(buf + 2, s->dst_port);
put_be32(buf + 4, s->seq);
put_be32(buf + 8, s->ack);
buf[12] = (uint8_t) (hlen / 4 << 4);
buf[13] = s->flags;
put_be16(buf + 14, s->window);
put_be16(buf + 16, 0);
put_be16(buf + 18, s->urgent);

@ @<Declarations of the functions on segments@>=
size_t seg_write(const struct segment *s, uint8_t *buf, size_t cap);

@* A segment from the command line.
\.{ltcp decode} takes a segment as hexadecimal digits, the way one copies
it out of a packet dump, and prints the line \.{tcpdump} would print for
it (the next chapter (\secref{log}) writes that printer).  Here is what it says of the
SYN that a Linux kernel sent to open a connection on the loopback
interface; the digits are the bytes of the TCP header, and
\.{--check} verifies the checksum.
\runlog{decode-syn}
The digits may be split across arguments and may contain spaces, so a
dump can be pasted as it is.  The addresses of the pseudo-header are
given with \.{--src} and \.{--dst}; they default to 10.0.0.1 and
10.0.0.2, the client and server of this book's simulated link.  The
timestamp is always zero.  With \.{-r FILE} the command reads the
segments of a capture file instead, as the next chapter (\secref{log}) explains.@^pseudo-header@>@^SYN flag@>@^tcpdump@>@^pcapng capture file@>@^simulated link@>@^loopback interface@>@^log, text@>@^interface of the core@>

@<Subcommands@>=
@[{"decode", cmd_decode, "[--src ADDR] [--dst ADDR] [--check] HEX... | -r FILE",
  "print a TCP segment given in hexadecimal as tcpdump would"},@/@]

@ The command needs the headers of both chapters, and |bool|.

@<Header files of the program@>=
#include <stdbool.h>
#include <stdint.h>
#include "segment.h"
#include "log.h"

@ The options are read first; whatever is not an option is hexadecimal.
A mistake on the command line is a usage error, status 2; a segment
that cannot be parsed is a failure of the work, status 1.

@<Subcommand functions@>=
@<Functions that help |cmd_decode|@>@;
static int cmd_decode(int argc, char **argv)
{
  if (wants_help(argc, argv)) {
    @<Print the help of \.{decode}@>@;
    return EXIT_SUCCESS;
  }
  struct decode_args a;
  int rc = decode_read_args(argc, argv, &a);
  if (rc != 0) return rc;
  if (a.capture) return decode_capture(a.capture);
  return decode_hex(&a);
}

@ @<Print the help of \.{decode}@>=
printf("Usage: ltcp decode [--src ADDR] [--dst ADDR] [--check] HEX...\n"@t}\1\1{@>@/
  "       ltcp decode -r FILE\n"@/
  "Decode a TCP segment (header and payload, no IP header) given as\n"@/
  "hexadecimal digits, which may be split across arguments, and print\n"@/
  "the line 'tcpdump -n -S -tt' prints for it, with timestamp 0.\n"@/
  "  --src ADDR, --dst ADDR  IPv4 addresses of the pseudo-header\n"@/
  "                          (default 10.0.0.1 and 10.0.0.2)\n"@/
  "  --check                 verify the checksum\n"@/
  "  -r FILE                 print every TCP segment of a pcap or pcapng\n"@/
  "                          file instead; comments follow as '# ' lines\n"@/
  "Exit status: 0 decoded, 1 malformed segment or unreadable file,\n"@/
  "2 bad arguments.\n"@t}\2\2{@>);

@ What the command line asks for.

@<Functions that help |cmd_decode|@>=
struct decode_args {
  uint32_t src, dst;
  bool check;
  const char *capture; /* the file of \.{-r}, or |NULL| */
  int first_hex, nhex; /* the hexadecimal arguments */
  char **argv;
};

@ An address is four decimal numbers separated by dots, each at most
255.  The parser is strict: no leading or trailing junk.

@<Functions that help |cmd_decode|@>=
static bool decode_address(const char *t, uint32_t *addr)
{
  uint32_t a = 0;
  for (int part = 0; part < 4; part++) {
    if (part > 0 && *t++ != '.') return false;
    if (*t < '0' || *t > '9') return false;
    unsigned v = 0;
    for (int digits = 0; *t >= '0' && *t <= '9'; digits++, t++) {
      if (digits == 3) return false;
      v = v * 10 + (unsigned) (*t - '0');
    }
    if (v > 255) return false;
    a = a << 8 | v;
  }
  *addr = a;
  return *t == '\0';
}

@ Options must come before the hexadecimal digits; a lone \.{--} ends
them, in case a segment's digits could be mistaken for an option (they
cannot, but scripts like the convention).

@<Functions that help |cmd_decode|@>=
static int decode_read_args(int argc, char **argv, struct decode_args *a)
{
  a->src = 0x0a000001;
  a->dst = 0x0a000002;
  a->check = false;
  a->capture = NULL;
  a->argv = argv;
  int i = 1;
  for (; i < argc && argv[i][0] == '-'; i++) {
    @<Read one option of \.{decode}@>@;
  }
  a->first_hex = i;
  a->nhex = argc - i;
  if (a->capture && a->nhex > 0)
    return usage_error("decode", "-r FILE takes no hexadecimal digits");
  if (!a->capture && a->nhex == 0)
    return usage_error("decode", "no segment given");
  return 0;
}

@ @<Read one option of \.{decode}@>=
const char *opt = argv[i];
if (strcmp(opt, "--") == 0) {
  i++;
  break;
} else if (strcmp(opt, "--check") == 0) a->check = true;
else if (strcmp(opt, "--src") == 0 || strcmp(opt, "--dst") == 0
    || strcmp(opt, "-r") == 0) {
  if (i + 1 >= argc)
    return usage_error("decode", "%s needs an argument", opt);
  const char *val = argv[++i];
  if (strcmp(opt, "-r") == 0) a->capture = val;
  else if (!decode_address(val, opt[2] == 's' ? &a->src : &a->dst))
    return usage_error("decode", "'%s' is not an IPv4 address", val);
} else return usage_error("decode", "unknown option '%s'", opt);

@ The digits are gathered into a buffer of exactly the segment's size,
so that when \.{ltcp} runs under AddressSanitizer a parser that read
one byte too far would be caught.  Blanks are skipped; anything else
that is not a hexadecimal digit is an error.

@<Functions that help |cmd_decode|@>=
static int decode_hex_digit(int c)
{
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

@ The first pass counts the digits and reports the first bad
character; the second fills the buffer.@^port number@>

@<Functions that help |cmd_decode|@>=
static int decode_gather_hex(const struct decode_args *a, uint8_t **out,
  size_t *n)
{
  size_t digits = 0;
  for (int k = 0; k < a->nhex; k++)
    for (const char *t = a->argv[a->first_hex + k]; *t; t++) {
      if (*t == ' ' || *t == '\t' || *t == '\n') continue;
      if (decode_hex_digit(*t) < 0)
        return usage_error("decode", "'%c' is not a hexadecimal digit", *t);
      digits++;
    }
  if (digits % 2)
    return usage_error("decode", "odd number of hexadecimal digits (%zu)",
      digits);
  if (digits / 2 > TCP_SEGMENT_MAX)
    return usage_error("decode", "segment longer than %d bytes",
      TCP_SEGMENT_MAX);
  @<Fill a buffer of |digits/2| bytes from the digits@>@;
  return 0;
}

@ A segment of no bytes at all still gets a buffer (of one byte, never
read), so that |malloc(0)| need not be thought about.

@<Fill a buffer of |digits/2| bytes from the digits@>=
*n = digits / 2;
*out = malloc(*n ? *n : 1);
if (!*out) {
  fprintf(stderr, "ltcp: decode: out of memory\n");
  return EXIT_FAILURE;
}
size_t j = 0;
for (int k = 0; k < a->nhex; k++)
  for (const char *t = a->argv[a->first_hex + k]; *t; t++) {
    int v = decode_hex_digit(*t);
    if (v < 0) continue;
    if (j % 2 == 0) (*out)[j / 2] = (uint8_t) (v << 4);
    else (*out)[j / 2] |= (uint8_t) v;
    j++;
  }

@ Decoding proper: parse, and either print the line or say why not.
When the checksum is wrong, the message gives the right one too, which
is what a student building a segment by hand wants to know.

@<Functions that help |cmd_decode|@>=
static int decode_hex(const struct decode_args *a)
{
  uint8_t *buf = NULL;
  size_t n = 0;
  int rc = decode_gather_hex(a, &buf, &n);
  if (rc != 0) return rc;
  struct segment s;
  enum seg_error e = seg_parse(&s, buf, n, a->src, a->dst, a->check);
  if (e == SEG_BAD_CHECKSUM) @<Report the checksum that was wanted@>@;
  else if (e != SEG_OK)
    fprintf(stderr, "ltcp: decode: malformed segment: %s\n",
      seg_error_text(e));
  else {
    char text[TCPDUMP_LINE_MAX];
    format_tcpdump(text, sizeof text, 0, &s);
    printf("%s\n", text);
  }
  free(buf);
  return e == SEG_OK ? EXIT_SUCCESS : EXIT_FAILURE;
}

@ The right checksum is the one computed with the field set to zero.

@<Report the checksum that was wanted@>=
{
  uint16_t had = get_be16(buf + 16);
  put_be16(buf + 16, 0);
  fprintf(stderr, "ltcp: decode: bad checksum: the segment has 0x%04x, "@t}\1\1{@>@/
    "the right one is 0x%04x\n", had, tcp_checksum(a->src, a->dst, buf, n)@t}\2\2{@>);
}

@* Exercises.

\smallskip\noindent
1.~\diff1 Here is a header with its checksum field at zero:
$$\hbox{\.{build/ltcp decode --check c3509c40000003e8000000005002ffff00000000}}$$
The message names the right checksum; put it in place of the four zeros
at digits 33--36 and run the command again.  Then change the window
from \.{ffff} to \.{fffe}.  Predict the new right checksum before you
ask \.{ltcp}: in one's complement arithmetic, what happens to the sum
when one 16-bit word goes down by one? \excheck{segment.1}

\smallskip\noindent
2.~\diff1 Replace the body of |seq_lt| by the more common
|return (int32_t) (a - b) < 0;| and run \.{make test}.  Which test
fails, and what does it check?  Why is the answer for two numbers exactly
half the circle apart a matter of definition, and why does TCP never
need to ask? \excheck{segment.2}

\smallskip\noindent
3.~\diff2 Take a segment with a payload of at least four bytes, swap
two aligned pairs of payload bytes, and give it to \.{ltcp decode
--check}.  Explain why the checksum does not notice.  Find another
change of the bytes that it cannot notice, and say why a link layer's
CRC catches what this checksum misses. \excheck{segment.3}

\smallskip\noindent
4.~\diff2 Delete the section |@<Reject an option length below 2@>|.
Before you run \.{make test}, predict what |seg_parse| now does with the
options \.{fe 00 00 00}.  (What does |i += len| do when |len| is 0?)
Which test would notice, and how?  Put the section back. \excheck{segment.4}

\smallskip\noindent
5.~\diff3 Parse the window scale option of RFC~7323 (kind 3, length 3,
one byte of shift count at most 14) into a new field of |struct
segment|, refusing a wrong length as the MSS option is refused, and
extend the tests: the kernel's SYN of the tests carries a shift count
of 10. \excheck{segment.5}

\smallskip\noindent
6.~\diff4 A router that rewrites one 16-bit field of a segment (a
network address translator changing a port, say) need not sum the whole
segment again: RFC~1624 gives the new checksum from the old one, the old
field and the new.  Write |inet_update(sum, old, new)|, test it against
|tcp_checksum| on many random segments and fields, and find the case
in which the earlier formula of RFC~1141 gives a different answer.@^maximum segment size (MSS)@>@^MSS option@>@^window scaling@>@^one's complement sum@>@^connection refused@>@^old duplicate segments@>@^RFC 7323@>@^RFC 1624@>@^RFC 1141@>
