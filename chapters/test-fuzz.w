@q test-fuzz.w: fuzz targets for libFuzzer: the parser, the capture reader, the core. @>

@* Fuzzing.
The tests so far check what their authors thought of.  A {\it fuzzer}
checks what nobody thought of: it feeds a program inputs made up by the
million, keeps those that reach code no earlier input reached, and
mutates them further, watching for a crash, a sanitizer's report, or a
check that fails.  \.{ltcp} has three targets for libFuzzer, the fuzzer
built into clang: the parser of segments together with the printer of
tcpdump lines, the reader of capture files, and the core itself, driven
by a harness that plays both its user and its peer.  Each is a function
|LLVMFuzzerTestOneInput| that takes a string of bytes and must never
crash on any of them.

\.{make fuzz} builds the targets with clang, AddressSanitizer and
UndefinedBehaviorSanitizer and runs each for \.{FUZZ\_TIME} seconds (600
unless the command line says otherwise), keeping what it learns in
\.{build/fuzz/corpus}, so that the next run starts where this one
stopped.  It starts from a small corpus of seeds committed in
\.{tests/fuzz}: real segments and captures written by the program, and
a few scripts for the core.  \.{make test} runs each target for a few
seconds, and replays the seeds, by the script \.{tests/fuzz.sh}.

The core's target found the first defect of this program's hardening in
well under a minute when it was run on the code as it was, and so
should any change that brings it back: a connection whose peer
acknowledged its FIN with a closed window went on probing, and each
probe sent a byte from beyond the FIN.

@ The first target parses any bytes as a segment, with the checksum
checked or not as the first byte says, so that the fuzzer can reach the
parser's checks of the header and the options without first forging a
checksum.  What parses must also print as a tcpdump line, and must
survive the journey back: written with |seg_write|, it parses again, now
with a good checksum, into the same fields and the same text.

@(fuzz_segment.c@>=
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "segment.h"
#include "log.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
  if (n < 1) return 0;
  struct segment s, t;
  if (seg_parse(&s, data + 1, n - 1, 0x0a000001u, 0x0a000002u, data[0] & 1)
      != SEG_OK) return 0;
  char line[512];
  size_t len = format_tcpdump(line, sizeof line, 1234567, &s);
  if (len >= sizeof line || strlen(line) != len) abort();
  static uint8_t out[TCP_SEGMENT_MAX];
  size_t m = seg_write(&s, out, sizeof out);
  if (m == 0) return 0;
  if (seg_parse(&t, out, m, 0x0a000001u, 0x0a000002u, true) != SEG_OK) abort();
  if (t.seq != s.seq || t.ack != s.ack || t.flags != s.flags ||
      t.window != s.window || t.mss != s.mss || t.len != s.len ||
      (s.len && memcmp(t.payload, s.payload, s.len) != 0)) abort();
  return 0;
}

@ The second target reads any bytes as a capture file, pcap or pcapng,
through a stream in memory, and prints every segment it finds.

@(fuzz_capture.c@>=
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "segment.h"
#include "log.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
  if (n == 0) return 0;
  FILE *f = fmemopen((void *) data, n, "rb");
  if (!f) return 0;
  struct capture_reader r;
  char err[160];
  if (capture_reader_open(&r, f, err, sizeof err) == 0) {
    uint64_t usec;
    struct segment s;
    const char *comment;
    char line[512];
    for (int k = 0; k < 1000 && capture_next(&r, &usec, &s, &comment) == 1; k++)
      if (format_tcpdump(line, sizeof line, usec, &s) >= sizeof line) abort();
    capture_reader_close(&r);
  }
  fclose(f);
  return 0;
}

@* Fuzzing the core.
The third target is a harness around one connection.  It reads its
input as a script: a first byte that chooses the configuration and the
state to start from, then operations, one after another, until the
input ends.  An operation is a segment from the peer, a call of the user
(send, receive, close, abort, listen or connect again) or the passing of
time.  The numbers of a segment are chosen relative to the connection's
own, RCV.NXT for its sequence number and SND.UNA or SND.NXT for its
acknowledgment, plus a small offset or, now and then, anything at all:
a fuzzer that had to guess 32-bit numbers would spend its life outside
the window.

