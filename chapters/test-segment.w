@q test-segment.w: the tests of chapter "Segments on the wire". @>

@* Tests of segments.
These tests check the parser, the writer, the checksum and the
sequence arithmetic of the chapter ``Segments on the wire'' (\secref{segment}) against
facts that do not come from \.{ltcp}: segments a Linux kernel sent, the
checksums \.{tcpdump} computed for them, and the worked example of
RFC~1071.  Then they check that nothing written can be read back
differently, and that every malformed segment is refused with its
reason.  The program runs under AddressSanitizer, and every segment is
handed to the parser in a heap buffer of exactly its size, so a parser
that read a single byte too far would stop the test.
\label{test-segment}%
@^malformed segment@>@^RFC 1071@>

@(test_segment.c@>=
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "segment.h"
@<Helpers of the segment tests@>@;
@<Segment tests@>@;
int main(void)
{
  @<Run the segment tests@>@;
  return check_report();
}

@ Segments are written in the tests as hexadecimal, the way they appear
in a packet dump.  |from_hex| returns a heap buffer of exactly the
right size (which the caller frees) and its length.

@<Helpers of the segment tests@>=
static uint8_t *from_hex(const char *hex, size_t *n)
{
  size_t digits = 0;
  for (const char *p = hex; *p; p++) digits += *p != ' ';
  *n = digits / 2;
  uint8_t *b = malloc(*n ? *n : 1);
  if (!b) abort();
  size_t j = 0;
  for (const char *p = hex; *p; p++) {
    if (*p == ' ') continue;
    int v = *p <= '9' ? *p - '0' : (*p | 0x20) - 'a' + 10;
    if (j % 2 == 0) b[j / 2] = (uint8_t) (v << 4);
    else b[j / 2] |= (uint8_t) v;
    j++;
  }
  return b;
}

@ A copy of |n| bytes in a buffer of exactly that size.

@<Helpers of the segment tests@>=
static uint8_t *exact_copy(const uint8_t *p, size_t n)
{
  uint8_t *b = malloc(n ? n : 1);
  if (!b) abort();
  if (n) memcpy(b, p, n);
  return b;
}

@*1 Known answers.
The first known answer is the SYN of a Linux kernel quoted in the notes
on the wire: from 10.0.0.1 port 53014 to 10.0.0.2 port 7, sequence
number 4238934580, window 64240, and the options
\.{mss 1460,sackOK,TS val 2564995890 ecr 0,nop,wscale 10} in the order
and layout the kernel uses (kinds 2, 4, 8, 1, 3).  Its bytes were
assembled from those fields, and its checksum, |0x16f9|, is the one
\.{tcpdump -v} reported as correct for them.

@<Helpers of the segment tests@>=
#define SYN_HEX "cf160007 fca90234 00000000 a002faf0 16f90000" \
  " 020405b4 0402080a 98e2bb32 00000000 0103030a"

@ @<Segment tests@>=
static void test_known_syn(void)
{
  size_t n;
  uint8_t *b = from_hex(SYN_HEX, &n);
  struct segment s;
  enum seg_error e = seg_parse(&s, b, n, 0x0a000001, 0x0a000002, true);
  if (CHECKF(e == SEG_OK, "parse: %s", seg_error_text(e))) {
    CHECK_EQ(s.src_port, 53014);
    CHECK_EQ(s.dst_port, 7);
    CHECK_EQ(s.seq, 4238934580u);
    CHECK_EQ(s.ack, 0);
    CHECK_EQ(s.flags, TCP_SYN);
    CHECK_EQ(s.window, 64240);
    CHECK_EQ(s.mss, 1460);
    CHECK_EQ(s.optlen, 20);
    CHECK_EQ(s.len, 0);
    CHECK(s.payload == b + n);
  }
  free(b);
}

@ The second is a SYN-ACK that a Linux kernel (6.x) sent on the
loopback interface, in the capture that \.{tcpdump -i lo} made: from 127.0.0.1
port 41234 to port 47520, with the sequence number 3107361424,
acknowledging 1751985757, window 65483, MSS 65495.  On loopback the kernel leaves the
checksum field for absent hardware to fill in; the bytes below carry
|0x87ee|, the checksum \.{tcpdump -v} computed for them.

@<Helpers of the segment tests@>=
#define SYNACK_HEX "a112b9a0 b9369290 686d2e5d a012ffcb 87ee0000" \
  " 0204ffd7 0402080a c560c6aa 8b757346 0103030a"

@ @<Segment tests@>=
static void test_known_synack(void)
{
  size_t n;
  uint8_t *b = from_hex(SYNACK_HEX, &n);
  struct segment s;
  enum seg_error e = seg_parse(&s, b, n, 0x7f000001, 0x7f000001, true);
  if (CHECKF(e == SEG_OK, "parse: %s", seg_error_text(e))) {
    CHECK_EQ(s.src_port, 41234);
    CHECK_EQ(s.dst_port, 47520);
    CHECK_EQ(s.seq, 3107361424u);
    CHECK_EQ(s.ack, 1751985757u);
    CHECK_EQ(s.flags, TCP_SYN | TCP_ACK);
    CHECK_EQ(s.window, 65483);
    CHECK_EQ(s.mss, 65495);
    CHECK_EQ(s.optlen, 20);
  }
  free(b);
}

@ The checksum itself: RFC~1071's worked example sums the bytes
\.{00 01 f2 03 f4 f5 f6 f7} to |0xddf2|, so their checksum is its
complement, |0x220d|.  An odd length counts a zero byte after the last.
And the checksum of the two segments above, computed with the field set
to zero, is the one they carry.  Last, folding must go on until no carry
is left: |0x1ffff| folds once to |0x10000|, which still has a carry, and
only a second fold gives 1, whose complement is |0xfffe|; and a sum of
48 one bits folds to |0xffff|, whose complement is 0.@^RFC 1071@>

@<Segment tests@>=
static void test_known_checksums(void)
{
  CHECK_EQ(inet_fold(0x1ffffu), 0xfffe);
  CHECK_EQ(inet_fold(0xffffffffffffULL), 0);
  const uint8_t rfc1071[] = {0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};
  CHECK_EQ(inet_checksum(rfc1071, 8), 0x220d);
  CHECK_EQ(inet_fold(inet_sum(0, rfc1071, 8)), 0x220d);
  const uint8_t odd[] = {0x12, 0x34, 0x56};
  CHECK_EQ(inet_checksum(odd, 3), (uint16_t) ~(0x1234 + 0x5600));
  CHECK_EQ(inet_checksum(odd, 0), 0xffff);
  const struct { const char *hex; uint32_t src, dst; uint16_t sum; } k[] = {
    {SYN_HEX, 0x0a000001, 0x0a000002, 0x16f9},
    {SYNACK_HEX, 0x7f000001, 0x7f000001, 0x87ee}};
  for (size_t i = 0; i < 2; i++) {
    size_t n;
    uint8_t *b = from_hex(k[i].hex, &n);
    CHECK_EQ(tcp_checksum(k[i].src, k[i].dst, b, n), 0);
    put_be16(b + 16, 0);
    CHECK_EQ(tcp_checksum(k[i].src, k[i].dst, b, n), k[i].sum);
    free(b);
  }
}

@ Writing the first SYN from its fields must give exactly the bytes the
kernel sent, checksum included.

@<Segment tests@>=
static void test_write_known_syn(void)
{
  size_t n;
  uint8_t *want = from_hex(SYN_HEX, &n);
  struct segment s;
  memset(&s, 0, sizeof s);
  s.src_addr = 0x0a000001;
  s.dst_addr = 0x0a000002;
  s.src_port = 53014;
  s.dst_port = 7;
  s.seq = 4238934580u;
  s.flags = TCP_SYN;
  s.window = 64240;
  s.optlen = 20;
  memcpy(s.options, want + 20, 20);
  uint8_t *got = malloc(n);
  if (!got) abort();
  CHECK_EQ(seg_write(&s, got, n), n);
  CHECKF(memcmp(got, want, n) == 0, "written bytes differ from the kernel's");
  CHECK_EQ(get_be16(got + 16), 0x16f9);
  free(got);
  free(want);
}

@ |seg_set_mss| writes the four bytes of the option, and the parser
finds the size in them.

@<Segment tests@>=
static void test_set_mss(void)
{
  struct segment s, t;
  memset(&s, 0, sizeof s);
  s.flags = TCP_SYN;
  seg_set_mss(&s, 1460);
  CHECK_EQ(s.optlen, 4);
  CHECK(memcmp(s.options, "\x02\x04\x05\xb4", 4) == 0);
  uint8_t buf[24];
  CHECK_EQ(seg_write(&s, buf, sizeof buf), 24);
  CHECK_EQ(buf[12], 6 << 4);
  CHECK(seg_parse(&t, buf, 24, 0, 0, true) == SEG_OK);
  CHECK_EQ(t.mss, 1460);
}

@*1 Round trips.
Whatever |seg_write| writes, |seg_parse| must read back as the same
segment.  Two segments are the same when every field is, and the
payloads have the same bytes (they lie in different buffers).

@<Helpers of the segment tests@>=
static bool same_segment(const struct segment *a, const struct segment *b)
{
  return a->src_addr == b->src_addr && a->dst_addr == b->dst_addr
    && a->src_port == b->src_port && a->dst_port == b->dst_port
    && a->seq == b->seq && a->ack == b->ack && a->flags == b->flags
    && a->window == b->window && a->urgent == b->urgent && a->mss == b->mss
    && a->optlen == b->optlen
    && memcmp(a->options, b->options, a->optlen) == 0 && a->len == b->len
    && (a->len == 0 || memcmp(a->payload, b->payload, a->len) == 0);
}

@ |round_trip| writes |s| into a buffer of exactly the size it needs,
checks that one byte less is refused, parses the bytes with the
checksum verified, and compares.

@<Helpers of the segment tests@>=
static bool round_trip(const struct segment *s, const char *what)
{
  size_t need = TCP_HEADER_MIN + (s->optlen + 3u) / 4 * 4 + s->len;
  uint8_t *buf = malloc(need);
  if (!buf) abort();
  bool ok = CHECKF(seg_write(s, buf, need - 1) == 0,
      "%s: written into too small a buffer", what)
    && CHECKF(seg_write(s, buf, need) == need, "%s: not written", what);
  if (ok) {
    uint8_t *exact = exact_copy(buf, need);
    struct segment t;
    enum seg_error e = seg_parse(&t, exact, need, s->src_addr,
      s->dst_addr, true);
    ok = CHECKF(e == SEG_OK, "%s: %s", what, seg_error_text(e))
      && CHECKF(same_segment(s, &t), "%s: read back differently", what);
    free(exact);
  }
  free(buf);
  return ok;
}

@ A few segments chosen by hand: the kinds of segment a connection
sends, every flag at once, the largest header, payloads of odd and even
length, and numbers at the top of their range.

@<Segment tests@>=
static void test_round_trips(void)
{
  static const uint8_t text[] = "hello, server\n!";
  struct segment s;
  memset(&s, 0, sizeof s);
  s.src_addr = 0x0a000001;
  s.dst_addr = 0x0a000002;
  s.src_port = 50000;
  s.dst_port = 40000;
  s.seq = 1000;
  s.flags = TCP_SYN;
  s.window = 65535;
  seg_set_mss(&s, 1460);
  round_trip(&s, "SYN with MSS");
  s.optlen = 0;
  s.mss = 0;
  s.flags = TCP_PSH | TCP_ACK;
  s.ack = 0xffffffff;
  s.payload = text;
  s.len = 14;
  round_trip(&s, "data");
  s.len = 15;
  round_trip(&s, "odd length");
  s.flags = 0xff;
  s.urgent = 0xffff;
  s.seq = 0xffffffff;
  round_trip(&s, "all flags");
  @<Round-trip a header of 40 bytes of options@>@;
}

@ Forty bytes of options, the most there can be, with an unknown kind
among them, which the parser must skip by its length.

@<Round-trip a header of 40 bytes of options@>=
s.len = 0;
s.flags = TCP_SYN;
s.optlen = 40;
memset(s.options, TCPOPT_NOP, 40);
memcpy(s.options, "\x02\x04\x05\xb4\xfe\x06\xab\xcd\xef\x01", 10);
s.mss = 1460;
round_trip(&s, "40 bytes of options");

@ Then many segments chosen at random, with random option bytes made
valid by construction: a sequence of NOPs, MSS options and options of an
unused kind with random lengths.  The seed is printed with any failure,
and can be given back in the environment.

@<Helpers of the segment tests@>=
static uint64_t rng_state;
static uint32_t rng(void)
{
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return (uint32_t) (rng_state >> 16);
}

static uint64_t seed_from_env(void)
{
  const char *e = getenv("LTCP_TEST_SEED");
  return e ? strtoull(e, NULL, 10) : 20251201;
}

@ @<Segment tests@>=
static void test_random_round_trips(void)
{
  uint64_t seed = seed_from_env();
  rng_state = seed ? seed : 1;
  uint8_t payload[300];
  for (int k = 0; k < 20000; k++) {
    struct segment s;
    memset(&s, 0, sizeof s);
    @<Choose the fixed fields of |s| at random@>@;
    @<Choose valid options for |s| at random@>@;
    char what[120];
    snprintf(what, sizeof what, "random segment %d (repeat with "@t}\1\1{@>@/
      "LTCP_TEST_SEED=%llu build/tests/test_segment)", k,
      (unsigned long long) seed@t}\2\2{@>);
    if (!round_trip(&s, what)) break;
  }
}

@ @<Choose the fixed fields of |s| at random@>=
s.src_addr = rng();
s.dst_addr = rng();
s.src_port = (uint16_t) rng();
s.dst_port = (uint16_t) rng();
s.seq = rng();
s.ack = rng();
s.flags = (uint8_t) rng();
s.window = (uint16_t) rng();
s.urgent = (uint16_t) rng();
s.len = rng() % sizeof payload;
for (size_t i = 0; i < s.len; i++) payload[i] = (uint8_t) rng();
s.payload = payload;

@ The options are built until the next one would not fit, then padded
with zeros to a whole word, as the writer pads them and the parser
returns them.

@<Choose valid options for |s| at random@>=
size_t room = rng() % 11 * 4, at = 0;
for (;;) {
  uint32_t pick = rng() % 3;
  size_t len = pick == 0 ? 1 : pick == 1 ? 4 : 2 + rng() % 6;
  if (at + len > room) break;
  if (pick == 0) s.options[at] = TCPOPT_NOP;
  else if (pick == 1) {
    s.options[at] = TCPOPT_MSS;
    s.options[at + 1] = 4;
    s.mss = (uint16_t) rng();
    put_be16(s.options + at + 2, s.mss);
  } else {
    s.options[at] = 253; /* for experiments (RFC 4727) */
    s.options[at + 1] = (uint8_t) len;
    for (size_t i = 2; i < len; i++) s.options[at + i] = (uint8_t) rng();
  }
  at += len;
}
while (at % 4) s.options[at++] = TCPOPT_EOL;
s.optlen = (uint8_t) at;

@*1 Malformed segments.
Each malformed case is refused with its own reason.  |expect_error|
parses |n| bytes given in hexadecimal, from a buffer of exactly that
size, and checks the verdict.@^malformed segment@>

@<Helpers of the segment tests@>=
static void expect_error(const char *hex, size_t n, enum seg_error want,
  const char *what)
{
  size_t have;
  uint8_t *full = from_hex(hex, &have);
  if (n > have) n = have;
  uint8_t *b = exact_copy(full, n);
  struct segment s;
  enum seg_error e = seg_parse(&s, b, n, 1, 2, false);
  CHECKF(e == want, "%s: got \"%s\", expected \"%s\"", what,
    seg_error_text(e), seg_error_text(want));
  free(b);
  free(full);
}

@ A buffer shorter than 20 bytes is truncated, whatever it holds; the
parser must not even look at it.  Each length from 0 to 19 is tried,
|malloc(0)| included.

@<Segment tests@>=
static void test_truncated(void)
{
  for (size_t n = 0; n < TCP_HEADER_MIN; n++) {
    char what[40];
    snprintf(what, sizeof what, "%zu bytes", n);
    expect_error(SYN_HEX, n, SEG_TRUNCATED, what);
  }
  uint8_t *huge = calloc(TCP_SEGMENT_MAX + 1, 1);
  if (!huge) abort();
  struct segment s;
  huge[12] = 5 << 4;
  CHECK(seg_parse(&s, huge, TCP_SEGMENT_MAX, 1, 2, false) == SEG_OK);
  CHECK(seg_parse(&s, huge, TCP_SEGMENT_MAX + 1, 1, 2, false)
    == SEG_TOO_LONG);
  free(huge);
}

@ Data offsets of 0 to 4 words describe headers shorter than the fixed
fields; offsets that reach past the bytes given are refused too.

The first twelve bytes of these headers, ports and sequence numbers,
are always the same.

@<Helpers of the segment tests@>=
#define HDR "c3509c40 000003e8 00000000 "

@ @<Segment tests@>=
static void test_bad_offsets(void)
{
  const char *small[] = {HDR "0002ffff00000000", HDR "1002ffff00000000",
    HDR "2002ffff00000000", HDR "3002ffff00000000", HDR "4002ffff00000000"};
  for (int k = 0; k < 5; k++) {
    char what[40];
    snprintf(what, sizeof what, "data offset %d", k);
    expect_error(small[k], 20, SEG_BAD_OFFSET, what);
  }
  expect_error(HDR "6002ffff00000000", 20, SEG_OFFSET_PAST_END,
    "offset 6, 20 bytes");
  expect_error(HDR "6002ffff00000000 010101", 23, SEG_OFFSET_PAST_END,
    "offset 6, 23 bytes");
  expect_error(HDR "f002ffff00000000", 20, SEG_OFFSET_PAST_END,
    "offset 15, 20 bytes");
  expect_error(HDR "6002ffff00000000 01010101", 24, SEG_OK,
    "offset 6, 24 bytes");
}

@ Options: lengths of 0 and 1, a length byte missing at the end of the
header, an option longer than the room left, and MSS options of every
wrong length that fits.

@<Segment tests@>=
static void test_bad_options(void)
{
  expect_error(HDR "6002ffff00000000 fe000000", 24, SEG_BAD_OPTION_LENGTH,
    "length 0");
  expect_error(HDR "6002ffff00000000 01fe0100", 24, SEG_BAD_OPTION_LENGTH,
    "length 1");
  expect_error(HDR "6002ffff00000000 010101fe", 24, SEG_OPTION_OVERRUN,
    "length byte missing");
  expect_error(HDR "6002ffff00000000 010101fe 0000", 26, SEG_OPTION_OVERRUN,
    "length byte missing, payload after");
  expect_error(HDR "6002ffff00000000 fe050000", 24, SEG_OPTION_OVERRUN,
    "length 5 in 4 bytes");
  expect_error(HDR "6002ffff00000000 0102ffff", 24, SEG_OPTION_OVERRUN,
    "length 255");
  expect_error(HDR "7002ffff00000000 02020000 00000000", 28,
    SEG_BAD_MSS_LENGTH, "MSS length 2");
  expect_error(HDR "7002ffff00000000 02030000 00000000", 28,
    SEG_BAD_MSS_LENGTH, "MSS length 3");
  expect_error(HDR "7002ffff00000000 02050000 00000000", 28,
    SEG_BAD_MSS_LENGTH, "MSS length 5");
  expect_error(HDR "7002ffff00000000 02080000 00000000", 28,
    SEG_BAD_MSS_LENGTH, "MSS length 8");
  expect_error(HDR "6002ffff00000000 02050000", 24, SEG_OPTION_OVERRUN,
    "MSS length 5 in 4 bytes");
}

@ Options that are not malformed: an end-of-list option ends the walk,
so whatever follows it is not read as options (but is still copied);
an unknown kind is skipped by its length; NOPs are skipped one by one.@^malformed segment@>

@<Segment tests@>=
static void test_good_options(void)
{
  size_t n;
  struct segment s;
  uint8_t *b = from_hex(HDR "7002ffff00000000 00ff0000 02030000", &n);
  CHECK(seg_parse(&s, b, n, 1, 2, false) == SEG_OK);
  CHECK_EQ(s.mss, 0);
  CHECK_EQ(s.optlen, 8);
  free(b);
  b = from_hex(HDR "8002ffff00000000 fe06abcdef01 0101 020405b4", &n);
  CHECK(seg_parse(&s, b, n, 1, 2, false) == SEG_OK);
  CHECK_EQ(s.mss, 1460);
  free(b);
}

@ A corrupted bit anywhere, including in the pseudo-header's
addresses, must fail the checksum: the one's complement sum changes by
a power of two, and never by a multiple of |0xffff|.  Every bit of the
first SYN is flipped in turn.

@<Segment tests@>=
static void test_bad_checksums(void)
{
  size_t n;
  uint8_t *b = from_hex(SYN_HEX, &n);
  struct segment s;
  int missed = 0;
  for (size_t bit = 0; bit < 8 * n; bit++) {
    b[bit / 8] ^= (uint8_t) (1 << bit % 8);
    missed += seg_parse(&s, b, n, 0x0a000001, 0x0a000002, true)
      != SEG_BAD_CHECKSUM;
    b[bit / 8] ^= (uint8_t) (1 << bit % 8);
  }
  CHECKF(missed == 0, "%d corrupted bits passed the checksum", missed);
  CHECK(seg_parse(&s, b, n, 0x0a000001, 0x0a000003, true)
    == SEG_BAD_CHECKSUM);
  CHECK(seg_parse(&s, b, n, 0x0a000001, 0x0a000003, false) == SEG_OK);
  free(b);
}

@ Each reason has its own text, and none is empty.

@<Segment tests@>=
static void test_error_texts(void)
{
  for (int a = 0; a < SEG_NERRORS; a++) {
    const char *t = seg_error_text((enum seg_error) a);
    CHECKF(t && *t && strcmp(t, "unknown error") != 0,
      "error %d has no text", a);
    for (int b = 0; b < a; b++)
      CHECKF(strcmp(t, seg_error_text((enum seg_error) b)) != 0,
        "errors %d and %d have the same text", a, b);
  }
}

@ Last, brute force.  Every pair of first two option bytes, in headers
with 4 and 8 bytes of options and with and without a byte of payload,
and then a great many random buffers of random lengths, each in a heap
buffer of exactly its size.  The parser may accept or refuse them, but
must give a verdict it has a text for, and must never read outside the
buffer, which AddressSanitizer would report.

@<Segment tests@>=
static void test_fuzz(void)
{
  uint8_t buf[64];
  struct segment s;
  int bad = 0;
  memset(buf, 0, sizeof buf);
  for (unsigned hl = 24; hl <= 28; hl += 4)
    for (unsigned extra = 0; extra < 2; extra++)
      for (unsigned k = 0; k < 65536; k++) {
        buf[12] = (uint8_t) (hl / 4 << 4);
        buf[20] = (uint8_t) (k >> 8);
        buf[21] = (uint8_t) k;
        memset(buf + 22, TCPOPT_NOP, hl - 22);
        uint8_t *b = exact_copy(buf, hl + extra);
        bad += seg_parse(&s, b, hl + extra, 1, 2, false) >= SEG_NERRORS;
        free(b);
      }
  @<Parse random buffers of random lengths@>@;
  CHECKF(bad == 0, "%d verdicts out of range", bad);
}

@ @<Parse random buffers of random lengths@>=
uint64_t seed = seed_from_env();
rng_state = seed ? seed : 1;
for (int k = 0; k < 200000; k++) {
  size_t n = rng() % sizeof buf;
  for (size_t i = 0; i < n; i++) buf[i] = (uint8_t) rng();
  if (n > 12 && rng() % 2) buf[12] = (uint8_t) ((5 + rng() % 3) << 4);
  uint8_t *b = exact_copy(buf, n);
  bad += seg_parse(&s, b, n, 1, 2, rng() % 2) >= SEG_NERRORS;
  free(b);
}

@ A segment written over the very buffer it was parsed from must come
out the same, though its payload moves during the writing.

@<Segment tests@>=
static void test_write_in_place(void)
{
  size_t n;
  uint8_t *b = from_hex(HDR "7002ffff00000000 020405b4 01010101 6869", &n);
  struct segment s;
  CHECK(seg_parse(&s, b, n, 1, 2, false) == SEG_OK);
  s.optlen = 0;
  s.mss = 0;
  CHECK_EQ(seg_write(&s, b, n), 22);
  CHECK(memcmp(b + 20, "hi", 2) == 0);
  s.payload = b + 20;
  CHECK(seg_parse(&s, b, 22, 1, 2, true) == SEG_OK);
  CHECK_EQ(s.len, 2);
  free(b);
}

@*1 Sequence numbers.
Comparisons across the wrap: |0xfffffff0| comes before |0x10|, which
lies in the window that starts at the former; a number is not before
itself; numbers exactly half the circle apart are neither before nor
after each other.  Then, for many random pairs less than half the
circle apart, the comparisons must agree with each other.@^sequence numbers, wrap-around@>

@<Segment tests@>=
static void test_sequence_numbers(void)
{
  CHECK(seq_lt(0xfffffff0, 0x10));
  CHECK(seq_gt(0x10, 0xfffffff0));
  CHECK(!seq_lt(0x10, 0xfffffff0));
  CHECK(seq_le(7, 7) && seq_ge(7, 7) && !seq_lt(7, 7) && !seq_gt(7, 7));
  CHECK(seq_lt(0xffffffff, 0));
  CHECK(!seq_lt(5, 5 + 0x80000000u) && !seq_lt(5 + 0x80000000u, 5));
  CHECK(seq_lt(5, 5 + 0x7fffffffu));
  CHECK(seq_in(0x2, 0xfffffff0, 0x10));
  CHECK(seq_in(0xfffffff0, 0xfffffff0, 0x10));
  CHECK(!seq_in(0x10, 0xfffffff0, 0x10));
  CHECK(!seq_in(0xffffffef, 0xfffffff0, 0x10));
  CHECK(!seq_in(5, 5, 5));
  @<Check the comparisons on random pairs@>@;
}

@ @<Check the comparisons on random pairs@>=
rng_state = 12345;
int disagree = 0;
for (int k = 0; k < 100000; k++) {
  uint32_t a = rng(), d = 1 + rng() % 0x7fffffffu, b = a + d;
  disagree += !seq_lt(a, b) || seq_lt(b, a) || !seq_gt(b, a)
    || !seq_le(a, b) || seq_ge(a, b) || !seq_in(a, a, b)
    || seq_in(b, a, b) || !seq_in(b - 1, a, b);
}
CHECKF(disagree == 0, "%d random pairs compared wrongly", disagree);

@ The length of a segment in sequence space.

@<Segment tests@>=
static void test_seq_len(void)
{
  struct segment s;
  memset(&s, 0, sizeof s);
  CHECK_EQ(seg_seq_len(&s), 0);
  s.flags = TCP_SYN;
  CHECK_EQ(seg_seq_len(&s), 1);
  s.flags = TCP_SYN | TCP_FIN | TCP_ACK;
  s.len = 10;
  CHECK_EQ(seg_seq_len(&s), 12);
  s.flags = TCP_ACK | TCP_RST;
  CHECK_EQ(seg_seq_len(&s), 10);
}

@ @<Run the segment tests@>=
check_run("segment: a kernel's SYN", test_known_syn);
check_run("segment: a kernel's SYN-ACK", test_known_synack);
check_run("segment: known checksums", test_known_checksums);
check_run("segment: write the kernel's SYN", test_write_known_syn);
check_run("segment: the MSS option", test_set_mss);
check_run("segment: round trips", test_round_trips);
check_run("segment: random round trips", test_random_round_trips);
check_run("segment: truncated and too long", test_truncated);
check_run("segment: bad data offsets", test_bad_offsets);
check_run("segment: bad options", test_bad_options);
check_run("segment: options skipped", test_good_options);
check_run("segment: every corrupted bit", test_bad_checksums);
check_run("segment: reasons", test_error_texts);
check_run("segment: fuzz", test_fuzz);
check_run("segment: write in place", test_write_in_place);
check_run("segment: sequence numbers", test_sequence_numbers);
check_run("segment: length in sequence space", test_seq_len);
