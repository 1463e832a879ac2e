@q perf.w: speed and size.  The bulk link, the benchmarks and where the time goes. @>

@** Speed and size.
A TCP that is correct but slow is a curiosity; the ones in use move
gigabytes a second.  This chapter measures \.{ltcp}: how many bytes a
second two connections move between them in one process, how many
machine instructions the core spends on each segment, and how much
memory a connection costs.  It also builds the tool that both the
measurements and the property tests of the appendix (\secref{testing}) need: a link that
moves millions of bytes without writing a log.
\label{perf}%

@ Here are the figures, beside the measures of other TCPs that the
sections below explain.  The table is not typed into this book: the
command \.{make bench} runs the benchmarks, prints each figure on a line
of its own, and keeps them, with the date and a description of the
machine, in a file of the source, \.{chapters/perf-results.txt}, which is
committed with the rest, and the script \.{tools/perf-table} turns it into this table
each time the book is built.  So the book always prints the figures of
the last measurement that was committed, with its date, and a reader who
runs \.{make bench} on another machine gets a book with that machine's
figures.
\input logs/perf-table.tex

@ The throughput depends most of all on the checksum, as the
section ``Where the time goes'' shows.  The rows after the first gap are
those of the programs over UDP, two processes on one machine, measured
by the benchmark in the appendix on tests (\secref{testing}) beside the kernel's own TCP
doing the same work in the same run; the chapter on the event loop (\secref{eventloop})
explains busy polling, and why the figures without it are printed too.@^event loop@>@^UDP as a carrier@>@^throughput@>

The rows of goodput, in megabits a second, are the chapter on losses
(\secref{congestion}) put to the test: the {\it goodput}, bytes delivered a second, of two megabytes
moved from \.{ltcp connect --loss} $p$ to \.{ltcp listen}, two processes
on the UDP carrier, the median of five seeds, with the default options
and again with \.{--no-sack --no-fast-retransmit}.  The script
\.{tools/bench-goodput} runs them, each bounded by half a minute, and prints
every run.  Beside them stand two models of a TCP's goodput at loss rate
$p$ for the round trip measured in the same runs.  Mathis, Semke, Mahdavi
and Ott (1997) reckon with congestion avoidance alone: about
${\rm MSS}/{\rm RTT}\cdot 1.22/\sqrt p$.  Padhye, Firoiu, Towsley and
Kurose (1998) add the timeouts, each costing an RTO, here the timer's
floor of a second; at 10\% loss they dominate.  On the loopback, whose round
trip is a tenth of a millisecond, Mathis's model, which charges a loss
only the halving of the window, predicts a rate near what the loopback
carries at all.  Padhye's, which charges a timeout as often as the
window is too small for three duplicates, predicts a rate hundreds of
times smaller: the probe of the tail (\secref{congestion}) repairs by a
round trip most of the losses that the model charges a second for.  The
runs without SACK and fast retransmission, where every loss waits for
the timer, are the ones that model describes.  Do not look for the
goodput to fall steadily as the loss grows from 0 to 5\%: a transfer of
two megabytes lasts 10 to 50 milliseconds, and how the two processes
happen to be scheduled moves its rate more than a few losses do, which
SACK repairs within a round trip; Mathis's figure, computed from the round trip measured in
the same runs, moves with it.@^goodput@>@^Mathis model@>@^Padhye model@>

The two rows marked TUN, after the goodputs, are those of the chapter
on meeting the kernel (\secref{tun}), where \.{ltcp} talks to the
kernel's own TCP; \.{make bench} measures them only when it runs as
root.@^TUN device@>

@ The simulated link of the chapter on the link (\secref{simlink}) is a laboratory: it
records every segment, prints it as \.{tcpdump} would, and keeps the
whole run in memory until the end, because its purpose is to be read.
That is the wrong tool for a transfer of a hundred megabytes, whose
seventy thousand segments nobody will read.  The {\it bulk link} below
is its quiet sibling: the same two ends, the same virtual clock, the
same kinds of faults chosen by the same kind of seeded generator, the
same segments written as bytes with a checksum and read back; but
nothing is recorded, and the queue of segments in flight is a heap
rather than a list, since a window of 64 kilobytes puts forty segments
on the link at once.@^virtual clock@>@^laboratory assignments@>