The harness watches four promises as it goes, and stops the program
(which libFuzzer reports, with the input that did it) when one is
broken:
\smallskip
\item{1.} Nothing is sent beyond our FIN: every byte of text the
connection sends is a byte the user gave (or is giving, in the call of
|tcp_send| under way), at the place the user gave it, and a FIN stands
exactly after the last of them.
\item{2.} The sequence numbers stay in their windows: SND.UNA${}\le{}
$SND.NXT, SND.NXT never runs past the SYN, the user's bytes and the FIN;
RCV.NXT has moved by exactly the bytes read and buffered, and one for a
FIN.
\item{3.} What the user reads is a prefix of what the peer sent: the
peer's byte at each sequence number is fixed, so every byte read must be
the peer's byte at its place in the stream.
\item{4.} Time moves the timers on: after any operation, no timer is
left due, which would make a host wake without end.
\smallskip
\noindent Every change of state must also be a row of the table
(|assert_transitions| is on), and the sanitizers watch the memory.

@(fuzz_core.c@>=
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "segment.h"
#include "tcp.h"
@<The harness of the core's fuzzer@>@;
@<Operations of the core's fuzzer@>@;
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
  @<Run one script on a fresh connection@>@;
  return 0;
}

@ The bytes of the two streams are functions of their place: the user's
byte at offset $k$ from ISS${}+1$, and the peer's byte at offset $k$ from
its ISN${}+1$.  A peer that sends the same sequence number twice sends
the same byte, as an honest one does, so that the third promise can be
checked.

@<The harness of the core's fuzzer@>=
#define OUR_PORT 50000
#define PEER_PORT 40000
#define OUR_ADDR 0x0a000001u
#define PEER_ADDR 0x0a000002u
static uint8_t user_byte(uint32_t k) { return (uint8_t) (k * 7 + 3 + (k >> 9)); }
static uint8_t peer_byte(uint32_t k) { return (uint8_t) (k * 13 + 5 + (k >> 11)); }

@ The harness: the connection (static, since it holds two rings of 64
kilobytes), its configuration and counters, the script being read, the
clock, and what the harness knows of the two streams.

@<The harness of the core's fuzzer@>=
struct harness {
  struct tcp_config cfg;
  struct tcp_hooks hooks;
  struct tcp_stats stats;
  const uint8_t *in;
  size_t n, at;
  uint64_t now;
  uint32_t peer_isn;
  uint32_t user_sent;   /* bytes |tcp_send| took */
  uint32_t offering;    /* bytes offered to the |tcp_send| under way */
  uint32_t delivered;   /* bytes |tcp_recv| gave */
  bool closed;          /* the user called |tcp_close| */
};
static struct tcp_conn conn;
static struct harness H;

@ The script's next byte, or 0 when it has run out; |more| says whether
it has.

@<The harness of the core's fuzzer@>=
static uint8_t next(void) { return H.at < H.n ? H.in[H.at++] : 0; }
static bool more(void) { return H.at < H.n; }
static uint32_t next32(void)
{
  uint32_t v = 0;
  for (int i = 0; i < 4; i++) v = v << 8 | next();
  return v;
}

@ A broken promise stops the program with a message that names it.

@<The harness of the core's fuzzer@>=
static void broken(const char *promise)
{
  fprintf(stderr, "fuzz_core: broken promise: %s (state %s)\n", promise,
    tcp_state_name(conn.state));
  abort();
}

@ The first promise is checked in the output hook, for every segment the
connection sends but its resets (whose numbers come from the peer's
segment, when a reset answers one).

