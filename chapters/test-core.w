@q test-core.w: unit tests of the core, with hand-made segments. @>

@* Tests of the state machine.
These tests drive one |struct tcp_conn| at a time with segments made by
hand, user calls and clock ticks, and look at what comes out: the
segments it sends, the rows of the table it takes, the events it
reports.  They are the core's own tests; the numbered scenarios, in
which two connections talk over the simulated link, come after them.
Every test also checks the promise of the chapter on the connection (\secref{conn}):
each change of state is a row of the table, taken from the state the
connection was in.
\label{test-core}%

@(test_core.c@>=
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "segment.h"
#include "tcp.h"
@<Helpers of the core tests@>@;
@<Core tests@>@;
int main(void)
{
  @<Run the core tests@>@;
  return check_report();
}

@ The tests play a peer at 10.0.0.2 port 40000 talking to our connection
at 10.0.0.1 port 50000.  The peer's initial sequence number is chosen
near the top of the sequence space, so that the peer's numbers wrap in
the middle of most tests without anyone asking.

@<Helpers of the core tests@>=
#define LOCAL_ADDR UINT32_C(0x0a000001)
#define PEER_ADDR UINT32_C(0x0a000002)
#define LOCAL_PORT 50000
#define PEER_PORT 40000
#define PEER_ISN UINT32_C(0xfffffffa)
#define OUR_ISN UINT32_C(1000)
#define MAX_RECORDS 256
#define MAX_TEXT 2048

@ A recorder keeps copies of everything the connection hands to its
hooks.  Segments are copied with their text, since the text points into
the connection's send buffer, which changes.

@<Helpers of the core tests@>=
struct sent_copy {
  struct segment s;
  uint8_t text[MAX_TEXT];
};
struct recorder {
  struct sent_copy out[MAX_RECORDS];
  int nout;
  const struct transition *tr[MAX_RECORDS];
  int ntr;
  enum tcp_event ev[MAX_RECORDS];
  int nev;
  enum tcp_state tracked;  /* the state the transitions so far lead to */
};

@ The output hook copies the segment.  The transition hook checks, at
the moment of each change, that the row is one of the table's and that
it starts where the previous one ended.

@<Helpers of the core tests@>=
static void record_output(void *ctx, struct tcp_conn *c, const struct segment *s)
{
  struct recorder *r = ctx;
  (void) c;
  if (!CHECKF(r->nout < MAX_RECORDS, "too many segments")) return;
  struct sent_copy *o = &r->out[r->nout++];
  o->s = *s;
  if (CHECKF(s->len <= MAX_TEXT, "segment text of %zu bytes", s->len) && s->len) {
    memcpy(o->text, s->payload, s->len);
    o->s.payload = o->text;
  }
}

static void record_transition(void *ctx, struct tcp_conn *c, const struct transition *t)
{
  struct recorder *r = ctx;
  CHECKF(t >= tcp_transitions && t < tcp_transitions + tcp_ntransitions,
    "a transition that is not a row of the table");
  CHECKF(t->from == r->tracked, "row %s -> %s taken from %s",
    tcp_state_name(t->from), tcp_state_name(t->to), tcp_state_name(r->tracked));
  CHECK(c->state == t->to);
  r->tracked = t->to;
  if (r->ntr < MAX_RECORDS) r->tr[r->ntr++] = t;
}

static void record_event(void *ctx, struct tcp_conn *c, enum tcp_event e)
{
  struct recorder *r = ctx;
  (void) c;
  if (r->nev < MAX_RECORDS) r->ev[r->nev++] = e;
}

@ A fixture is a connection with its configuration and recorder, on the
heap: a |struct tcp_conn| holds two 64-kilobyte buffers.  The
configuration is the default one, with our initial sequence number fixed
so that the tests can name the numbers they expect, and with delayed
acknowledgments off, so that every segment's acknowledgment is there to
check at once (the tests of the delay turn them back on), and without
the behaviours of the chapter on losses, whose tests are scenario
scripts.  Each fixture
keeps its own counters.

@<Helpers of the core tests@>=
struct fixture {
  struct tcp_conn c;
  struct tcp_config cfg;
  struct tcp_hooks hooks;
  struct tcp_stats stats;
  struct recorder rec;
};

static struct fixture *new_fixture_isn(uint32_t isn)
{
  struct fixture *f = calloc(1, sizeof *f);
  if (!f) abort();
  tcp_config_default(&f->cfg);
  f->cfg.isn_fixed = true;
  f->cfg.isn = isn;
  f->cfg.delack_us = 0;
  f->cfg.fast_retransmit = f->cfg.congestion_control = false;
  f->cfg.sack = f->cfg.rto_forget_backoff = false;
  f->hooks.ctx = &f->rec;
  f->hooks.stats = &f->stats;
  f->hooks.output = record_output;
  @[f->hooks.transition@] = record_transition;
  f->hooks.event = record_event;
  f->rec.tracked = TCP_CLOSED;
  tcp_init(&f->c, &f->cfg, &f->hooks, LOCAL_ADDR, LOCAL_PORT);
  return f;
}

static struct fixture *new_fixture(void)
{
  return new_fixture_isn(OUR_ISN);
}

@ Every test ends by checking that the connection never tried a change
of state outside the table.

@<Helpers of the core tests@>=
static void end_fixture(struct fixture *f)
{
  CHECK_EQ(f->stats.bad_transitions, 0);
  free(f);
}

@ Segments from the peer are made by |peer|: flags, sequence and
acknowledgment numbers, and a string for the text.

@<Helpers of the core tests@>=
static struct segment peer(uint8_t flags, uint32_t seq, uint32_t ack,
  const char *text)
{
  struct segment s;
  memset(&s, 0, sizeof s);
  s.src_addr = PEER_ADDR;
  s.dst_addr = LOCAL_ADDR;
  s.src_port = PEER_PORT;
  s.dst_port = LOCAL_PORT;
  s.seq = seq;
  s.ack = ack;
  s.flags = flags;
  s.window = 65535;
  s.payload = (const uint8_t *) text;
  s.len = text ? strlen(text) : 0;
  return s;
}

static void arrive(struct fixture *f, struct segment s, uint64_t now)
{
  tcp_segment_arrives(&f->c, &s, now);
}

@ Checks on what was sent: the last segment, and the number sent so far.

@<Helpers of the core tests@>=
static const struct segment *last_out(const struct fixture *f)
{
  static const struct segment none;
  return f->rec.nout ? &f->rec.out[f->rec.nout - 1].s : &none;
}

static bool sent_is(const struct fixture *f, uint8_t flags, uint32_t seq,
  uint32_t ack, size_t len, int at_line)
{
  const struct segment *s = last_out(f);
  bool ok = f->rec.nout > 0 && s->flags == flags && s->seq == seq &&
    (!(flags & TCP_ACK) || s->ack == ack) && s->len == len;
  return check_that(ok, __FILE__, at_line,
    "last segment sent: flags 0x%02x seq %lu ack %lu len %zu; expected "@t}\1\1{@>@/
    "flags 0x%02x seq %lu ack %lu len %zu", s->flags,
    (unsigned long) s->seq, (unsigned long) s->ack, s->len, flags,
    (unsigned long) seq, (unsigned long) ack, len@t}\2\2{@>);
}
#define SENT(f, flags, seq, ack, len) sent_is(f, flags, seq, ack, len, __LINE__)

@ @<Helpers of the core tests@>=
static bool has_event(const struct fixture *f, enum tcp_event e)
{
  for (int i = 0; i < f->rec.nev; i++)
    if (f->rec.ev[i] == e) return true;
  return false;
}

static const struct transition *last_row(const struct fixture *f)
{
  return f->rec.ntr ? f->rec.tr[f->rec.ntr - 1] : NULL;
}
#define TOOK(f, id) CHECKF(last_row(f) == &tcp_transitions[id], \
  "last row taken is not %s", #id)

@ Two ways to reach ESTABLISHED: as a client, from |tcp_connect| and the
peer's SYN,ACK, and as a server, from |tcp_listen|, the peer's SYN and
its ACK.

@<Helpers of the core tests@>=
static struct fixture *established_client(void)
{
  struct fixture *f = new_fixture();
  tcp_connect(&f->c, PEER_ADDR, PEER_PORT, 0);
  arrive(f, peer(TCP_SYN | TCP_ACK, PEER_ISN, OUR_ISN + 1, NULL), 1000);
  return f;
}

static struct fixture *established_server(void)
{
  struct fixture *f = new_fixture();
  tcp_listen(&f->c, 0);
  arrive(f, peer(TCP_SYN, PEER_ISN, 0, NULL), 1000);
  arrive(f, peer(TCP_ACK, PEER_ISN + 1, OUR_ISN + 1, NULL), 2000);
  return f;
}

@ {\bf The table.}
The figure rows of the table are the 22 arrows of Figure~6, as the
transcription of the article's figure lists them; this test holds that
list independently of the code, so that a change to either shows.

@<Core tests@>=
static void test_table_is_figure_6(void)
{
  static const struct {
    enum tcp_state from, to;
    const char *cause;
    enum arrow_kind kind;
  } fig[] = {
    {TCP_CLOSED, TCP_LISTEN, "appl: passive open", ARROW_SERVER},
    {TCP_CLOSED, TCP_SYN_SENT, "appl: active open", ARROW_CLIENT},
    {TCP_LISTEN, TCP_SYN_RCVD, "recv: SYN", ARROW_SERVER},
    {TCP_LISTEN, TCP_SYN_SENT, "appl: send data", ARROW_ABNORMAL},
    {TCP_LISTEN, TCP_CLOSED, "appl: close", ARROW_ABNORMAL},
    {TCP_SYN_RCVD, TCP_ESTABLISHED, "recv: ACK", ARROW_SERVER},
    {TCP_SYN_RCVD, TCP_LISTEN, "recv: RST", ARROW_ABNORMAL},
    {TCP_SYN_RCVD, TCP_FIN_WAIT_1, "appl: close", ARROW_ABNORMAL},
    {TCP_SYN_RCVD, TCP_CLOSED, "timeout", ARROW_ABNORMAL},
    {TCP_SYN_SENT, TCP_ESTABLISHED, "recv: SYN,ACK", ARROW_CLIENT},
    {TCP_SYN_SENT, TCP_SYN_RCVD, "recv: SYN", ARROW_ABNORMAL},
    {TCP_SYN_SENT, TCP_CLOSED, "appl: close, or timeout", ARROW_ABNORMAL},
    {TCP_ESTABLISHED, TCP_FIN_WAIT_1, "appl: close", ARROW_CLIENT},
    {TCP_ESTABLISHED, TCP_CLOSE_WAIT, "recv: FIN", ARROW_SERVER},
    {TCP_CLOSE_WAIT, TCP_LAST_ACK, "appl: close", ARROW_SERVER},
    {TCP_LAST_ACK, TCP_CLOSED, "recv: ACK", ARROW_SERVER},
    {TCP_FIN_WAIT_1, TCP_FIN_WAIT_2, "recv: ACK", ARROW_CLIENT},
    {TCP_FIN_WAIT_1, TCP_CLOSING, "recv: FIN", ARROW_ABNORMAL},
    {TCP_FIN_WAIT_1, TCP_TIME_WAIT, "recv: FIN,ACK", ARROW_ABNORMAL},
    {TCP_CLOSING, TCP_TIME_WAIT, "recv: ACK", ARROW_ABNORMAL},
    {TCP_FIN_WAIT_2, TCP_TIME_WAIT, "recv: FIN", ARROW_CLIENT},
    {TCP_TIME_WAIT, TCP_CLOSED, "2MSL timeout", ARROW_CLIENT},
  };
  size_t n = sizeof fig / sizeof fig[0], drawn = 0;
  for (size_t i = 0; i < tcp_ntransitions; i++)
    if (tcp_transitions[i].kind != ARROW_NONE) drawn++;
  CHECK_EQ(drawn, n);
  for (size_t i = 0; i < n; i++) {
    const struct transition *t = &tcp_transitions[i];
    CHECKF(t->from == fig[i].from && t->to == fig[i].to &&
      strcmp(t->cause, fig[i].cause) == 0 && t->kind == fig[i].kind,
      "row %zu is %s -> %s (%s), expected %s -> %s (%s)", i,
      tcp_state_name(t->from), tcp_state_name(t->to), t->cause,
      tcp_state_name(fig[i].from), tcp_state_name(fig[i].to), fig[i].cause);
  }
}

@ Every row changes the state, names a cause, and the rows the figure
does not draw all lead to CLOSED or back to LISTEN.@^LISTEN, return to@>

@<Core tests@>=
static void test_table_rows_are_sane(void)
{
  for (size_t i = 0; i < tcp_ntransitions; i++) {
    const struct transition *t = &tcp_transitions[i];
    CHECKF(t->from != t->to, "row %zu does not change the state", i);
    CHECKF(t->cause && *t->cause, "row %zu has no cause", i);
    if (t->kind == ARROW_NONE)
      CHECKF(t->to == TCP_CLOSED || t->to == TCP_LISTEN,
        "row %zu leads to %s", i, tcp_state_name(t->to));
  }
  CHECK(strcmp(tcp_state_name(TCP_FIN_WAIT_1), "FIN_WAIT_1") == 0);
  CHECK(strcmp(tcp_state_name(TCP_SYN_RCVD), "SYN_RCVD") == 0);
}

@ A change of state that is not in the table is refused and counted.
With the configuration's assertion turned off, the test can watch
|tcp_enter| do it.

@<Core tests@>=
static void test_bad_transition_is_caught(void)
{
  struct fixture *f = new_fixture();
  f->cfg.assert_transitions = false;
  CHECK(!tcp_enter(&f->c, T_LAST_ACK_CLOSED));
  CHECK_EQ(f->stats.bad_transitions, 1);
  CHECK_EQ(f->c.state, TCP_CLOSED);
  CHECK_EQ(f->rec.ntr, 0);
  CHECK(tcp_enter(&f->c, T_CLOSED_LISTEN));
  CHECK_EQ(f->c.state, TCP_LISTEN);
  f->stats.bad_transitions = 0;
  end_fixture(f);
}

@ {\bf Opening.}
The active open sends a SYN with our ISS and an MSS option, and the
SYN,ACK completes it with an ACK of the peer's ISN${}+1$.

@<Core tests@>=
static void test_active_open(void)
{
  struct fixture *f = new_fixture();
  CHECK_EQ(tcp_connect(&f->c, PEER_ADDR, PEER_PORT, 0), TCP_OK);
  TOOK(f, T_CLOSED_SYN_SENT);
  SENT(f, TCP_SYN, OUR_ISN, 0, 0);
  CHECK_EQ(last_out(f)->mss, f->cfg.mss);
  CHECK_EQ(tcp_next_deadline(&f->c), 1 * TCP_SECOND);
  arrive(f, peer(TCP_SYN | TCP_ACK, PEER_ISN, OUR_ISN + 1, NULL), 1000);
  TOOK(f, T_SYN_SENT_ESTABLISHED);
  SENT(f, TCP_ACK, OUR_ISN + 1, PEER_ISN + 1, 0);
  CHECK(has_event(f, TCP_EV_CONNECTED));
  CHECK_EQ(tcp_next_deadline(&f->c), UINT64_MAX);
  CHECK_EQ(f->rec.nout, 2);
  end_fixture(f);
}

@ The passive open answers the SYN with SYN,ACK and is established by
the third segment.

@<Core tests@>=
static void test_passive_open(void)
{
  struct fixture *f = new_fixture();
  CHECK_EQ(tcp_listen(&f->c, 0), TCP_OK);
  TOOK(f, T_CLOSED_LISTEN);
  CHECK_EQ(f->rec.nout, 0);
  arrive(f, peer(TCP_SYN, PEER_ISN, 0, NULL), 1000);
  TOOK(f, T_LISTEN_SYN_RCVD);
  SENT(f, TCP_SYN | TCP_ACK, OUR_ISN, PEER_ISN + 1, 0);
  arrive(f, peer(TCP_ACK, PEER_ISN + 1, OUR_ISN + 1, NULL), 2000);
  TOOK(f, T_SYN_RCVD_ESTABLISHED);
  CHECK(has_event(f, TCP_EV_CONNECTED));
  CHECK_EQ(f->rec.nout, 1);
  CHECK_EQ(f->c.remote_port, PEER_PORT);
  end_fixture(f);
}

@ A listener answers an ACK with a reset built from the ACK, ignores a
reset and a segment with no flags, and still accepts a SYN afterwards.

@<Core tests@>=
static void test_listen_rules(void)
{
  struct fixture *f = new_fixture();
  tcp_listen(&f->c, 0);
  arrive(f, peer(TCP_ACK, 5, 777, NULL), 10);
  SENT(f, TCP_RST, 777, 0, 0);
  arrive(f, peer(TCP_RST, 5, 0, NULL), 20);
  arrive(f, peer(0, 5, 0, "x"), 30);
  CHECK_EQ(f->rec.nout, 1);
  CHECK_EQ(f->stats.dropped[TCP_DROP_LISTEN_RST], 1);
  CHECK_EQ(f->stats.dropped[TCP_DROP_LISTEN_NO_SYN], 1);
  CHECK_EQ(f->c.state, TCP_LISTEN);
  arrive(f, peer(TCP_SYN, PEER_ISN, 0, NULL), 40);
  CHECK_EQ(f->c.state, TCP_SYN_RCVD);
  end_fixture(f);
}

@ In SYN\_SENT, an ACK that does not acknowledge our SYN gets a reset
and changes nothing; a reset without an acceptable ACK is ignored; a
reset that acknowledges our SYN refuses the connection.

@<Core tests@>=
static void test_syn_sent_rules(void)
{
  struct fixture *f = new_fixture();
  tcp_connect(&f->c, PEER_ADDR, PEER_PORT, 0);
  arrive(f, peer(TCP_SYN | TCP_ACK, PEER_ISN, OUR_ISN + 5, NULL), 10);
  SENT(f, TCP_RST, OUR_ISN + 5, 0, 0);
  CHECK_EQ(f->c.state, TCP_SYN_SENT);
  arrive(f, peer(TCP_RST, 0, 0, NULL), 20);
  CHECK_EQ(f->c.state, TCP_SYN_SENT);
  CHECK_EQ(f->stats.dropped[TCP_DROP_RST_NO_ACK], 1);
  arrive(f, peer(TCP_RST | TCP_ACK, 0, OUR_ISN + 1, NULL), 30);
  TOOK(f, T_SYN_SENT_CLOSED_RESET);
  CHECK(has_event(f, TCP_EV_REFUSED));
  CHECK(has_event(f, TCP_EV_CLOSED));
  end_fixture(f);
}

@ A simultaneous open: our SYN crosses the peer's.  We answer from
SYN\_RCVD with a SYN,ACK that repeats our ISS, and the peer's SYN,ACK
completes the handshake.@^simultaneous open@>

@<Core tests@>=
static void test_simultaneous_open(void)
{
  struct fixture *f = new_fixture();
  tcp_connect(&f->c, PEER_ADDR, PEER_PORT, 0);
  arrive(f, peer(TCP_SYN, PEER_ISN, 0, NULL), 10);
  TOOK(f, T_SYN_SENT_SYN_RCVD);
  SENT(f, TCP_SYN | TCP_ACK, OUR_ISN, PEER_ISN + 1, 0);
  arrive(f, peer(TCP_SYN | TCP_ACK, PEER_ISN, OUR_ISN + 1, NULL), 20);
  TOOK(f, T_SYN_RCVD_ESTABLISHED);
  CHECK(has_event(f, TCP_EV_CONNECTED));
  CHECK_EQ(f->c.rcv_nxt, PEER_ISN + 1);
  end_fixture(f);
}

@ After a simultaneous open, a reset in SYN\_RCVD closes the connection;
after a passive open it returns the connection to LISTEN, and the next
SYN is taken.  A repeated SYN in SYN\_RCVD is answered with the SYN,ACK
again.@^simultaneous open@>

@<Core tests@>=
static void test_syn_rcvd_resets(void)
{
  struct fixture *f = new_fixture();
  tcp_listen(&f->c, 0);
  arrive(f, peer(TCP_SYN, PEER_ISN, 0, NULL), 10);
  arrive(f, peer(TCP_SYN, PEER_ISN, 0, NULL), 20);
  SENT(f, TCP_SYN | TCP_ACK, OUR_ISN, PEER_ISN + 1, 0);
  CHECK_EQ(f->rec.nout, 2);
  CHECK_EQ(f->c.state, TCP_SYN_RCVD);
  arrive(f, peer(TCP_RST, PEER_ISN + 1, 0, NULL), 30);
  TOOK(f, T_SYN_RCVD_LISTEN);
  CHECK_EQ(f->c.remote_port, 0);
  arrive(f, peer(TCP_SYN, 77, 0, NULL), 40);
  SENT(f, TCP_SYN | TCP_ACK, OUR_ISN, 78, 0);
  end_fixture(f);
  f = new_fixture();
  tcp_connect(&f->c, PEER_ADDR, PEER_PORT, 0);
  arrive(f, peer(TCP_SYN, PEER_ISN, 0, NULL), 10);
  arrive(f, peer(TCP_RST, PEER_ISN + 1, 0, NULL), 20);
  TOOK(f, T_SYN_RCVD_CLOSED_RESET);
  CHECK(has_event(f, TCP_EV_REFUSED));
  end_fixture(f);
}

@ An unacceptable ACK in SYN\_RCVD is answered with a reset.

@<Core tests@>=
static void test_syn_rcvd_bad_ack(void)
{
  struct fixture *f = new_fixture();
  tcp_listen(&f->c, 0);
  arrive(f, peer(TCP_SYN, PEER_ISN, 0, NULL), 10);
  arrive(f, peer(TCP_ACK, PEER_ISN + 1, OUR_ISN + 9, NULL), 20);
  SENT(f, TCP_RST, OUR_ISN + 9, 0, 0);
  CHECK_EQ(f->c.state, TCP_SYN_RCVD);
  CHECK_EQ(f->stats.dropped[TCP_DROP_BAD_ACK], 1);
  end_fixture(f);
}

@ {\bf Timers of the handshake.}
A lost SYN is sent again, with the same sequence number, at 1, 3, 7, 15
and 31 seconds; at 63 seconds the client gives up.

@<Core tests@>=
static void test_syn_retransmission(void)
{
  struct fixture *f = new_fixture();
  tcp_connect(&f->c, PEER_ADDR, PEER_PORT, 0);
  uint64_t expected[] = {1, 3, 7, 15, 31, 63};
  for (int i = 0; i < 6; i++) {
    uint64_t d = tcp_next_deadline(&f->c);
    CHECK_EQ(d, expected[i] * TCP_SECOND);
    tcp_tick(&f->c, d - 1);
    CHECK_EQ(f->rec.nout, i + 1);
    tcp_tick(&f->c, d);
    if (i < 5) SENT(f, TCP_SYN, OUR_ISN, 0, 0);
  }
  TOOK(f, T_SYN_SENT_CLOSED);
  CHECK(has_event(f, TCP_EV_TIMEOUT));
  CHECK_EQ(f->rec.nout, 6);
  CHECK_EQ(tcp_next_deadline(&f->c), UINT64_MAX);
  end_fixture(f);
}

@ A server whose SYN,ACK is never acknowledged repeats it, then closes
with a reset, the figure's ``timeout; send: RST''.

@<Core tests@>=
static void test_syn_rcvd_timeout(void)
{
  struct fixture *f = new_fixture();
  tcp_listen(&f->c, 0);
  arrive(f, peer(TCP_SYN, PEER_ISN, 0, NULL), 0);
  while (f->c.state == TCP_SYN_RCVD) tcp_tick(&f->c, tcp_next_deadline(&f->c));
  TOOK(f, T_SYN_RCVD_CLOSED);
  SENT(f, TCP_RST, OUR_ISN + 1, 0, 0);
  CHECK_EQ(f->rec.nout, 1 + (int) f->cfg.syn_retries + 1);
  end_fixture(f);
}

@ Closing a listener, or a client whose SYN is unanswered, closes at once
and sends nothing.

@<Core tests@>=
static void test_close_before_established(void)
{
  struct fixture *f = new_fixture();
  tcp_listen(&f->c, 0);
  CHECK_EQ(tcp_close(&f->c, 10), TCP_OK);
  TOOK(f, T_LISTEN_CLOSED);
  CHECK_EQ(f->rec.nout, 0);
  CHECK_EQ(tcp_close(&f->c, 20), TCP_ERR_STATE);
  end_fixture(f);
  f = new_fixture();
  tcp_connect(&f->c, PEER_ADDR, PEER_PORT, 0);
  CHECK_EQ(tcp_close(&f->c, 10), TCP_OK);
  TOOK(f, T_SYN_SENT_CLOSED);
  CHECK_EQ(f->rec.nout, 1);
  CHECK_EQ(tcp_next_deadline(&f->c), UINT64_MAX);
  end_fixture(f);
}

@ {\bf Data.}
Data sent is cut into segments that carry the next sequence numbers, and
leaves the send buffer when acknowledged; data received in order is
acknowledged and can be read.

@<Core tests@>=
static void test_data_both_ways(void)
{
  struct fixture *f = established_client();
  CHECK_EQ(tcp_send(&f->c, "hello", 5, 2000), 5);
  SENT(f, TCP_ACK | TCP_PSH, OUR_ISN + 1, PEER_ISN + 1, 5);
  CHECK(memcmp(last_out(f)->payload, "hello", 5) == 0);
  CHECK_EQ(f->c.sndbuf.len, 5);
  CHECK(tcp_next_deadline(&f->c) != UINT64_MAX);
  arrive(f, peer(TCP_ACK, PEER_ISN + 1, OUR_ISN + 6, NULL), 3000);
  CHECK_EQ(f->c.sndbuf.len, 0);
  CHECK(has_event(f, TCP_EV_WRITABLE));
  CHECK_EQ(tcp_next_deadline(&f->c), UINT64_MAX);
  arrive(f, peer(TCP_ACK | TCP_PSH, PEER_ISN + 1, OUR_ISN + 6, "world!"), 4000);
  SENT(f, TCP_ACK, OUR_ISN + 6, PEER_ISN + 7, 0);
  CHECK(has_event(f, TCP_EV_READABLE));
  char buf[16];
  CHECK_EQ(tcp_recv(&f->c, buf, sizeof buf, 5000), 6);
  CHECK(memcmp(buf, "world!", 6) == 0);
  CHECK_EQ(tcp_recv(&f->c, buf, sizeof buf, 5000), 0);
  CHECK(!tcp_peer_closed(&f->c));
  end_fixture(f);
}

@ Delayed acknowledgments, turned on for this test: text in order waits
for company, at most |delack_us|; the second segment is acknowledged at
once, and so are text out of order and a FIN; data the user sends takes
the acknowledgment along and stops the timer.

@<Core tests@>=
static void test_delayed_ack(void)
{
  struct fixture *f = established_server();
  f->cfg.delack_us = 40 * TCP_MILLISECOND;
  size_t before = f->rec.nout;
  arrive(f, peer(TCP_ACK, PEER_ISN + 1, OUR_ISN + 1, "a"), 3000);
  CHECK_EQ(f->rec.nout, before);
  CHECK_EQ(tcp_next_deadline(&f->c), 3000 + 40 * TCP_MILLISECOND);
  tcp_tick(&f->c, 3000 + 40 * TCP_MILLISECOND);
  SENT(f, TCP_ACK, OUR_ISN + 1, PEER_ISN + 2, 0);
  CHECK_EQ(tcp_next_deadline(&f->c), UINT64_MAX);
  before = f->rec.nout;
  arrive(f, peer(TCP_ACK, PEER_ISN + 2, OUR_ISN + 1, "b"), 50000);
  CHECK_EQ(f->rec.nout, before);
  arrive(f, peer(TCP_ACK, PEER_ISN + 3, OUR_ISN + 1, "c"), 50100);
  CHECK_EQ(f->rec.nout, before + 1);
  SENT(f, TCP_ACK, OUR_ISN + 1, PEER_ISN + 4, 0);
  arrive(f, peer(TCP_ACK, PEER_ISN + 4, OUR_ISN + 1, "d"), 60000);
  CHECK_EQ(f->rec.nout, before + 1);
  CHECK_EQ(tcp_send(&f->c, "D", 1, 60100), 1);
  SENT(f, TCP_ACK | TCP_PSH, OUR_ISN + 1, PEER_ISN + 5, 1);
  CHECK_EQ(f->c.delack_deadline, 0);
  arrive(f, peer(TCP_ACK, PEER_ISN + 9, OUR_ISN + 2, "gap"), 70000);
  SENT(f, TCP_ACK, OUR_ISN + 2, PEER_ISN + 5, 0);
  end_fixture(f);
}

static void test_fin_is_acknowledged_at_once(void)
{
  struct fixture *f = established_server();
  f->cfg.delack_us = 40 * TCP_MILLISECOND;
  arrive(f, peer(TCP_ACK | TCP_FIN, PEER_ISN + 1, OUR_ISN + 1, "bye"), 3000);
  SENT(f, TCP_ACK, OUR_ISN + 1, PEER_ISN + 5, 0);
  CHECK_EQ(tcp_state(&f->c), TCP_CLOSE_WAIT);
  CHECK_EQ(f->c.delack_deadline, 0);
  end_fixture(f);
}

@ A data segment that is lost is sent again when the timer expires, the
earliest unacknowledged bytes first.

@<Core tests@>=
static void test_data_retransmission(void)
{
  struct fixture *f = established_client();
  f->c.snd_mss = 4;
  tcp_send(&f->c, "abcdefgh", 8, 2000);
  CHECK_EQ(f->rec.nout, 4);
  uint64_t d = tcp_next_deadline(&f->c);
  CHECK_EQ(d, 2000 + TCP_SECOND);
  tcp_tick(&f->c, d);
  SENT(f, TCP_ACK | TCP_PSH, OUR_ISN + 1, PEER_ISN + 1, 4);
  CHECK(memcmp(last_out(f)->payload, "abcd", 4) == 0);
  CHECK_EQ(tcp_next_deadline(&f->c), d + 2 * TCP_SECOND);
  arrive(f, peer(TCP_ACK, PEER_ISN + 1, OUR_ISN + 9, NULL), d + 10);
  CHECK_EQ(f->c.sndbuf.len, 0);
  CHECK_EQ(f->stats.retransmitted, 1);
  end_fixture(f);
}

@ Segments outside the window get a duplicate acknowledgment and are
dropped; so does an acknowledgment of data never sent.  Text that leaves
a gap is acknowledged with a duplicate acknowledgment too, but kept, for
the chapter on reassembly (\secref{reassembly}).@^reassembly@>@^duplicate ACK@>

@<Core tests@>=
static void test_unacceptable_segments(void)
{
  struct fixture *f = established_server();
  arrive(f, peer(TCP_ACK, PEER_ISN - 100, OUR_ISN + 1, "old"), 3000);
  SENT(f, TCP_ACK, OUR_ISN + 1, PEER_ISN + 1, 0);
  CHECK_EQ(f->stats.dropped[TCP_DROP_UNACCEPTABLE], 1);
  arrive(f, peer(TCP_ACK, PEER_ISN + 11, OUR_ISN + 1, "gap"), 3100);
  SENT(f, TCP_ACK, OUR_ISN + 1, PEER_ISN + 1, 0);
  CHECK_EQ(f->stats.dropped[TCP_DROP_OUT_OF_ORDER], 0);
  CHECK_EQ(f->c.rcvbuf.len, 0);
  CHECK_EQ(f->c.rcvbuf.nranges, 1);
  arrive(f, peer(TCP_ACK, PEER_ISN + 1, OUR_ISN + 50, NULL), 3200);
  SENT(f, TCP_ACK, OUR_ISN + 1, PEER_ISN + 1, 0);
  CHECK_EQ(f->stats.dropped[TCP_DROP_ACK_UNSENT], 1);
  arrive(f, peer(TCP_PSH, PEER_ISN + 1, 0, "noack"), 3300);
  CHECK_EQ(f->stats.dropped[TCP_DROP_NO_ACK], 1);
  CHECK_EQ(f->c.rcvbuf.len, 0);
  CHECK_EQ(f->c.state, TCP_ESTABLISHED);
  end_fixture(f);
}

@ With a receive window of zero, a data segment is not acceptable, but a
bare ACK at exactly RCV.NXT is, and its acknowledgment is taken.@^receive window@>

@<Core tests@>=
static void test_zero_window(void)
{
  struct fixture *f = established_server();
  f->c.rcvbuf.cap = 4;
  arrive(f, peer(TCP_ACK, PEER_ISN + 1, OUR_ISN + 1, "full"), 3000);
  CHECK_EQ(f->c.rcvbuf.len, 4);
  CHECK_EQ(last_out(f)->window, 0);
  tcp_send(&f->c, "xy", 2, 3100);
  arrive(f, peer(TCP_ACK, PEER_ISN + 5, OUR_ISN + 3, "more"), 3200);
  CHECK_EQ(f->stats.dropped[TCP_DROP_UNACCEPTABLE], 1);
  CHECK_EQ(f->c.sndbuf.len, 2);
  arrive(f, peer(TCP_ACK, PEER_ISN + 5, OUR_ISN + 3, NULL), 3300);
  CHECK_EQ(f->c.sndbuf.len, 0);
  CHECK_EQ(f->c.snd_una, OUR_ISN + 3);
  char buf[4];
  int before = f->rec.nout;
  CHECK_EQ(tcp_recv(&f->c, buf, 4, 3400), 4);
  CHECK_EQ(f->rec.nout, before + 1);
  CHECK_EQ(last_out(f)->window, 4);
  end_fixture(f);
}

@ A peer that closes its window makes the sender probe it, and the
probes never make the connection give up.

@<Core tests@>=
static void test_window_probe(void)
{
  struct fixture *f = established_client();
  arrive(f, peer(TCP_ACK, PEER_ISN + 1, OUR_ISN + 1, NULL), 2000);
  f->c.snd_wnd = 0;
  tcp_send(&f->c, "abc", 3, 3000);
  int before = f->rec.nout;
  CHECK_EQ(before, 2);
  for (int i = 0; i < 20; i++) tcp_tick(&f->c, tcp_next_deadline(&f->c));
  CHECK_EQ(f->c.state, TCP_ESTABLISHED);
  CHECK_EQ(f->rec.nout, before + 20);
  SENT(f, TCP_ACK | TCP_PSH, OUR_ISN + 1, PEER_ISN + 1, 1);
  end_fixture(f);
}

@ The probes must stop when nothing is left to probe for.  Here the peer
acknowledges half the data with a closed window; the retransmission
timer hands over to the persist timer; then the peer acknowledges
everything, FIN included, still with a closed window.  In FIN\_WAIT\_2
no timer may run (none is configured for that state), and no segment
may carry a byte: before the fix, each probe sent the next byte of the
ring, beyond the FIN, and moved SND.NXT past it.

@<Core tests@>=
static void test_no_probe_past_fin(void)
{
  struct fixture *f = established_client();
  tcp_send(&f->c, "abcdef", 6, 2000);
  CHECK_EQ(tcp_close(&f->c, 2100), TCP_OK);
  SENT(f, TCP_FIN | TCP_ACK, OUR_ISN + 7, PEER_ISN + 1, 0);
  struct segment s = peer(TCP_ACK, PEER_ISN + 1, OUR_ISN + 4, NULL);
  s.window = 0;
  arrive(f, s, 3000);
  tcp_tick(&f->c, tcp_next_deadline(&f->c));
  s.ack = OUR_ISN + 8;
  arrive(f, s, 5000000);
  CHECK_EQ(f->c.state, TCP_FIN_WAIT_2);
  CHECK_EQ(tcp_next_deadline(&f->c), UINT64_MAX);
  int before = f->rec.nout;
  for (int i = 0; i < 10 && tcp_next_deadline(&f->c) != UINT64_MAX; i++)
    tcp_tick(&f->c, tcp_next_deadline(&f->c));
  CHECK_EQ(f->rec.nout, before);
  for (int i = 0; i < f->rec.nout; i++)
    CHECKF(!seq_gt(f->rec.out[i].s.seq + (uint32_t) f->rec.out[i].s.len,
      OUR_ISN + 7), "segment %d reaches past the FIN", i);
  CHECK_EQ(f->c.snd_nxt, OUR_ISN + 8);
  CHECK_EQ(f->stats.refused_past_fin, 0);
  end_fixture(f);
}

@ A second FIN, at RCV.NXT after the first was taken, is the first one
repeated at best: it moves nothing, is acknowledged with the same
number, raises no second end of stream, and in TIME\_WAIT restarts the
wait.

@<Core tests@>=
static void test_second_fin(void)
{
  struct fixture *f = established_server();
  arrive(f, peer(TCP_FIN | TCP_ACK, PEER_ISN + 1, OUR_ISN + 1, NULL), 3000);
  CHECK_EQ(f->c.state, TCP_CLOSE_WAIT);
  int eofs = 0;
  arrive(f, peer(TCP_FIN | TCP_ACK, PEER_ISN + 2, OUR_ISN + 1, NULL), 4000);
  CHECK_EQ(f->c.rcv_nxt, PEER_ISN + 2);
  SENT(f, TCP_ACK, OUR_ISN + 1, PEER_ISN + 2, 0);
  for (int i = 0; i < f->rec.nev; i++) eofs += f->rec.ev[i] == TCP_EV_EOF;
  CHECK_EQ(eofs, 1);
  end_fixture(f);
  f = established_client();
  tcp_close(&f->c, 2000);
  arrive(f, peer(TCP_FIN | TCP_ACK, PEER_ISN + 1, OUR_ISN + 2, NULL), 3000);
  CHECK_EQ(f->c.state, TCP_TIME_WAIT);
  arrive(f, peer(TCP_FIN | TCP_ACK, PEER_ISN + 2, OUR_ISN + 2, NULL), 9000);
  CHECK_EQ(f->c.rcv_nxt, PEER_ISN + 2);
  SENT(f, TCP_ACK, OUR_ISN + 2, PEER_ISN + 2, 0);
  CHECK_EQ(tcp_next_deadline(&f->c), 9000 + 2 * f->cfg.msl_us);
  end_fixture(f);
}

@ A peer's MSS below |TCP_MSS_MIN| is raised to it; one above our own
is lowered to ours.

@<Core tests@>=
static void test_mss_floor(void)
{
  static const uint16_t asked[] = {1, 20, 47, 48, 49, 536, 9000};
  static const uint16_t taken[] = {48, 48, 48, 48, 49, 536, 1460};
  for (size_t i = 0; i < sizeof asked / sizeof asked[0]; i++) {
    struct fixture *f = new_fixture();
    tcp_listen(&f->c, 0);
    struct segment syn = peer(TCP_SYN, PEER_ISN, 0, NULL);
    syn.mss = asked[i];
    arrive(f, syn, 1000);
    CHECKF(f->c.snd_mss == taken[i], "MSS %u taken as %u, expected %u",
      asked[i], f->c.snd_mss, taken[i]);
    end_fixture(f);
  }
}

@ A flood of forged segments draws at most |answer_limit| answers a
second (RFC~5961 \S7): pure ACKs outside the window, resets inside it,
SYNs.  Text outside the window is still acknowledged every time, and
the budget comes back a second later.

@<Core tests@>=
static void test_answer_limit(void)
{
  struct fixture *f = established_server();
  int before = f->rec.nout;
  for (int i = 0; i < 1000; i++)
    arrive(f, peer(TCP_ACK, PEER_ISN + 100000 + (uint32_t) i, OUR_ISN + 1, NULL),
      3000 + (uint64_t) i);
  for (int i = 0; i < 1000; i++)
    arrive(f, peer(TCP_RST, PEER_ISN + 10 + (uint32_t) i % 1000, 0, NULL), 5000);
  for (int i = 0; i < 1000; i++)
    arrive(f, peer(TCP_SYN, PEER_ISN + (uint32_t) i * 77, 0, NULL), 6000);
  CHECK_EQ(f->rec.nout - before, f->cfg.answer_limit);
  CHECK_EQ(f->stats.answers_throttled, 3000 - f->cfg.answer_limit);
  CHECK_EQ(f->c.state, TCP_ESTABLISHED);
  before = f->rec.nout;
  for (int i = 0; i < 30; i++)
    arrive(f, peer(TCP_ACK, PEER_ISN - 1000, OUR_ISN + 1, "old"), 7000);
  CHECK_EQ(f->rec.nout - before, 30);
  arrive(f, peer(TCP_RST, PEER_ISN + 10, 0, NULL), 3000 + TCP_SECOND);
  CHECK_EQ(f->rec.nout - before, 31);
  SENT(f, TCP_ACK, OUR_ISN + 1, PEER_ISN + 1, 0);
  end_fixture(f);
}

@ The send window is taken only from a segment that is not older than
the one that last set it (\S3.10.7.4): SND.WL1 and SND.WL2 remember that
segment's sequence and acknowledgment numbers.  An acknowledgment that
moves on, with the same sequence number, sets the window; a segment from
before it does not.

@<Core tests@>=
static struct segment with_window(struct segment s, uint16_t window)
{
  s.window = window;
  return s;
}

static void test_send_window_update(void)
{
  struct fixture *f = established_client();
  tcp_send(&f->c, "abcdef", 6, 1500);
  arrive(f, with_window(peer(TCP_ACK, PEER_ISN + 1, OUR_ISN + 4, NULL), 1000), 2000);
  CHECK_EQ(f->c.snd_wnd, 1000);
  CHECK_EQ(f->c.snd_wl1, PEER_ISN + 1);
  CHECK_EQ(f->c.snd_wl2, OUR_ISN + 4);
  arrive(f, with_window(peer(TCP_ACK, PEER_ISN + 1, OUR_ISN + 7, NULL), 2000), 2100);
  CHECK_EQ(f->c.snd_wnd, 2000);
  CHECK_EQ(f->c.snd_wl2, OUR_ISN + 7);
  arrive(f, with_window(peer(TCP_ACK, PEER_ISN, OUR_ISN + 7, NULL), 5), 2200);
  CHECK_EQ(f->c.snd_wnd, 2000);
  end_fixture(f);
}

@ {\bf Closing.}
The client's active close: FIN\_WAIT\_1, FIN\_WAIT\_2, TIME\_WAIT, and
CLOSED exactly 2MSL after the last ACK.@^active close@>

@<Core tests@>=
static void test_active_close(void)
{
  struct fixture *f = established_client();
  CHECK_EQ(tcp_close(&f->c, 2000), TCP_OK);
  TOOK(f, T_ESTABLISHED_FIN_WAIT_1);
  SENT(f, TCP_FIN | TCP_ACK, OUR_ISN + 1, PEER_ISN + 1, 0);
  CHECK_EQ(tcp_close(&f->c, 2100), TCP_ERR_CLOSING);
  CHECK_EQ(tcp_send(&f->c, "x", 1, 2100), 0);
  arrive(f, peer(TCP_ACK, PEER_ISN + 1, OUR_ISN + 2, NULL), 3000);
  TOOK(f, T_FIN_WAIT_1_FIN_WAIT_2);
  CHECK_EQ(tcp_next_deadline(&f->c), UINT64_MAX);
  arrive(f, peer(TCP_FIN | TCP_ACK, PEER_ISN + 1, OUR_ISN + 2, NULL), 4000);
  TOOK(f, T_FIN_WAIT_2_TIME_WAIT);
  SENT(f, TCP_ACK, OUR_ISN + 2, PEER_ISN + 2, 0);
  CHECK(has_event(f, TCP_EV_EOF));
  CHECK(tcp_peer_closed(&f->c));
  uint64_t end = 4000 + 2 * f->cfg.msl_us;
  CHECK_EQ(tcp_next_deadline(&f->c), end);
  tcp_tick(&f->c, end - 1);
  CHECK_EQ(f->c.state, TCP_TIME_WAIT);
  tcp_tick(&f->c, end);
  TOOK(f, T_TIME_WAIT_CLOSED);
  CHECK(has_event(f, TCP_EV_CLOSED));
  end_fixture(f);
}

@ With a time limit on FIN\_WAIT\_2, a peer that never closes does not
keep our half of the connection forever.

@<Core tests@>=
static void test_fin_wait_2_limit(void)
{
  struct fixture *f = established_client();
  f->cfg.fin_wait_2_us = 10 * TCP_SECOND;
  tcp_close(&f->c, 2000);
  arrive(f, peer(TCP_ACK, PEER_ISN + 1, OUR_ISN + 2, NULL), 3000);
  CHECK_EQ(f->c.state, TCP_FIN_WAIT_2);
  CHECK_EQ(tcp_next_deadline(&f->c), 3000 + 10 * TCP_SECOND);
  tcp_tick(&f->c, 3000 + 10 * TCP_SECOND);
  TOOK(f, T_FIN_WAIT_2_CLOSED_TIMEOUT);
  CHECK(has_event(f, TCP_EV_TIMEOUT));
  end_fixture(f);
}

@ The limit counts from the peer's last segment: data that keeps
arriving in the half-closed connection keeps it alive.

@<Core tests@>=
static void test_fin_wait_2_limit_counts_silence(void)
{
  struct fixture *f = established_client();
  f->cfg.fin_wait_2_us = 10 * TCP_SECOND;
  tcp_close(&f->c, 2000);
  arrive(f, peer(TCP_ACK, PEER_ISN + 1, OUR_ISN + 2, NULL), 3000);
  arrive(f, peer(TCP_ACK, PEER_ISN + 1, OUR_ISN + 2, "more"), 9 * TCP_SECOND);
  tcp_tick(&f->c, 3000 + 10 * TCP_SECOND);
  CHECK_EQ(f->c.state, TCP_FIN_WAIT_2);
  CHECK_EQ(tcp_next_deadline(&f->c), 19 * TCP_SECOND);
  tcp_tick(&f->c, 19 * TCP_SECOND);
  TOOK(f, T_FIN_WAIT_2_CLOSED_TIMEOUT);
  end_fixture(f);
}

@ Keepalives, when configured: after the silence, a probe at SND.NXT${}-1$
with no text; an answer restarts the silence; unanswered probes end the
connection with a timeout, never a single lost one.

@<Core tests@>=
static void test_keepalive(void)
{
  struct fixture *f = new_fixture();
  f->cfg.keepalive_us = 100 * TCP_SECOND;
  f->cfg.keepalive_intvl_us = 10 * TCP_SECOND;
  f->cfg.keepalive_probes = 3;
  tcp_connect(&f->c, PEER_ADDR, PEER_PORT, 0);
  arrive(f, peer(TCP_SYN | TCP_ACK, PEER_ISN, OUR_ISN + 1, NULL), 1000);
  CHECK_EQ(tcp_next_deadline(&f->c), 1000 + 100 * TCP_SECOND);
  int before = f->rec.nout;
  tcp_tick(&f->c, 1000 + 100 * TCP_SECOND);
  SENT(f, TCP_ACK, OUR_ISN, PEER_ISN + 1, 0);
  CHECK_EQ(f->rec.nout, before + 1);
  arrive(f, peer(TCP_ACK, PEER_ISN + 1, OUR_ISN + 1, NULL), 105 * TCP_SECOND);
  CHECK_EQ(tcp_next_deadline(&f->c), 205 * TCP_SECOND);
  for (int i = 0; i < 4; i++) tcp_tick(&f->c, tcp_next_deadline(&f->c));
  CHECK_EQ(f->rec.nout, before + 4);
  TOOK(f, T_ESTABLISHED_CLOSED_TIMEOUT);
  CHECK(has_event(f, TCP_EV_TIMEOUT));
  for (int i = 0; i < f->rec.nout; i++) CHECK_EQ(f->rec.out[i].s.len, 0);
  end_fixture(f);
  f = established_client();
  CHECK_EQ(tcp_next_deadline(&f->c), UINT64_MAX);
  end_fixture(f);
}

@ The server's passive close: CLOSE\_WAIT on the peer's FIN, LAST\_ACK on
our close, CLOSED on the last ACK.  Data may still be sent in
CLOSE\_WAIT, and the FIN follows it.@^passive close@>

@<Core tests@>=
static void test_passive_close(void)
{
  struct fixture *f = established_server();
  arrive(f, peer(TCP_FIN | TCP_ACK, PEER_ISN + 1, OUR_ISN + 1, NULL), 3000);
  TOOK(f, T_ESTABLISHED_CLOSE_WAIT);
  SENT(f, TCP_ACK, OUR_ISN + 1, PEER_ISN + 2, 0);
  CHECK(has_event(f, TCP_EV_EOF));
  CHECK_EQ(tcp_send(&f->c, "late", 4, 3100), 4);
  SENT(f, TCP_ACK | TCP_PSH, OUR_ISN + 1, PEER_ISN + 2, 4);
  CHECK_EQ(tcp_close(&f->c, 3200), TCP_OK);
  TOOK(f, T_CLOSE_WAIT_LAST_ACK);
  SENT(f, TCP_FIN | TCP_ACK, OUR_ISN + 5, PEER_ISN + 2, 0);
  arrive(f, peer(TCP_ACK, PEER_ISN + 2, OUR_ISN + 5, NULL), 4000);
  CHECK_EQ(f->c.state, TCP_LAST_ACK);
  arrive(f, peer(TCP_ACK, PEER_ISN + 2, OUR_ISN + 6, NULL), 4100);
  TOOK(f, T_LAST_ACK_CLOSED);
  CHECK(has_event(f, TCP_EV_CLOSED));
  end_fixture(f);
}

@ A FIN that also acknowledges our FIN takes FIN\_WAIT\_1 straight to
TIME\_WAIT; a FIN that does not leads to CLOSING, and the ACK of our FIN
then to TIME\_WAIT.

@<Core tests@>=
static void test_fin_ack_and_simultaneous_close(void)
{
  struct fixture *f = established_client();
  tcp_close(&f->c, 2000);
  arrive(f, peer(TCP_FIN | TCP_ACK, PEER_ISN + 1, OUR_ISN + 2, NULL), 3000);
  TOOK(f, T_FIN_WAIT_1_TIME_WAIT);
  SENT(f, TCP_ACK, OUR_ISN + 2, PEER_ISN + 2, 0);
  end_fixture(f);
  f = established_client();
  tcp_close(&f->c, 2000);
  arrive(f, peer(TCP_FIN | TCP_ACK, PEER_ISN + 1, OUR_ISN + 1, NULL), 3000);
  TOOK(f, T_FIN_WAIT_1_CLOSING);
  SENT(f, TCP_ACK, OUR_ISN + 2, PEER_ISN + 2, 0);
  arrive(f, peer(TCP_ACK, PEER_ISN + 2, OUR_ISN + 2, NULL), 3100);
  TOOK(f, T_CLOSING_TIME_WAIT);
  CHECK_EQ(tcp_next_deadline(&f->c), 3100 + 2 * f->cfg.msl_us);
  end_fixture(f);
}

@ In TIME\_WAIT a repeated FIN is acknowledged again and restarts the
2MSL timer; a reset is ignored (RFC~1337) unless the configuration says
otherwise; an old SYN, below the window or in it, gets an
acknowledgment of the current state (in the window, a challenge ACK) and
opens nothing.@^challenge ACK@>@^RFC 1337@>

@<Core tests@>=
static void test_time_wait_repeats(void)
{
  struct fixture *f = established_client();
  tcp_close(&f->c, 2000);
  arrive(f, peer(TCP_FIN | TCP_ACK, PEER_ISN + 1, OUR_ISN + 2, NULL), 3000);
  CHECK_EQ(f->c.state, TCP_TIME_WAIT);
  uint64_t later = 3000 + 5 * TCP_SECOND;
  arrive(f, peer(TCP_FIN | TCP_ACK, PEER_ISN + 1, OUR_ISN + 2, NULL), later);
  SENT(f, TCP_ACK, OUR_ISN + 2, PEER_ISN + 2, 0);
  CHECK_EQ(tcp_next_deadline(&f->c), later + 2 * f->cfg.msl_us);
  arrive(f, peer(TCP_SYN, PEER_ISN - 5000, 0, NULL), later + 10);
  SENT(f, TCP_ACK, OUR_ISN + 2, PEER_ISN + 2, 0);
  CHECK_EQ(f->stats.dropped[TCP_DROP_UNACCEPTABLE], 2);
  arrive(f, peer(TCP_SYN, PEER_ISN + 5000, 0, NULL), later + 20);
  SENT(f, TCP_ACK, OUR_ISN + 2, PEER_ISN + 2, 0);
  CHECK_EQ(f->stats.challenge_acks, 1);
  CHECK_EQ(f->c.state, TCP_TIME_WAIT);
  CHECK_EQ(tcp_next_deadline(&f->c), later + 2 * f->cfg.msl_us);
  arrive(f, peer(TCP_RST, PEER_ISN + 2, 0, NULL), later + 30);
  CHECK_EQ(f->c.state, TCP_TIME_WAIT);
  CHECK_EQ(f->stats.dropped[TCP_DROP_TIME_WAIT_RST], 1);
  f->cfg.rfc1337 = false;
  arrive(f, peer(TCP_RST, PEER_ISN + 2, 0, NULL), later + 40);
  TOOK(f, T_TIME_WAIT_CLOSED_RESET);
  end_fixture(f);
}

@ A close with unread data resets the connection instead of closing it.

@<Core tests@>=
static void test_close_with_unread_data(void)
{
  struct fixture *f = established_server();
  arrive(f, peer(TCP_ACK | TCP_PSH, PEER_ISN + 1, OUR_ISN + 1, "unread"), 3000);
  CHECK_EQ(tcp_close(&f->c, 3100), TCP_OK);
  TOOK(f, T_ESTABLISHED_CLOSED_UNREAD);
  SENT(f, TCP_RST, OUR_ISN + 1, 0, 0);
  end_fixture(f);
}

@ Data queued before the close goes out before the FIN, and the FIN rides
on the last segment.

@<Core tests@>=
static void test_fin_follows_data(void)
{
  struct fixture *f = established_client();
  f->c.snd_wnd = f->c.max_snd_wnd = 3;  /* a small window, not a silly one */
  tcp_send(&f->c, "abcdef", 6, 2000);
  tcp_close(&f->c, 2001);
  SENT(f, TCP_ACK, OUR_ISN + 1, PEER_ISN + 1, 3);
  CHECK_EQ(f->c.fin_sent, false);
  struct segment s = peer(TCP_ACK, PEER_ISN + 1, OUR_ISN + 4, NULL);
  s.window = 100;
  arrive(f, s, 3000);
  SENT(f, TCP_ACK | TCP_PSH | TCP_FIN, OUR_ISN + 4, PEER_ISN + 1, 3);
  CHECK_EQ(f->c.fin_seq, OUR_ISN + 7);
  arrive(f, peer(TCP_ACK, PEER_ISN + 1, OUR_ISN + 8, NULL), 4000);
  TOOK(f, T_FIN_WAIT_1_FIN_WAIT_2);
  end_fixture(f);
}

@ {\bf Resets and challenges.}
A reset at exactly RCV.NXT resets the connection; one elsewhere in the
window draws a challenge ACK; one outside the window is dropped without a
word.@^challenge ACK@>

@<Core tests@>=
static void test_reset_rules(void)
{
  struct fixture *f = established_server();
  arrive(f, peer(TCP_RST, PEER_ISN + 100, 0, NULL), 3000);
  SENT(f, TCP_ACK, OUR_ISN + 1, PEER_ISN + 1, 0);
  CHECK_EQ(f->stats.challenge_acks, 1);
  CHECK_EQ(f->c.state, TCP_ESTABLISHED);
  int before = f->rec.nout;
  arrive(f, peer(TCP_RST, PEER_ISN + 100000, 0, NULL), 3100);
  CHECK_EQ(f->rec.nout, before);
  CHECK_EQ(f->stats.dropped[TCP_DROP_UNACCEPTABLE], 1);
  arrive(f, peer(TCP_RST, PEER_ISN + 1, 0, NULL), 3200);
  TOOK(f, T_ESTABLISHED_CLOSED_RESET);
  CHECK(has_event(f, TCP_EV_RESET));
  CHECK_EQ(f->rec.nout, before);
  end_fixture(f);
}

@ A SYN in an established connection draws a challenge ACK, whatever
its sequence number.

@<Core tests@>=
static void test_syn_challenge(void)
{
  struct fixture *f = established_server();
  arrive(f, peer(TCP_SYN, PEER_ISN + 10, 0, NULL), 3000);
  SENT(f, TCP_ACK, OUR_ISN + 1, PEER_ISN + 1, 0);
  CHECK_EQ(f->stats.challenge_acks, 1);
  CHECK_EQ(f->stats.dropped[TCP_DROP_SYN], 1);
  CHECK_EQ(f->c.state, TCP_ESTABLISHED);
  end_fixture(f);
}

@ RFC~5961 \S5: an acknowledgment older than SND.UNA by more than the
largest window the peer offered draws a challenge ACK.@^RFC 5961 \S5@>

@<Core tests@>=
static void test_ack_too_old(void)
{
  struct fixture *f = established_client();
  arrive(f, peer(TCP_ACK | TCP_PSH, PEER_ISN + 1, OUR_ISN + 1 - 70000, "x"), 2000);
  CHECK_EQ(f->stats.dropped[TCP_DROP_ACK_TOO_OLD], 1);
  CHECK_EQ(f->stats.challenge_acks, 1);
  CHECK_EQ(f->c.rcvbuf.len, 0);
  end_fixture(f);
}

@ The user's abort sends a reset from ESTABLISHED, nothing from LISTEN.

@<Core tests@>=
static void test_abort(void)
{
  struct fixture *f = established_client();
  tcp_abort(&f->c, 2000);
  TOOK(f, T_ESTABLISHED_CLOSED_ABORT);
  SENT(f, TCP_RST, OUR_ISN + 1, 0, 0);
  end_fixture(f);
  f = new_fixture();
  tcp_listen(&f->c, 0);
  tcp_abort(&f->c, 10);
  TOOK(f, T_LISTEN_CLOSED_ABORT);
  CHECK_EQ(f->rec.nout, 0);
  end_fixture(f);
}

@ With no connection, a SYN is refused with
$$\langle\hbox{SEQ=0}\rangle\langle\hbox{ACK=SEG.SEQ${}+1$}\rangle
\langle\hbox{CTL=RST,ACK}\rangle,$$
an ACK with $\langle\hbox{SEQ=SEG.ACK}\rangle\langle\hbox{CTL=RST}\rangle$,
and a reset gets nothing.  A closed |struct tcp_conn| answers the same
way.

@<Core tests@>=
static void test_reply_to_closed(void)
{
  struct segment rst, s = peer(TCP_SYN, 4000, 0, NULL);
  CHECK(tcp_reply_to_closed(&s, &rst));
  CHECK_EQ(rst.flags, TCP_RST | TCP_ACK);
  CHECK_EQ(rst.seq, 0);
  CHECK_EQ(rst.ack, 4001);
  CHECK_EQ(rst.src_port, LOCAL_PORT);
  CHECK_EQ(rst.dst_port, PEER_PORT);
  CHECK_EQ(rst.dst_addr, PEER_ADDR);
  s = peer(TCP_ACK | TCP_PSH, 4000, 9999, "data");
  CHECK(tcp_reply_to_closed(&s, &rst));
  CHECK_EQ(rst.flags, TCP_RST);
  CHECK_EQ(rst.seq, 9999);
  s = peer(TCP_RST, 4000, 0, NULL);
  CHECK(!tcp_reply_to_closed(&s, &rst));
  struct fixture *f = new_fixture();
  arrive(f, peer(TCP_FIN | TCP_ACK, 5, 6, NULL), 10);
  SENT(f, TCP_RST, 6, 0, 0);
  CHECK_EQ(f->stats.dropped[TCP_DROP_CLOSED], 1);
  end_fixture(f);
}

@ {\bf Sequence numbers that wrap.}
With our ISS 5 below $2^{32}$ and the peer's 6 below, a transfer in both
directions carries both sequence spaces across zero.  Everything must go
on as if nothing happened.

@<Core tests@>=
static void test_wrap_around(void)
{
  uint32_t iss = UINT32_C(0xfffffffb);
  struct fixture *f = new_fixture_isn(iss);
  tcp_connect(&f->c, PEER_ADDR, PEER_PORT, 0);
  arrive(f, peer(TCP_SYN | TCP_ACK, PEER_ISN, iss + 1, NULL), 1000);
  CHECK_EQ(f->c.state, TCP_ESTABLISHED);
  f->c.snd_mss = 4;
  tcp_send(&f->c, "0123456789", 10, 2000);
  CHECK_EQ(f->rec.nout, 5);
  SENT(f, TCP_ACK | TCP_PSH, iss + 9, PEER_ISN + 1, 2);
  CHECK_EQ(last_out(f)->seq, 4);
  arrive(f, peer(TCP_ACK, PEER_ISN + 1, iss + 11, NULL), 3000);
  CHECK_EQ(f->c.snd_una, 6);
  CHECK_EQ(f->c.sndbuf.len, 0);
  arrive(f, peer(TCP_ACK, PEER_ISN + 1, iss + 11, "abcdefghij"), 3200);
  CHECK_EQ(f->c.rcv_nxt, 5);
  SENT(f, TCP_ACK, iss + 11, 5, 0);
  arrive(f, peer(TCP_ACK, PEER_ISN + 1, iss + 11, "abcdefghij"), 3300);
  CHECK_EQ(f->stats.dropped[TCP_DROP_UNACCEPTABLE], 1);
  char buf[10];
  CHECK_EQ(tcp_recv(&f->c, buf, sizeof buf, 3400), 10);
  CHECK(memcmp(buf, "abcdefghij", 10) == 0);
  tcp_close(&f->c, 4000);
  arrive(f, peer(TCP_FIN | TCP_ACK, 5, iss + 12, NULL), 5000);
  TOOK(f, T_FIN_WAIT_1_TIME_WAIT);
  SENT(f, TCP_ACK, 7, 6, 0);
  end_fixture(f);
}

@ {\bf The initial sequence number.}
SipHash-2-4 must give the answer of its specification's test vector: key
$0,1,\ldots,15$, message $0,1,\ldots,14$, hash |0xa129ca6149be45e5|.

@<Core tests@>=
static void test_siphash_vector(void)
{
  uint64_t key[2] = {UINT64_C(0x0706050403020100), UINT64_C(0x0f0e0d0c0b0a0908)};
  uint8_t m[15];
  for (int i = 0; i < 15; i++) m[i] = (uint8_t) i;
  CHECK_EQ(tcp_siphash24(key, m, 15), UINT64_C(0xa129ca6149be45e5));
  CHECK_EQ(tcp_siphash24(key, m, 0), UINT64_C(0x726fdb47dd0e0e31));
}

@ The ISS of RFC~6528 climbs with the clock, one every four
microseconds, for the same pair of sockets, and differs between pairs;
the same key, sockets and time give the same number.@^RFC 6528@>

@<Core tests@>=
static void test_isn_choice(void)
{
  uint32_t first, second, other, again;
  struct fixture *f = new_fixture();
  f->cfg.isn_fixed = false;
  tcp_init(&f->c, &f->cfg, &f->hooks, LOCAL_ADDR, LOCAL_PORT);
  tcp_connect(&f->c, PEER_ADDR, PEER_PORT, 4000);
  first = f->c.iss;
  tcp_abort(&f->c, 4000);
  tcp_connect(&f->c, PEER_ADDR, PEER_PORT, 4000 + 400);
  second = f->c.iss;
  tcp_abort(&f->c, 4400);
  tcp_connect(&f->c, PEER_ADDR, PEER_PORT + 1, 4000);
  other = f->c.iss;
  tcp_abort(&f->c, 4000);
  tcp_connect(&f->c, PEER_ADDR, PEER_PORT, 4000);
  again = f->c.iss;
  CHECK_EQ(second - first, 100);
  CHECK(other != first);
  CHECK_EQ(again, first);
  end_fixture(f);
}

@ {\bf The host's helpers.}
|tcp_accept| makes a connection of a SYN and leaves the listener
listening; segments of another pair of sockets are not the connection's.

@<Core tests@>=
static void test_accept(void)
{
  struct fixture *l = new_fixture();
  struct fixture *f = new_fixture();
  tcp_listen(&l->c, 0);
  struct segment syn = peer(TCP_SYN, PEER_ISN, 0, NULL);
  f->rec.tracked = TCP_LISTEN;
  l->hooks.ctx = &f->rec;
  CHECK(tcp_accept(&l->c, &f->c, &syn, 100));
  l->hooks.ctx = &l->rec;
  f->c.hooks = &f->hooks;
  CHECK_EQ(l->c.state, TCP_LISTEN);
  CHECK_EQ(f->c.state, TCP_SYN_RCVD);
  SENT(f, TCP_SYN | TCP_ACK, OUR_ISN, PEER_ISN + 1, 0);
  struct segment ack = peer(TCP_ACK, PEER_ISN + 1, OUR_ISN + 1, NULL);
  CHECK(!tcp_accept(&l->c, &f->c, &ack, 200));
  CHECK(tcp_matches(&f->c, &ack));
  ack.src_port = PEER_PORT + 1;
  CHECK(!tcp_matches(&f->c, &ack));
  tcp_segment_arrives(&f->c, &ack, 300);
  CHECK_EQ(f->stats.dropped[TCP_DROP_WRONG_PORTS], 1);
  end_fixture(l);
  end_fixture(f);
}

@ A listener that knows its peer turns active when given data, the
figure's arrow from LISTEN to SYN\_SENT; the data follows the handshake.

@<Core tests@>=
static void test_listen_then_send(void)
{
  struct fixture *f = new_fixture();
  CHECK_EQ(tcp_send(&f->c, "x", 1, 0), 0);
  tcp_set_remote(&f->c, PEER_ADDR, PEER_PORT);
  tcp_listen(&f->c, 0);
  CHECK_EQ(tcp_send(&f->c, "hi", 2, 10), 2);
  TOOK(f, T_LISTEN_SYN_SENT);
  SENT(f, TCP_SYN, OUR_ISN, 0, 0);
  arrive(f, peer(TCP_SYN | TCP_ACK, PEER_ISN, OUR_ISN + 1, NULL), 20);
  SENT(f, TCP_ACK | TCP_PSH, OUR_ISN + 1, PEER_ISN + 1, 2);
  CHECK_EQ(f->rec.nout, 2);
  end_fixture(f);
}

@ A close in SYN\_RCVD sends a FIN at once, the figure's arrow to
FIN\_WAIT\_1; the peer's ACK of SYN and FIN together leads to FIN\_WAIT\_2.

@<Core tests@>=
static void test_close_in_syn_rcvd(void)
{
  struct fixture *f = new_fixture();
  tcp_listen(&f->c, 0);
  arrive(f, peer(TCP_SYN, PEER_ISN, 0, NULL), 10);
  CHECK_EQ(tcp_close(&f->c, 20), TCP_OK);
  TOOK(f, T_SYN_RCVD_FIN_WAIT_1);
  SENT(f, TCP_FIN | TCP_ACK, OUR_ISN + 1, PEER_ISN + 1, 0);
  arrive(f, peer(TCP_ACK, PEER_ISN + 1, OUR_ISN + 2, NULL), 30);
  TOOK(f, T_FIN_WAIT_1_FIN_WAIT_2);
  CHECK(f->c.syn_acked);
  end_fixture(f);
}

@ {\bf Random inputs.}
Last, a test that no one wrote case by case: connections in every state
are fed random segments (with sequence and acknowledgment numbers near
the ones that matter, and random flags), random user calls and clock
ticks.  Nothing is predicted about the outcome except what must always
hold: no sanitizer complains, every change of state is a row of the
table taken from the right state (the recorder checks it), and the
connection's counters stay consistent.  The seed is printed; setting
\.{LTCP\_SEED} repeats a run.

@<Helpers of the core tests@>=
static uint64_t next_random(uint64_t *s)
{
  *s ^= *s << 13;
  *s ^= *s >> 7;
  *s ^= *s << 17;
  return *s;
}

@ A random segment: each number is, with equal chances, the number the
connection expects, one a little off it, or anything at all.

@<Helpers of the core tests@>=
static uint32_t near(uint64_t *r, uint32_t v)
{
  switch (next_random(r) % 3) {
  case 0: return v;
  case 1: return v + (uint32_t) (next_random(r) % 64) - 32;
  default: return (uint32_t) next_random(r);
  }
}

static struct segment random_segment(uint64_t *r, const struct tcp_conn *c)
{
  static const char text[] = "0123456789abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ";
  static const uint8_t flags[] = {TCP_SYN, TCP_ACK, TCP_FIN, TCP_RST, TCP_PSH};
  uint8_t f = 0;
  for (int i = 0; i < 5; i++) if (next_random(r) % 3 == 0) f |= flags[i];
  if (next_random(r) % 2) f |= TCP_ACK;
  struct segment s = peer(f, near(r, c->rcv_nxt), near(r, c->snd_nxt), NULL);
  s.payload = (const uint8_t *) text;
  s.len = next_random(r) % 3 == 0 ? next_random(r) % (sizeof text - 1) : 0;
  s.window = (uint16_t) (next_random(r) % 4 == 0 ? next_random(r) % 100 : 65535);
  s.mss = (uint16_t) (next_random(r) % 2 ? 0 : 1 + next_random(r) % 1500);
  return s;
}

@ One random step: mostly segments, sometimes a call of the user or the
passing of time.

@<Helpers of the core tests@>=
static void random_step(uint64_t *r, struct fixture *f, uint64_t *now)
{
  struct tcp_conn *c = &f->c;
  char buf[64];
  *now += next_random(r) % (2 * TCP_SECOND);
  switch (next_random(r) % 12) {
  case 0: case 1: case 2: case 3: case 4: case 5:
    arrive(f, random_segment(r, c), *now); break;
  case 6: tcp_send(c, "random", 1 + next_random(r) % 6, *now); break;
  case 7: tcp_recv(c, buf, next_random(r) % sizeof buf, *now); break;
  case 8: case 9:
    if (tcp_next_deadline(c) != UINT64_MAX && tcp_next_deadline(c) > *now)
      *now = tcp_next_deadline(c);
    tcp_tick(c, *now); break;
  case 10: if (next_random(r) % 4 == 0) tcp_close(c, *now); break;
  default:
    if (c->state == TCP_CLOSED) {
      if (next_random(r) % 2) tcp_listen(c, *now);
      else tcp_connect(c, PEER_ADDR, PEER_PORT, *now);
    } else if (next_random(r) % 8 == 0) tcp_abort(c, *now);
    break;
  }
}

@ @<Core tests@>=
static void test_random_inputs(void)
{
  uint64_t seed = 20251201;
  const char *env = getenv("LTCP_SEED");
  if (env) seed = strtoull(env, NULL, 10);
  printf("# random inputs: seed %llu; repeat with LTCP_SEED=%llu build/tests/test_core\n",
    (unsigned long long) seed, (unsigned long long) seed);
  uint64_t r = seed ? seed : 1;
  for (int run = 0; run < 300; run++) {
    struct fixture *f = new_fixture_isn((uint32_t) next_random(&r));
    uint64_t now = 0;
    if (run % 2) tcp_listen(&f->c, now);
    else tcp_connect(&f->c, PEER_ADDR, PEER_PORT, now);
    for (int step = 0; step < 300; step++) {
      f->rec.nout = 0;
      random_step(&r, f, &now);
      CHECK(f->c.sndbuf.len <= f->c.sndbuf.cap);
      CHECK(f->c.rcvbuf.len <= f->c.rcvbuf.cap);
    }
    end_fixture(f);
  }
}

@ @<Run the core tests@>=
check_run("transition table is Figure 6", test_table_is_figure_6);
check_run("transition table rows are sane", test_table_rows_are_sane);
check_run("a change of state outside the table is caught", test_bad_transition_is_caught);
check_run("active open", test_active_open);
check_run("passive open", test_passive_open);
check_run("segments to a listener", test_listen_rules);
check_run("segments in SYN_SENT", test_syn_sent_rules);
check_run("simultaneous open", test_simultaneous_open);
check_run("resets and repeated SYNs in SYN_RCVD", test_syn_rcvd_resets);
check_run("bad ACK in SYN_RCVD", test_syn_rcvd_bad_ack);
check_run("SYN retransmission and giving up", test_syn_retransmission);
check_run("SYN_RCVD timeout sends a reset", test_syn_rcvd_timeout);
check_run("close in LISTEN and SYN_SENT", test_close_before_established);
check_run("delayed acknowledgments", test_delayed_ack);
check_run("a FIN is acknowledged at once", test_fin_is_acknowledged_at_once);
check_run("data both ways", test_data_both_ways);
check_run("data retransmission", test_data_retransmission);
check_run("unacceptable segments", test_unacceptable_segments);
check_run("zero receive window", test_zero_window);
check_run("zero window probes", test_window_probe);
check_run("no probe past our FIN", test_no_probe_past_fin);
check_run("a second FIN is the first repeated", test_second_fin);
check_run("the peer's MSS has a floor", test_mss_floor);
check_run("answers to dropped segments are limited", test_answer_limit);
check_run("the send window follows SND.WL1 and SND.WL2", test_send_window_update);
check_run("active close and 2MSL", test_active_close);
check_run("FIN_WAIT_2 time limit", test_fin_wait_2_limit);
check_run("FIN_WAIT_2 limit counts silence", test_fin_wait_2_limit_counts_silence);
check_run("keepalives", test_keepalive);
check_run("passive close", test_passive_close);
check_run("FIN,ACK in FIN_WAIT_1 and simultaneous close", test_fin_ack_and_simultaneous_close);
check_run("TIME_WAIT repeats the ACK and restarts", test_time_wait_repeats);
check_run("close with unread data resets", test_close_with_unread_data);
check_run("the FIN follows the data", test_fin_follows_data);
check_run("reset rules and challenge ACK", test_reset_rules);
check_run("SYN in ESTABLISHED draws a challenge", test_syn_challenge);
check_run("ACK too old draws a challenge", test_ack_too_old);
check_run("abort", test_abort);
check_run("replies with no connection", test_reply_to_closed);
check_run("sequence numbers wrap", test_wrap_around);
check_run("SipHash-2-4 test vectors", test_siphash_vector);
check_run("initial sequence numbers", test_isn_choice);
check_run("accept a SYN into a fresh connection", test_accept);
check_run("LISTEN turns active on send", test_listen_then_send);
check_run("close in SYN_RCVD", test_close_in_syn_rcvd);
check_run("random inputs keep to the table", test_random_inputs);
