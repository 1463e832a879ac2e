@q test-data.w: the tests of the buffers, the reassembler, the timers and of moving data. @>

@* Tests of the buffers.
The buffers of the chapters on the window and (\secref{window}) on reassembly are tested
alone, at their edges: full and empty, a window of zero, sequence numbers
that wrap round $2^{32}$, text that overlaps what is held, repeats it,
or lies beyond the window.  The program is \.{test\_buffer}.
\label{test-data}%

@(test_buffer.c@>=
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buffer.h"
#include "check.h"
@<Helpers of the buffer tests@>@;
@<Tests of the buffers@>@;
int main(int argc, char **argv)
{
  @<Run the tests of the buffers@>@;
  return check_report();
}

@ Most tests use a small ring, so that wrapping round the array happens
often: 16 bytes, of which the buffer may use |cap|.  The text of the
stream is a pattern in which the byte with sequence number $s$ is $s$
scrambled a little, so that a byte in the wrong place is noticed.

@<Helpers of the buffer tests@>=
static uint8_t stream_byte(uint32_t seq)
{
  return (uint8_t) (seq * 2654435761u >> 24);
}

static void stream_text(uint32_t seq, uint8_t *out, size_t n)
{
  for (size_t i = 0; i < n; i++) out[i] = stream_byte(seq + (uint32_t) i);
}

@ |read_and_check| reads up to |n| bytes and checks that they are the
stream's bytes from |seq| on; it returns the number read.

@<Helpers of the buffer tests@>=
static size_t read_and_check(struct tcp_rcvbuf *b, uint32_t seq, size_t n)
{
  uint8_t buf[4096];
  size_t got = rcvbuf_read(b, buf, n < sizeof buf ? n : sizeof buf);
  for (size_t i = 0; i < got; i++)
    if (!CHECKF(buf[i] == stream_byte(seq + (uint32_t) i),
        "byte %zu read (sequence number %u) is %u, expected %u", i,
        seq + (unsigned) i, buf[i], stream_byte(seq + (uint32_t) i)))
      break;
  return got;
}

@ |insert| hands the buffer the stream's bytes |seq| to $|seq|+|n|-1$.

@<Helpers of the buffer tests@>=
static uint32_t insert(struct tcp_rcvbuf *b, uint32_t seq, uint32_t n)
{
  uint8_t text[4096];
  stream_text(seq, text, n);
  return rcvbuf_insert(b, seq, text, n);
}

@ The send buffer takes what fits and no more, frees what is
acknowledged, and ignores acknowledgments of nothing new.

@<Tests of the buffers@>=
static void test_sndbuf_fill_and_ack(void)
{
  uint8_t text[32];
  struct tcp_sndbuf b;
  sndbuf_init(&b, 16, 10, 1000);
  stream_text(1000, text, sizeof text);
  CHECK_EQ(sndbuf_write(&b, text, 6), 6);
  CHECK_EQ(sndbuf_write(&b, text + 6, 20), 4);  /* only 4 more fit */
  CHECK_EQ(sndbuf_write(&b, text, 1), 0);
  CHECK_EQ(sndbuf_room(&b), 0);
  CHECK_EQ(sndbuf_ack(&b, 999), 0);    /* before the buffer */
  CHECK_EQ(sndbuf_ack(&b, 1000), 0);   /* nothing new */
  CHECK_EQ(sndbuf_ack(&b, 1003), 3);
  CHECK_EQ(b.head, 1003);
  CHECK_EQ(sndbuf_room(&b), 3);
  CHECK_EQ(sndbuf_ack(&b, 1011), 7);   /* one beyond: the FIN */
  CHECK_EQ(b.len, 0);
  CHECK_EQ(b.head, 1010);
}

@ Text that crosses the end of the array comes back copied; text that
does not comes back in place.  Both are the right bytes, here with the
sequence numbers wrapping round $2^{32}$ as well.

@<Tests of the buffers@>=
static void test_sndbuf_text_at_the_wrap(void)
{
  uint8_t text[16], scratch[16];
  struct tcp_sndbuf b;
  uint32_t start = UINT32_C(0xfffffffa);  /* six bytes before $2^{32}$ */
  sndbuf_init(&b, 16, 16, start);
  stream_text(start, text, 16);
  CHECK_EQ(sndbuf_write(&b, text, 16), 16);
  const uint8_t *p = sndbuf_text(&b, start, 4, scratch);
  CHECK(p == b.data + 10);
  CHECK(memcmp(p, text, 4) == 0);
  p = sndbuf_text(&b, start + 4, 8, scratch);  /* array indexes 14, 15, 0, 1, \dots */
  CHECK(p == scratch);
  CHECK(memcmp(p, text + 4, 8) == 0);
  CHECK_EQ(sndbuf_ack(&b, 3), 9);  /* three past the wrap of the numbers */
  CHECK_EQ(b.head, 3);
  p = sndbuf_text(&b, 3, 7, scratch);
  CHECK(memcmp(p, text + 9, 7) == 0);
}

@ In-order text goes in, and out in the same order, across the end of
the array and across $2^{32}$; the window is the room that is left.

@<Tests of the buffers@>=
static void test_rcvbuf_in_order(void)
{
  struct tcp_rcvbuf b;
  uint32_t seq = UINT32_C(0xfffffff0);
  rcvbuf_init(&b, 16, 16, seq);
  for (int round = 0; round < 10; round++) {
    CHECK_EQ(insert(&b, seq, 5), 5);
    CHECK_EQ(insert(&b, seq + 5, 6), 6);
    CHECK_EQ(rcvbuf_window(&b), 5);
    CHECK_EQ(read_and_check(&b, seq, 11), 11);
    seq += 11;
    CHECK_EQ(rcvbuf_next(&b), seq);
    CHECK_EQ(rcvbuf_window(&b), 16);
  }
}

@ A full buffer offers a window of zero and takes nothing, not even one
byte at RCV.NXT; reading a byte opens the window by one.  Text that
runs past the window's right edge is cut there.

@<Tests of the buffers@>=
static void test_rcvbuf_full(void)
{
  struct tcp_rcvbuf b;
  rcvbuf_init(&b, 16, 12, 500);
  CHECK_EQ(insert(&b, 500, 20), 12);  /* cut at the right edge */
  CHECK_EQ(rcvbuf_window(&b), 0);
  CHECK_EQ(insert(&b, 512, 1), 0);
  CHECK_EQ(insert(&b, 513, 3), 0);   /* beyond a closed window */
  CHECK_EQ(read_and_check(&b, 500, 1), 1);
  CHECK_EQ(rcvbuf_window(&b), 1);
  CHECK_EQ(insert(&b, 512, 4), 1);
  CHECK_EQ(rcvbuf_window(&b), 0);
  CHECK_EQ(read_and_check(&b, 501, 100), 12);
  CHECK_EQ(rcvbuf_window(&b), 12);
}

@ Duplicates and old text: a segment wholly before RCV.NXT adds nothing;
one that begins before it and ends after it adds only its new part.

@<Tests of the buffers@>=
static void test_rcvbuf_duplicates(void)
{
  struct tcp_rcvbuf b;
  rcvbuf_init(&b, 64, 64, 100);
  CHECK_EQ(insert(&b, 100, 10), 10);
  CHECK_EQ(insert(&b, 100, 10), 0);
  CHECK_EQ(insert(&b, 95, 5), 0);
  CHECK_EQ(insert(&b, 105, 10), 5);  /* 105--109 old, 110--114 new */
  CHECK_EQ(rcvbuf_next(&b), 115);
  CHECK_EQ(read_and_check(&b, 100, 64), 15);
}

@ Out of order: text beyond a gap is kept and becomes readable when the
gap is filled; the list of ranges says what is held.  The exercise of
the chapter on reassembly (\secref{reassembly}), worked.

@<Tests of the buffers@>=
static void test_reassembly_fills_gaps(void)
{
  struct tcp_rcvbuf b;
  rcvbuf_init(&b, 1024, 1000, 1000);
  CHECK_EQ(insert(&b, 1200, 100), 0);
  CHECK_EQ(insert(&b, 1400, 100), 0);
  CHECK_EQ(b.nranges, 2);
  CHECK_EQ(insert(&b, 1300, 100), 0);  /* joins the two ranges */
  CHECK_EQ(b.nranges, 1);
  CHECK_EQ(rcvbuf_range_lo(&b, 0), 1200);
  CHECK_EQ(rcvbuf_range_hi(&b, 0), 1500);
  CHECK(rcvbuf_holds(&b, 1250, 1500));
  CHECK(!rcvbuf_holds(&b, 1100, 1300));
  CHECK_EQ(insert(&b, 1000, 200), 500);  /* fills the gap */
  CHECK_EQ(b.nranges, 0);
  CHECK_EQ(insert(&b, 1100, 500), 100);  /* old, held, then new */
  CHECK_EQ(rcvbuf_next(&b), 1600);
  CHECK_EQ(read_and_check(&b, 1000, 1000), 600);
}

@ Overlaps of every kind: text that covers a range and the gaps on both
sides of it, text inside a range, text that touches a range without
overlapping it, and text that bridges three ranges.

@<Tests of the buffers@>=
static void test_reassembly_overlaps(void)
{
  struct tcp_rcvbuf b;
  rcvbuf_init(&b, 256, 256, 0);
  CHECK_EQ(insert(&b, 20, 10), 0);   /* 20--29 */
  CHECK_EQ(insert(&b, 15, 20), 0);   /* 15--34 covers it */
  CHECK_EQ(b.nranges, 1);
  CHECK_EQ(rcvbuf_range_lo(&b, 0), 15);
  CHECK_EQ(rcvbuf_range_hi(&b, 0), 35);
  CHECK_EQ(insert(&b, 18, 4), 0);    /* inside */
  CHECK_EQ(b.nranges, 1);
  CHECK_EQ(insert(&b, 35, 5), 0);    /* touches the end */
  CHECK_EQ(rcvbuf_range_hi(&b, 0), 40);
  CHECK_EQ(insert(&b, 10, 5), 0);    /* touches the start */
  CHECK_EQ(rcvbuf_range_lo(&b, 0), 10);
  CHECK_EQ(insert(&b, 50, 5), 0);
  CHECK_EQ(insert(&b, 60, 5), 0);
  CHECK_EQ(b.nranges, 3);
  CHECK_EQ(insert(&b, 38, 25), 0);   /* bridges all three */
  CHECK_EQ(b.nranges, 1);
  CHECK_EQ(rcvbuf_range_lo(&b, 0), 10);
  CHECK_EQ(rcvbuf_range_hi(&b, 0), 65);
  CHECK_EQ(insert(&b, 0, 10), 65);
  CHECK_EQ(read_and_check(&b, 0, 256), 65);
}

@ The window's right edge bounds out-of-order text as it bounds text in
order: a segment that begins beyond the edge is dropped, one that
crosses it is cut.  A zero window takes nothing out of order either.@^zero window@>

@<Tests of the buffers@>=
static void test_reassembly_window_edges(void)
{
  struct tcp_rcvbuf b;
  rcvbuf_init(&b, 128, 100, 7000);
  CHECK_EQ(insert(&b, 7100, 1), 0);  /* the first byte beyond the edge */
  CHECK_EQ(b.nranges, 0);
  CHECK_EQ(insert(&b, 7090, 30), 0);  /* cut at the edge */
  CHECK_EQ(rcvbuf_range_hi(&b, 0), 7100);
  CHECK_EQ(insert(&b, 7000, 90), 100);
  CHECK_EQ(rcvbuf_window(&b), 0);
  CHECK_EQ(insert(&b, 7150, 10), 0);
  CHECK_EQ(b.nranges, 0);
  CHECK_EQ(read_and_check(&b, 7000, 100), 100);
}

@ The list of ranges is bounded: with eight islands held, a ninth is
refused, but text that joins an island, and the text that fills the
first gap, are still taken.

@<Tests of the buffers@>=
static void test_reassembly_bounded(void)
{
  struct tcp_rcvbuf b;
  rcvbuf_init(&b, 256, 256, 0);
  for (uint32_t k = 0; k < TCP_REASM_RANGES; k++)
    insert(&b, 10 + 20 * k, 10);
  CHECK_EQ(b.nranges, TCP_REASM_RANGES);
  CHECK_EQ(insert(&b, 10 + 20 * TCP_REASM_RANGES, 10), 0);
  CHECK_EQ(b.nranges, TCP_REASM_RANGES);
  CHECK(!rcvbuf_holds(&b, 10 + 20 * TCP_REASM_RANGES, 20 + 20 * TCP_REASM_RANGES));
  CHECK_EQ(insert(&b, 20, 3), 0);  /* extends the first island */
  CHECK_EQ(rcvbuf_range_hi(&b, 0), 23);
  CHECK_EQ(insert(&b, 0, 10), 23);
  CHECK_EQ(b.nranges, TCP_REASM_RANGES - 1);
}

@ Islands that straddle the wrap of the sequence numbers, and a gap
filled across it.

@<Tests of the buffers@>=
static void test_reassembly_across_the_wrap(void)
{
  struct tcp_rcvbuf b;
  uint32_t seq = UINT32_C(0xffffffe0);
  rcvbuf_init(&b, 64, 64, seq);
  CHECK_EQ(insert(&b, seq + 30, 10), 0);  /* $2^{32}-2$ to 7 */
  CHECK_EQ(insert(&b, seq + 50, 5), 0);
  CHECK_EQ(b.nranges, 2);
  CHECK(rcvbuf_holds(&b, UINT32_C(0xffffffff), 5));
  CHECK_EQ(insert(&b, seq, 30), 40);
  CHECK_EQ(rcvbuf_next(&b), 8);
  CHECK_EQ(insert(&b, 8, 10), 15);
  CHECK_EQ(read_and_check(&b, seq, 64), 55);
}

@ The ranges are kept in sixteen bits (the chapter on reassembly, \secref{reassembly}), which
is exactly enough for the largest ring: a range may begin 65,535 bytes
after RCV.NXT, and may be 65,535 bytes long.  Here are both, in a ring of
64 kilobytes whose window straddles $2^{32}$: one byte at the far edge of
the window, a byte beyond it that is refused, then the whole rest of the
window but its first byte, sent from the top down so that every piece
joins the range above it; and last the first byte, which brings in all
65,536 bytes at once.

@<Tests of the buffers@>=
static void test_ranges_at_the_far_edge(void)
{
  static struct tcp_rcvbuf b;
  uint32_t seq = UINT32_C(0xffff8000);
  rcvbuf_init(&b, 65536, 65536, seq);
  CHECK_EQ(insert(&b, seq + 65535, 1), 0);
  CHECK_EQ(insert(&b, seq + 65536, 1), 0);
  CHECK_EQ(b.nranges, 1);
  CHECK_EQ(rcvbuf_range_lo(&b, 0), seq + 65535);
  CHECK_EQ(rcvbuf_range_hi(&b, 0), seq + 65536);
  CHECK(!rcvbuf_holds(&b, seq + 65536, seq + 65537));
  for (uint32_t hi = 65535; hi > 1; ) {
    uint32_t lo = hi > 4001 ? hi - 4000 : 1;
    CHECK_EQ(insert(&b, seq + lo, hi - lo), 0);
    hi = lo;
  }
  CHECK_EQ(b.nranges, 1);
  CHECK_EQ(rcvbuf_range_lo(&b, 0), seq + 1);
  CHECK_EQ(rcvbuf_range_hi(&b, 0), seq + 65536);
  CHECK_EQ(insert(&b, seq, 1), 65536);
  CHECK_EQ(b.nranges, 0);
  size_t got = 0;
  while (got < 65536) {
    size_t k = read_and_check(&b, seq + (uint32_t) got, 4096);
    if (!CHECK(k > 0)) break;
    got += k;
  }
  CHECK_EQ(got, 65536);
}

@ Last, a randomised test of the reassembler against the stream itself.
Text is drawn at random around the window (some old, some beyond the
edge, of random lengths), and read at random; after each step the
buffer's invariants must hold: the ranges are in order, disjoint, do
not touch RCV.NXT or each other, lie within the window, and hold the
stream's bytes; and what is read is the stream.  At the end the
whole window is sent in order and must all arrive.  A failure names the
seed, and \.{build/tests/test\_buffer SEED} repeats it.

@<Tests of the buffers@>=
static uint64_t rng_state;
static uint32_t rnd(uint32_t n)
{
  rng_state = rng_state * UINT64_C(6364136223846793005)
    + UINT64_C(1442695040888963407);
  return (uint32_t) ((rng_state >> 33) % n);
}

@ @<Tests of the buffers@>=
static bool invariants_hold(const struct tcp_rcvbuf *b, uint64_t seed)
{
  uint32_t nxt = rcvbuf_next(b), prev = 0;
  bool ok = CHECKF(b->len <= b->cap, "seed %llu: %u bytes in order in a buffer of %u",
    (unsigned long long) seed, b->len, b->cap);
  for (uint32_t k = 0; ok && k < b->nranges; k++) {
    uint32_t lo = rcvbuf_range_lo(b, k) - nxt, hi = rcvbuf_range_hi(b, k) - nxt;
    ok = CHECKF(lo > prev && lo < hi && hi <= rcvbuf_window(b),
      "seed %llu: range %u is %u..%u from RCV.NXT (after %u, window %u)",
      (unsigned long long) seed, k, lo, hi, prev, rcvbuf_window(b));
    for (uint32_t s = lo; ok && s < hi; s++)
      ok = CHECKF(b->data[(nxt + s) & b->mask] == stream_byte(nxt + s),
        "seed %llu: held byte %u is wrong", (unsigned long long) seed, nxt + s);
    prev = hi;
  }
  return ok;
}

@ @<Tests of the buffers@>=
static uint64_t first_seed = 1;
static int nseeds = 300;

static struct tcp_rcvbuf b;  /* too large for comfort on the stack of a loop */
static void test_reassembly_random(void)
{
  for (uint64_t seed = first_seed; seed < first_seed + (uint64_t) nseeds; seed++) {
    rng_state = seed;
    uint32_t cap = 1 + rnd(512), start = (uint32_t) (rnd(1u << 16) - 30000u);
    rcvbuf_init(&b, 512, cap, start);
    uint32_t readpos = start;
    bool ok = true;
    for (int step = 0; ok && step < 400; step++) {
      if (rnd(4) == 0) readpos += (uint32_t) read_and_check(&b, readpos, rnd(cap + 1));
      else {
        uint32_t seq = rcvbuf_next(&b) + rnd(cap + 40) - 20;
        insert(&b, seq, rnd(cap / 3 + 2));
      }
      ok = invariants_hold(&b, seed);
    }
    while (ok && rcvbuf_next(&b) != readpos + cap) {
      readpos += (uint32_t) read_and_check(&b, readpos, cap);
      ok = CHECKF(insert(&b, rcvbuf_next(&b), rcvbuf_window(&b)) > 0 || rcvbuf_window(&b) == 0,
        "seed %llu: the window is open but in-order text is refused",
        (unsigned long long) seed);
    }
    if (!ok) {
      printf("    repeat with: build/tests/test_buffer %llu\n", (unsigned long long) seed);
      return;
    }
  }
}

@ A seed on the command line runs that seed alone.

@<Run the tests of the buffers@>=
if (argc > 1) {
  first_seed = strtoull(argv[1], NULL, 10);
  nseeds = 1;
}
check_run("send buffer: fill and acknowledge", test_sndbuf_fill_and_ack);
check_run("send buffer: text at the wrap", test_sndbuf_text_at_the_wrap);
check_run("receive buffer: in order across 2^32", test_rcvbuf_in_order);
check_run("receive buffer: full, zero window", test_rcvbuf_full);
check_run("receive buffer: duplicates", test_rcvbuf_duplicates);
check_run("reassembly: gaps filled", test_reassembly_fills_gaps);
check_run("reassembly: overlaps", test_reassembly_overlaps);
check_run("reassembly: window edges", test_reassembly_window_edges);
check_run("reassembly: bounded memory", test_reassembly_bounded);
check_run("reassembly: across 2^32", test_reassembly_across_the_wrap);
check_run("reassembly: ranges of 16 bits at the far edge", test_ranges_at_the_far_edge);
check_run("reassembly: random text against the stream", test_reassembly_random);

@* Tests of the timers.
The retransmission timer of RFC~6298 and the rules of flow control are
tested with hand-picked numbers whose results can be worked out on
paper.  The program is \.{test\_timers}.

@(test_timers.c@>=
#include <stdio.h>
#include "check.h"
#include "flow.h"
#include "rto.h"
@<Tests of the timers@>@;
int main(void)
{
  @<Run the tests of the timers@>@;
  return check_report();
}

@ Before any measurement the timeout is the initial one; the first
measurement of 100 milliseconds gives SRTT${}=100$, RTTVAR${}=50$, and
RTO${}=100+4\cdot50=300$ milliseconds without a floor, one second with
the default floor.  A second measurement of 200 milliseconds gives
RTTVAR${}={3\over4}50+{1\over4}100=62.5$ and SRTT${}={7\over8}100+
{1\over8}200=112.5$, and so RTO${}=362.5$ milliseconds.

@<Tests of the timers@>=
#define MS UINT64_C(1000)
#define SEC UINT64_C(1000000)
static void test_rto_estimate(void)
{
  struct tcp_rto r;
  rto_init(&r, 1 * SEC, 0, 60 * SEC);
  CHECK_EQ(r.rto, 1 * SEC);
  rto_measure(&r, 100 * MS);
  CHECK_EQ(r.srtt, 100 * MS);
  CHECK_EQ(r.rttvar, 50 * MS);
  CHECK_EQ(r.rto, 300 * MS);
  rto_measure(&r, 200 * MS);
  CHECK_EQ(r.rttvar, 62500);
  CHECK_EQ(r.srtt, 112500);
  CHECK_EQ(r.rto, 362500);
  rto_init(&r, 1 * SEC, 1 * SEC, 60 * SEC);
  rto_measure(&r, 100 * MS);
  CHECK_EQ(r.rto, 1 * SEC);  /* the floor */
}

@ A steady round trip drives RTTVAR towards zero; the granularity keeps
the timeout a millisecond above the round trip.

@<Tests of the timers@>=
static void test_rto_steady(void)
{
  struct tcp_rto r;
  rto_init(&r, 1 * SEC, 0, 60 * SEC);
  for (int i = 0; i < 200; i++) rto_measure(&r, 20 * MS);
  CHECK_EQ(r.srtt, 20 * MS);
  CHECK(r.rttvar < 10);
  CHECK(r.rto >= 21 * MS);
  CHECK(r.rto < 21 * MS + 40);
}

@ Backing off doubles the timeout up to the ceiling, and counts.

@<Tests of the timers@>=
static void test_rto_backoff(void)
{
  struct tcp_rto r;
  rto_init(&r, 1 * SEC, 1 * SEC, 60 * SEC);
  uint64_t now = 0;
  rto_sent(&r, 100, false, now);
  CHECK_EQ(r.deadline, 1 * SEC);
  static const uint64_t want[] = {2, 4, 8, 16, 32, 60, 60};
  for (int i = 0; i < 7; i++) {
    now = r.deadline;
    CHECK(rto_due(&r, now));
    rto_expired(&r, now);
    CHECK_EQ(r.rto, want[i] * SEC);
    CHECK_EQ(r.deadline, now + want[i] * SEC);
    CHECK_EQ(r.backoffs, (uint64_t) i + 1);
  }
}

@ Karn's rule: a segment that was repeated is not measured, and the
timeout stays backed off until a segment sent afterwards is.

@<Tests of the timers@>=
static void test_rto_karn(void)
{
  struct tcp_rto r;
  rto_init(&r, 1 * SEC, 0, 60 * SEC);
  rto_sent(&r, 1000, false, 0);          /* timed */
  rto_expired(&r, 1 * SEC);               /* lost, it seems */
  rto_sent(&r, 1000, true, 1 * SEC);     /* repeated */
  rto_acked(&r, 1000, true, 1 * SEC + 50 * MS);
  CHECK(!r.measured);
  CHECK_EQ(r.rto, 2 * SEC);
  CHECK_EQ(r.deadline, 0);
  CHECK_EQ(r.backoffs, 0);
  rto_sent(&r, 2000, false, 2 * SEC);
  rto_acked(&r, 2000, true, 2 * SEC + 80 * MS);
  CHECK(r.measured);
  CHECK_EQ(r.srtt, 80 * MS);
  CHECK_EQ(r.rto, 240 * MS);
}

@ The timer runs while something is unacknowledged: it starts with the
first segment, is not pushed back by later ones, restarts when some but
not all is acknowledged, and stops when all is.  The timed segment ends
past the wrap of the sequence numbers.

@<Tests of the timers@>=
static void test_rto_running(void)
{
  struct tcp_rto r;
  rto_init(&r, 1 * SEC, 1 * SEC, 60 * SEC);
  rto_sent(&r, UINT32_C(0xfffffff0), false, 10);
  rto_sent(&r, 16, false, 20);
  CHECK_EQ(r.deadline, 10 + 1 * SEC);
  CHECK(!rto_due(&r, 9 + 1 * SEC));
  rto_acked(&r, 5, false, 100 * MS);  /* covers the timed segment */
  CHECK(r.measured);
  CHECK_EQ(r.srtt, 100 * MS - 10);
  CHECK_EQ(r.deadline, 100 * MS + r.rto);
  rto_acked(&r, 16, true, 150 * MS);
  CHECK_EQ(r.deadline, 0);
  CHECK(!rto_due(&r, UINT64_MAX));
}

@ The receiver's rule against silly windows, with the numbers of the
first exercise of the chapter on flow control (\secref{flow}): a buffer of 4000 bytes,
an MSS of 1460, so a step of 1460; the old edge at 5000 and RCV.NXT at
4800 leave a standing window of 200.

@<Tests of the timers@>=
static void test_window_to_offer(void)
{
  CHECK_EQ(window_to_offer(4800, 5000, 1000, 4000, 1460), 200);
  CHECK(!window_update_due(4800, 5000, 1000, 4000, 1460));
  CHECK_EQ(window_to_offer(4800, 5000, 1660, 4000, 1460), 1660);
  CHECK(window_update_due(4800, 5000, 1660, 4000, 1460));
  CHECK_EQ(window_to_offer(4800, 5000, 4000, 4000, 1460), 4000);
  CHECK_EQ(window_to_offer(5001, 5000, 100, 4000, 1460), 0);  /* past the edge */
  CHECK_EQ(window_to_offer(10, 10, 50, 100, 1460), 50);  /* step is half of 100 */
  CHECK_EQ(window_to_offer(10, 10, 49, 100, 1460), 0);
  CHECK(!window_update_due(0, 3000, 4000, 4000, 1460));  /* the sender knows of 3000 */
  CHECK_EQ(window_to_offer(UINT32_C(0xffffff00), 100, 1000, 4000, 1460), 356);
  CHECK_EQ(window_to_offer(10, 10, 1, 1, 1460), 1);  /* a buffer of one byte */
  CHECK(window_update_due(10, 10, 1, 1, 1460));
  CHECK(!window_update_due(10, 11, 1, 1, 1460));  /* the byte is still offered */
}

@ The persist timer starts at the RTO, doubles to its ceiling, and
never stops by itself.

@<Tests of the timers@>=
static void test_persist(void)
{
  struct tcp_persist p = {0, 0, 0};
  CHECK(!persist_due(&p, UINT64_MAX));
  persist_start(&p, 1 * SEC, 5 * SEC);
  CHECK_EQ(p.deadline, 6 * SEC);
  uint64_t now = p.deadline;
  for (int i = 0; i < 20; i++) {
    CHECK(persist_due(&p, now));
    persist_probed(&p, 60 * SEC, now);
    now = p.deadline;
  }
  CHECK_EQ(p.probes, 20);
  CHECK_EQ(p.wait, 60 * SEC);
  persist_stop(&p);
  CHECK(!persist_due(&p, UINT64_MAX));
}

@ The sender's rule: a full segment, the last of the data, or half the
largest window go; a small piece of a larger backlog waits.@^backlog@>

@<Tests of the timers@>=
static void test_worth_sending(void)
{
  CHECK(worth_sending(1460, 5000, 1460, 65535));
  CHECK(worth_sending(10, 10, 1460, 65535));
  CHECK(!worth_sending(10, 5000, 1460, 65535));
  CHECK(worth_sending(600, 5000, 1460, 1000));
  CHECK(!worth_sending(0, 0, 1460, 65535));
}

@ @<Run the tests of the timers@>=
check_run("rto: RFC 6298 estimate", test_rto_estimate);
check_run("rto: steady round trip", test_rto_steady);
check_run("rto: exponential backoff to the ceiling", test_rto_backoff);
check_run("rto: Karn's rule", test_rto_karn);
check_run("rto: started, restarted, stopped", test_rto_running);
check_run("flow: the window offered", test_window_to_offer);
check_run("flow: the persist timer", test_persist);
check_run("flow: the sender's silly window rule", test_worth_sending);

@* The property test of transfers.
The claim of the chapters on moving data (\secref{window}) is that whatever the link does
to the segments (loses, repeats, reorders, delays or damages them), each
side receives exactly the bytes the other sent, and both connections
end CLOSED.  The program \.{test\_transfer} checks the claim on random
transfers over the bulk link of the chapter ``Speed and size'' (\secref{perf}), in
both directions at once, for 200 seeds under each of eight sets of
faults: 1600 transfers, which take about ten seconds on the two cores of
the machine the book was written on, under the sanitizers.  \.{make
soak} runs 5000 seeds of each set.

@(test_transfer.c@>=
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "bulk.h"
#include "check.h"
@<The sets of faults of the property test@>@;
@<Functions of the property test@>@;
int main(int argc, char **argv)
{
  @<Read the command line of the property test@>@;
  @<Run the property test@>@;
  return check_report();
}

@ The sets of faults, each with a name for the command line.  The
chances are per segment, in millionths, in the order drop, duplicate,
delay, reorder, corrupt.  ``Reordering'' holds one segment in ten behind
its successor and delays one in twenty by up to 50 milliseconds, which
overtakes several; ``all'' is everything at once, with 10\% loss.

@<The sets of faults of the property test@>=
struct fault_set {
  const char *name, *title;
  struct bulk_faults f;
};
static const struct fault_set fault_sets[] = {
  {"none", "no faults", {0, 0, 0, 0, 0}},
  {"loss1", "1% loss", {10000, 0, 0, 0, 0}},
  {"loss10", "10% loss", {100000, 0, 0, 0, 0}},
  {"loss30", "30% loss", {300000, 0, 0, 0, 0}},
  {"dup10", "10% duplication", {0, 100000, 0, 0, 0}},
  {"reorder", "reordering", {0, 0, 50000, 100000, 0}},
  {"corrupt1", "1% corruption", {0, 0, 0, 0, 10000}},
  {"all", "all faults together", {100000, 100000, 50000, 100000, 10000}},
};
#define NSETS (sizeof fault_sets / sizeof fault_sets[0])

@ The size of each side's transfer is drawn from the seed.  Most are
small, so that two hundred seeds run in seconds: three in a hundred send
nothing at all, and the others send $2^b$ to $2^{b+1}$ bytes with $b$
drawn evenly from 0 to 19, so that a tenth of a megabyte is typical;
two seeds in every hundred send four mebibytes each way.  Both ends
use the default configuration, except that they retry a lost segment
thirty times before they give up rather than eight: with 30\% loss in
each direction a round trip fails half the time, and nine failures in a
row, the default limit, happen a few times in a run of this test.

@<Functions of the property test@>=
static uint64_t mix(uint64_t z)
{
  z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static FILE *trace;  /* \.{--trace FILE}: every segment of the runs */

static uint64_t transfer_size(uint64_t seed, int k)
{
  uint64_t z = mix(seed * 2 + (uint64_t) k);
  if (seed % 100 == 7 || seed % 100 == 58) return 4u << 20;
  if (z % 100 < 3) return 0;
  unsigned b = (unsigned) (z >> 8) % 20;
  return (UINT64_C(1) << b) + (z >> 32) % (UINT64_C(1) << b);
}

static void options_for(struct bulk_options *o, const struct fault_set *fs,
  uint64_t seed)
{
  bulk_defaults(o);
  o->seed = seed;
  o->faults = fs->f;
  o->bytes[0] = transfer_size(seed, 0);
  o->bytes[1] = transfer_size(seed, 1);
  o->cfg.retries = 30;
  o->cfg.syn_retries = 30;
  o->trace = trace;
}

@ One run: the verdict, and on failure a line with the seed and the
command that repeats the run alone.

@<Functions of the property test@>=
static bool run_one(const struct fault_set *fs, uint64_t seed, FILE *report,
  struct bulk_result *r)
{
  struct bulk_options o;
  char why[256];
  options_for(&o, fs, seed);
  bulk_run(&o, r);
  if (bulk_verdict(&o, r, why, sizeof why)) return true;
  fprintf(report, "%s, seed %llu (%llu and %llu bytes): %s; repeat with: "
    "build/tests/test_transfer --faults %s --seed %llu\n", fs->title,
    (unsigned long long) seed, (unsigned long long) o.bytes[0],
    (unsigned long long) o.bytes[1], why, fs->name, (unsigned long long) seed);
  fflush(report);
  return false;
}

@ The seeds of a set are shared between two worker processes, one for
each core of the machine the tests are meant for: worker $w$ takes the
seeds $s$ with $s\bmod 2=w$.  A worker writes a line for each failure
into a pipe, and at the end a line of totals; the parent turns each
failure line into a failed check.  A worker that dies, as one stopped by
a sanitizer does, fails the set too, and its report is on the standard
error stream above.

@<Functions of the property test@>=
static uint64_t first_seed = 1, nseeds = 200;

static void run_set(const struct fault_set *fs)
{
  int fd[2];
  pid_t pid[2];
  if (!CHECK(pipe(fd) == 0)) return;
  for (int w = 0; w < 2; w++) {
    pid[w] = fork();
    if (pid[w] == 0) @<Be worker |w| of the set |fs|, and exit@>@;
  }
  close(fd[1]);
  @<Read the workers' reports@>@;
  for (int w = 0; w < 2; w++) {
    int status = 0;
    while (waitpid(pid[w], &status, 0) < 0 && errno == EINTR) continue;
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 0,
      "worker %d of the set \"%s\" died (status 0x%x)", w, fs->name, status);
  }
}

@ @<Be worker |w| of the set |fs|, and exit@>=
{
  FILE *out = fdopen(fd[1], "w");
  close(fd[0]);
  uint64_t runs = 0, bytes = 0, segs = 0, rtx = 0, bad = 0;
  for (uint64_t s = first_seed; s < first_seed + nseeds; s++) {
    if (s % 2 != (uint64_t) w) continue;
    struct bulk_result r;
    run_one(fs, s, out, &r);
    runs++;
    bytes += r.received[0] + r.received[1];
    segs += r.segments[0] + r.segments[1];
    rtx += r.retransmitted[0] + r.retransmitted[1];
    bad += r.bad_checksum;
  }
  fprintf(out, "# worker %d: %llu runs, %llu bytes, %llu segments, "
    "%llu retransmitted, %llu damaged\n", w, (unsigned long long) runs,
    (unsigned long long) bytes, (unsigned long long) segs,
    (unsigned long long) rtx, (unsigned long long) bad);
  fclose(out);
  _exit(0);
}

@ @<Read the workers' reports@>=
{
  FILE *in = fdopen(fd[0], "r");
  char buf[512];
  while (in && fgets(buf, sizeof buf, in)) {
    buf[strcspn(buf, "\n")] = '\0';
    if (buf[0] == '#') printf("%s\n", buf);
    else CHECKF(false, "%s", buf);
  }
  if (in) fclose(in);
}

@ The command line: with no arguments, every set for 200 seeds.
\.{--faults NAME} runs one set, \.{--seed N} one seed (and then prints
what the run did), \.{--seeds N} and \.{--first N} choose how many
seeds and from where; the soak test of \.{make soak} runs thousands.
\.{--trace FILE} writes every segment of the runs to |FILE|, which is
meant for a single seed.

@<Read the command line of the property test@>=
const char *only = NULL;
bool one = false;
for (int i = 1; i + 1 < argc; i += 2) {
  if (strcmp(argv[i], "--faults") == 0) only = argv[i + 1];
  else if (strcmp(argv[i], "--seed") == 0) {
    first_seed = strtoull(argv[i + 1], NULL, 10);
    nseeds = 1;
    one = true;
  } else if (strcmp(argv[i], "--seeds") == 0) nseeds = strtoull(argv[i + 1], NULL, 10);
  else if (strcmp(argv[i], "--first") == 0) first_seed = strtoull(argv[i + 1], NULL, 10);
  else if (strcmp(argv[i], "--trace") == 0) trace = fopen(argv[i + 1], "w");
  else {
    fprintf(stderr, "usage: test_transfer [--faults NAME] [--seed N | --seeds N --first N]\n");
    return 2;
  }
}

@ A single seed runs in this process, so that a debugger can follow it,
and prints what happened.

@<Run the property test@>=
for (size_t i = 0; i < NSETS; i++) {
  const struct fault_set *fs = &fault_sets[i];
  if (only && strcmp(only, fs->name) != 0) continue;
  char name[96];
  snprintf(name, sizeof name, "transfers under %s, %llu seed%s", fs->title,
    (unsigned long long) nseeds, nseeds == 1 ? "" : "s");
  if (one) {
    struct bulk_result r;
    bool ok = run_one(fs, first_seed, stdout, &r);
    printf("# %s: %llu and %llu bytes received, %llu and %llu segments, "
      "%llu and %llu retransmitted, %llu damaged, %.3f s of virtual time\n",
      ok ? "passed" : "failed", (unsigned long long) r.received[0],
      (unsigned long long) r.received[1], (unsigned long long) r.segments[0],
      (unsigned long long) r.segments[1], (unsigned long long) r.retransmitted[0],
      (unsigned long long) r.retransmitted[1], (unsigned long long) r.bad_checksum,
      r.virtual_us / 1e6);
    return ok ? 0 : 1;
  }
  current_set = fs;
  check_run(name, run_current_set);
}
if (!only && !one) check_run("transfers that failed once", test_past_failures);

@ Runs that once failed, in \.{make soak}, are run by every \.{make
test}: each of these found a FIN sent on a repeated segment while bytes
were still waiting behind it, which ended the stream early.

@<Functions of the property test@>=
static void test_past_failures(void)
{
  static const struct {
    const char *set;
    uint64_t seed;
  } past[] = {@[{"corrupt1", 4286}@], @[{"loss10", 4028}@], @[{"loss10", 4222}@],
    @[{"loss10", 5358}@], @[{"all", 4035}@]};
  for (size_t i = 0; i < sizeof past / sizeof past[0]; i++)
    for (size_t j = 0; j < NSETS; j++)
      if (strcmp(fault_sets[j].name, past[i].set) == 0) {
        struct bulk_result r;
        CHECK(run_one(&fault_sets[j], past[i].seed, stdout, &r));
      }
}

@ |check_run| takes a function of no arguments; the set it runs is
passed beside it.

@<Functions of the property test@>=
static const struct fault_set *current_set;
static void run_current_set(void)
{
  run_set(current_set);
}

@* Scenario 34: the zero window.
The last of the conformance scenarios of the notes belongs to this part
of the book, and runs as a script of the chapter on conformance (\secref{test-scenarios}) (its
language, its interpreter and its table of scenarios).  It has three
scripts.  In the first two we are the receiver, with a buffer of four
bytes: the peer fills it, and our window is zero.  A data segment is
then not acceptable, and its acknowledgment is not taken; but a segment
of no length at exactly RCV.NXT is acceptable, and its acknowledgment is
taken (first script), and so is its reset (second script).  When the
user reads, the window opens and we say so at once.  In the third script
we are the sender: the peer's window is closed, so we probe it with one
byte, first after one RTO and then at intervals that double up to the
ceiling of 60 seconds, for as long as the peer answers, and never give
the connection up; when the window opens, the data goes.@^zero window@>

@<Checks that a script cannot express as steps@>=
static bool small_receive_buffer(struct script_run *r, char *why, size_t cap)
{
  (void) why;
  (void) cap;
  r->end.conn.rcvbuf.cap = 4;
  return true;
}

@ Our window is closed when the last window we offered ends at RCV.NXT.

@<Checks that a script cannot express as steps@>=
static bool window_is_zero(struct script_run *r, char *why, size_t cap)
{
  const struct tcp_conn *c = &r->end.conn;
  if (c->rcv_adv == c->rcv_nxt && rcvbuf_window(&c->rcvbuf) == 0) return true;
  snprintf(why, cap, "the window offered is %u bytes, the room %u",
    (unsigned) (c->rcv_adv - c->rcv_nxt), (unsigned) rcvbuf_window(&c->rcvbuf));
  return false;
}

@ Whether the two bytes we sent are still unacknowledged, or not.

@<Checks that a script cannot express as steps@>=
static bool two_bytes_unacknowledged(struct script_run *r, char *why, size_t cap)
{
  if (r->end.conn.sndbuf.len == 2) return true;
  snprintf(why, cap, "%u bytes unacknowledged, expected 2",
    (unsigned) r->end.conn.sndbuf.len);
  return false;
}

static bool all_acknowledged(struct script_run *r, char *why, size_t cap)
{
  if (r->end.conn.sndbuf.len == 0) return true;
  snprintf(why, cap, "%u bytes unacknowledged, expected none",
    (unsigned) r->end.conn.sndbuf.len);
  return false;
}

@ @<The scripts of the conformance scenarios@>=
static const struct script_step s34a[] = {OPEN_PASSIVE,@/
  CUSTOM(small_receive_buffer),@/
  IN_TEXT(PSH | ACK, IRS(1), ISS(1), "full"), OUT(ACK, ISS(1), IRS(5)),@/
  CUSTOM(window_is_zero),@/
  SEND("xy"), OUT_TEXT(ACK, ISS(1), IRS(5), "xy"),@/
  IN_TEXT(PSH | ACK, IRS(5), ISS(3), "more"), OUT(ACK, ISS(3), IRS(5)),@/
  CUSTOM(two_bytes_unacknowledged),@/
  IN(ACK, IRS(5), ISS(3)), QUIET, CUSTOM(all_acknowledged),@/
  RECV("full"), OUT(ACK, ISS(3), IRS(5)), STATE(ESTABLISHED)};

static const struct script_step s34b[] = {OPEN_PASSIVE,@/
  CUSTOM(small_receive_buffer),@/
  IN_TEXT(PSH | ACK, IRS(1), ISS(1), "full"), OUT(ACK, ISS(1), IRS(5)),@/
  CUSTOM(window_is_zero),@/
  IN(RST, IRS(5), ANY), STATE(CLOSED), EVENT(RESET)};

@ For the sending side the peer must offer a window other than the
interpreter's 65,535 bytes, so it sends its acknowledgments from a check
written in C.  |peer_window| sends an acknowledgment of |ack| bytes past
our ISS, with the window |window|.

@<Checks that a script cannot express as steps@>=
static void peer_window(struct script_run *r, uint32_t ack, uint16_t window)
{
  struct segment s;
  uint8_t buf[SIM_BYTES_MAX];
  memset(&s, 0, sizeof s);
  s.src_addr = PEER_ADDR;
  s.dst_addr = OUR_ADDR;
  s.src_port = PEER_PORT;
  s.dst_port = OUR_PORT;
  s.seq = PEER_ISN + 1;
  s.ack = r->iss + ack;
  s.flags = TCP_ACK;
  s.window = window;
  size_t n = seg_write(&s, buf, sizeof buf);
  trace(r, "         the peer sends [.] seq IRS+1 ack ISS+%u win %u",
    (unsigned) ack, (unsigned) window);
  sim_end_receive(&r->end, buf, n, PEER_ADDR, r->now);
}

@ @<Checks that a script cannot express as steps@>=
static bool peer_closes_window(struct script_run *r, char *why, size_t cap)
{
  (void) why;
  (void) cap;
  peer_window(r, 1, 0);
  return true;
}

@ The probes: twenty of them, each one byte, the first our first byte of
data and the others the same byte again, since the peer takes none;
the first one RTO (a second) after the window closed, each later one
twice as long after the last, until the waits reach the ceiling of 60
seconds.  The peer answers each with a zero window, and the connection
stays established throughout.

@<Checks that a script cannot express as steps@>=
static bool probes_back_off(struct script_run *r, char *why, size_t cap)
{
  uint64_t wait = SECONDS(1), last = r->now;
  for (int i = 0; i < 20; i++) {
    uint64_t d = tcp_next_deadline(&r->end.conn);
    if (d == UINT64_MAX)
      return snprintf(why, cap, "no timer runs before probe %d", i + 1), false;
    if (d - last != wait)
      return snprintf(why, cap, "probe %d after %llu us, expected %llu", i + 1,
        (unsigned long long) (d - last), (unsigned long long) wait), false;
    r->now = last = d;
    tcp_tick(&r->end.conn, r->now);
    struct segment s;
    struct sent_segment keep;
    if (!take_sent(r, &s, &keep) || s.len != 1 || s.seq != r->iss + 1 ||
        s.payload[0] != 'a')
      return snprintf(why, cap, "probe %d is not the byte \"a\" at ISS+1", i + 1),
        false;
    peer_window(r, 1, 0);
    if (tcp_state(&r->end.conn) != TCP_ESTABLISHED)
      return snprintf(why, cap, "the connection gave up after probe %d", i + 1),
        false;
    wait = 2 * wait < SECONDS(60) ? 2 * wait : SECONDS(60);
  }
  return true;
}

@ The peer's window opens, and it took the last probe's byte.

@<Checks that a script cannot express as steps@>=
static bool peer_opens_window(struct script_run *r, char *why, size_t cap)
{
  (void) why;
  (void) cap;
  peer_window(r, 2, 100);
  return true;
}

@ @<The scripts of the conformance scenarios@>=
static const struct script_step s34c[] = {OPEN_ACTIVE,@/
  CUSTOM(peer_closes_window), QUIET,@/
  SEND("abc"), QUIET,@/
  CUSTOM(probes_back_off), QUIET,@/
  CUSTOM(peer_opens_window), OUT_TEXT(ACK, ISS(2), IRS(1), "bc"),@/
  IN(ACK, IRS(1), ISS(4)), QUIET, NO_TIMER, STATE(ESTABLISHED)};

@ @<Rows of the table of conformance scenarios@>=
@[{"scenario 34: zero window", {SCRIPT("34 receiver", s34a),
  SCRIPT("34 reset at a zero window", s34b),
  SCRIPT("34 sender probes", s34c)}},@/@]