@<The harness of the core's fuzzer@>=
static void on_output(void *ctx, struct tcp_conn *c, const struct segment *s)
{
  (void) ctx;
  if (s->flags & TCP_RST) return;
  if ((s->flags & TCP_SYN) && s->seq != c->iss) broken("a SYN not at ISS");
  uint32_t start = s->seq - (c->iss + 1);
  for (size_t i = 0; i < s->len; i++) {
    uint32_t k = start + (uint32_t) i;
    if (k >= H.user_sent + H.offering) broken("a byte past the user's data or our FIN");
    if (s->payload[i] != user_byte(k)) broken("a byte the user did not give");
  }
  if ((s->flags & TCP_FIN) && start + (uint32_t) s->len != H.user_sent)
    broken("a FIN not right after the user's last byte");
  if ((s->flags & TCP_FIN) && !H.closed) broken("a FIN the user did not ask for");
}

@ One change of state starts the streams afresh: a half-open connection
that returns to LISTEN (after a reset or a new SYN in SYN\_RCVD)
forgets everything, including bytes the user gave it in SYN\_RCVD,
which RFC~9293 allows without telling the user (\S3.10.7.4).  The next
connection's streams begin at its own ISNs.

@<The harness of the core's fuzzer@>=
static void on_transition(void *ctx, struct tcp_conn *c,
  const struct transition *t)
{
  (void) ctx, (void) c;
  if (t->to == TCP_LISTEN) H.user_sent = H.delivered = 0, H.closed = false;
}

@ The other promises are checked after every operation.

@<The harness of the core's fuzzer@>=
static bool synchronized(enum tcp_state s)
{
  return s != TCP_CLOSED && s != TCP_LISTEN && s != TCP_SYN_SENT;
}

static void check_promises(void)
{
  const struct tcp_conn *c = &conn;
  if (H.stats.bad_transitions) broken("a change of state outside the table");
  if (H.stats.refused_past_fin) broken("a segment past the FIN was attempted");
  uint64_t d = tcp_next_deadline(c);
  if (d <= H.now) broken("a timer left due");
  if (c->state == TCP_CLOSED || c->state == TCP_LISTEN) return;
  if (!seq_le(c->snd_una, c->snd_nxt)) broken("SND.UNA past SND.NXT");
  if (c->snd_nxt - c->iss > 2 + H.user_sent) broken("SND.NXT past the stream");
  if (!synchronized(c->state)) return;
  uint32_t in_order = c->rcv_nxt - (c->irs + 1);
  if (in_order != H.delivered + c->rcvbuf.len + (c->fin_received ? 1 : 0))
    broken("RCV.NXT moved by other than the bytes and the FIN taken");
}

@ A fresh connection, with the configuration that the first byte of the
script chooses: delayed acknowledgments or not, a small receive buffer
or not, a small MSS, a limit on FIN\_WAIT\_2, keepalives, and the ISN
near the wrap of the sequence space or not.

@<Run one script on a fresh connection@>=
uint8_t setup;
memset(&H, 0, sizeof H);
H.in = data;
H.n = n;
setup = next();
tcp_config_default(&H.cfg);
H.cfg.isn_fixed = true;
H.cfg.isn = setup & 1 ? 0xfffffff0u : 1000;
H.peer_isn = setup & 2 ? 0xffffff00u : 5000;
H.cfg.delack_us = setup & 4 ? 40 * TCP_MILLISECOND : 0;
H.cfg.rcv_wnd = setup & 8 ? 1 + next() : 65535;
H.cfg.mss = setup & 16 ? (uint16_t) (48 + next()) : 1460;
H.cfg.fin_wait_2_us = setup & 32 ? 10 * TCP_SECOND : 0;
H.cfg.keepalive_us = setup & 64 ? 20 * TCP_SECOND : 0;
H.cfg.keepalive_intvl_us = 5 * TCP_SECOND;
H.cfg.snd_buf = setup & 128 ? 256 : TCP_BUFFER_SIZE;
H.hooks.output = on_output;
@[H.hooks.transition@] = on_transition;
H.hooks.stats = &H.stats;
tcp_init(&conn, &H.cfg, &H.hooks, OUR_ADDR, OUR_PORT);
H.now = 1000;
start_from(next() % 8);
check_promises();
while (more()) {
  operation(next());
  check_promises();
}