@(bulk.h@>=
#ifndef LTCP_BULK_H
#define LTCP_BULK_H
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "tcp.h"
struct capture_writer;
@<Types of the bulk link@>@;
@<Declarations of the bulk link@>@;
#endif

@ @(bulk.c@>=
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bulk.h"
#include "log.h"
#include "segment.h"
@<The state of a bulk transfer@>@;
@<Private declarations of the bulk link@>@;
@<Functions of the bulk link@>@;

@* What a transfer is.
A transfer is two programs, a client and a server, each of which sends
a given number of bytes to the other while reading everything the other
sends, and then closes.  The bytes are pseudo-random, drawn from a
generator seeded by the run's seed and the side, so that the receiver
can compute what it should have received and compare it with what it
did receive, byte for byte: a stronger check than comparing hashes,
and one that says where the first wrong byte is.

The faults are given as chances per segment, in millionths, and strike
both directions alike.  A {\it dropped} segment never arrives; a {\it
duplicated} one arrives twice, the copy up to 50 milliseconds later; a
{\it delayed} one arrives up to 50 milliseconds late (and so overtakes
nothing, or several segments, depending on what follows it); a {\it
reordered} one is held back until the next segment in the same direction
has passed it; a {\it corrupted} one has one bit flipped, which the
receiver's checksum catches.@^reordering, simulated@>

@<Types of the bulk link@>=
struct bulk_faults {
  uint32_t drop, duplicate, delay, reorder, corrupt;  /* chances in millionths */
};

@ The options of a run.  |cfg| configures both ends; |delay_us| is the
link's one-way delay; |chunk| is the most a program hands to
|tcp_send| or asks of |tcp_recv| at once.  |verify| may be turned off by
a benchmark that wants to time TCP rather than the comparison.

@<Types of the bulk link@>=
struct bulk_options {
  uint64_t seed;
  uint64_t bytes[2];   /* what the client [0] and the server [1] send */
  struct bulk_faults faults;
  uint32_t delay_us;
  uint32_t chunk;
  bool verify;
  struct tcp_config cfg;
  FILE *trace;  /* if not |NULL|, every segment is printed here */
  @<More options of a bulk transfer@>@;
};

@ @<Declarations of the bulk link@>=
void bulk_defaults(struct bulk_options *o);

@ The defaults: the simulated link's delay of 10 milliseconds, writes
and reads of 64 kilobytes, the core's default configuration, no faults.

@<Functions of the bulk link@>=
void bulk_defaults(struct bulk_options *o)
{
  memset(o, 0, sizeof *o);
  o->delay_us = 10000;
  o->chunk = 65536;
  o->verify = true;
  tcp_config_default(&o->cfg);
}

@ What a run reports: for each side, what it sent and received, how it
ended and whether its bytes were right; for the link, what it did; and
the virtual time the run took.  |failure| says what went wrong, if
anything did, in one line.

@<Types of the bulk link@>=
struct bulk_result {
  uint64_t sent[2], received[2];      /* bytes the programs sent and received */
  uint64_t segments[2], data_segments[2]; /* segments each end put on the link */
  uint64_t retransmitted[2];
  uint64_t struck[5];                 /* how often each fault struck */
  uint64_t bad_checksum;
  enum tcp_state final[2];
  bool eof[2];                        /* the end read the peer's FIN */
  uint64_t virtual_us, events;
  char failure[200];
};

@ @<Declarations of the bulk link@>=
int bulk_run(const struct bulk_options *o, struct bulk_result *r);

@* The generator.
Random numbers come from SplitMix64, a generator of one 64-bit word
of state that adds a constant to a counter and scrambles the sum: it is
fast, good enough for choosing faults, and, because the output for step
$i$ depends only on the seed and $i$, the stream of a side can be
computed at any position without running the generator from the start.
The byte at position $p$ of a side's stream is byte $p\bmod 8$ of the
scrambled word number $\lfloor p/8\rfloor$.

@<Functions of the bulk link@>=
static uint64_t scramble(uint64_t z)
{
  z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static uint64_t next_random(uint64_t *state)
{
  *state += UINT64_C(0x9E3779B97F4A7C15);
  return scramble(*state);
}

@ The bytes of a stream, from position |pos|, |n| of them.

@<Functions of the bulk link@>=
static void stream_bytes(uint64_t key, uint64_t pos, uint8_t *out, size_t n)
{
  for (size_t i = 0; i < n; ) {
    uint64_t w = scramble(key + UINT64_C(0x9E3779B97F4A7C15) * ((pos + i) / 8));
    for (unsigned b = (unsigned) ((pos + i) % 8); b < 8 && i < n; b++, i++)
      out[i] = (uint8_t) (w >> (8 * b));
  }
}

@ A chance in millionths strikes when a number below a million, drawn
for it, is below the chance.  A chance of zero draws nothing, so that
adding a kind of fault to a run changes nothing else about it only when
its chance is zero; the order of draws is fixed, so a seed always
means the same run.

@<Functions of the bulk link@>=
static bool strikes(struct bulk *b, uint32_t ppm)
{
  return ppm != 0 && next_random(&b->rng) % 1000000 < ppm;
}

@* Segments in flight.
A segment in flight is its bytes, its destination and the instant it
arrives.  Segments live in a pool that grows as needed; the queue is a
binary heap of indexes into the pool, ordered by arrival time and, for
equal times, by the order they were queued, so that a run never depends
on anything but its seed.  Freed slots are kept on a list for reuse.

@<The state of a bulk transfer@>=
#define BULK_BYTES_MAX (TCP_HEADER_MIN + TCP_OPTIONS_MAX + 65535)
struct packet {
  uint64_t at, serial;
  int to;
  uint32_t n;
  uint8_t *bytes;
};

@ The whole state of a run.  Each side has its connection, the position
of its program in the stream it sends and in the one it receives, and
two flags that the core's events set: there is something to read, there
is room to write.  A side may hold one reordered segment back.

@<The state of a bulk transfer@>=
struct bulk_side {
  struct tcp_conn conn;
  uint64_t key;            /* of the stream this side sends */
  uint64_t written, read;  /* positions in the two streams */
  bool readable, writable, closed;
  size_t held;             /* a segment held back, or |NO_PACKET| */
  uint64_t held_until;
  struct tcp_hooks hooks;  /* the link's, with this side's counters */
  struct tcp_stats stats;
};

struct bulk {
  const struct bulk_options *o;
  struct bulk_result *r;
  struct bulk_side side[2];
  bool (*door[2])(struct bulk *b, const struct segment *s);
  uint64_t now, rng, serial;
  struct packet *pool;
  size_t npool, cap, *freelist, nfree, *heap, nheap;
  uint8_t *scratch, *expect;
  bool failed;
};
#define NO_PACKET SIZE_MAX

@ A fresh slot, from the free list or from the end of the pool.  The
bytes of a slot are allocated once and kept for its reuse.

@<Functions of the bulk link@>=
static void *need(void *p)
{
  if (!p) {
    fprintf(stderr, "ltcp: out of memory\n");
    exit(EXIT_FAILURE);
  }
  return p;
}

static size_t new_packet(struct bulk *b)
{
  if (b->nfree > 0) return b->freelist[--b->nfree];
  if (b->npool == b->cap) {
    b->cap = b->cap ? 2 * b->cap : 64;
    b->pool = need(realloc(b->pool, b->cap * sizeof *b->pool));
    b->freelist = need(realloc(b->freelist, b->cap * sizeof *b->freelist));
    b->heap = need(realloc(b->heap, b->cap * sizeof *b->heap));
  }
  b->pool[b->npool].bytes = need(malloc(BULK_BYTES_MAX));
  return b->npool++;
}

@ The heap: |sooner| orders two packets, |heap_push| and |heap_pop| are
the textbook sift-up and sift-down.

@<Functions of the bulk link@>=
static bool sooner(const struct bulk *b, size_t x, size_t y)
{
  const struct packet *p = &b->pool[x], *q = &b->pool[y];
  return p->at < q->at || (p->at == q->at && p->serial < q->serial);
}

static void heap_push(struct bulk *b, size_t x, uint64_t at)
{
  b->pool[x].at = at;
  b->pool[x].serial = b->serial++;
  size_t i = b->nheap++;
  while (i > 0 && sooner(b, x, b->heap[(i - 1) / 2])) {
    b->heap[i] = b->heap[(i - 1) / 2];
    i = (i - 1) / 2;
  }
  b->heap[i] = x;
}

@ @<Functions of the bulk link@>=
static size_t heap_pop(struct bulk *b)
{
  size_t top = b->heap[0], last = b->heap[--b->nheap], i = 0;
  for (;;) {
    size_t c = 2 * i + 1;
    if (c >= b->nheap) break;
    if (c + 1 < b->nheap && sooner(b, b->heap[c + 1], b->heap[c])) c++;
    if (!sooner(b, b->heap[c], last)) break;
    b->heap[i] = b->heap[c];
    i = c;
  }
  if (b->nheap > 0) b->heap[i] = last;
  return top;
}

@* Putting a segment on the link.
This is the core's output hook.  The segment is written as bytes, with
its checksum, into a slot; then the faults have their say; then the
slot goes on the heap, due one delay from now.  A reordered segment is
not put on the heap but held by its side until the next segment in the
same direction is queued, and goes in right behind that one; if none
comes within 200 milliseconds it goes anyway.

@<Functions of the bulk link@>=
static void bulk_output(void *ctx, struct tcp_conn *c, const struct segment *s)
{
  struct bulk *b = ctx;
  int from = c == &b->side[0].conn ? 0 : 1;
  const struct bulk_faults *f = &b->o->faults;
  b->r->segments[from]++;
  if (s->len > 0) b->r->data_segments[from]++;
  if (b->o->trace) @<Print the segment |s| in the trace@>@;
  bool lost = strikes(b, f->drop);
  @<Let the filter see the segment, and drop it if the filter wants@>@;
  @<Write the segment in the capture, if there is one@>@;
  if (lost) {
    b->r->struck[0]++;
    if (b->o->trace) fprintf(b->o->trace, "  dropped\n");
    return;
  }
  size_t x = new_packet(b);
  struct packet *p = &b->pool[x];
  p->to = 1 - from;
  p->n = (uint32_t) seg_write(s, p->bytes, BULK_BYTES_MAX);
  @<Corrupt, delay, duplicate or hold the packet |x|, as the faults say@>@;
}

@ A trace, for debugging a run that failed, shows each segment as
\.{tcpdump} would, with the state of its sender and what the faults did.

@<Print the segment |s| in the trace@>=
{
  char buf[256];
  format_tcpdump(buf, sizeof buf, b->now, s);
  fprintf(b->o->trace, "%s (%s)\n", buf, tcp_state_name(tcp_state(c)));
}

@ Two more options serve the pictures of losses (\secref{lossfig}).
A {\it filter} is a function that sees every segment as it is put on
the link, with the virtual time, and may drop it: a run can then lose
exactly the segments it chooses, or count what it likes.  A {\it
capture} receives every segment as its sender put it on the link,
dropped or not (a dropped one with the comment ``dropped''), stamped with
the book's date plus the virtual time, as the simulated link stamps its
captures.  Both are |NULL| unless a run wants them, and change nothing
else about the run: the filter is asked after the draw for a chance
drop, so that the draws of a seed stay the same.@^capture file@>

@<More options of a bulk transfer@>=
bool (*filter)(void *ctx, int from, const struct segment *s, uint64_t now);
void *filter_ctx;
struct capture_writer *capture;

@ @<Let the filter see the segment, and drop it if the filter wants@>=
if (b->o->filter && b->o->filter(b->o->filter_ctx, from, s, b->now)) lost = true;

@ @<Write the segment in the capture, if there is one@>=
if (b->o->capture && capture_segment(b->o->capture,
    b->now + UINT64_C(1764547200) * 1000000, s, lost ? "dropped" : NULL) != 0
    && !b->failed) {
  snprintf(b->r->failure, sizeof b->r->failure, "the capture cannot be written");
  b->failed = true;
}

@ @<Corrupt, delay, duplicate or hold the packet |x|, as the faults say@>=
uint64_t due = b->now + b->o->delay_us;
if (strikes(b, f->corrupt)) {
  uint64_t bit = next_random(&b->rng) % (8 * (uint64_t) p->n);
  p->bytes[bit / 8] ^= (uint8_t) (1u << (bit % 8));
  b->r->struck[4]++;
}
if (strikes(b, f->delay)) {
  due += 1000 + next_random(&b->rng) % 50000;
  b->r->struck[2]++;
}
if (strikes(b, f->duplicate)) {
  size_t y = new_packet(b);
  p = &b->pool[x];  /* the pool may have moved */
  b->pool[y].to = p->to;
  b->pool[y].n = p->n;
  memcpy(b->pool[y].bytes, p->bytes, p->n);
  heap_push(b, y, due + next_random(&b->rng) % 50000);
  b->r->struck[1]++;
}
struct bulk_side *sd = &b->side[from];
if (sd->held == NO_PACKET && strikes(b, f->reorder)) {
  sd->held = x;
  sd->held_until = due + 200000;
  b->r->struck[3]++;
} else {
  heap_push(b, x, due);
  if (sd->held != NO_PACKET) {
    heap_push(b, sd->held, due);
    sd->held = NO_PACKET;
  }
}

@* A segment arrives.
The receiving end reads the bytes back, checksum first.  A damaged
segment is counted and forgotten.  A good one goes through the end's
door, described next.  The parsed segment points into the packet's
bytes, which stay put until the door returns.

@<Deliver the packet |x|@>=
{
  struct packet *p = &b->pool[x];
  struct segment s;
  int to = p->to;
  if (seg_parse(&s, p->bytes, p->n, b->side[1 - to].conn.local_addr,
      b->side[to].conn.local_addr, true) != SEG_OK)
    b->r->bad_checksum++;
  else b->door[to](b, &s);
  program_turn(b, to);
}

@ Each end has a door, a function through which everything that happens
to it from the link passes: a segment arrives, or, when |s| is |NULL|,
its timers are due.  After each, the end's program takes its turn.  A
segment for a closed connection goes to the core too, which answers it
as RFC~9293 answers a segment to no connection (\S3.10.7.1).  There are two doors, with names of their own,
so that a profiler can tell the work of one end from that of the other;
the measurements of this chapter rely on it.@^RFC 9293 \S3.10.7.1@>

@<Functions of the bulk link@>=
static void arrive_or_tick(struct bulk *b, int k, const struct segment *s)
{
  struct tcp_conn *c = &b->side[k].conn;
  if (!s) tcp_tick(c, b->now);
  else tcp_segment_arrives(c, s, b->now);
}

static bool client_door(struct bulk *b, const struct segment *s)
{
  arrive_or_tick(b, 0, s);
  return !b->failed;
}

static bool server_door(struct bulk *b, const struct segment *s)
{
  arrive_or_tick(b, 1, s);
  return !b->failed;
}

@ The doors return whether the run may go on, and they do one small thing
after the call: a function whose last act is a call may be compiled as a
jump into the function it calls, and then the profiler would not see it
return.

@<Private declarations of the bulk link@>=
static void program_turn(struct bulk *b, int k);
static void bulk_output(void *ctx, struct tcp_conn *c, const struct segment *s);

@* The programs.
The core tells a program, through its event hook, that there is
something to read or room to write; the program acts on those events
when its turn comes.  Each side begins to write when it learns that it
is connected.

@<Functions of the bulk link@>=
static void bulk_event(void *ctx, struct tcp_conn *c, enum tcp_event e)
{
  struct bulk *b = ctx;
  struct bulk_side *sd = &b->side[c == &b->side[0].conn ? 0 : 1];
  if (e == TCP_EV_READABLE || e == TCP_EV_EOF) sd->readable = true;
  else if (e == TCP_EV_WRITABLE || e == TCP_EV_CONNECTED) sd->writable = true;
}

@ A program's turn: read everything there is, first, so that it never
closes with unread data (which would reset the connection); then write
what fits; then, once everything is written, close.  A read that
returns less than was asked for has emptied the buffer.@^connection reset@>

@<Functions of the bulk link@>=
static void program_turn(struct bulk *b, int k)
{
  struct bulk_side *sd = &b->side[k];
  if (sd->readable) @<Read what has arrived for side |k|@>@;
  if (sd->writable && sd->written < b->o->bytes[k])
    @<Write the next bytes of side |k|'s stream@>@;
  if (!sd->closed && sd->written == b->o->bytes[k] && sd->writable) {
    sd->closed = true;
    tcp_close(&sd->conn, b->now);
  }
}

@ The bytes read are compared with the peer's stream at the same
position, unless the run does not verify.

@<Read what has arrived for side |k|@>=
{
  size_t n;
  sd->readable = false;
  do {
    n = tcp_recv(&sd->conn, b->scratch, b->o->chunk, b->now);
    if (b->o->verify) {
      stream_bytes(b->side[1 - k].key, sd->read, b->expect, n);
      if (memcmp(b->scratch, b->expect, n) != 0 && !b->failed)
        @<Report the first wrong byte read by side |k|@>@;
    }
    sd->read += n;
    b->r->received[k] += n;
  } while (n == b->o->chunk);
  if (tcp_peer_closed(&sd->conn)) b->r->eof[k] = true;
}

@ @<Report the first wrong byte read by side |k|@>=
{
  size_t i = 0;
  while (b->scratch[i] == b->expect[i]) i++;
  snprintf(b->r->failure, sizeof b->r->failure,
    "%s read byte %llu wrong: 0x%02x, expected 0x%02x",
    k == 0 ? "the client" : "the server",
    (unsigned long long) (sd->read + i), b->scratch[i], b->expect[i]);
  b->failed = true;
}

@ Writing: the next piece of the stream, as much as the chunk allows
and the core accepts.  A run that does not verify sends whatever the
scratch buffer holds, to spare the time of the generator.  A write the core takes only in part leaves the
program waiting for the next ``writable'' event.

@<Write the next bytes of side |k|'s stream@>=
{
  for (;;) {
    uint64_t left = b->o->bytes[k] - sd->written;
    size_t n = left < b->o->chunk ? (size_t) left : b->o->chunk;
    if (n == 0) break;
    if (b->o->verify) stream_bytes(sd->key, sd->written, b->scratch, n);
    size_t took = tcp_send(&sd->conn, b->scratch, n, b->now);
    sd->written += took;
    b->r->sent[k] += took;
    if (took < n) {
      sd->writable = false;
      break;
    }
  }
}

@* Running a transfer.
The run sets up the two ends, opens the connection, and then repeats
one step until nothing is left to happen: the next thing is the
earliest of the packets on the heap, the held packets, and the two
ends' timers; the clock moves to it and it happens.  A packet wins a
tie with a timer, and the client's timer a tie with the server's.  The
run gives up after a generous number of events, which only a
connection that never falls silent would reach.

@<Functions of the bulk link@>=
int bulk_run(const struct bulk_options *o, struct bulk_result *r)
{
  struct bulk *b = need(calloc(1, sizeof *b));
  memset(r, 0, sizeof *r);
  b->o = o;
  b->r = r;
  @<Set up the two ends of the bulk link@>@;
  uint64_t limit = 1000000 + 200 * ((o->bytes[0] + o->bytes[1]) / 500);
  while (!b->failed) {
    @<Find the next thing to happen, or |break| if nothing will@>@;
    if (++r->events > limit) {
      snprintf(r->failure, sizeof r->failure, "no end after %llu events",
        (unsigned long long) limit);
      break;
    }
  }
  @<Record how the transfer ended, and free it@>@;
  return r->failure[0] ? -1 : 0;
}

@ Both ends get the same configuration and the link's hooks, which the
connections point to and so are kept in |b|; each side has counters of
its own, so that the result can tell whose segments were retransmitted.
The server listens and the client connects, at time zero.

@<Set up the two ends of the bulk link@>=
for (int k = 0; k < 2; k++)
  b->side[k].hooks = (struct tcp_hooks) {b, bulk_output, NULL, bulk_event,
    &b->side[k].stats};
b->rng = o->seed;
b->door[0] = client_door;
b->door[1] = server_door;
b->scratch = need(malloc(o->chunk));
b->expect = need(malloc(o->chunk));
tcp_init(&b->side[0].conn, &o->cfg, &b->side[0].hooks, 0x0a000001, 50000);
tcp_init(&b->side[1].conn, &o->cfg, &b->side[1].hooks, 0x0a000002, 40000);
for (int k = 0; k < 2; k++) {
  b->side[k].key = scramble(o->seed * 2 + (uint64_t) k + 1);
  b->side[k].held = NO_PACKET;
}
tcp_listen(&b->side[1].conn, 0);
tcp_connect(&b->side[0].conn, 0x0a000002, 40000, 0);

@ @<Find the next thing to happen, or |break| if nothing will@>=
uint64_t t_packet = b->nheap ? b->pool[b->heap[0]].at : UINT64_MAX;
uint64_t t_timer[2], t_held[2];
for (int k = 0; k < 2; k++) {
  t_timer[k] = tcp_next_deadline(&b->side[k].conn);
  t_held[k] = b->side[k].held == NO_PACKET ? UINT64_MAX : b->side[k].held_until;
}
int k = t_timer[1] < t_timer[0] ? 1 : 0;
int h = t_held[1] < t_held[0] ? 1 : 0;
uint64_t t = t_packet;
if (t_held[h] < t) t = t_held[h];
if (t_timer[k] < t) t = t_timer[k];
if (t == UINT64_MAX) break;
if (t > b->now) b->now = t;
if (t == t_packet) {
  size_t x = heap_pop(b);
  @<Deliver the packet |x|@>@;
  b->freelist[b->nfree++] = x;
} else if (t == t_held[h]) {
  heap_push(b, b->side[h].held, b->now);
  b->side[h].held = NO_PACKET;
} else {
  b->door[k](b, NULL);
  program_turn(b, k);
}

@ @<Record how the transfer ended, and free it@>=
for (int k = 0; k < 2; k++) {
  r->final[k] = tcp_state(&b->side[k].conn);
  r->retransmitted[k] = b->side[k].stats.retransmitted;
}
r->virtual_us = b->now;
for (size_t i = 0; i < b->npool; i++) free(b->pool[i].bytes);
free(b->pool);
free(b->freelist);
free(b->heap);
free(b->scratch);
free(b->expect);
free(b);

@ A run is correct when each side received exactly what the other sent,
read the end of the stream, and ended CLOSED, and nothing went wrong on
the way.  |bulk_verdict| says so, or says in one line what failed.

@<Declarations of the bulk link@>=
bool bulk_verdict(const struct bulk_options *o, const struct bulk_result *r,
  char *why, size_t len);

@ @<Functions of the bulk link@>=
bool bulk_verdict(const struct bulk_options *o, const struct bulk_result *r,
  char *why, size_t len)
{
  static const char *const who[2] = {"client", "server"};
  why[0] = '\0';
  if (r->failure[0]) snprintf(why, len, "%s", r->failure);
  for (int k = 0; k < 2 && !why[0]; k++) {
    if (r->received[k] != o->bytes[1 - k])
      snprintf(why, len, "the %s received %llu bytes of %llu", who[k],
        (unsigned long long) r->received[k],
        (unsigned long long) o->bytes[1 - k]);
    else if (!r->eof[k])
      snprintf(why, len, "the %s never read the end of the stream", who[k]);
    else if (r->final[k] != TCP_CLOSED)
      snprintf(why, len, "the %s ended in %s", who[k],
        tcp_state_name(r->final[k]));
  }
  return why[0] == '\0';
}

@* Throughput.
The first measure is the one of Stanford's course CS144, whose students
write a TCP and run its \.{tcp\_benchmark}: two connections in one
process, joined by a link that hands each segment from one to the
other, move a hundred mebibytes, and the bytes moved divided by the
time taken give a throughput in gigabits (of $10^9$ bits) a second.  The course's pass
mark is 0.1~Gbit/s; its reference implementation reaches about 7.  Ours
is the same measure on the bulk link: every segment is written as bytes
with its checksum, read back and checked, and the segments wait in the
link's heap as they would on the simulated link; the clock that counts
is the processor's, since the virtual clock of the link costs nothing to
advance.  The program \.{bench\_transfer} runs the transfer five times
and reports the median, once on a perfect link and once on a link that
reorders a tenth of the segments and delays one in twenty.@^virtual clock@>@^throughput@>

@(bench_transfer.c@>=
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "bulk.h"
@<Functions of the throughput benchmark@>@;
int main(void)
{
  struct bulk_faults none = {0, 0, 0, 0, 0};
  struct bulk_faults reorder = {0, 0, 50000, 100000, 0};
  printf("sim-throughput %.2f Gbit/s\n", throughput(&none));
  printf("sim-throughput-reorder %.2f Gbit/s\n", throughput(&reorder));
  @<Print the sizes of a connection@>@;
  return 0;
}

@ Time, in seconds, from the clock of the processor time of this
process: the one clock in the book that is not virtual.  The transfer
runs in one thread and waits for nothing, so on an idle machine its
processor time is the time that passes; on a machine shared with other
work, such as the one these figures were measured on, it is the fairer
measure, since it does not count the time the process spent waiting for
a processor.

@<Functions of the throughput benchmark@>=
static double seconds(void)
{
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double) t.tv_sec + (double) t.tv_nsec / 1e9;
}

@ The transfer goes from the client to the server only, as in CS144's
benchmark, without verifying the bytes (the property tests do that).
A transfer that fails stops the benchmark: a fast wrong answer is not a
figure.

@<Functions of the throughput benchmark@>=
#define BENCH_BYTES (UINT64_C(100) << 20)
static double one_transfer(const struct bulk_faults *f)
{
  struct bulk_options o;
  struct bulk_result r;
  char why[256];
  bulk_defaults(&o);
  o.seed = 1;
  o.faults = *f;
  o.bytes[0] = BENCH_BYTES;
  o.verify = false;
  double t0 = seconds();
  bulk_run(&o, &r);
  double t = seconds() - t0;
  if (!bulk_verdict(&o, &r, why, sizeof why)) {
    fprintf(stderr, "bench_transfer: the transfer failed: %s\n", why);
    exit(EXIT_FAILURE);
  }
  return t;
}

@ The median of five.

@<Functions of the throughput benchmark@>=
static double throughput(const struct bulk_faults *f)
{
  double t[5];
  for (int i = 0; i < 5; i++) {
    double x = one_transfer(f);
    int j = i;
    for (; j > 0 && t[j - 1] > x; j--) t[j] = t[j - 1];
    t[j] = x;
  }
  return (double) BENCH_BYTES * 8 / t[2] / 1e9;
}

@* Instructions per segment.
Throughput depends on the machine, the compiler and the copies; a count
of instructions says what the protocol itself costs.  In 1989 David
Clark, Van Jacobson, John Romkey and Howard Salwen counted the
instructions of the common path of BSD's TCP, an arriving data segment
in order on an established connection, and found fewer than two hundred
(``An analysis of TCP processing overhead'', {\sl IEEE Communications
Magazine}); their point was that TCP itself is cheap, and that the cost
of networking lies in copying and checksumming the data and in the
operating system around the protocol.  We count the same thing, with
the same exclusions.

The counting is done by Valgrind's tool Callgrind, which runs a program
on a simulated processor and counts every instruction it executes, by
function.  Callgrind can be told to count only inside given functions:
with \.{--toggle-collect=F} it switches counting on when |F| is entered
and back off when |F| returns; more exactly, entering or leaving any
listed function {\it flips} the switch.  We want to count two kinds of
work of one end: what its core does when a segment arrives (inside the
end's door), and what the core does when the end's program calls it
(inside |tcp_recv| on the receiving end, |tcp_send| on the sending
end).  We do not want to count the link's output hook, which the core
calls to send a segment and which writes the segment as bytes and
computes its checksum, nor the copies of data.  Because the switch
flips, listing the hook as well counts the door without its hook, but
also every call of the hook made elsewhere.  So we take three profiles
of the same run: $P_D$, counted in the door and the program's calls;
$P_H$, counted in the hook; and $P_{DH}$, with all of them listed.  Any
cost~$x$ then satisfies $x(P_{DH})=x(P_D)+x(P_H)-2\,x(D\cap H)$, and
what we want, the cost in $D$ but not in its hook, is
$x(P_D)-x(D\cap H)=\bigl(x(P_{DH})+x(P_D)-x(P_H)\bigr)/2$.  We apply
this to the total and to the copying, which Callgrind reports under the
names of the C library's functions \.{memcpy} and \.{memmove}, and
subtract the one from the other.  The parsing of an arriving segment
and the check of its checksum happen before the door, and are not
counted either; nor is the program's own bookkeeping around its calls.

A count taken this way includes the start and the end of the connection,
the handshake and the wave.  To cancel them, we count two transfers, of
8 and of 16 mebibytes, and divide the difference of the counts by the
difference of the numbers of data segments: what is left is the cost of
one more full-sized segment in the middle of a transfer.  On the
receiving end that is one arriving data segment, the acknowledgment it
provokes, and the program's read; on the sending end, one arriving
acknowledgment, the data segment it lets out, and the program's write.@^exponential backoff@>@^Callgrind@>

@(bench_instructions.c@>=
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bulk.h"
@<Functions of the instruction count@>@;
int main(int argc, char **argv)
{
  if (argc == 3 && strcmp(argv[1], "--transfer") == 0)
    return transfer(strtoull(argv[2], NULL, 10));
  @<Count the instructions of the two ends, and print them@>@;
  return 0;
}

@ Under Callgrind the program runs itself with \.{--transfer N}: a
transfer of |N| bytes from client to server, after which it prints the
number of data segments the client sent.@^Callgrind@>

@<Functions of the instruction count@>=
static int transfer(uint64_t bytes)
{
  struct bulk_options o;
  struct bulk_result r;
  bulk_defaults(&o);
  o.seed = 1;
  o.bytes[0] = bytes;
  o.verify = false;
  bulk_run(&o, &r);
  printf("%llu\n", (unsigned long long) r.data_segments[0]);
  return r.failure[0] != 0;
}

@ One profile: run the transfer under Callgrind, counting inside the
functions named in |f| (a list separated by spaces), and read back the
total and the part spent copying.  The reader of profiles that comes
with Callgrind, \.{callgrind\_annotate}, prints the total as its first
line of numbers, and then each function's own count.@^Callgrind@>

@<Functions of the instruction count@>=
struct profile_count {
  double instructions, copying, segments;
};

static bool profile(const char *self, const char *f, uint64_t bytes,
  struct profile_count *c)
{
  char cmd[1024], buf[1024], toggles[256] = "";
  const char *prof = "build/bench/callgrind.out";
  for (const char *p = f; *p; ) {
    size_t n = strcspn(p, " ");
    size_t k = strlen(toggles);
    snprintf(toggles + k, sizeof toggles - k, " --toggle-collect=%.*s", (int) n, p);
    p += n;
    while (*p == ' ') p++;
  }
  snprintf(cmd, sizeof cmd, "valgrind --tool=callgrind --collect-atstart=no%s "
    "--callgrind-out-file=%s %s --transfer %llu 2>/dev/null", toggles, prof,
    self, (unsigned long long) bytes);
  FILE *p = popen(cmd, "r");
  if (!p || !fgets(buf, sizeof buf, p)) return false;
  c->segments = atof(buf);
  if (pclose(p) != 0) return false;
  snprintf(cmd, sizeof cmd, "callgrind_annotate --auto=no --threshold=100 %s", prof);
  p = popen(cmd, "r");
  if (!p) return false;
  c->instructions = c->copying = -1;
  while (fgets(buf, sizeof buf, p)) @<Take the numbers of one line of the profile@>@;
  pclose(p);
  remove(prof);
  return c->instructions >= 0;
}

@ The cost of a door and a call of the program (given together in
|door|) without the hook, for one size of transfer, by the formula above:
the instructions less the copying.

@<Functions of the instruction count@>=
static bool door_cost(const char *self, const char *door, uint64_t bytes,
  double *cost, double *segments)
{
  struct profile_count d, h, dh;
  char both[128];
  snprintf(both, sizeof both, "%s bulk_output", door);
  if (!profile(self, door, bytes, &d) || !profile(self, "bulk_output", bytes, &h)
      || !profile(self, both, bytes, &dh)) return false;
  double all = (dh.instructions + d.instructions - h.instructions) / 2;
  double copying = (dh.copying + d.copying - h.copying) / 2;
  *cost = all - copying;
  *segments = d.segments;
  return true;
}

@ A line that begins with a number (digits and commas) is a count; the
first is the total.

@<Take the numbers of one line of the profile@>=
{
  char *s = buf;
  double n = 0;
  bool digits = false;
  while (*s == ' ') s++;
  for (; (*s >= '0' && *s <= '9') || *s == ','; s++)
    if (*s != ',') {
      n = 10 * n + (*s - '0');
      digits = true;
    }
  if (!digits) continue;
  if (c->instructions < 0) {
    c->instructions = n;
    c->copying = 0;
  } else if (strstr(s, "memcpy") || strstr(s, "memmove")) c->copying += n;
}

@ Both ends, both sizes.  If Valgrind is not installed the figures are
reported as not measured, rather than made up.

@<Count the instructions of the two ends, and print them@>=
static const char *const door[2] = {"server_door tcp_recv",
  "client_door tcp_send"};
static const char *const name[2] = {"rx-instructions-per-segment",
  "tx-instructions-per-segment"};
for (int k = 0; k < 2; k++) {
  double small, large, nsmall, nlarge;
  if (!door_cost(argv[0], door[k], UINT64_C(8) << 20, &small, &nsmall)
      || !door_cost(argv[0], door[k], UINT64_C(16) << 20, &large, &nlarge)) {
    printf("%s n/a instructions (valgrind failed)\n", name[k]);
    continue;
  }
  printf("%s %.0f instructions\n", name[k], (large - small) / (nlarge - nsmall));
}

@* Header prediction.
The path of a segment through the core, check after check in the order
of \S3.10.7.4, is long, and most of it is spent proving that nothing
unusual is happening.  Van Jacobson observed in 1988 that on a
connection that is moving data, nearly every segment is one of two
kinds, and that each can be recognised by a few comparisons of its
header with the connection's variables: a {\it pure acknowledgment} of
data in flight, on the sending side, and the {\it next data in order},
acknowledging nothing new, on the receiving side.  For both, the
connection must be established (or half closed, in the direction that
is not moving data: a sender in CLOSE\_WAIT, a receiver in FIN\_WAIT\_2),
the segment must carry the ACK bit and nothing else but perhaps PSH, it
must begin at RCV.NXT, and it must leave the peer's window as it was.  A segment that fails any test takes
the long way; one that passes does only what the long way would have
done to it.  BSD adopted this {\it header prediction} in 1990; it is the
reason for the low counts of Clark, Jacobson, Romkey and Salwen.@^CLOSE\_WAIT state@>@^header prediction@>

@<Private declarations of the core@>=
static bool header_predicted(struct tcp_conn *c, const struct segment *s);

@ @<Functions of the core@>=
static bool header_predicted(struct tcp_conn *c, const struct segment *s)
{
  if (c->state != TCP_ESTABLISHED && c->state != TCP_CLOSE_WAIT &&
      c->state != TCP_FIN_WAIT_2) return false;
  if ((s->flags & ~TCP_PSH) != TCP_ACK || s->seq != c->rcv_nxt ||
      s->window != c->snd_wnd || c->persist.deadline != 0 || s->optlen != 0)
    return false;
  if (s->len == 0) @<Take a pure acknowledgment of data in flight, if it is one@>@;
  @<Take the next data in order, if it is that@>@;
}

@ A pure acknowledgment is predicted if it acknowledges something new
and nothing that was not sent, and our FIN is not in flight (its
acknowledgment would change the state).  The long way would find it acceptable
(it is at RCV.NXT), take the acknowledgment, leave the window as it is
but note the segment as the one that last set it, and send what the
window now allows.

@<Take a pure acknowledgment of data in flight, if it is one@>=
{
  if (c->fin_sent || !seq_lt(c->snd_una, s->ack) || seq_lt(c->snd_nxt, s->ack))
    return false;
  take_acknowledgment(c, s->ack);
  c->snd_wl1 = s->seq;
  c->snd_wl2 = s->ack;
  flush_output(c);
  return true;
}

@ The next data in order is predicted if the peer may still send (it has
not sent its FIN), the segment acknowledges nothing new, the receive
buffer holds nothing out of order, and the text fits in the window.  The long way would take the text, acknowledge it, and tell the
user.

@<Take the next data in order, if it is that@>=
{
  uint32_t n = (uint32_t) s->len;
  if (c->state == TCP_CLOSE_WAIT || s->ack != c->snd_una ||
      c->rcvbuf.nranges != 0 || n > rcvbuf_window(&c->rcvbuf)) return false;
  rcvbuf_insert(&c->rcvbuf, s->seq, s->payload, n);
  c->rcv_nxt += n;
  c->snd_wl1 = s->seq;
  c->snd_wl2 = s->ack;
  acknowledge_text(c, true);
  emit(c, TCP_EV_READABLE);
  flush_output(c);
  return true;
}

@* Memory.
A connection is one structure, |struct tcp_conn|, with its two buffers
inside it.  The benchmark prints two figures: the size of the structure
without the arrays of its buffers, which is what a connection costs
beyond the data it holds, and the size of the whole structure with the
buffers of the default configuration, which is what an idle connection
costs.

@<Print the sizes of a connection@>=
{
  struct tcp_conn *c = NULL;
  size_t arrays = sizeof c->sndbuf.data + sizeof c->rcvbuf.data;
  printf("connection-bytes %zu bytes\n", sizeof(struct tcp_conn) - arrays);
  printf("idle-connection-bytes %zu bytes\n", sizeof(struct tcp_conn));
}

@* Where the time goes.
A profile of a whole transfer, taken with Callgrind without any toggle,
answers the question of this chapter's title.  Of all the instructions
that the two ends and the link execute to move 16 mebibytes, nearly half
are spent in the Internet checksum, which the link computes twice for
every segment, once to write it and once to check it; a quarter go to
the copies of the data, four of them (into the send buffer, into the
segment's bytes, into the receive buffer, out to the reading program);
the link's heap and loop and the programs take a tenth; the core and its
buffers, the rest, about an eighth.  Clark, Jacobson, Romkey and Salwen
said as much of BSD in 1989: the protocol is cheap, the bytes are not.

The checksum used to be a larger share still.  The first version of the
chapter on segments (\secref{segment}) added the data sixteen bits at a time, each pair of
bytes assembled in network order, and spent three instructions in four
of the whole transfer; this benchmark then moved 5 to 10 gigabits a
second.  RFC~1071 points out (\S2(B)) that the one's complement sum does
not depend on the byte order, so a machine may add the data in its own
order, 32 bits at a time, and swap the bytes of the folded result at the
end; the chapter on segments (\secref{segment}) now does that, and the throughput more than
doubled.@^throughput@>@^Callgrind@>@^RFC 9293 \S2@>@^RFC 1071@>

@ What the core spends on a segment on the receiving end was 379
instructions at first, spread thin: the checks on arrival and header
prediction, a hundred; taking the text into the receive buffer, seventy;
building the acknowledgment (clearing a segment structure, filling it
in, computing the window to offer) and handing it to the link, seventy;
the user's read, seventy; the rest calls and returns between them.  The
sending end spent 398, with the acknowledgment's processing in
place of the text's, and a data segment to build.  These changes
brought them down, measured one after the other (receiving, sending),
each a change a reader can undo to see what it was worth:

\item{1.} Delayed acknowledgments (the chapter on the sliding window, \secref{window}):
one acknowledgment for every second segment halves the largest item on
the receiving end, and on the sending end the acknowledgments to take
in.  From 379 and 398 to 359 and 300.
\item{2.} Copying into a ring is |inline| (the chapter on the sliding
window, \secref{window}); |flush_output| sees at once that a connection that only
receives has nothing to send (the chapter on the first byte, \secref{firstbyte}); and the
bulk link's door no longer asks the core for the state before handing
it a segment, which the core answers correctly in every state.  To 318
on the receiving end; the sending end did not move.
\item{3.} The long way is a function of its own, so that a predicted
segment no longer saves and restores six registers it does not use (the
chapter on the whole machine, \secref{machine}), and the check of the addresses is a
|static| function that the compiler copies into |tcp_segment_arrives|
(the chapter on the handshake, \secref{handshake}).  To 295 and 293.
\item{4.} The fast paths of the receive buffer (storing text in order,
reading), the copies of a ring, |sndbuf_text|, |sndbuf_ack|, the timer's
|rto_sent| and |rto_acked|, and |seg_set_mss| are |inline| functions of
their headers, so that the core has them without a call; the rare copy
in two pieces stays a function of its own in \.{buffer.c}, where the core
cannot fold it into its callers (the chapter on the sliding window, \secref{window}).  To
242 and 253.
\item{5.} The core no longer counts the segments that pass through it,
which its host sees anyway (the chapter on connections, \secref{conn}), and |send_segment|
no longer clears the forty bytes of room for options.  To 235 and 252.
\item{6.} The output hook is required, so that the core calls it without
first asking whether it is there (the chapter on connections, \secref{conn}).  To 233
and 248.
\noindent After these six changes both were under the target of 250,
though not by much, and not under the 200 of BSD's common path.  What
remained was spread thin
again: building a segment, some 75 instructions, of which the window to
offer is a fifth; the loop that cuts the send buffer into segments,
which on every acknowledgment sends two and then finds the window empty,
some 50; and the acknowledgment's processing, some 60 for each of the
two segments it acknowledges.  Much of it is the price of calls: each
function saves the registers its rarest path needs on its commonest path
too.  Compiled with \.{-O3} instead of \.{-O2}, which inlines more, the
same code counted 232 and 231 before the last step.  A segment template
kept by the host, so that a segment is built by changing four fields of
a copy, is the next step the profile suggests.

The chapters on losses (\secref{congestion} and after) gave the sender a
congestion window, a scoreboard and a probe timer, and every
acknowledgment and every segment a few more tests: the loop that cuts
the buffer into segments asked for the congestion room besides the
usable window, |flush_output| first asked whether a recovery was under
way, and the function that sends what the window allows, now called from
two places, was no longer copied into |flush_output|.  The receiving end
rose to 252, the sending end to 303, a fifth over its figure.  Two
changes brought them back.  The loop measures both windows once and
subtracts what each segment takes (\secref{two-windows} says why that is
exact outside a recovery); and |flush_output|, |congestion_room|,
|grow_window| and |addressed_to| are |static inline|, which asks the
compiler to copy them into their callers.  (Asked the same of
|take_acknowledgment|, the larger function that the long way and the
predicted path both call, GCC declines, and the count does not move.)
The two changes together brought the counts to 239 and 272: the
receiving end is under the target still; the sending end is over it, but
within a tenth of its own figure before the losses.\label{instructions}

@ A connection without its buffers took some 600 bytes at first, more
than twice the target of 256.  Most of the excess was bookkeeping that
a host can share among its connections: a copy of the configuration
(96 bytes), a copy of the hooks (32), and 64-bit counters of dropped and
sent segments (184).  The connection now points to its host's
configuration and hooks, and its counters are 32 bits wide, which
brought it to 408 bytes.  The rest of the way took four changes, each
explained where it was made.  The counters went to the host, which the
hooks point to (92 bytes; the chapter on connections, \secref{conn}); the ranges of
bytes held out of order are stored in 16 bits instead of 32, since none
lies $2^{16}$ bytes beyond RCV.NXT (32 bytes; the chapter on
reassembly, \secref{reassembly}); the retransmission timer keeps the time of its timed segment
in 32 bits, and its fields in an order without holes (16 bytes; the
chapter on the timer, \secref{retransmit}); and the connection's own fields were put in an
order that leaves the compiler no holes to pad, the flags together, the
64-bit fields first (20 bytes).  The delayed
acknowledgment added a deadline of 8 bytes, and the connection was then
256 bytes without its buffers.

It has grown since, to the figure in the table, over the target; the
table says so rather than hide it.  The keepalive timer of the chapter
on closing (\secref{wave}) added 12 bytes; the budget of answers that
the chapter on the whole machine (\secref{machine}) keeps against a flood
added another 12; and the note of a FIN that arrived before the text in
front of it added 5.  The chapters on losses (\secref{congestion},
\secref{sack}) added some 120: the congestion window with the five
numbers that go with it; three instants, when the last segment was sent
(for the restart after idle), when the probe timer expires, and when it
last heard news; and a scoreboard of eight ranges that the peer's
selective acknowledgments reported, 64 bytes by itself.  Their
fields are ordered, as the others were, so that the timer's structure
and the runs of flags waste no byte; the padding that remains, 12 bytes,
falls between fields that different chapters declare.  A scoreboard of
four ranges would save 32 bytes and repair fewer holes in a round trip;
times kept in 32 bits, relative to the start of the connection, would
save some 40 more.  An idle connection
also keeps its two buffers of 64 kilobytes, since they are inside the
structure; a host with many idle connections would rather allocate
buffers only while data is in them, which is what the operating systems
do.

Those 128 kilobytes also cost time.  A profile of the lifecycles over
UDP showed |tcp_init| clearing the whole structure and |tcp_accept|
copying the whole listener, rings included, for every connection;
both now leave the rings' bytes alone (the chapter on connections (\secref{conn}) says
why that is safe).  What remains of a lifecycle is mostly system calls:
the host's |poll|, and a datagram sent and received for each segment.@^reassembly@>@^UDP as a carrier@>

@* Exercises.

\smallskip\noindent
1.~\diff1 Run \.{make bench} twice and compare the figures with the
table.  Which ones change from run to run, and which never do?  Why
does the count of instructions not depend on the load of the machine?

\smallskip\noindent
2.~\diff2 Make |header_predicted| return |false| at once, predict the
change in the two instruction counts, and measure it with \.{make bench}.
Then run \.{build/tests/test\_transfer} to see that every transfer still
succeeds: header prediction changes the speed, never the outcome.

\smallskip\noindent
3.~\diff2 Change the benchmark's program so that it reads 1460 bytes at
a time instead of 64 kilobytes (|chunk| in |bulk_defaults|).  Predict
the change in the receiving count, and explain the answer with the
section on instructions: which calls does a segment now cost? \excheck{perf.3}

\smallskip\noindent
4.~\diff3 The bytes of an arriving segment are read twice: once by the
checksum, once by the copy into the receive buffer.  Write a function
that copies and sums in one pass, use it when the text of a segment in
order goes into the ring, and check the sum afterwards, dropping the
text again if it is wrong.  What must the receive buffer then be able
to undo?  Measure the throughput.

\smallskip\noindent
5.~\diff3 The simulated link gives its two ends one set of counters.
Give each end its own, as the bulk link does, and make \.{ltcp sim}
print, at the end of a run, how many segments each end dropped and
why.  Which scenarios drop anything, and is each drop one that the
chapter on the link (\secref{simlink}) explains?

\smallskip\noindent
6.~\diff3 Turn delayed acknowledgments off for the bulk link (set
|delack_us| to zero in |bulk_defaults|) and measure the six figures of
\.{build/bench/bench\_transfer} and \.{build/bench/bench\_instructions}.
Which get worse, and by how much?  What does the property test under
30\% loss say about the time the transfers take on the virtual clock,
with and without the delay? \excheck{perf.6}@^delayed acknowledgment@>@^virtual clock@>@^throughput@>@^header prediction@>
