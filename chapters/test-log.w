@q test-log.w: the tests of chapter "Keeping a log". @>

@* Tests of the log.
The printer of \.{tcpdump}'s line is checked against lines that
\.{tcpdump} 4.99 itself printed, for ordinary segments and for a
collection of odd and broken options; then, in the shell script
\.{tests/capture.sh}, against the \.{tcpdump} installed on the
machine.  The capture writer is checked byte by byte,
and the reader on files built here by hand, one for each link type and
variant of the formats, on damaged files, and on random damage.
\label{test-log}%

@(test_log.c@>=
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "log.h"
@<Helpers of the log tests@>@;
@<Log tests@>@;
int main(void)
{
  @<Run the log tests@>@;
  return check_report();
}

@ Bytes from hexadecimal digits, blanks ignored, into |out|; the
number of bytes is returned.

@<Helpers of the log tests@>=
static size_t hex_bytes(const char *hex, uint8_t *out)
{
  size_t j = 0;
  for (const char *p = hex; *p; p++) {
    if (*p == ' ') continue;
    int v = *p <= '9' ? *p - '0' : (*p | 0x20) - 'a' + 10;
    if (j % 2 == 0) out[j / 2] = (uint8_t) (v << 4);
    else out[j / 2] |= (uint8_t) v;
    j++;
  }
  return j / 2;
}

@ Most segments of these tests go from 10.0.0.1 port 50000 to 10.0.0.2
port 40000, with sequence number 100, acknowledgment number 200 and a
window of 1000.

@<Helpers of the log tests@>=
static struct segment plain(uint8_t flags)
{
  struct segment s;
  memset(&s, 0, sizeof s);
  s.src_addr = 0x0a000001;
  s.dst_addr = 0x0a000002;
  s.src_port = 50000;
  s.dst_port = 40000;
  s.seq = 100;
  s.ack = 200;
  s.flags = flags;
  s.window = 1000;
  return s;
}

@ |expect_line| formats a segment at time |usec| and compares the line
with the expected one, printing both when they differ.

@<Helpers of the log tests@>=
static void expect_line(const struct segment *s, uint64_t usec,
  const char *want)
{
  char text[TCPDUMP_LINE_MAX];
  size_t n = format_tcpdump(text, sizeof text, usec, s);
  CHECKF(strcmp(text, want) == 0 && n == strlen(want),
    "\n      got  %s\n      want %s", text, want);
}

@*1 tcpdump's lines.
The four lines of the notes on the wire, which \.{tcpdump} printed for
a Linux client talking to an early version of \.{ltcp}: the SYN of the
previous tests, the SYN-ACK, the ACK and a segment of six bytes.

@<Log tests@>=
static void test_lines_of_a_connection(void)
{
  uint8_t b[64];
  size_t n = hex_bytes("cf160007 fca90234 00000000 a002faf0 16f90000"@t}\1\1{@>@/
    " 020405b4 0402080a 98e2bb32 00000000 0103030a", b@t}\2\2{@>);
  struct segment s;
  if (!CHECK(seg_parse(&s, b, n, 0x0a000001, 0x0a000002, true) == SEG_OK))
    return;
  expect_line(&s, UINT64_C(1795484489991651),
    "1795484489.991651 IP 10.0.0.1.53014 > 10.0.0.2.7: Flags [S], "@t}\1\1{@>@/
    "seq 4238934580, win 64240, options [mss 1460,sackOK,"@/
    "TS val 2564995890 ecr 0,nop,wscale 10], length 0"@t}\2\2{@>);
  @<Check the other three lines of the connection@>@;
}

@ @<Check the other three lines of the connection@>=
struct segment r = plain(TCP_SYN | TCP_ACK);
r.src_addr = 0x0a000002;
r.dst_addr = 0x0a000001;
r.src_port = 7;
r.dst_port = 53014;
r.seq = 1000;
r.ack = 4238934581u;
r.window = 64240;
seg_set_mss(&r, 1460);
expect_line(&r, UINT64_C(1795484489992268),
  "1795484489.992268 IP 10.0.0.2.7 > 10.0.0.1.53014: Flags [S.], seq 1000, "@t}\1\1{@>@/
  "ack 4238934581, win 64240, options [mss 1460], length 0"@t}\2\2{@>);
struct segment a = plain(TCP_ACK);
a.src_port = 53014;
a.dst_port = 7;
a.seq = 4238934581u;
a.ack = 1001;
a.window = 64240;
expect_line(&a, UINT64_C(1795484489992544),
  "1795484489.992544 IP 10.0.0.1.53014 > 10.0.0.2.7: Flags [.], ack 1001, "@t}\1\1{@>@/
  "win 64240, length 0"@t}\2\2{@>);
a.flags = TCP_PSH | TCP_ACK;
a.payload = (const uint8_t *) "hello\n";
a.len = 6;
expect_line(&a, UINT64_C(1795484489992658),
  "1795484489.992658 IP 10.0.0.1.53014 > 10.0.0.2.7: Flags [P.], "@t}\1\1{@>@/
  "seq 4238934581:4238934587, ack 1001, win 64240, length 6"@t}\2\2{@>);

@ The control bits and the numbers, in cases \.{tcpdump} was shown:
no bits at all, every bit, the urgent pointer, sequence ranges for a
RST and a SYN with payload, and a range that wraps.@^sequence numbers, wrap-around@>@^RST flag@>

@<Log tests@>=
static void test_flags_and_numbers(void)
{
  const char *at = "0.000000 IP 10.0.0.1.50000 > 10.0.0.2.40000: ";
  static const struct {
    uint8_t flags;
    uint32_t seq;
    uint16_t urgent;
    const char *data, *want;
  } k[] = {
    @<Cases of control bits and numbers@>
  };
  for (size_t i = 0; i < sizeof k / sizeof k[0]; i++) {
    struct segment s = plain(k[i].flags);
    s.seq = k[i].seq;
    s.urgent = k[i].urgent;
    s.payload = (const uint8_t *) k[i].data;
    s.len = strlen(k[i].data);
    char want[TCPDUMP_LINE_MAX];
    snprintf(want, sizeof want, "%s%s", at, k[i].want);
    expect_line(&s, 0, want);
  }
}

@ @<Cases of control bits and numbers@>=
@[{TCP_SYN | TCP_FIN, 100, 0, "", "Flags [FS], seq 100, win 1000, length 0"},@/
{0, 100, 0, "", "Flags [none], win 1000, length 0"},@/
{0xff, 100, 0, "",
  "Flags [FSRP.UEW], seq 100, ack 200, win 1000, urg 0, length 0"},@/
{TCP_URG, 100, 5, "", "Flags [U], win 1000, urg 5, length 0"},@/
{TCP_PSH | TCP_ACK, 100, 0, "hello",
  "Flags [P.], seq 100:105, ack 200, win 1000, length 5"},@/
{TCP_RST, 100, 0, "xx", "Flags [R], seq 100:102, win 1000, length 2"},@/
{TCP_SYN, 100, 0, "abc", "Flags [S], seq 100:103, win 1000, length 3"},@/
{TCP_PSH | TCP_ACK, 4294967294u, 0, "abcd",
  "Flags [P.], seq 4294967294:2, ack 200, win 1000, length 4"},@/@]

@ Options, each case a pure ACK with the given option bytes and
perhaps a payload, and the end of the line \.{tcpdump} printed for it.
Some are malformed on purpose: \.{tcpdump}'s ways of giving up must be
copied too.

@<Log tests@>=
static void test_options(void)
{
  static const struct { const char *opts, *data, *want; } k[] = {
    @<Cases of options@>
  };
  for (size_t i = 0; i < sizeof k / sizeof k[0]; i++) {
    struct segment s = plain(TCP_ACK);
    s.optlen = (uint8_t) hex_bytes(k[i].opts, s.options);
    s.payload = (const uint8_t *) k[i].data;
    s.len = strlen(k[i].data);
    char want[TCPDUMP_LINE_MAX];
    snprintf(want, sizeof want, "0.000000 IP 10.0.0.1.50000 > "@t}\1\1{@>@/
      "10.0.0.2.40000: Flags [.], %sack 200, win 1000, %s",
      s.len ? "seq 100:101, " : "", k[i].want@t}\2\2{@>);
    expect_line(&s, 0, want);
  }
}

@ @<Cases of options@>=
{"020405b4 0402080a 8b757346 00000000 0103030a", "", "options [mss 1460,"@t}\1\1{@>@/
  "sackOK,TS val 2339730246 ecr 0,nop,wscale 10], length 0"@t}\2\2{@>},
{"63040102", "", "options [unknown-99 0x0102], length 0"},
{"63020000", "", "options [unknown-99,eol], length 0"},
{"0a04abcd", "", "options [unknown-10 0xabcd], length 0"},
{"fd04abcd", "", "options [unknown-253 0xabcd], length 0"},
{"0e030100", "", "options [unknown-14 0x01,eol], length 0"},
{"06060000 00010101", "", "options [echo 1,nop,nop], length 0"},
{"07060000 00010101", "", "options [echoreply 1,nop,nop], length 0"},
{"0b060000 00010101 0c060000 00020101 0d060000 00030101", "",
  "options [cc 1,nop,nop,ccnew 2,nop,nop, 3,nop,nop], length 0"},
{"1c040003 01010000", "", "options [uto 0x3 60,nop,nop,eol], length 0"},
{"1c040002", "", "options [uto 0x2 1], length 0"},
{"020405b4 00000000", "", "options [mss 1460,eol], length 0"},
{"01010100", "", "options [nop,nop,nop,eol], length 0"},
{"00010101", "", "options [eol], length 0"},
{"03030700", "", "options [wscale 7,eol], length 0"},
{"04020402", "", "options [sackOK,sackOK], length 0"},
{"050a0000 00010000 00050000", "", "options [sack 1 {1:5},eol], length 0"},
{"0512" "00000000 00000000 00000000 00000000" "0000", "",
  "options [sack 2 {0:0}{0:0},eol], length 0"},
{"05020000", "", "options [sack 0 ,eol], length 0"},
{"080a0000 00000000 00000101", "",
  "options [TS val 0 ecr 0,nop,nop], length 0"},
@<Cases of malformed options@>

@ When the length byte disagrees with the kind, \.{tcpdump} reads what
the kind says, adds \.{[len N]}, and walks on from wherever that left
it; when an option cannot be read at all it prints \.{[bad opt]}, or
\.{[\char'174tcp]} if the packet ends, and stops the line there.

@<Cases of malformed options@>=
@[{"020305b4", "", "options [mss 1460[len 3]], length 0"},@/
{"02050000 00000000", "", "options [mss 0[len 5],eol], length 0"},@/
{"02020000", "", "options [mss 0[len 2]], length 0"},@/
{"0404abcd", "", "options [sackOK[len 4],[bad opt]]"},@/
{"03040102", "", "options [wscale 1[len 4], [|tcp]"},@/
{"05070000 00010000", "", "options [sack invalid sack,eol], length 0"},@/
{"02000000", "", "options [[bad opt]"},@/
{"02010000", "", "options [[bad opt]"},@/
{"02090000", "", "options [[bad opt]"},@/
{"08060000 00000000", "", "options [TS[bad opt]"},@/
{"04020303", "", "options [sackOK,[bad opt]]"},@/
{"01050000", "", "options [nop,[bad opt]]"},@/
{"01010102", "", "options [nop,nop,nop, [|tcp]"},@/
{"01010102", "\xab", "options [nop,nop,nop,[bad opt]]"},@/@]

@ A buffer too small for the line gets as much as fits, always ended,
and the function still says how long the whole line is.

@<Log tests@>=
static void test_truncated_line(void)
{
  struct segment s = plain(TCP_SYN);
  char full[TCPDUMP_LINE_MAX], small[20];
  size_t n = format_tcpdump(full, sizeof full, 0, &s);
  CHECK_EQ(format_tcpdump(small, sizeof small, 0, &s), n);
  CHECK(strlen(small) == sizeof small - 1);
  CHECK(strncmp(small, full, sizeof small - 1) == 0);
  CHECK_EQ(format_tcpdump(NULL, 0, 0, &s), n);
}

@ The text log: a segment's line ends with a newline, and a remark of
several lines gets the marker on each.

@<Log tests@>=
static void test_text_log(void)
{
  char *text = NULL;
  size_t size = 0;
  FILE *f = open_memstream(&text, &size);
  if (!CHECK(f != NULL)) return;
  struct segment s = plain(TCP_ACK);
  CHECK(log_segment(f, 1500000, &s) == 0);
  CHECK(log_note(f, "client SYN_SENT -> ESTABLISHED\nsecond line") == 0);
  fclose(f);
  CHECKF(strcmp(text, "1.500000 IP 10.0.0.1.50000 > 10.0.0.2.40000: "@t}\1\1{@>@/
    "Flags [.], ack 200, win 1000, length 0\n"@/
    "# client SYN_SENT -> ESTABLISHED\n# second line\n") == 0,
    "the log reads:\n%s", text@t}\2\2{@>);
  free(text);
}

@*1 Writing captures.
A writer writes into a growing buffer in memory.  |write_capture|
writes segments |s[0..n-1]| at times 1, 2, \dots\ seconds and a
microsecond, with a comment on the first, and returns the bytes.

@<Helpers of the log tests@>=
static char *write_capture(enum capture_format fmt, const struct segment *s,
  size_t n, size_t *size)
{
  char *bytes = NULL;
  FILE *f = open_memstream(&bytes, size);
  if (!f) abort();
  struct capture_writer w;
  bool ok = CHECK(capture_open(&w, f, fmt) == 0);
  for (size_t i = 0; ok && i < n; i++)
    ok = CHECK(capture_segment(&w, (i + 1) * UINT64_C(1000000) + 1, &s[i],
      i == 0 ? "the first segment" : NULL) == 0);
  fclose(f);
  return bytes;
}

@ The pcap file of one SYN: the header, then one record of a 44-byte
packet whose IPv4 and TCP checksums are both right.

@<Log tests@>=
static void test_write_pcap(void)
{
  struct segment s = plain(TCP_SYN);
  seg_set_mss(&s, 1460);
  size_t size;
  uint8_t *b = (uint8_t *) write_capture(CAPTURE_PCAP, &s, 1, &size);
  if (CHECK_EQ(size, 24 + 16 + 44)) {
    CHECK(memcmp(b, "\xd4\xc3\xb2\xa1\x02\x00\x04\x00", 8) == 0);
    CHECK(memcmp(b + 20, "\x65\x00\x00\x00", 4) == 0); /* link type 101 */
    CHECK(memcmp(b + 24, "\x01\x00\x00\x00\x01\x00\x00\x00", 8) == 0);
    CHECK(memcmp(b + 32, "\x2c\x00\x00\x00\x2c\x00\x00\x00", 8) == 0);
    @<Check the IPv4 packet of 44 bytes at |b + 40|@>@;
  }
  free(b);
}

@ @<Check the IPv4 packet of 44 bytes at |b + 40|@>=
const uint8_t *ip = b + 40;
CHECK_EQ(ip[0], 0x45);
CHECK_EQ(get_be16(ip + 2), 44);
CHECK_EQ(ip[9], 6);
CHECK_EQ(get_be32(ip + 12), 0x0a000001);
CHECK_EQ(get_be32(ip + 16), 0x0a000002);
CHECK_EQ(inet_checksum(ip, 20), 0);
CHECK_EQ(tcp_checksum(0x0a000001, 0x0a000002, ip + 20, 24), 0);

@ The pcapng file of the same SYN: a section header of 40 bytes with
the byte-order magic, an interface of 32 bytes with link type 101, and
an enhanced packet block: 28 bytes, the packet of 44, the comment
option (four bytes, ``the first segment'' in 17 and 3 of padding), the
end of options and the length, 104 bytes in all.

@<Log tests@>=
static void test_write_pcapng(void)
{
  struct segment s = plain(TCP_SYN);
  seg_set_mss(&s, 1460);
  size_t size;
  uint8_t *b = (uint8_t *) write_capture(CAPTURE_PCAPNG, &s, 1, &size);
  if (CHECK_EQ(size, 40 + 32 + 104)) {
    CHECK(memcmp(b, "\x0a\x0d\x0d\x0a\x28\x00\x00\x00\x4d\x3c\x2b\x1a", 12)
      == 0);
    CHECK(memcmp(b + 72, "\x06\x00\x00\x00\x68\x00\x00\x00", 8) == 0);
    CHECK(memcmp(b + 40, "\x01\x00\x00\x00\x20\x00\x00\x00\x65\x00", 10)
      == 0);
    CHECK(memcmp(b + 72 + 28 + 44, "\x01\x00\x11\x00the first segment",
      21) == 0);
    CHECK(memcmp(b + size - 4, "\x68\x00\x00\x00", 4) == 0);
    CHECK_EQ(b[72 + 16], 0x41); /* the low half of 1000001 us is 0xf4241 */
    uint8_t *ip = b + 72 + 28;
    CHECK_EQ(inet_checksum(ip, 20), 0);
    CHECK_EQ(tcp_checksum(0x0a000001, 0x0a000002, ip + 20, 24), 0);
  }
  free(b);
}

@ A segment too long to be written is refused, and writes nothing.

@<Log tests@>=
static void test_write_refused(void)
{
  static uint8_t big[TCP_SEGMENT_MAX];
  struct segment s = plain(TCP_ACK);
  s.payload = big;
  s.len = TCP_SEGMENT_MAX - 19;
  char *bytes = NULL;
  size_t size = 0;
  FILE *f = open_memstream(&bytes, &size);
  if (!CHECK(f != NULL)) return;
  struct capture_writer w;
  CHECK(capture_open(&w, f, CAPTURE_PCAP) == 0);
  CHECK(capture_segment(&w, 0, &s, NULL) == -1);
  s.len = TCP_SEGMENT_MAX - 20;
  CHECK(capture_segment(&w, 0, &s, NULL) == 0);
  fclose(f);
  CHECK_EQ(size, 24 + 16 + 65535);
  free(bytes);
}

@*1 Reading captures back.
|file_of| puts bytes into a temporary file, to be read.

@<Helpers of the log tests@>=
static FILE *file_of(const void *p, size_t n)
{
  FILE *f = tmpfile();
  if (!f) abort();
  if (n) fwrite(p, 1, n, f);
  rewind(f);
  return f;
}

@ Whatever the writer writes, the reader reads back: the same segments,
times and comments, in either format (pcap has no comments).

@<Log tests@>=
static void test_round_trip(void)
{
  struct segment s[3] = {plain(TCP_SYN), plain(TCP_PSH | TCP_ACK),
    plain(TCP_FIN | TCP_ACK)};
  seg_set_mss(&s[0], 1460);
  s[1].payload = (const uint8_t *) "hello, server\n";
  s[1].len = 14;
  for (int fmt = 0; fmt < 2; fmt++) {
    size_t size;
    char *bytes = write_capture((enum capture_format) fmt, s, 3, &size);
    FILE *f = file_of(bytes, size);
    struct capture_reader r;
    char err[160];
    if (CHECKF(capture_reader_open(&r, f, err, sizeof err) == 0, "%s", err)) {
      @<Read the three segments back and compare them@>@;
      capture_reader_close(&r);
    }
    fclose(f);
    free(bytes);
  }
}

@ @<Read the three segments back and compare them@>=
for (size_t i = 0; i < 3; i++) {
  uint64_t usec;
  struct segment t;
  const char *comment;
  if (!CHECK(capture_next(&r, &usec, &t, &comment) == 1)) break;
  CHECK_EQ(usec, (i + 1) * 1000000 + 1);
  CHECK(t.src_addr == s[i].src_addr && t.seq == s[i].seq
    && t.flags == s[i].flags && t.mss == s[i].mss && t.len == s[i].len
    && (t.len == 0 || memcmp(t.payload, s[i].payload, t.len) == 0));
  if (fmt == CAPTURE_PCAPNG && i == 0)
    CHECK(comment && strcmp(comment, "the first segment") == 0);
  else CHECK(comment == NULL);
}
uint64_t usec;
struct segment t;
const char *comment;
CHECK(capture_next(&r, &usec, &t, &comment) == 0);

@*1 Files of other programs.
A small builder of files: bytes appended to a buffer in either byte
order.

@<Helpers of the log tests@>=
struct blob {
  uint8_t b[4096];
  size_t n;
  bool big; /* numbers most significant byte first */
};

static struct blob new_blob(bool big)
{
  struct blob x;
  memset(&x, 0, sizeof x);
  x.big = big;
  return x;
}

static void put_n(struct blob *x, uint64_t v, int bytes)
{
  for (int i = 0; i < bytes; i++)
    x->b[x->n++] = (uint8_t) (v >> 8 * (x->big ? bytes - 1 - i : i));
}

static void put_raw(struct blob *x, const void *p, size_t n)
{
  memcpy(x->b + x->n, p, n);
  x->n += n;
}

@ An IPv4 packet around a TCP segment, with a protocol and fragment
field of the test's choosing; its checksums are not computed, since the
reader does not look at them.

@<Helpers of the log tests@>=
static size_t ip_around(uint8_t *out, const uint8_t *seg, size_t n,
  uint8_t proto, uint16_t frag)
{
  memset(out, 0, 20);
  out[0] = 0x45;
  put_be16(out + 2, (uint16_t) (20 + n));
  put_be16(out + 6, frag);
  out[8] = 64;
  out[9] = proto;
  put_be32(out + 12, 0x7f000001);
  put_be32(out + 16, 0x7f000002);
  memcpy(out + 20, seg, n);
  return 20 + n;
}

@ A pcap file: the header for a link type, then records.

@<Helpers of the log tests@>=
static void pcap_header(struct blob *x, bool nano, uint32_t linktype)
{
  put_n(x, nano ? 0xa1b23c4d : 0xa1b2c3d4, 4);
  put_n(x, 2, 2);
  put_n(x, 4, 2);
  put_n(x, 0, 4);
  put_n(x, 0, 4);
  put_n(x, 262144, 4);
  put_n(x, linktype, 4);
}

static void pcap_record(struct blob *x, uint32_t sec, uint32_t frac,
  const uint8_t *p, size_t n)
{
  put_n(x, sec, 4);
  put_n(x, frac, 4);
  put_n(x, n, 4);
  put_n(x, n, 4);
  put_raw(x, p, n);
}

@ |read_all| reads a whole capture and returns how many segments it
gave; $-1$ if opening or reading failed (the message goes to |err|).
The first segment's time and source port are kept for the test to look
at, and the reader's counts.

@<Helpers of the log tests@>=
struct reading {
  int segments;
  uint64_t first_usec;
  uint16_t first_port;
  unsigned long skipped, malformed;
  char err[160];
};

static struct reading read_all(const void *p, size_t n)
{
  struct reading g;
  memset(&g, 0, sizeof g);
  FILE *f = file_of(p, n);
  struct capture_reader r;
  if (capture_reader_open(&r, f, g.err, sizeof g.err) < 0) g.segments = -1;
  else {
    @<Read segments until the end or an error@>@;
    capture_reader_close(&r);
  }
  fclose(f);
  return g;
}

@ @<Read segments until the end or an error@>=
uint64_t usec;
struct segment s;
const char *comment;
int rc;
while ((rc = capture_next(&r, &usec, &s, &comment)) == 1) {
  if (g.segments++ == 0) {
    g.first_usec = usec;
    g.first_port = s.src_port;
  }
}
if (rc < 0) {
  g.segments = -1;
  snprintf(g.err, sizeof g.err, "%s", r.err);
}
g.skipped = r.skipped;
g.malformed = r.malformed;

@ The segment in these files: from port 47520, a SYN with an MSS.

@<Helpers of the log tests@>=
static size_t test_packet(uint8_t *pkt)
{
  uint8_t seg[24];
  hex_bytes("b9a0a112 686d2e5c 00000000 6002ffd7 00000000 0204ffd7", seg);
  return ip_around(pkt, seg, sizeof seg, 6, 0x4000);
}

@ Every link type the reader knows, in pcap files of both byte orders
and both resolutions: BSD loopback (its family in either order),
Ethernet with and without a VLAN tag and with padding after the packet,
the two Linux cooked headers, and the two raw ones.

@<Log tests@>=
static void test_link_types(void)
{
  uint8_t pkt[64], frame[128];
  size_t n = test_packet(pkt);
  static const struct {
    uint32_t type;
    const char *head, *tail;
  } k[] = {@<Link-layer headers of the test frames@>};
  for (size_t i = 0; i < sizeof k / sizeof k[0]; i++)
    for (int variant = 0; variant < 4; variant++) {
      size_t h = hex_bytes(k[i].head, frame);
      memcpy(frame + h, pkt, n);
      size_t t = hex_bytes(k[i].tail, frame + h + n);
      struct blob x = new_blob(variant & 1);
      pcap_header(&x, variant & 2, k[i].type);
      pcap_record(&x, 7, variant & 2 ? 250000000 : 250000, frame, h + n + t);
      struct reading g = read_all(x.b, x.n);
      CHECKF(g.segments == 1 && g.first_port == 47520
        && g.first_usec == 7250000, "link type %lu, case %zu, variant %d: "@t}\1\1{@>@/
        "%d segments, port %u, time %llu %s", (unsigned long) k[i].type, i,
        variant, g.segments, g.first_port,
        (unsigned long long) g.first_usec, g.err@t}\2\2{@>);
    }
}

@ @<Link-layer headers of the test frames@>=
@[{LINKTYPE_NULL, "02000000", ""}, {LINKTYPE_NULL, "00000002", ""},@/
{LINKTYPE_ETHERNET, "000000000000 000000000000 0800", ""},@/
{LINKTYPE_ETHERNET, "000000000000 000000000000 8100 0005 0800", ""},@/
{LINKTYPE_ETHERNET, "000000000000 000000000000 0800", "00000000"},@/
{LINKTYPE_LINUX_SLL, "0000 0304 0006 000000000000 0000 0800", ""},@/
{LINKTYPE_LINUX_SLL2, "0800 0000 00000001 0304 00 06 000000000000 0000", ""},@/
{LINKTYPE_RAW, "", ""}, {LINKTYPE_IPV4, "", ""},@/@]

@ Packets that are not TCP over IPv4 are skipped and counted: a UDP
packet, an IPv6 packet, an ARP frame, a fragment, and a packet cut
short by the snapshot length.  A segment the parser refuses is counted
as malformed.  The one good packet among them is still found.

@<Log tests@>=
static void test_skipped_packets(void)
{
  uint8_t pkt[64], other[64];
  size_t n = test_packet(pkt);
  struct blob x = new_blob(false);
  pcap_header(&x, false, LINKTYPE_RAW);
  memcpy(other, pkt, n);
  other[9] = 17; /* UDP */
  pcap_record(&x, 1, 0, other, n);
  other[9] = 6;
  other[0] = 0x60; /* IPv6 */
  pcap_record(&x, 1, 0, other, n);
  memcpy(other, pkt, n);
  put_be16(other + 6, 0x2000); /* more fragments */
  pcap_record(&x, 1, 0, other, n);
  pcap_record(&x, 1, 0, pkt, n - 1); /* cut short */
  memcpy(other, pkt, n);
  other[32] = 0x40; /* data offset 4 */
  pcap_record(&x, 1, 0, other, n);
  pcap_record(&x, 2, 0, pkt, n);
  struct reading g = read_all(x.b, x.n);
  CHECKF(g.segments == 1 && g.first_usec == 2000000, "%d segments %s",
    g.segments, g.err);
  CHECK_EQ(g.skipped, 4);
  CHECK_EQ(g.malformed, 1);
}

@ pcapng as other programs write it: a big-endian section, an interface
counting nanoseconds and one counting $2^{-20}$ seconds, a block of a
type the reader does not know, a simple packet block, and a second
section in the other byte order, whose interface numbers start again
from 0.@^big-endian@>

@<Log tests@>=
static void test_pcapng_variants(void)
{
  uint8_t pkt[64];
  size_t n = test_packet(pkt);
  struct blob x = new_blob(true);
  @<Write a big-endian section with two interfaces and three packets@>@;
  x.big = false;
  @<Write a little-endian section with one interface and one packet@>@;
  struct reading g = read_all(x.b, x.n);
  CHECKF(g.segments == 4, "%d segments %s", g.segments, g.err);
  CHECK_EQ(g.first_usec, 1500000);
}

@ Blocks are written through one helper, which puts the type and the
length at both ends around a body.

@<Helpers of the log tests@>=
static void block(struct blob *x, uint32_t type, const struct blob *body)
{
  put_n(x, type, 4);
  put_n(x, 12 + body->n, 4);
  put_raw(x, body->b, body->n);
  put_n(x, 12 + body->n, 4);
}

static void section(struct blob *x)
{
  struct blob b = new_blob(x->big);
  put_n(&b, 0x1a2b3c4d, 4);
  put_n(&b, 1, 2);
  put_n(&b, 0, 2);
  put_n(&b, UINT64_MAX, 8);
  block(x, 0x0a0d0d0a, &b);
}

static void interface(struct blob *x, uint16_t linktype, int tsresol)
{
  struct blob b = new_blob(x->big);
  put_n(&b, linktype, 2);
  put_n(&b, 0, 2);
  put_n(&b, 0, 4);
  if (tsresol >= 0) {
    put_n(&b, 9, 2);
    put_n(&b, 1, 2);
    put_n(&b, (uint64_t) tsresol << (x->big ? 24 : 0), 4);
  }
  block(x, 1, &b);
}

@ An enhanced packet block with a time in the interface's units.

@<Helpers of the log tests@>=
static void packet(struct blob *x, uint32_t iface, uint64_t ts,
  const uint8_t *p, size_t n)
{
  struct blob b = new_blob(x->big);
  put_n(&b, iface, 4);
  put_n(&b, ts >> 32, 4);
  put_n(&b, ts & 0xffffffff, 4);
  put_n(&b, n, 4);
  put_n(&b, n, 4);
  put_raw(&b, p, n);
  while (b.n % 4) b.b[b.n++] = 0;
  block(x, 6, &b);
}

@ @<Write a big-endian section with two interfaces and three packets@>=
section(&x);
interface(&x, LINKTYPE_RAW, 9);
interface(&x, LINKTYPE_RAW, 0x80 | 20);
packet(&x, 0, UINT64_C(1500000000), pkt, n);
struct blob odd = new_blob(true);
put_n(&odd, 0xdeadbeef, 4);
block(&x, 0x0bad, &odd);
packet(&x, 1, UINT64_C(3) << 20, pkt, n);
struct blob simple = new_blob(true);
put_n(&simple, n, 4);
put_raw(&simple, pkt, n);
while (simple.n % 4) simple.b[simple.n++] = 0;
block(&x, 3, &simple);

@ @<Write a little-endian section with one interface and one packet@>=
section(&x);
interface(&x, LINKTYPE_ETHERNET, -1);
uint8_t frame[96];
size_t h = hex_bytes("000000000000 000000000000 0800", frame);
memcpy(frame + h, pkt, n);
packet(&x, 0, 4000000, frame, h + n);

@*1 Damaged files.
Every way a file can be damaged that the reader checks for: nothing at
all, a wrong magic number, a header cut short, a record cut short, a
record claiming an absurd length, an unknown link type, and for pcapng
a bad byte-order magic, two lengths of a block that disagree, a packet
of an interface never described, and a packet longer than its block.
Each must give an error with a message, not a crash.

@<Log tests@>=
static void test_damaged_files(void)
{
  uint8_t pkt[64];
  size_t n = test_packet(pkt);
  struct blob good = new_blob(false);
  pcap_header(&good, false, LINKTYPE_RAW);
  pcap_record(&good, 1, 0, pkt, n);
  CHECK_EQ(read_all(good.b, good.n).segments, 1);
  expect_damaged(good.b, 0, "empty file");
  expect_damaged("GIF89a..", 8, "not a capture");
  expect_damaged(good.b, 20, "header cut short");
  expect_damaged(good.b, good.n - 1, "record cut short");
  struct blob x = good;
  put_n(&x, 1, 4);
  put_n(&x, 0, 4);
  put_n(&x, 0xfffffff0, 4);
  put_n(&x, 0xfffffff0, 4);
  expect_damaged(x.b, x.n, "absurd length");
  x = good;
  x.b[20] = 147;
  expect_damaged(x.b, x.n, "link type 147");
  @<Try damaged pcapng files@>@;
}

@ @<Helpers of the log tests@>=
static void expect_damaged(const void *p, size_t n, const char *what)
{
  struct reading g = read_all(p, n);
  CHECKF(g.segments == -1 && g.err[0] != '\0',
    "%s: %d segments and no error", what, g.segments);
}

@ @<Try damaged pcapng files@>=
struct blob ng = new_blob(false);
section(&ng);
interface(&ng, LINKTYPE_RAW, -1);
size_t at = ng.n;
packet(&ng, 0, 1, pkt, n);
CHECK_EQ(read_all(ng.b, ng.n).segments, 1);
x = ng;
x.b[8] = 0x4e;
expect_damaged(x.b, x.n, "bad byte-order magic");
x = ng;
x.b[x.n - 4] ^= 4;
expect_damaged(x.b, x.n, "lengths differ");
x = ng;
x.b[at + 8] = 1;
expect_damaged(x.b, x.n, "undescribed interface");
x = ng;
x.b[at + 20] = 0xff;
expect_damaged(x.b, x.n, "packet longer than its block");
x = ng;
x.b[at + 4] = 0x0d;
expect_damaged(x.b, x.n, "block length not a multiple of 4");
expect_damaged(ng.b, ng.n - 2, "block cut short");

@ Last, random damage: a capture written by the writer, with a few
bytes changed at random or cut at a random place, a great many times.
The reader may accept or refuse each, but must end, finding no more
segments than the bytes could hold, and AddressSanitizer must see no
access out of bounds.

@<Log tests@>=
static void test_random_damage(void)
{
  struct segment s[3] = {plain(TCP_SYN), plain(TCP_ACK), plain(TCP_RST)};
  seg_set_mss(&s[0], 1460);
  uint64_t seed = 20251201, state = seed;
  for (int fmt = 0; fmt < 2; fmt++) {
    size_t size;
    char *bytes = write_capture((enum capture_format) fmt, s, 3, &size);
    uint8_t *copy = malloc(size);
    if (!copy) abort();
    for (int k = 0; k < 3000; k++) {
      memcpy(copy, bytes, size);
      @<Damage |copy| at random@>@;
      struct reading g = read_all(copy, cut);
      CHECKF(g.segments <= (int) size / 40, "%d segments from %zu bytes",
        g.segments, size);
    }
    free(copy);
    free(bytes);
  }
}

@ @<Damage |copy| at random@>=
size_t cut = size;
for (int d = 0; d < 3; d++) {
  state = state * 6364136223846793005u + 1442695040888963407u;
  size_t where = (size_t) (state >> 33) % size;
  copy[where] = (uint8_t) (state >> 17);
}
if (k % 4 == 0) cut = (size_t) (state >> 40) % size;

@ @<Run the log tests@>=
check_run("log: a connection's lines", test_lines_of_a_connection);
check_run("log: control bits and numbers", test_flags_and_numbers);
check_run("log: options as tcpdump prints them", test_options);
check_run("log: a line cut short", test_truncated_line);
check_run("log: the text log", test_text_log);
check_run("log: a pcap file, byte by byte", test_write_pcap);
check_run("log: a pcapng file, byte by byte", test_write_pcapng);
check_run("log: a segment too long to write", test_write_refused);
check_run("log: write and read back", test_round_trip);
check_run("log: every link type", test_link_types);
check_run("log: packets skipped", test_skipped_packets);
check_run("log: pcapng as others write it", test_pcapng_variants);
check_run("log: damaged files", test_damaged_files);
check_run("log: random damage", test_random_damage);