@ The peer's segments.  |seq_from| and |ack_from| choose a number near
the one given, or any number; the text is the peer's bytes at the
segment's place.  In LISTEN and SYN\_SENT a SYN carries the peer's ISN,
so that the peer's stream stays where the harness thinks it is.

@<Operations of the core's fuzzer@>=
static uint32_t near(uint32_t base)
{
  uint8_t b = next();
  switch (b & 3) {
  case 0: return base;
  case 1: return base + (uint32_t) (int32_t) (int8_t) next();
  case 2: return base + (uint32_t) next() * 1024u;
  default: return next32();
  }
}

static void peer_segment(uint8_t flags, uint32_t seq, uint32_t ack,
  size_t len, uint16_t window)
{
  static uint8_t text[256];
  struct segment s;
  memset(&s, 0, sizeof s);
  s.src_addr = PEER_ADDR;
  s.dst_addr = OUR_ADDR;
  s.src_port = PEER_PORT;
  s.dst_port = OUR_PORT;
  s.flags = flags;
  s.seq = seq;
  s.ack = ack;
  s.window = window;
  if (flags & TCP_SYN) s.mss = (uint16_t) (next() % 3 == 0 ? next() : 1460);
  uint32_t first = seq + ((flags & TCP_SYN) ? 1 : 0) - (H.peer_isn + 1);
  for (size_t i = 0; i < len; i++) text[i] = peer_byte(first + (uint32_t) i);
  s.payload = text;
  s.len = len;
  tcp_segment_arrives(&conn, &s, H.now);
}

@ A segment of the script: its flags (FIN, SYN, RST, PSH, ACK), its
numbers, the length of its text and its window, which is closed, small
or wide.

@<Operations of the core's fuzzer@>=
static void script_segment(void)
{
  uint8_t flags = next() & (TCP_FIN | TCP_SYN | TCP_RST | TCP_PSH | TCP_ACK);
  bool opening = conn.state == TCP_LISTEN || conn.state == TCP_SYN_SENT;
  uint32_t seq = (flags & TCP_SYN) && opening ? H.peer_isn : near(conn.rcv_nxt);
  uint32_t ack = near(next() & 1 ? conn.snd_nxt : conn.snd_una);
  uint8_t l = next();
  size_t len = l < 128 ? 0 : l - 128;
  uint8_t w = next();
  uint16_t window = w < 64 ? 0 : w < 128 ? w : 65535;
  peer_segment(flags, seq, ack, len, window);
}

@ The user's calls, and time.  A send offers the next bytes of the
user's stream; a receive checks what it gets against the peer's; time
moves on by some milliseconds, or to the next deadline, or by a long
while; and a closed connection may be opened again, as a fresh one.

@<Operations of the core's fuzzer@>=
static void user_send(size_t n)
{
  static uint8_t buf[1024];
  while (n > 0) {
    size_t m = n < sizeof buf ? n : sizeof buf;
    for (size_t i = 0; i < m; i++) buf[i] = user_byte(H.user_sent + (uint32_t) i);
    H.offering = (uint32_t) m;
    size_t k = tcp_send(&conn, buf, m, H.now);
    H.offering = 0;
    H.user_sent += (uint32_t) k;
    if (k < m) break;
    n -= m;
  }
}

static void user_recv(size_t n)
{
  static uint8_t buf[1024];
  size_t k = tcp_recv(&conn, buf, n, H.now);
  for (size_t i = 0; i < k; i++)
    if (buf[i] != peer_byte(H.delivered + (uint32_t) i))
      broken("a byte read that the peer did not send there");
  H.delivered += (uint32_t) k;
}

static void user_close(void)
{
  bool was = H.closed;
  H.closed = true;  /* before the call, which may send the FIN */
  if (tcp_close(&conn, H.now) != TCP_OK) H.closed = was;
}

static void pass_time(uint8_t b)
{
  uint64_t d = tcp_next_deadline(&conn);
  if (b < 160) H.now += (uint64_t) b * TCP_MILLISECOND;
  else if (b < 240 && d != UINT64_MAX) H.now = d;
  else H.now += 100 * TCP_SECOND;
  tcp_tick(&conn, H.now);
}

static void reopen(bool active)
{
  H.user_sent = H.delivered = 0;
  H.closed = false;
  if (active) tcp_connect(&conn, PEER_ADDR, PEER_PORT, H.now);
  else tcp_listen(&conn, H.now);
}

@ One operation.

@<Operations of the core's fuzzer@>=
static void operation(uint8_t op)
{
  switch (op % 8) {
  case 0: case 1: case 2: script_segment(); break;
  case 3: user_send(next() * 4u); break;
  case 4: user_recv(next() * 4u); break;
  case 5:
    user_close();
    break;
  case 6:
    if (conn.state == TCP_CLOSED) reopen(next() & 1);
    else if (next() < 16) tcp_abort(&conn, H.now);
    break;
  default: pass_time(next()); break;
  }
}

@ The states to start from are reached by the plainest conversations:
an active or a passive open, the handshake from either side, data in
flight with our FIN behind it, the peer's FIN, our FIN acknowledged,
and both FINs.  Each goes through the same functions as the script, so
the promises hold on the way.

@<Operations of the core's fuzzer@>=
static void start_from(unsigned where)
{
  uint32_t p = H.peer_isn;
  reopen(where % 2 == 0 || where >= 4);
  if (where < 2) return;
  if (conn.state == TCP_SYN_SENT)
    peer_segment(TCP_SYN | TCP_ACK, p, conn.iss + 1, 0, 65535);
  else {
    peer_segment(TCP_SYN, p, 0, 0, 65535);
    peer_segment(TCP_ACK, p + 1, conn.iss + 1, 0, 65535);
  }
  if (where < 4) return;
  switch (where) {
  case 4:
    user_send(3000);
    user_close();
    break;
  case 5: peer_segment(TCP_FIN | TCP_ACK, p + 1, conn.snd_nxt, 0, 65535); break;
  default:
    user_close();
    peer_segment(TCP_ACK, p + 1, conn.snd_nxt, 0, 65535);
    if (where == 7) peer_segment(TCP_FIN | TCP_ACK, p + 1, conn.snd_nxt, 0, 65535);
    break;
  }
}

@ @<The harness of the core's fuzzer@>=
static void start_from(unsigned where);
static void operation(uint8_t op);

@* Exercises.

\smallskip\noindent
1.~\diff1 Run \.{make fuzz FUZZ\_TIME=60} and read the statistics that
libFuzzer prints at the end of each target: how many inputs did each run
per second, and how large did each corpus grow?  Why is the core's
target so much slower than the parser's?

\smallskip\noindent
2.~\diff2 Put back the old persist timer: in |persist_timeout|, delete
the test of |may_send_data| at its top, and in |tcp_enter| the line that
stops the timer on the way into FIN\_WAIT\_2.  Run the core's target and
time how long it takes to report the broken promise.  Then shorten the
input libFuzzer saved with \.{-minimize\_crash=1} and decode it by hand,
operation by operation.

\smallskip\noindent
3.~\diff3 The harness's peer never lies about its bytes: a sequence
number always carries the same byte.  Add an operation in which it
does, and decide what the third promise should then say.  Which copy
does the receive buffer keep?

\smallskip\noindent
4.~\diff3 The targets tell the fuzzer nothing about the structure of
their input, so most mutations of a script make nonsense.  Write a
custom mutator (|LLVMFuzzerCustomMutator|) for the core's target that
inserts, deletes and changes whole operations, and compare the coverage
of \.{tcp.c} after ten minutes with and without it.
