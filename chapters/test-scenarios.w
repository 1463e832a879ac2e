@q test-scenarios.w: the conformance scenarios as step scripts, and the tests of the simulated link. @>

@* Tests of the conformance scenarios.
The notes of this project list 34 situations that a small TCP must get
right, drawn from public test suites and from RFC~9293 \S3.10; each is
known here by its number (``scenario~07'').  This group tests the first
33 of them, and the simulated link of the chapter on the link (\secref{simlink}).
\label{test-scenarios}%

A conformance test must control one end completely and watch the other
closely, so most of these tests do not use the link.  They put one
connection, ``us'', in front of a {\it script}: a list of steps, each of
which either does something to the connection (the peer sends it a
segment, the user calls |tcp_close|, a second passes) or says what must
have happened (we sent a RST whose sequence number is our ISS, we are in
SYN\_SENT, we sent nothing).  The scripts read like the packetdrill
scripts they imitate, and when one fails it prints every step that ran,
with the segments that were sent in between, and the step that failed.

The segments of the scripted peer are written with |seg_write| and go
through |sim_end_receive|, exactly as the link's do; the segments we send
are read back with |seg_parse| before they are compared.  So a script
tests the whole path from bytes to core and back.@^RFC 9293 \S3.10@>

@(test_scenarios.c@>=
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "sim.h"
@<The language of scripts@>@;
@<The state of a script's run@>@;
@<Functions used by the interpreter of scripts@>@;
@<The interpreter of scripts@>@;
@<Checks that a script cannot express as steps@>@;
@<The scripts of the conformance scenarios@>@;
@<The table of the conformance scenarios@>@;
@<Tests of the simulated link@>@;
@<Main program of the scenario tests@>@;

@ Sequence numbers in a script are written relative to one of the two
initial sequence numbers: our ISS, which the script learns from the
first SYN we send, and the peer's, which the script chooses and which
we know as our IRS.  |ISS(1)| is the number after our SYN, |IRS(0)| the
peer's SYN.  |ANY| leaves a number unchecked (or zero, in a segment the
peer sends), and |ABS| writes it out.

The peer's initial sequence number is 296 short of $2^{32}$, so that its
sequence numbers wrap around to zero within the first few hundred bytes:
every test checks, in passing, that the core's arithmetic is done modulo
$2^{32}$.

@<The language of scripts@>=
enum num_base { NUM_ANY, NUM_ABS, NUM_ISS, NUM_IRS };
struct num {
  enum num_base base;
  int64_t off;
};
#define ANY @t\quad@> @[{NUM_ANY, 0}@]
#define ABS(n) @t\quad@> @[{NUM_ABS, (n)}@]
#define ISS(n) @t\quad@> @[{NUM_ISS, (n)}@]
#define IRS(n) @t\quad@> @[{NUM_IRS, (n)}@]
#define PEER_ISN ((uint32_t) 4294967000u)

@ The flags get short names, as in the figures.

@<The language of scripts@>=
enum { FIN = TCP_FIN, SYN = TCP_SYN, RST = TCP_RST, PSH = TCP_PSH,
  ACK = TCP_ACK };

@ The steps.  The first group acts: a call of the user, a segment from
the peer (|IN_BAD| sends one whose checksum is wrong), or the passing of
time (|WAIT| a number of microseconds, or |TIMER|: until the next
deadline of the connection, which must exist).  The second group checks:
the oldest segment we sent and nobody has checked yet (|OUT|), that we
sent nothing more (|QUIET|), the state, an event reported to the user,
the text the user can read, that no timer runs, or a check of the
script's own written in C.

@<The language of scripts@>=
enum step_op {
  OP_LISTEN, OP_LISTEN_FOR, OP_CONNECT, OP_SEND, OP_CLOSE, OP_ABORT,
  OP_IN, OP_IN_BAD, OP_WAIT, OP_TIMER, OP_MSL,
  OP_OUT, OP_QUIET, OP_NOT_SENT, OP_STATE, OP_EVENT, OP_RECV, OP_NO_TIMER,
  OP_CUSTOM, OP_IN_SACK
};

@ A step is an operation with its arguments: the flags of a segment and
which of them matter (|OUT| ignores PSH, which is the sender's business,
and |OUT_RST| ignores ACK as well), its sequence and acknowledgment
numbers, its text, a number (a state, an event, a time), and for
|OP_CUSTOM| a function.

@<The language of scripts@>=
struct script_run;
struct script_step {
  enum step_op op;
  uint8_t flags, care;
  struct num seq, ack;
  const char *text;
  uint64_t arg;
  bool (*custom)(struct script_run *r, char *why, size_t cap);
};
#define CARE_ALL (0xFF & ~TCP_PSH)
#define LISTEN @t\quad@> @[{OP_LISTEN, 0, 0, ANY, ANY, NULL, 0, NULL}@]
#define LISTEN_FOR_PEER @t\quad@> @[{OP_LISTEN_FOR, 0, 0, ANY, ANY, NULL, 0, NULL}@]
#define CONNECT @t\quad@> @[{OP_CONNECT, 0, 0, ANY, ANY, NULL, 0, NULL}@]
#define SEND(t) @t\quad@> @[{OP_SEND, 0, 0, ANY, ANY, t, 0, NULL}@]
#define CLOSE @t\quad@> @[{OP_CLOSE, 0, 0, ANY, ANY, NULL, 0, NULL}@]
#define ABORT @t\quad@> @[{OP_ABORT, 0, 0, ANY, ANY, NULL, 0, NULL}@]
#define IN(f, s, a) @t\quad@> @[{OP_IN, f, 0, s, a, NULL, 0, NULL}@]
#define IN_TEXT(f, s, a, t) @t\quad@> @[{OP_IN, f, 0, s, a, t, 0, NULL}@]
#define IN_BAD(f, s, a, t) @t\quad@> @[{OP_IN_BAD, f, 0, s, a, t, 0, NULL}@]
#define WAIT(us) @t\quad@> @[{OP_WAIT, 0, 0, ANY, ANY, NULL, us, NULL}@]
#define TIMER @t\quad@> @[{OP_TIMER, 0, 0, ANY, ANY, NULL, 0, NULL}@]
#define MSL(us) @t\quad@> @[{OP_MSL, 0, 0, ANY, ANY, NULL, us, NULL}@]
#define OUT(f, s, a) @t\quad@> @[{OP_OUT, f, CARE_ALL, s, a, NULL, 0, NULL}@]
#define OUT_TEXT(f, s, a, t) @t\quad@> @[{OP_OUT, f, CARE_ALL, s, a, t, 0, NULL}@]
#define OUT_RST(s) @t\quad@> @[{OP_OUT, RST, CARE_ALL & ~TCP_ACK, s, ANY, NULL, 0, NULL}@]
#define OUT_ACKING(a) @t\quad@> @[{OP_OUT, ACK, ACK | RST | FIN, ANY, a, NULL, 0, NULL}@]
#define QUIET @t\quad@> @[{OP_QUIET, 0, 0, ANY, ANY, NULL, 0, NULL}@]
#define NOT_SENT(f) @t\quad@> @[{OP_NOT_SENT, f, 0, ANY, ANY, NULL, 0, NULL}@]
#define STATE(st) @t\quad@> @[{OP_STATE, 0, 0, ANY, ANY, NULL, TCP_##st, NULL}@]
#define EVENT(e) @t\quad@> @[{OP_EVENT, 0, 0, ANY, ANY, NULL, TCP_EV_##e, NULL}@]
#define RECV(t) @t\quad@> @[{OP_RECV, 0, 0, ANY, ANY, t, 0, NULL}@]
#define NO_TIMER @t\quad@> @[{OP_NO_TIMER, 0, 0, ANY, ANY, NULL, 0, NULL}@]
#define CUSTOM(fn) @t\quad@> @[{OP_CUSTOM, 0, 0, ANY, ANY, NULL, 0, fn}@]
#define IN_SACK(a, blocks) @t\quad@> @[{OP_IN_SACK, ACK, 0, IRS(1), a, blocks, 0, NULL}@]
#define SECONDS(n) @t\quad@> ((uint64_t) (n) * 1000000)

@ Most scripts begin by opening a connection, actively or passively;
these two macros are the steps of a clean three-way handshake.@^three-way handshake@>

@<The language of scripts@>=
#define OPEN_ACTIVE @t\quad@> CONNECT, OUT(SYN, ANY, ANY), IN(SYN | ACK, IRS(0), ISS(1)), \
  OUT(ACK, ISS(1), IRS(1)), STATE(ESTABLISHED)
#define OPEN_PASSIVE @t\quad@> LISTEN, IN(SYN, IRS(0), ANY), OUT(SYN | ACK, ANY, IRS(1)), \
  IN(ACK, IRS(1), ISS(1)), STATE(ESTABLISHED)

@ A script is a named array of steps; a test case runs one or more.

@<The language of scripts@>=
struct script {
  const char *name;
  const struct script_step *steps;
  size_t nsteps;
};
#define SCRIPT(name, a) @t\quad@> @[{name, (a), sizeof(a) / sizeof(a)[0]}@]

@ Running a script needs a connection with the hooks of the test, the
clock, what we learnt of our ISS, the segments we sent that no step has
looked at yet, the events not yet checked, and the trace: the text that
is printed if the script fails.

@<The state of a script's run@>=
#define RUN_OUT_MAX 32
#define OUR_ADDR @t\quad@> SIM_CLIENT_ADDR
#define OUR_PORT @t\quad@> SIM_CLIENT_PORT
#define PEER_ADDR @t\quad@> SIM_SERVER_ADDR
#define PEER_PORT @t\quad@> SIM_SERVER_PORT

struct sent_segment {
  size_t n;
  uint8_t bytes[SIM_BYTES_MAX];
};

struct script_run {
  struct tcp_config cfg;
  struct tcp_hooks hooks;
  struct sim_end end;
  uint64_t now;
  uint32_t iss;
  bool iss_known, bad_output;
  bool peer_sack;  /* the peer's SYN offers selective acknowledgments */
  struct sent_segment out[RUN_OUT_MAX];
  size_t nout;
  unsigned events;
  char trace[16384];
  size_t ntrace;
};

@ The trace grows by one line at a time.

@<Functions used by the interpreter of scripts@>=
static void trace(struct script_run *r, const char *fmt, ...)
{
  va_list ap;
  size_t room = sizeof r->trace - r->ntrace;
  if (room < 2) return;
  va_start(ap, fmt);
  int k = vsnprintf(r->trace + r->ntrace, room - 1, fmt, ap);
  va_end(ap);
  if (k < 0) return;
  r->ntrace += (size_t) k < room - 1 ? (size_t) k : room - 2;
  r->trace[r->ntrace++] = '\n';
  r->trace[r->ntrace] = '\0';
}

@ Segments are described in the trace with their numbers relative to the
two initial sequence numbers, the way the script writes them: our
segments' sequence numbers from our ISS and their acknowledgments from
the peer's, and the other way round for the peer's segments.

@<Functions used by the interpreter of scripts@>=
static void flag_text(char *out, uint8_t f)
{
  static const struct {
    uint8_t bit;
    char c;
  } names[] = {@[{TCP_FIN, 'F'}@], @[{TCP_SYN, 'S'}@], @[{TCP_RST, 'R'}@],
    @[{TCP_PSH, 'P'}@], @[{TCP_URG, 'U'}@], @[{TCP_ECE, 'E'}@],
    @[{TCP_CWR, 'W'}@], @[{TCP_ACK, '.'}@]};
  size_t k = 0;
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (f & names[i].bit) out[k++] = names[i].c;
  if (k == 0) {
    strcpy(out, "none");
    return;
  }
  out[k] = '\0';
}

@ @<Functions used by the interpreter of scripts@>=
static void rel_text(char *out, size_t cap, const char *name, bool known,
  uint32_t base, uint32_t v)
{
  if (known) snprintf(out, cap, "%s+%lu", name, (unsigned long) (uint32_t) (v - base));
  else snprintf(out, cap, "%lu", (unsigned long) v);
}

static void describe(const struct script_run *r, const struct segment *s, bool ours,
  char *out, size_t cap)
{
  char fl[12], sq[32], ak[32];
  flag_text(fl, s->flags);
  if (ours) {
    rel_text(sq, sizeof sq, "ISS", r->iss_known, r->iss, s->seq);
    rel_text(ak, sizeof ak, "IRS", true, PEER_ISN, s->ack);
  } else {
    rel_text(sq, sizeof sq, "IRS", true, PEER_ISN, s->seq);
    rel_text(ak, sizeof ak, "ISS", r->iss_known, r->iss, s->ack);
  }
  snprintf(out, cap, "[%s] seq %s ack %s win %u len %zu", fl, sq, ak,
    (unsigned) s->window, s->len);
}

@ The output hook of the test: the segment is written, read back (a
segment that does not survive this is a failure of its own), kept for
the steps that will look at it, and noted in the trace.  The first SYN
we send tells the script our ISS.

@<Functions used by the interpreter of scripts@>=
static void run_output(void *ctx, struct tcp_conn *c, const struct segment *s)
{
  struct script_run *r = ctx;
  (void) c;
  if (r->nout == RUN_OUT_MAX) {
    r->bad_output = true;
    return;
  }
  struct sent_segment *o = &r->out[r->nout];
  struct segment w;
  o->n = seg_write(s, o->bytes, sizeof o->bytes);
  if (o->n == 0 || seg_parse(&w, o->bytes, o->n, s->src_addr, s->dst_addr,
      true) != SEG_OK) {
    r->bad_output = true;
    trace(r, "         we send a segment that cannot be read back");
    return;
  }
  r->nout++;
  if (!r->iss_known && (w.flags & TCP_SYN)) {
    r->iss = w.seq;
    r->iss_known = true;
  }
  char d[160];
  describe(r, &w, true, d, sizeof d);
  trace(r, "         we send %s", d);
}

@ The transition hook writes the change of state into the trace and
counts the row, for the test of Figure~6's arrows.  The event hook
remembers the event for |EVENT| to check.

@<Functions used by the interpreter of scripts@>=
static unsigned taken_by_scripts[SIM_ROWS_MAX];
static void run_transition(void *ctx, struct tcp_conn *c,
  const struct transition *t)
{
  struct script_run *r = ctx;
  (void) c;
  size_t row = (size_t) (t - tcp_transitions);
  if (row < SIM_ROWS_MAX) taken_by_scripts[row]++;
  trace(r, "         we go %s -> %s (%s)", tcp_state_name(t->from),
    tcp_state_name(t->to), t->cause);
}

static void run_event(void *ctx, struct tcp_conn *c, enum tcp_event e)
{
  struct script_run *r = ctx;
  (void) c;
  if ((unsigned) e < 32) r->events |= 1u << e;
}

@ The value of a number in a script.

@<Functions used by the interpreter of scripts@>=
static uint32_t value(const struct script_run *r, struct num n)
{
  switch (n.base) {
  case NUM_ISS: return r->iss + (uint32_t) n.off;
  case NUM_IRS: return PEER_ISN + (uint32_t) n.off;
  case NUM_ABS: return (uint32_t) n.off;
  default: return 0;
  }
}

@ Time passes: every timer that falls due within the interval fires, in
order, at its own deadline.

@<Functions used by the interpreter of scripts@>=
static void advance(struct script_run *r, uint64_t until)
{
  for (;;) {
    uint64_t d = tcp_next_deadline(&r->end.conn);
    if (d == UINT64_MAX || d > until) break;
    if (d > r->now) r->now = d;
    tcp_tick(&r->end.conn, r->now);
  }
  if (until > r->now) r->now = until;
}

@ The peer sends a segment: a header with the script's flags and
numbers, an MSS option if it is a SYN, a window of 65535 bytes, the text,
and a correct checksum; for |IN_BAD| one bit of the sequence number is
flipped after the checksum was computed.  The end receives the bytes as
it would from the link.

@<Functions used by the interpreter of scripts@>=
static enum seg_error peer_sends(struct script_run *r, const struct script_step *st,
  bool damage)
{
  struct segment s;
  uint8_t buf[SIM_BYTES_MAX];
  memset(&s, 0, sizeof s);
  s.src_addr = PEER_ADDR;
  s.dst_addr = OUR_ADDR;
  s.src_port = PEER_PORT;
  s.dst_port = OUR_PORT;
  s.seq = value(r, st->seq);
  s.ack = value(r, st->ack);
  s.flags = st->flags;
  s.window = 65535;
  if (st->flags & TCP_SYN) seg_set_mss(&s, 1460);
  if ((st->flags & TCP_SYN) && r->peer_sack) seg_add_sack_permitted(&s);
  s.payload = (const uint8_t *) st->text;
  s.len = st->text ? strlen(st->text) : 0;
  if (st->op == OP_IN_SACK) @<Turn the text of the step into SACK blocks of |s|@>@;
  size_t n = seg_write(&s, buf, sizeof buf);
  if (damage) buf[7] ^= 1;
  return sim_end_receive(&r->end, buf, n, PEER_ADDR, r->now);
}

@ We sent a segment: does it match what the step expects?  The answer is
|true|, or |false| with the reason in |why|.

@<Functions used by the interpreter of scripts@>=
static bool matches(const struct script_run *r, const struct script_step *st,
  const struct segment *s, char *why, size_t cap)
{
  char want[12], got[12];
  flag_text(want, st->flags & st->care);
  flag_text(got, s->flags & st->care);
  if ((s->flags & st->care) != (st->flags & st->care))
    return snprintf(why, cap, "flags [%s], expected [%s]", got, want), false;
  if (st->seq.base != NUM_ANY && s->seq != value(r, st->seq))
    return snprintf(why, cap, "wrong sequence number"), false;
  if (st->ack.base != NUM_ANY && s->ack != value(r, st->ack))
    return snprintf(why, cap, "wrong acknowledgment number"), false;
  size_t len = st->text ? strlen(st->text) : 0;
  if (st->text && (s->len != len || memcmp(s->payload, st->text, len) != 0))
    return snprintf(why, cap, "wrong text (%zu bytes)", s->len), false;
  return true;
}

@ The oldest segment we sent that no step has looked at yet is taken off
the list.

@<Functions used by the interpreter of scripts@>=
static bool take_sent(struct script_run *r, struct segment *s, struct sent_segment *keep)
{
  if (r->nout == 0) return false;
  *keep = r->out[0];
  memmove(&r->out[0], &r->out[1], (r->nout - 1) * sizeof r->out[0]);
  r->nout--;
  return seg_parse(s, keep->bytes, keep->n, OUR_ADDR, PEER_ADDR, true) == SEG_OK;
}

@ A number of a script, as the script writes it.

@<Functions used by the interpreter of scripts@>=
static void num_text(char *out, size_t cap, struct num n)
{
  static const char *const prefix[] = {"", "", "ISS+", "IRS+"};
  if (n.base == NUM_ANY) snprintf(out, cap, "any");
  else snprintf(out, cap, "%s%lld", prefix[n.base], (long long) n.off);
}

@ What a step says, in the trace.

@<Functions used by the interpreter of scripts@>=
static void step_text(const struct script_run *r, const struct script_step *st, char *out,
  size_t cap)
{
  static const char *const names[] = {"we call listen()",
    "we call listen() for the peer only", "we call connect()", "we call send",
    "we call close()", "we call abort()", "the peer sends",
    "the peer sends, with a bad checksum,", "time passes:", "wait for a timer",
    "set the MSL to", "expect we send", "expect we send nothing more",
    "expect we send nothing with", "expect state", "expect event",
    "expect we can read", "expect no timer running", "check",
    "the peer acknowledges, with the SACK blocks"};
  char fl[12], sq[32], ak[32];
  (void) r;
  flag_text(fl, st->flags);
  num_text(sq, sizeof sq, st->seq);
  num_text(ak, sizeof ak, st->ack);
  switch (st->op) {
  case OP_IN: case OP_IN_BAD: case OP_OUT: case OP_IN_SACK:
    snprintf(out, cap, "%s [%s] seq %s ack %s%s%s%s", names[st->op], fl, sq, ak,
      st->text ? " \"" : "", st->text ? st->text : "", st->text ? "\"" : "");
    break;
  case OP_SEND: case OP_RECV:
    snprintf(out, cap, "%s \"%s\"", names[st->op], st->text);@+break;
  case OP_WAIT: case OP_MSL:
    snprintf(out, cap, "%s %llu us", names[st->op], (unsigned long long) st->arg);
    break;
  case OP_NOT_SENT: snprintf(out, cap, "%s [%s]", names[st->op], fl);@+break;
  case OP_STATE: snprintf(out, cap, "%s %s", names[st->op],
      tcp_state_name((enum tcp_state) st->arg));@+break;
  case OP_EVENT: snprintf(out, cap, "%s \"%s\"", names[st->op],
      tcp_event_name((enum tcp_event) st->arg));@+break;
  default: snprintf(out, cap, "%s", names[st->op]);@+break;
  }
}

@ The interpreter: set up a connection, then carry out the steps one by
one until one fails.  The function returns whether the script passed; a
failure is reported through the harness, followed by the trace.

@<The interpreter of scripts@>=
static bool do_step(struct script_run *r, const struct script_step *st, char *why,
  size_t cap);
static bool run_script(const struct script *sc)
{
  struct script_run *r = calloc(1, sizeof *r);
  if (!CHECK(r != NULL)) return false;
  @<Set up the connection of a script's run@>@;
  char why[256] = "";
  size_t i;
  for (i = 0; i < sc->nsteps; i++) {
    char text[256];
    step_text(r, &sc->steps[i], text, sizeof text);
    trace(r, "  %2zu. %s", i + 1, text);
    if (!do_step(r, &sc->steps[i], why, sizeof why)) break;
    if (r->bad_output) {
      snprintf(why, sizeof why, "we sent a segment that cannot be read back");
      break;
    }
  }
  bool ok = i == sc->nsteps;
  if (!ok) {
    CHECKF(false, "script \"%s\": step %zu of %zu failed: %s", sc->name, i + 1,
      sc->nsteps, why);
    printf("    the steps that ran:\n%s", r->trace);
  }
  free(r);
  return ok;
}

@ Our end is the client's address and port; the configuration is the
default one, with the article's MSL of 30 seconds written out, so that
the scripts' times do not depend on the default, and, as on the simulated
link, without delayed acknowledgments and without the behaviours of the
chapter on losses (the scripts of that chapter turn them on).@^delayed acknowledgment@>

@<Set up the connection of a script's run@>=
tcp_config_default(&r->cfg);
r->cfg.msl_us = SECONDS(30);
r->cfg.delack_us = 0;
r->cfg.fast_retransmit = r->cfg.congestion_control = false;
r->cfg.sack = r->cfg.rto_forget_backoff = false;
r->cfg.tail_loss_probe = false;
const struct tcp_hooks hooks = {r, run_output, run_transition, run_event, NULL};
r->hooks = hooks;
r->now = SIM_EPOCH_US;
sim_end_init(&r->end, "us", OUR_ADDR, OUR_PORT, &r->cfg, &r->hooks);

@ One step.  Each case is short; together they are the meaning of the
language.

@<The interpreter of scripts@>=
static bool do_step(struct script_run *r, const struct script_step *st, char *why,
  size_t cap)
{
  struct tcp_conn *c = &r->end.conn;
  int rc = 0;
  switch (st->op) {
  @<Cases of the steps that act@>@;
  @<Cases of the steps that check@>@;
  }
  return true;
}

@ A connection that was used and closed is set up afresh before it is
opened again, as \.{ltcp sim} does.

@<Cases of the steps that act@>=
case OP_LISTEN: case OP_LISTEN_FOR: case OP_CONNECT:
  if (tcp_state(c) == TCP_CLOSED) {
    tcp_init(c, &r->cfg, &r->hooks, OUR_ADDR, OUR_PORT);
    r->iss_known = false;
  }
  rc = st->op == OP_CONNECT ? tcp_connect(c, PEER_ADDR, PEER_PORT, r->now)
    : tcp_listen(c, r->now);
  if (rc == 0 && st->op == OP_LISTEN_FOR)
    rc = tcp_set_remote(c, PEER_ADDR, PEER_PORT);
  if (rc != 0) return snprintf(why, cap, "the call returned %d", rc), false;
  break;
case OP_SEND: {
  size_t n = strlen(st->text), k = tcp_send(c, st->text, n, r->now);
  if (k != n) return snprintf(why, cap, "send took %zu of %zu bytes", k, n),
    false;
  break;
}
case OP_CLOSE: rc = tcp_close(c, r->now);
  if (rc != 0) trace(r, "         (close() returned %d)", rc);
  break;
case OP_ABORT: tcp_abort(c, r->now);@+break;

@ @<Cases of the steps that act@>=
case OP_IN: case OP_IN_BAD: case OP_IN_SACK: {
  enum seg_error e = peer_sends(r, st, st->op == OP_IN_BAD);
  enum seg_error want = st->op == OP_IN_BAD ? SEG_BAD_CHECKSUM : SEG_OK;
  if (e != want) return snprintf(why, cap, "the segment was taken as: %s",
    seg_error_text(e)), false;
  break;
}
case OP_WAIT: advance(r, r->now + st->arg);@+break;
case OP_TIMER: {
  uint64_t d = tcp_next_deadline(c);
  if (d == UINT64_MAX) return snprintf(why, cap, "no timer is running"), false;
  trace(r, "         %.6f s later, a timer expires",
    (double) (d - r->now) / 1e6);
  advance(r, d);
  break;
}
case OP_MSL: r->cfg.msl_us = st->arg;
  tcp_init(c, &r->cfg, &r->hooks, OUR_ADDR, OUR_PORT);@+break;

@ @<Cases of the steps that check@>=
case OP_OUT: {
  struct segment s;
  struct sent_segment keep;
  char d[160];
  if (!take_sent(r, &s, &keep)) return snprintf(why, cap,
    "nothing was sent"), false;
  describe(r, &s, true, d, sizeof d);
  char reason[96];
  if (!matches(r, st, &s, reason, sizeof reason))
    return snprintf(why, cap, "%s; we sent %s", reason, d), false;
  if ((st->flags & TCP_SYN) && st->seq.base == NUM_ANY) {
    r->iss = s.seq;
    r->iss_known = true;
  }
  break;
}
case OP_QUIET: if (r->nout > 0) {
    struct segment s;
    struct sent_segment keep;
    char d[160] = "a segment that cannot be read";
    if (take_sent(r, &s, &keep)) describe(r, &s, true, d, sizeof d);
    return snprintf(why, cap, "we sent %s", d), false;
  }
  break;

@ |NOT_SENT| looks at everything we sent since the last check and fails
if any of it carries one of the step's flags.

@<Cases of the steps that check@>=
case OP_NOT_SENT: {
  struct segment s;
  struct sent_segment keep;
  while (take_sent(r, &s, &keep))
    if (s.flags & st->flags) {
      char d[160];
      describe(r, &s, true, d, sizeof d);
      return snprintf(why, cap, "we sent %s", d), false;
    }
  break;
}
case OP_STATE: if (tcp_state(c) != (enum tcp_state) st->arg)
    return snprintf(why, cap, "the state is %s", tcp_state_name(tcp_state(c))),
      false;
  break;
case OP_EVENT: if (!(r->events & (1u << st->arg)))
    return snprintf(why, cap, "the event was not reported"), false;
  r->events &= ~(1u << st->arg);
  break;

@ @<Cases of the steps that check@>=
case OP_RECV: {
  char buf[512];
  size_t n = tcp_recv(c, buf, sizeof buf, r->now);
  if (n != strlen(st->text) || memcmp(buf, st->text, n) != 0)
    return snprintf(why, cap, "we read %zu bytes: \"%.*s\"", n, (int) n, buf),
      false;
  break;
}
case OP_NO_TIMER: if (tcp_next_deadline(c) != UINT64_MAX)
    return snprintf(why, cap, "a timer is due in %.6f s",
      (double) (tcp_next_deadline(c) - r->now) / 1e6), false;
  break;
case OP_CUSTOM: if (!st->custom(r, why, cap)) return false;
  break;

@*1 The scripts.
Now the scenarios of the notes, in their order.  The title of each test
case quotes the notes.  Opening first.

{\bf Scenario 01}, the active open: \.{> S}, \.{< S.}, \.{> .}, and the user
hears that the connection is open.

@<The scripts of the conformance scenarios@>=
static const struct script_step s01[] = {CONNECT, STATE(SYN_SENT), OUT(SYN, ANY, ANY),@/
  IN(SYN | ACK, IRS(0), ISS(1)), OUT(ACK, ISS(1), IRS(1)), STATE(ESTABLISHED), EVENT(CONNECTED), QUIET};

@ {\bf Scenario 02}, the passive open: \.{< S}, \.{> S.}, \.{< .}.

@<The scripts of the conformance scenarios@>=
static const struct script_step s02[] = {LISTEN, STATE(LISTEN),@/
  IN(SYN, IRS(0), ANY), STATE(SYN_RCVD), OUT(SYN | ACK, ANY, IRS(1)),@/
  IN(ACK, IRS(1), ISS(1)), STATE(ESTABLISHED), EVENT(CONNECTED), QUIET};

@ {\bf Scenario 03}: a SYN that nobody answers is sent again, with the
same ISS, after a timeout that starts at the configured first value and
doubles each time (RFC~6298 \S5); after the configured number of
retransmissions the connection gives up, tells the user, and is CLOSED.
The waiting and counting is done by a check in C.@^RFC 6298 \S5@>

@<Checks that a script cannot express as steps@>=
static bool syn_backs_off(struct script_run *r, char *why, size_t cap)
{
  uint64_t gap = r->cfg.rto_initial_us;
  unsigned resent = 0;
  while (tcp_state(&r->end.conn) == TCP_SYN_SENT) {
    uint64_t d = tcp_next_deadline(&r->end.conn);
    if (d == UINT64_MAX) return snprintf(why, cap, "no timer in SYN_SENT"), false;
    if (d - r->now != gap && tcp_state(&r->end.conn) == TCP_SYN_SENT)
      return snprintf(why, cap, "timeout %llu us, expected %llu us",
        (unsigned long long) (d - r->now), (unsigned long long) gap), false;
    advance(r, d);
    struct segment s;
    struct sent_segment keep;
    if (tcp_state(&r->end.conn) != TCP_SYN_SENT) break;
    if (!take_sent(r, &s, &keep) || s.flags != TCP_SYN || s.seq != r->iss)
      return snprintf(why, cap, "retransmission %u is not the same SYN",
        resent + 1), false;
    resent++;
    gap = 2 * gap < r->cfg.rto_max_us ? 2 * gap : r->cfg.rto_max_us;
  }
  trace(r, "         the SYN was sent again %u times", resent);
  if (resent != r->cfg.syn_retries)
    return snprintf(why, cap, "%u retransmissions, the configuration says %u",
      resent, r->cfg.syn_retries), false;
  return true;
}

@ @<The scripts of the conformance scenarios@>=
static const struct script_step s03[] = {CONNECT, OUT(SYN, ANY, ANY), CUSTOM(syn_backs_off), STATE(CLOSED), EVENT(TIMEOUT), QUIET};

@ {\bf Scenario 04}: the passive side's SYN,ACK goes unanswered and is
sent again, with the same ISS.

@<The scripts of the conformance scenarios@>=
static const struct script_step s04[] = {LISTEN,@/
  IN(SYN, IRS(0), ANY), OUT(SYN | ACK, ANY, IRS(1)),@/
  TIMER, OUT(SYN | ACK, ISS(0), IRS(1)), STATE(SYN_RCVD), QUIET};

@ {\bf Scenario 05}: the peer's SYN arrives twice, because our SYN,ACK
was lost.  The copy is answered at once, with an acknowledgment of the
SYN, and makes no second connection: the first ACK still completes the
handshake.  The notes ask for the SYN,ACK to be sent again, which is what
Linux does; RFC~9293's rule for unacceptable segments asks for a plain
ACK; the script accepts either.

@<The scripts of the conformance scenarios@>=
static const struct script_step s05[] = {LISTEN,@/
  IN(SYN, IRS(0), ANY), OUT(SYN | ACK, ANY, IRS(1)),@/
  IN(SYN, IRS(0), ANY), OUT_ACKING(IRS(1)), STATE(SYN_RCVD), QUIET,@/
  IN(ACK, IRS(1), ISS(1)), STATE(ESTABLISHED), QUIET};

@ {\bf Scenario 06}: the simultaneous open.  Our SYN and the peer's
cross; we answer the peer's SYN with a SYN,ACK carrying our same ISS, and
go to SYN\_RCVD; the peer's SYN,ACK (or its plain ACK) completes the
connection.  From this SYN\_RCVD a reset leads to CLOSED, not to
LISTEN, because we never listened.

@<The scripts of the conformance scenarios@>=
static const struct script_step s06a[] = {CONNECT, OUT(SYN, ANY, ANY),@/
  IN(SYN, IRS(0), ANY), STATE(SYN_RCVD), OUT(SYN | ACK, ISS(0), IRS(1)),@/
  IN(SYN | ACK, IRS(0), ISS(1)), STATE(ESTABLISHED)};
static const struct script_step s06b[] = {CONNECT, OUT(SYN, ANY, ANY),@/
  IN(SYN, IRS(0), ANY), OUT(SYN | ACK, ISS(0), IRS(1)),@/
  IN(ACK, IRS(1), ISS(1)), STATE(ESTABLISHED)};
static const struct script_step s06c[] = {CONNECT, OUT(SYN, ANY, ANY),@/
  IN(SYN, IRS(0), ANY), OUT(SYN | ACK, ISS(0), IRS(1)),@/
  IN(RST, IRS(1), ANY), STATE(CLOSED), QUIET};

@ {\bf Scenario 07}: a SYN,ACK whose ACK does not acknowledge our SYN
(it is at most our ISS, or beyond what we sent) is answered with a reset
whose sequence number is that ACK, and we go on waiting for the right
answer.

@<The scripts of the conformance scenarios@>=
static const struct script_step s07[] = {CONNECT, OUT(SYN, ANY, ANY),@/
  IN(SYN | ACK, IRS(0), ISS(0)), OUT_RST(ISS(0)), STATE(SYN_SENT),@/
  IN(SYN | ACK, IRS(0), ISS(2)), OUT_RST(ISS(2)), STATE(SYN_SENT),@/
  IN(SYN | ACK, IRS(0), ISS(1)), OUT(ACK, ISS(1), IRS(1)), STATE(ESTABLISHED)};

@ {\bf Scenario 08}: a reset in SYN\_SENT counts only when its ACK
acknowledges our SYN; then the connection is refused.  A reset without
an ACK, or with a wrong one, is ignored.

@<The scripts of the conformance scenarios@>=
static const struct script_step s08a[] = {CONNECT, OUT(SYN, ANY, ANY),@/
  IN(RST | ACK, ABS(0), ISS(1)), STATE(CLOSED), EVENT(REFUSED), QUIET};
static const struct script_step s08b[] = {CONNECT, OUT(SYN, ANY, ANY),@/
  IN(RST, ABS(0), ANY), STATE(SYN_SENT), QUIET,@/
  IN(RST | ACK, ABS(0), ISS(5)), STATE(SYN_SENT), QUIET};

@ {\bf Scenario 09}: a reset in SYN\_RCVD, reached from LISTEN, sends us
back to LISTEN without a word, and the next SYN still opens a connection.
The SYN,ACK of the second attempt may carry a new ISS, so it teaches the
script our ISS again.

@<The scripts of the conformance scenarios@>=
static const struct script_step s09[] = {LISTEN,@/
  IN(SYN, IRS(0), ANY), OUT(SYN | ACK, ANY, IRS(1)),@/
  IN(RST, IRS(1), ANY), STATE(LISTEN), QUIET,@/
  IN(SYN, IRS(100), ANY), OUT(SYN | ACK, ANY, IRS(101)),@/
  IN(ACK, IRS(101), ISS(1)), STATE(ESTABLISHED)};

@ {\bf Scenario 10}: what a listener does with segments that are not a
SYN.  An ACK gets a reset whose sequence number is the ACK; a reset, a
FIN alone, or a segment with no flags at all gets nothing.  None of them
disturbs the listener.

@<The scripts of the conformance scenarios@>=
static const struct script_step s10[] = {LISTEN,@/
  IN(ACK, IRS(0), ABS(12345)), OUT(RST, ABS(12345), ANY),@/
  IN(RST, IRS(0), ANY),@/
  IN(FIN, IRS(0), ANY),@/
  IN(0, IRS(0), ANY), QUIET, STATE(LISTEN),@/
  IN(SYN, IRS(0), ANY), OUT(SYN | ACK, ANY, IRS(1))};

@ {\bf Scenarios 11, 12 and 13}: segments for a port where nobody
listens.  A SYN is answered by a reset that acknowledges it, with
sequence number zero; an ACK by a reset whose sequence number is the
ACK; a reset by nothing at all.

@<The scripts of the conformance scenarios@>=
static const struct script_step s11[] = {IN(SYN, IRS(0), ANY), OUT(RST | ACK, ABS(0), IRS(1)), QUIET, STATE(CLOSED)};
static const struct script_step s12[] = {IN(ACK, IRS(0), ABS(777)), OUT(RST, ABS(777), ANY), QUIET};
static const struct script_step s13[] = {IN(RST, IRS(0), ANY),@/
  IN(RST | ACK, IRS(0), ABS(777)), QUIET};

@ {\bf Scenario 14}: closing in SYN\_SENT sends nothing and leaves no
connection; the SYN,ACK that comes later is answered with a reset.

@<The scripts of the conformance scenarios@>=
static const struct script_step s14[] = {CONNECT, OUT(SYN, ANY, ANY),@/
  CLOSE, STATE(CLOSED), QUIET, NO_TIMER,@/
  IN(SYN | ACK, IRS(0), ISS(1)), OUT(RST, ISS(1), ANY), QUIET};

@ Closing.  {\bf Scenario 15}, the active close: our FIN, the peer's
ACK of it (FIN\_WAIT\_2), the peer's FIN, our ACK, TIME\_WAIT.@^active close@>

@<The scripts of the conformance scenarios@>=
static const struct script_step s15[] = {OPEN_PASSIVE,@/
  CLOSE, OUT(FIN | ACK, ISS(1), IRS(1)), STATE(FIN_WAIT_1),@/
  IN(ACK, IRS(1), ISS(2)), STATE(FIN_WAIT_2), QUIET,@/
  IN(FIN | ACK, IRS(1), ISS(2)), OUT(ACK, ISS(2), IRS(2)), STATE(TIME_WAIT), QUIET};

@ {\bf Scenario 16}, the passive close: the peer's FIN is acknowledged
at once and the user reads the end of the stream; our close sends our
FIN from CLOSE\_WAIT; its ACK closes the connection.@^passive close@>

@<The scripts of the conformance scenarios@>=
static const struct script_step s16[] = {OPEN_ACTIVE,@/
  IN(FIN | ACK, IRS(1), ISS(1)), OUT(ACK, ISS(1), IRS(2)), STATE(CLOSE_WAIT), EVENT(EOF), RECV(""),@/
  CLOSE, OUT(FIN | ACK, ISS(1), IRS(2)), STATE(LAST_ACK),@/
  IN(ACK, IRS(2), ISS(2)), STATE(CLOSED), QUIET, NO_TIMER};

@ {\bf Scenario 17}: a FIN that also acknowledges our own FIN, arriving
in FIN\_WAIT\_1, takes us straight to TIME\_WAIT.

@<The scripts of the conformance scenarios@>=
static const struct script_step s17[] = {OPEN_ACTIVE,@/
  CLOSE, OUT(FIN | ACK, ISS(1), IRS(1)),@/
  IN(FIN | ACK, IRS(1), ISS(2)), OUT(ACK, ISS(2), IRS(2)), STATE(TIME_WAIT), QUIET};

@ {\bf Scenario 18}: the simultaneous close.  The FINs cross; the peer's
does not acknowledge ours, so we go to CLOSING; the ACK of ours takes us
to TIME\_WAIT.@^simultaneous close@>

@<The scripts of the conformance scenarios@>=
static const struct script_step s18[] = {OPEN_ACTIVE,@/
  CLOSE, OUT(FIN | ACK, ISS(1), IRS(1)),@/
  IN(FIN | ACK, IRS(1), ISS(1)), OUT(ACK, ISS(2), IRS(2)), STATE(CLOSING),@/
  IN(ACK, IRS(2), ISS(2)), STATE(TIME_WAIT), QUIET};

@ {\bf Scenarios 19 and 20}, the half-close.  After our FIN the peer's
data is still taken, acknowledged and delivered; after the peer's FIN we
may still send.@^half-close@>

@<The scripts of the conformance scenarios@>=
static const struct script_step s19[] = {OPEN_PASSIVE,@/
  CLOSE, OUT(FIN | ACK, ISS(1), IRS(1)),@/
  IN(ACK, IRS(1), ISS(2)),@/
  IN_TEXT(PSH | ACK, IRS(1), ISS(2), "still here"), OUT(ACK, ISS(2), IRS(11)), RECV("still here"), STATE(FIN_WAIT_2), QUIET};
static const struct script_step s20[] = {OPEN_PASSIVE,@/
  IN(FIN | ACK, IRS(1), ISS(1)), OUT(ACK, ISS(1), IRS(2)),@/
  SEND("late"), OUT_TEXT(ACK, ISS(1), IRS(2), "late"),@/
  IN(ACK, IRS(2), ISS(5)),@/
  CLOSE, OUT(FIN | ACK, ISS(5), IRS(2)),@/
  IN(ACK, IRS(2), ISS(6)), STATE(CLOSED)};

@ {\bf Scenario 21}: our FIN from LAST\_ACK is lost; it is sent again
when the retransmission timer expires, and the ACK then closes.

@<The scripts of the conformance scenarios@>=
static const struct script_step s21[] = {OPEN_PASSIVE,@/
  IN(FIN | ACK, IRS(1), ISS(1)), OUT(ACK, ISS(1), IRS(2)),@/
  CLOSE, OUT(FIN | ACK, ISS(1), IRS(2)),@/
  TIMER, OUT(FIN | ACK, ISS(1), IRS(2)), STATE(LAST_ACK),@/
  IN(ACK, IRS(2), ISS(2)), STATE(CLOSED), QUIET};

@ {\bf Scenario 22}, the first reason for TIME\_WAIT: our last ACK is
lost, so the peer's FIN comes again, half-way through our wait.  We
acknowledge it again and start the wait of 2MSL afresh: a minute after
the second FIN we are still in TIME\_WAIT, a minute and a microsecond
after it we are CLOSED.

@<The scripts of the conformance scenarios@>=
static const struct script_step s22[] = {OPEN_PASSIVE,@/
  CLOSE, OUT(FIN | ACK, ISS(1), IRS(1)),@/
  IN(ACK, IRS(1), ISS(2)),@/
  IN(FIN | ACK, IRS(1), ISS(2)), OUT(ACK, ISS(2), IRS(2)), STATE(TIME_WAIT),@/
  WAIT(SECONDS(30)),@/
  IN(FIN | ACK, IRS(1), ISS(2)), OUT(ACK, ISS(2), IRS(2)),@/
  WAIT(SECONDS(60) - 1), STATE(TIME_WAIT),@/
  WAIT(1), STATE(CLOSED), QUIET};

@ {\bf Scenario 23}, the second reason: old duplicates arriving in
TIME\_WAIT.  An old segment of data is answered with an ACK of what we
really have, and delivers nothing; an old SYN opens nothing.

@<The scripts of the conformance scenarios@>=
static const struct script_step s23[] = {OPEN_PASSIVE,@/
  IN_TEXT(PSH | ACK, IRS(1), ISS(1), "abc"), OUT(ACK, ISS(1), IRS(4)), RECV("abc"),@/
  CLOSE, OUT(FIN | ACK, ISS(1), IRS(4)),@/
  IN(FIN | ACK, IRS(4), ISS(2)), OUT(ACK, ISS(2), IRS(5)), STATE(TIME_WAIT),@/
  IN_TEXT(PSH | ACK, IRS(1), ISS(1), "abc"), OUT(ACK, ISS(2), IRS(5)), RECV(""),@/
  IN(SYN, IRS(0), ANY), NOT_SENT(SYN | RST), STATE(TIME_WAIT)};

@ {\bf Scenario 24}: a SYN in TIME\_WAIT with a sequence number above
everything the old connection used.  RFC~6191 allows a host to start a
new connection with it; a host that does not simply ignores it or
answers with an ACK.  Either way the old connection is not disturbed by
a SYN it must not take, and the check accepts both behaviours as long as
they are consistent.@^RFC 6191@>

@<Checks that a script cannot express as steps@>=
static bool new_syn_in_time_wait(struct script_run *r, char *why, size_t cap)
{
  struct segment s;
  struct sent_segment keep;
  bool synack = false;
  while (take_sent(r, &s, &keep))
    if ((s.flags & (TCP_SYN | TCP_ACK)) == (TCP_SYN | TCP_ACK) &&
        s.ack == PEER_ISN + 100001) synack = true;
  enum tcp_state st = tcp_state(&r->end.conn);
  trace(r, "         %s, state %s", synack ? "a new connection" :
    "no new connection", tcp_state_name(st));
  if (synack ? st != TCP_SYN_RCVD : st != TCP_TIME_WAIT)
    return snprintf(why, cap, "%s SYN,ACK but state %s", synack ? "a" : "no",
      tcp_state_name(st)), false;
  return true;
}

@ @<The scripts of the conformance scenarios@>=
static const struct script_step s24[] = {OPEN_PASSIVE,@/
  CLOSE, OUT(FIN | ACK, ISS(1), IRS(1)),@/
  IN(FIN | ACK, IRS(1), ISS(2)), OUT(ACK, ISS(2), IRS(2)), STATE(TIME_WAIT),@/
  WAIT(SECONDS(1)),@/
  IN(SYN, IRS(100000), ANY), CUSTOM(new_syn_in_time_wait)};

@ {\bf Scenario 25}: TIME\_WAIT ends exactly 2MSL after it began, and
then the same ports can be used again.  With the MSL set to one second,
the wait is two seconds.

@<The scripts of the conformance scenarios@>=
static const struct script_step s25a[] = {OPEN_PASSIVE,@/
  CLOSE, OUT(FIN | ACK, ISS(1), IRS(1)),@/
  IN(FIN | ACK, IRS(1), ISS(2)), OUT(ACK, ISS(2), IRS(2)),@/
  WAIT(SECONDS(60) - 1), STATE(TIME_WAIT),@/
  WAIT(1), STATE(CLOSED), NO_TIMER, QUIET,@/
  CONNECT, OUT(SYN, ANY, ANY), STATE(SYN_SENT)};
static const struct script_step s25b[] = {MSL(SECONDS(1)),@/
  OPEN_PASSIVE,@/
  CLOSE, OUT(FIN | ACK, ISS(1), IRS(1)),@/
  IN(FIN | ACK, IRS(1), ISS(2)), OUT(ACK, ISS(2), IRS(2)),@/
  WAIT(SECONDS(2) - 1), STATE(TIME_WAIT),@/
  WAIT(1), STATE(CLOSED)};

@ {\bf Scenario 26}: a close with received data still unread resets the
connection instead of closing it, so that the peer knows the data was
lost (RFC~9293, SHLD-3).

@<The scripts of the conformance scenarios@>=
static const struct script_step s26[] = {OPEN_PASSIVE,@/
  IN_TEXT(PSH | ACK, IRS(1), ISS(1), "unread"), OUT(ACK, ISS(1), IRS(7)),@/
  CLOSE, OUT_RST(ISS(1)), STATE(CLOSED), QUIET};

@ {\bf Scenario 27}: a reordered FIN.  In FIN\_WAIT\_2 the peer's FIN
overtakes the peer's last data.  We may acknowledge what we have (a
duplicate ACK) or say nothing, but we do not take the FIN across the
hole; when the data arrives we take it, and the FIN is accepted, either
at once (if we kept it) or when the peer sends it again.

@<Checks that a script cannot express as steps@>=
static bool fin_after_hole(struct script_run *r, char *why, size_t cap)
{
  static const struct script_step again[] = {IN(FIN | ACK, IRS(4), ISS(2)), OUT(ACK, ISS(2), IRS(5)), STATE(TIME_WAIT)};
  struct segment s;
  struct sent_segment keep;
  if (!take_sent(r, &s, &keep) || !(s.flags & TCP_ACK))
    return snprintf(why, cap, "the data was not acknowledged"), false;
  if (tcp_state(&r->end.conn) == TCP_TIME_WAIT) {
    if (s.ack == PEER_ISN + 5) return true;
    return snprintf(why, cap, "TIME_WAIT, but the FIN is not acknowledged"),
      false;
  }
  trace(r, "         the FIN was not kept; the peer sends it again");
  for (size_t i = 0; i < sizeof again / sizeof again[0]; i++)
    if (!do_step(r, &again[i], why, cap)) return false;
  return true;
}

@ @<The scripts of the conformance scenarios@>=
static const struct script_step s27[] = {OPEN_PASSIVE,@/
  CLOSE, OUT(FIN | ACK, ISS(1), IRS(1)),@/
  IN(ACK, IRS(1), ISS(2)),@/
  IN(FIN | ACK, IRS(4), ISS(2)), NOT_SENT(SYN | FIN | RST), STATE(FIN_WAIT_2),@/
  IN_TEXT(PSH | ACK, IRS(1), ISS(2), "abc"), CUSTOM(fin_after_hole), RECV("abc")};

@ Resets, windows and validation.  {\bf Scenario 28}: a reset in a
synchronized state.  Its sequence number must be exactly the next one
expected for it to reset the connection; one elsewhere in the window
draws a challenge ACK (RFC~5961 \S3), and one outside the window is
dropped.  We try all three in ESTABLISHED, and the exact one in the other
synchronized states.@^connection reset@>@^synchronized states@>@^RFC 5961 \S3@>

@<The scripts of the conformance scenarios@>=
static const struct script_step s28a[] = {OPEN_PASSIVE,@/
  IN(RST, IRS(1), ANY), STATE(CLOSED), EVENT(RESET), QUIET};
static const struct script_step s28b[] = {OPEN_PASSIVE,@/
  IN(RST, IRS(100), ANY), OUT(ACK, ISS(1), IRS(1)), STATE(ESTABLISHED),@/
  IN(RST, IRS(1000000), ANY), QUIET, STATE(ESTABLISHED)};
static const struct script_step s28c[] = {OPEN_PASSIVE,@/
  CLOSE, OUT(FIN | ACK, ISS(1), IRS(1)),@/
  IN(RST, IRS(1), ANY), STATE(CLOSED), QUIET};
static const struct script_step s28d[] = {OPEN_PASSIVE,@/
  CLOSE, OUT(FIN | ACK, ISS(1), IRS(1)),@/
  IN(ACK, IRS(1), ISS(2)), STATE(FIN_WAIT_2),@/
  IN(RST, IRS(1), ANY), STATE(CLOSED), QUIET};
static const struct script_step s28e[] = {OPEN_PASSIVE,@/
  IN(FIN | ACK, IRS(1), ISS(1)), OUT(ACK, ISS(1), IRS(2)),@/
  IN(RST, IRS(2), ANY), STATE(CLOSED), QUIET};
static const struct script_step s28f[] = {OPEN_PASSIVE,@/
  IN(FIN | ACK, IRS(1), ISS(1)), OUT(ACK, ISS(1), IRS(2)),@/
  CLOSE, OUT(FIN | ACK, ISS(1), IRS(2)),@/
  IN(RST, IRS(2), ANY), STATE(CLOSED), QUIET};

@ {\bf Scenario 29}: a SYN in a synchronized state draws a challenge ACK
and changes nothing (RFC~5961 \S4).@^RFC 5961 \S4@>

@<The scripts of the conformance scenarios@>=
static const struct script_step s29[] = {OPEN_PASSIVE,@/
  IN(SYN, IRS(5), ANY), OUT(ACK, ISS(1), IRS(1)), STATE(ESTABLISHED), QUIET};

@ {\bf Scenarios 30, 31 and 32}: segments that are not acceptable in
ESTABLISHED.  Data far outside the window draws a duplicate ACK and is
dropped; an ACK of data we never sent draws an ACK and is dropped, text
and all; a segment without the ACK bit is dropped without a word.

@<The scripts of the conformance scenarios@>=
static const struct script_step s30[] = {OPEN_PASSIVE,@/
  IN_TEXT(PSH | ACK, IRS(200000), ISS(1), "far"), OUT(ACK, ISS(1), IRS(1)), RECV(""), STATE(ESTABLISHED), QUIET};
static const struct script_step s31[] = {OPEN_PASSIVE,@/
  IN_TEXT(PSH | ACK, IRS(1), ISS(100), "bad"), OUT(ACK, ISS(1), IRS(1)), RECV(""), STATE(ESTABLISHED), QUIET};
static const struct script_step s32[] = {OPEN_PASSIVE,@/
  IN_TEXT(PSH, IRS(1), ANY, "noack"), QUIET, RECV(""), STATE(ESTABLISHED)};

@ {\bf Scenario 33}: a segment with a bad checksum is dropped and counted
by the end, before the core sees it; nothing is sent and nothing
changes, in LISTEN as in ESTABLISHED.

@<Checks that a script cannot express as steps@>=
static bool counted_two_bad(struct script_run *r, char *why, size_t cap)
{
  if (r->end.bad_checksum == 2) return true;
  return snprintf(why, cap, "%llu bad checksums counted, expected 2",
    (unsigned long long) r->end.bad_checksum), false;
}

@ @<The scripts of the conformance scenarios@>=
static const struct script_step s33[] = {LISTEN,@/
  IN_BAD(SYN, IRS(0), ANY, NULL), QUIET, STATE(LISTEN),@/
  IN(SYN, IRS(0), ANY), OUT(SYN | ACK, ANY, IRS(1)),@/
  IN(ACK, IRS(1), ISS(1)),@/
  IN_BAD(PSH | ACK, IRS(1), ISS(1), "damaged"), QUIET, RECV(""), STATE(ESTABLISHED), CUSTOM(counted_two_bad)};

@ Two arrows of Figure~6 are not reached by any of the scenarios above.
A listener that knows its peer turns active when its user sends data;
and a connection in SYN\_RCVD that is closed sends its FIN at once.

@<The scripts of the conformance scenarios@>=
static const struct script_step listen_send[] = {LISTEN_FOR_PEER,@/
  SEND("early"), STATE(SYN_SENT), OUT(SYN, ANY, ANY),@/
  IN(SYN | ACK, IRS(0), ISS(1)), STATE(ESTABLISHED)};
static const struct script_step syn_rcvd_close[] = {LISTEN,@/
  IN(SYN, IRS(0), ANY), OUT(SYN | ACK, ANY, IRS(1)),@/
  CLOSE, STATE(FIN_WAIT_1), OUT(FIN | ACK, ISS(1), IRS(1))};

@ The table of test cases: a title, which quotes the notes, and the
scripts.

@<The table of the conformance scenarios@>=
struct conformance {
  const char *title;
  struct script scripts[6];
};
static const struct conformance conformance_tests[] = {@t}\1{@>@/
  @<Rows of the table of conformance scenarios@>@t}\2{@>@/
};

@ @<Rows of the table of conformance scenarios@>=
@[{"scenario 01: active open", {SCRIPT("01", s01)}},@/
{"scenario 02: passive open", {SCRIPT("02", s02)}},@/
{"scenario 03: SYN unanswered, retransmitted with backoff, then timeout",
  {SCRIPT("03", s03)}},@/
{"scenario 04: SYN-ACK unanswered, retransmitted with the same ISS",
  {SCRIPT("04", s04)}},@/
{"scenario 05: duplicate SYN in SYN_RCVD", {SCRIPT("05", s05)}},@/
{"scenario 06: simultaneous open", {SCRIPT("06 with SYN,ACK", s06a),
  SCRIPT("06 with ACK", s06b), SCRIPT("06 then RST", s06c)}},@/
{"scenario 07: SYN-ACK with unacceptable ACK in SYN_SENT", {SCRIPT("07", s07)}},@/
{"scenario 08: RST in SYN_SENT", {SCRIPT("08 acceptable", s08a),
  SCRIPT("08 ignored", s08b)}},@/
{"scenario 09: RST in SYN_RCVD reached from LISTEN", {SCRIPT("09", s09)}},@/
{"scenario 10: segments to LISTEN", {SCRIPT("10", s10)}},@/
{"scenario 11: SYN to a closed port", {SCRIPT("11", s11)}},@/
{"scenario 12: ACK to a closed port", {SCRIPT("12", s12)}},@/
{"scenario 13: RST to a closed port", {SCRIPT("13", s13)}},@/
{"scenario 14: close() in SYN_SENT", {SCRIPT("14", s14)}},@/@]

@ @<Rows of the table of conformance scenarios@>=
@[{"scenario 15: active close", {SCRIPT("15", s15)}},@/
{"scenario 16: passive close", {SCRIPT("16", s16)}},@/
{"scenario 17: FIN that also ACKs our FIN, in FIN_WAIT_1", {SCRIPT("17", s17)}},@/
{"scenario 18: simultaneous close", {SCRIPT("18", s18)}},@/
{"scenario 19: half-close, our side first", {SCRIPT("19", s19)}},@/
{"scenario 20: half-close, peer first", {SCRIPT("20", s20)}},@/
{"scenario 21: FIN in LAST_ACK lost", {SCRIPT("21", s21)}},@/
{"scenario 22: last ACK lost, FIN again in TIME_WAIT", {SCRIPT("22", s22)}},@/
{"scenario 23: old duplicates during TIME_WAIT", {SCRIPT("23", s23)}},@/
{"scenario 24: SYN in TIME_WAIT with a higher sequence number",
  {SCRIPT("24", s24)}},@/
{"scenario 25: 2MSL expiry", {SCRIPT("25", s25a), SCRIPT("25 short MSL", s25b)}},@/
{"scenario 26: close() with unread data sends RST", {SCRIPT("26", s26)}},@/
{"scenario 27: reordered FIN in FIN_WAIT_2", {SCRIPT("27", s27)}},@/
{"scenario 28: RST in each synchronized state", {SCRIPT("28 exact", s28a),
  SCRIPT("28 in window, outside", s28b), SCRIPT("28 FIN_WAIT_1", s28c),
  SCRIPT("28 FIN_WAIT_2", s28d), SCRIPT("28 CLOSE_WAIT", s28e),
  SCRIPT("28 LAST_ACK", s28f)}},@/
{"scenario 29: SYN in a synchronized state", {SCRIPT("29", s29)}},@/
{"scenario 30: out-of-window data in ESTABLISHED", {SCRIPT("30", s30)}},@/
{"scenario 31: ACK of data never sent", {SCRIPT("31", s31)}},@/
{"scenario 32: segment without ACK in a synchronized state",
  {SCRIPT("32", s32)}},@/
{"scenario 33: bad checksum", {SCRIPT("33", s33)}},@/
{"arrows: LISTEN to SYN_SENT, SYN_RCVD to FIN_WAIT_1",
  {SCRIPT("send in LISTEN", listen_send),
   SCRIPT("close in SYN_RCVD", syn_rcvd_close)}},@/@]

@ A test case runs the scripts of one row.  The harness calls a test as
a function without arguments, so the row is passed in a variable.

@<The table of the conformance scenarios@>=
static const struct conformance *current;
static void run_conformance(void)
{
  for (size_t i = 0; i < 6 && current->scripts[i].name; i++)
    run_script(&current->scripts[i]);
}

@*1 Tests of the link.
The rest of the tests run the named scenarios of \.{ltcp sim}.  First,
the generator: the same seed gives the same numbers, different seeds
different ones, and |sim_rng_below| stays below its bound and hits every
value of a small range about equally often.

@<Tests of the simulated link@>=
static void test_rng(void)
{
  struct sim_rng a, b;
  sim_rng_seed(&a, 42);
  sim_rng_seed(&b, 42);
  for (int i = 0; i < 1000; i++) CHECK_EQ(sim_rng_next(&a), sim_rng_next(&b));
  sim_rng_seed(&b, 43);
  CHECK(sim_rng_next(&a) != sim_rng_next(&b));
  unsigned hits[10] = {0};
  for (int i = 0; i < 100000; i++) {
    uint64_t x = sim_rng_below(&a, 10);
    if (!CHECK(x < 10)) return;
    hits[x]++;
  }
  for (int i = 0; i < 10; i++)
    CHECKF(hits[i] > 9500 && hits[i] < 10500, "value %d drawn %u times in "@t}\1\1{@>@/
      "100000", i, hits[i]@t}\2\2{@>);
}

@ Running a scenario into memory: the log and the capture go to
buffers that |open_memstream| provides, so that tests can compare them.

@<Tests of the simulated link@>=
struct memory_output {
  char *log, *cap;
  size_t nlog, ncap;
  int rc;
};

static bool run_into_memory(const struct scenario *sc, uint64_t seed,
  struct memory_output *o, struct sim_result *res)
{
  memset(o, 0, sizeof *o);
  FILE *lf = open_memstream(&o->log, &o->nlog);
  FILE *cf = open_memstream(&o->cap, &o->ncap);
  struct capture_writer w;
  if (!CHECK(lf && cf) || !CHECK(capture_open(&w, cf, CAPTURE_PCAPNG) == 0))
    return false;
  o->rc = sim_run(sc, seed, lf, &w, res);
  fclose(lf);
  fclose(cf);
  return CHECKF(o->rc == 0, "%s: %s", sc->name, res->message);
}

static void free_output(struct memory_output *o)
{
  free(o->log);
  free(o->cap);
}

@ Determinism: every scenario, run twice with the same seed, gives the
same log and the same capture, byte for byte; and for the lossy link,
runs with two different seeds give different logs.

@<Tests of the simulated link@>=
static struct sim_result res_a, res_b;
static void test_same_seed_same_bytes(void)
{
  for (size_t i = 0; i < sim_nscenarios; i++) {
    struct memory_output a, b;
    const struct scenario *sc = &sim_scenarios[i];
    if (run_into_memory(sc, 7, &a, &res_a) && run_into_memory(sc, 7, &b, &res_b)) {
      CHECKF(a.nlog == b.nlog && memcmp(a.log, b.log, a.nlog) == 0,
        "%s: two runs with seed 7 gave different logs", sc->name);
      CHECKF(a.ncap == b.ncap && memcmp(a.cap, b.cap, a.ncap) == 0,
        "%s: two runs with seed 7 gave different captures", sc->name);
    }
    free_output(&a);
    free_output(&b);
  }
  struct memory_output a, b;
  if (run_into_memory(sim_find("lossy"), 1, &a, &res_a) &&
      run_into_memory(sim_find("lossy"), 2, &b, &res_b))
    CHECKF(a.nlog != b.nlog || memcmp(a.log, b.log, a.nlog) != 0,
      "lossy: seeds 1 and 2 gave the same log");
  free_output(&a);
  free_output(&b);
}

@ Every named scenario runs to its end: the run falls quiet before the
horizon, and each end finishes in the state the scenario's description
promises.  The table lists the final states.

@<Tests of the simulated link@>=
static const struct {
  const char *name;
  enum tcp_state client, server;
} finals[] = {@t}\1{@>@/
  @<Final states of the named scenarios@>@t}\2{@>@/
};

static void test_scenarios_finish(void)
{
  CHECK_EQ(sizeof finals / sizeof finals[0], sim_nscenarios);
  for (size_t i = 0; i < sizeof finals / sizeof finals[0]; i++) {
    const struct scenario *sc = sim_find(finals[i].name);
    if (!CHECKF(sc != NULL, "no scenario %s", finals[i].name)) continue;
    if (sim_run(sc, 1, NULL, NULL, &res_a) != 0) {
      CHECKF(false, "%s: %s", sc->name, res_a.message);
      continue;
    }
    CHECKF(res_a.quiet, "%s: still busy after an hour", sc->name);
    CHECKF(res_a.final[SIM_CLIENT] == finals[i].client &&
      res_a.final[SIM_SERVER] == finals[i].server,
      "%s: client %s, server %s; expected %s and %s", sc->name,
      tcp_state_name(res_a.final[SIM_CLIENT]),
      tcp_state_name(res_a.final[SIM_SERVER]),
      tcp_state_name(finals[i].client), tcp_state_name(finals[i].server));
  }
}

@ @<Final states of the named scenarios@>=
@[@[{"lifecycle", TCP_CLOSED, TCP_CLOSED}@],@/
@[{"handshake", TCP_ESTABLISHED, TCP_ESTABLISHED}@],@/
@[{"client-close", TCP_CLOSED, TCP_CLOSED}@],@/
@[{"server-close", TCP_CLOSED, TCP_CLOSED}@],@/
@[{"half-close", TCP_CLOSED, TCP_CLOSED}@],@/
@[{"lost-last-ack", TCP_CLOSED, TCP_CLOSED}@],@/
@[{"old-duplicate", TCP_CLOSED, TCP_CLOSED}@],@/
@[{"simultaneous-open", TCP_ESTABLISHED, TCP_ESTABLISHED}@],@/
@[{"simultaneous-close", TCP_CLOSED, TCP_CLOSED}@],@/
@[{"fin-ack-in-fin-wait-1", TCP_CLOSED, TCP_CLOSED}@],@/
@[{"lost-syn", TCP_ESTABLISHED, TCP_ESTABLISHED}@],@/
@[{"lost-syn-ack", TCP_ESTABLISHED, TCP_ESTABLISHED}@],@/
@[{"lost-fin", TCP_CLOSED, TCP_CLOSED}@],@/
@[{"syn-to-closed-port", TCP_CLOSED, TCP_CLOSED}@],@/
@[{"close-in-listen", TCP_CLOSED, TCP_CLOSED}@],@/
@[{"rst-in-established", TCP_CLOSED, TCP_CLOSED}@],@/
@[{"close-in-syn-sent", TCP_CLOSED, TCP_LISTEN}@],@/
@[{"rst-in-syn-rcvd", TCP_ESTABLISHED, TCP_ESTABLISHED}@],@/
@[{"close-in-syn-rcvd", TCP_CLOSED, TCP_CLOSED}@],@/
@[{"syn-rcvd-timeout", TCP_CLOSED, TCP_CLOSED}@],@/
@[{"syn-timeout", TCP_CLOSED, TCP_LISTEN}@],@/
@[{"send-in-listen", TCP_ESTABLISHED, TCP_ESTABLISHED}@],@/
@[{"lossy", TCP_CLOSED, TCP_CLOSED}@],@/@]

@ The data of the lifecycle and the half-close arrive whole, in order,
at the end they were sent to.@^half-close@>

@<Tests of the simulated link@>=
static bool data_intact(const struct sim_result *res, char *why, size_t cap)
{
  for (int k = SIM_CLIENT; k <= SIM_SERVER; k++) {
    int other = k == SIM_CLIENT ? SIM_SERVER : SIM_CLIENT;
    if (res->nreceived[other] != res->nsent_data[k] ||
        memcmp(res->received[other], res->sent_data[k], res->nsent_data[k]))
      return snprintf(why, cap, "the %s sent %zu bytes, the %s read %zu",
        k == SIM_CLIENT ? "client" : "server", res->nsent_data[k],
        other == SIM_CLIENT ? "client" : "server", res->nreceived[other]),
        false;
  }
  return true;
}

static void test_data_arrives(void)
{
  static const char *const names[] = {"lifecycle", "half-close",
    "old-duplicate", "rst-in-established", "send-in-listen"};
  char why[160];
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    if (sim_run(sim_find(names[i]), 1, NULL, NULL, &res_a) != 0) continue;
    CHECKF(res_a.nsent_data[SIM_CLIENT] + res_a.nsent_data[SIM_SERVER] > 0,
      "%s sends no data", names[i]);
    CHECKF(data_intact(&res_a, why, sizeof why), "%s: %s", names[i], why);
  }
}

@ The faults do what they say.  The lost SYN is sent twice; the lost last
ACK is sent twice, since the FIN comes again; the second old duplicate
reaches a connection that must not take its text, so the client reads
only what the two incarnations really sent.

@<Tests of the simulated link@>=
static void test_faults(void)
{
  if (sim_run(sim_find("lost-syn"), 1, NULL, NULL, &res_a) == 0) {
    CHECK_EQ(res_a.faults[FAULT_DROP], 1);
    CHECK_EQ(res_a.launched[SIM_CLIENT], 3);
  }
  if (sim_run(sim_find("lost-last-ack"), 1, NULL, NULL, &res_a) == 0) {
    CHECK_EQ(res_a.faults[FAULT_DROP], 1);
    CHECK_EQ(res_a.launched[SIM_CLIENT], 5);
  }
  if (sim_run(sim_find("old-duplicate"), 1, NULL, NULL, &res_a) == 0) {
    CHECK_EQ(res_a.faults[FAULT_DUPLICATE], 2);
    CHECK_EQ(res_a.nreceived[SIM_CLIENT], strlen("old data") + strlen("new data"));
  }
}

@ The randomised test: the lossy scenario with many seeds.  Whatever the
link does, both ends must finish CLOSED, the data must arrive intact,
and every damaged segment that reached an end must have been thrown
away by it, and no other.  The
seeds start from the environment variable \.{LTCP\_SEED} if it is set,
so that a failure seen once can be chased; each failure prints the one
command that repeats the run.

@<Tests of the simulated link@>=
#define LOSSY_RUNS 300
static void test_lossy_seeds(void)
{
  uint64_t base = 1000;
  const char *env = getenv("LTCP_SEED");
  if (env) base = strtoull(env, NULL, 10);
  printf("# lossy: seeds %llu to %llu (LTCP_SEED=N to start elsewhere)\n",
    (unsigned long long) base, (unsigned long long) base + LOSSY_RUNS - 1);
  for (uint64_t seed = base; seed < base + LOSSY_RUNS; seed++) {
    char why[160] = "";
    bool ok = sim_run(sim_find("lossy"), seed, NULL, NULL, &res_a) == 0;
    if (!ok) snprintf(why, sizeof why, "%s", res_a.message);
    else if (res_a.final[SIM_CLIENT] != TCP_CLOSED ||
        res_a.final[SIM_SERVER] != TCP_CLOSED) {
      ok = false;
      snprintf(why, sizeof why, "finished %s and %s",
        tcp_state_name(res_a.final[SIM_CLIENT]),
        tcp_state_name(res_a.final[SIM_SERVER]));
    } else ok = data_intact(&res_a, why, sizeof why);
    uint64_t caught = res_a.bad_checksum[0] + res_a.bad_checksum[1] +
      res_a.malformed[0] + res_a.malformed[1];
    if (ok && caught != res_a.damaged_arrived) {
      ok = false;
      snprintf(why, sizeof why, "%llu damaged segments arrived, %llu were "@t}\1\1{@>@/
        "thrown away", (unsigned long long) res_a.damaged_arrived,
        (unsigned long long) caught@t}\2\2{@>);
    }
    if (!CHECKF(ok, "seed %llu: %s; repeat with: build/ltcp sim lossy --seed %llu",
        (unsigned long long) seed, why, (unsigned long long) seed)) return;
  }
}

@ Transition coverage.  The named scenarios and the scripts together
must take every one of the 22 arrows of Figure~6 at least once.  The
test prints the table of arrows, each with the scenarios that take it
(the scripts are counted together), and fails if an arrow has none.

@<Tests of the simulated link@>=
static void test_every_arrow(void)
{
  static char who[SIM_ROWS_MAX][400];
  for (size_t i = 0; i < sim_nscenarios; i++) {
    if (sim_run(&sim_scenarios[i], 1, NULL, NULL, &res_a) != 0) continue;
    for (size_t row = 0; row < tcp_ntransitions && row < SIM_ROWS_MAX; row++)
      if (res_a.taken[row] && strlen(who[row]) + 40 < sizeof who[row]) {
        strcat(who[row], " ");
        strcat(who[row], sim_scenarios[i].name);
      }
  }
  size_t drawn = 0;
  for (size_t row = 0; row < tcp_ntransitions && row < SIM_ROWS_MAX; row++) {
    const struct transition *t = &tcp_transitions[row];
    if (t->kind == ARROW_NONE) continue;
    drawn++;
    printf("    %-11s -> %-11s %-24s%s%s\n", tcp_state_name(t->from),
      tcp_state_name(t->to), t->cause, who[row],
      taken_by_scripts[row] ? " (scripts)" : "");
    CHECKF(who[row][0] || taken_by_scripts[row], "no scenario takes %s -> %s",
      tcp_state_name(t->from), tcp_state_name(t->to));
  }
  CHECK_EQ(drawn, 22);
}

@ The main program runs the conformance scenarios first, so that the
test of the arrows can count what their scripts took.

@<Main program of the scenario tests@>=
int main(void)
{
  for (size_t i = 0; i < sizeof conformance_tests / sizeof conformance_tests[0];
      i++) {
    current = &conformance_tests[i];
    check_run(conformance_tests[i].title, run_conformance);
  }
  check_run("the generator of random numbers repeats and is fair", test_rng);
  check_run("same scenario, same seed: same log, same capture",
    test_same_seed_same_bytes);
  check_run("every named scenario ends as it should", test_scenarios_finish);
  check_run("data arrives intact on the simulated link", test_data_arrives);
  check_run("the faults strike the segments they name", test_faults);
  check_run("lossy link, many seeds: both ends CLOSED, data intact",
    test_lossy_seeds);
  check_run("every arrow of Figure 6 is taken", test_every_arrow);
  return check_report();
}

@*1 Scripts of the chapters on losses.
These scripts turn on the behaviours of the chapters on losses, which
the other scripts leave off, before they open the connection; the
peer's SYN,ACK offers selective acknowledgments only when a script
asks.  |IN_SACK| sends a bare acknowledgment with SACK blocks, written
as text: pairs \.{lo:hi} of offsets from our ISS.

@<Turn the text of the step into SACK blocks of |s|@>=
{
  const char *p = st->text;
  uint8_t *o = s.options + s.optlen;
  unsigned lo, hi;
  int used;
  size_t n = 0;
  while (n < 4 && sscanf(p, "%u:%u%n", &lo, &hi, &used) == 2) {
    put_be32(o + 4 + 8 * n, r->iss + lo);
    put_be32(o + 8 + 8 * n, r->iss + hi);
    n++;
    p += used;
  }
  o[0] = o[1] = TCPOPT_NOP;
  o[2] = TCPOPT_SACK;
  o[3] = (uint8_t) (2 + 8 * n);
  s.optlen = (uint8_t) (s.optlen + 4 + 8 * n);
  s.payload = NULL;
  s.len = 0;
}

@ The switches, and checks of the congestion window.

@<The scripts of the conformance scenarios@>=
static bool losses_on(struct script_run *r, char *why, size_t cap)
{
  (void) why, (void) cap;
  r->cfg.fast_retransmit = r->cfg.congestion_control = true;
  r->cfg.rto_forget_backoff = true;
  return true;
}

static bool losses_and_sack_on(struct script_run *r, char *why, size_t cap)
{
  r->cfg.sack = r->peer_sack = true;
  return losses_on(r, why, cap);
}

static bool cwnd_is(struct script_run *r, uint32_t want, char *why, size_t cap)
{
  uint32_t got = r->end.conn.cwnd;
  if (got != want) return snprintf(why, cap, "cwnd is %u, expected %u",
    (unsigned) got, (unsigned) want), false;
  return true;
}

@ Slow start and congestion avoidance.  After the handshake the window
is RFC~5681's initial window for 1460-byte segments, 4380 bytes.  In
slow start an acknowledgment of 10 bytes opens it by 10.  Then the
threshold is put at the window, so that the connection is in congestion
avoidance: 10 bytes acknowledged open nothing, until a whole window's
worth has been acknowledged, and then the window grows by one segment.

@<The scripts of the conformance scenarios@>=
static bool cwnd_initial(struct script_run *r, char *why, size_t cap)
{
  return cwnd_is(r, 4380, why, cap);
}
static bool cwnd_after_slow_start(struct script_run *r, char *why, size_t cap)
{
  return cwnd_is(r, 4390, why, cap);
}
static bool enter_avoidance(struct script_run *r, char *why, size_t cap)
{
  (void) why, (void) cap;
  r->end.conn.ssthresh = r->end.conn.cwnd;
  return true;
}
static bool nearly_a_window_acked(struct script_run *r, char *why, size_t cap)
{
  if (!cwnd_is(r, 4390, why, cap)) return false;
  if (r->end.conn.ca_acked != 10) return snprintf(why, cap,
    "%u bytes counted towards avoidance, expected 10",
    (unsigned) r->end.conn.ca_acked), false;
  r->end.conn.ca_acked = 4390 - 5;
  return true;
}
static bool cwnd_after_avoidance(struct script_run *r, char *why, size_t cap)
{
  return cwnd_is(r, 4390 + 1460, why, cap);
}

static const struct script_step cwnd_growth[] = {@/
  CUSTOM(losses_on), OPEN_ACTIVE, CUSTOM(cwnd_initial),@/
  SEND("0123456789"), OUT_TEXT(ACK, ISS(1), IRS(1), "0123456789"),@/
  IN(ACK, IRS(1), ISS(11)), CUSTOM(cwnd_after_slow_start),@/
  CUSTOM(enter_avoidance),@/
  SEND("abcdefghij"), OUT_TEXT(ACK, ISS(11), IRS(1), "abcdefghij"),@/
  IN(ACK, IRS(1), ISS(21)), CUSTOM(nearly_a_window_acked),@/
  SEND("klmnopqrst"), OUT_TEXT(ACK, ISS(21), IRS(1), "klmnopqrst"),@/
  IN(ACK, IRS(1), ISS(31)), CUSTOM(cwnd_after_avoidance), QUIET@/
};

@ Fast retransmission and a partial acknowledgment, without selective
acknowledgments.  Five segments leave; the first and the third are
lost.  The segments are of ten bytes, and the window is opened wide
enough for all five.  Two duplicates change nothing (there is nothing
new to send on them); the third repeats the first segment at once, and
halves the window: |ssthresh| is half the 50 bytes in flight, 25.  The acknowledgment of the repetition is partial,
since the third segment is missing too: it is repeated at once, not
after a timeout.  The full acknowledgment ends the recovery, and nothing else is
repeated; with nothing left in flight the window becomes two segments,
less than |ssthresh|, so that the sender does not burst.

@<The scripts of the conformance scenarios@>=
#define SENT(t, n) @t\quad@> SEND(t), OUT_TEXT(ACK, ISS(n), IRS(1), t)

static bool small_segments(struct script_run *r, char *why, size_t cap)
{
  r->cfg.mss = 10;
  return losses_on(r, why, cap);
}
static bool small_segments_and_sack(struct script_run *r, char *why, size_t cap)
{
  r->cfg.mss = 10;
  return losses_and_sack_on(r, why, cap);
}
static bool wide_window(struct script_run *r, char *why, size_t cap)
{
  (void) why, (void) cap;
  r->end.conn.cwnd = 1000;
  return true;
}
static bool recovery_over(struct script_run *r, char *why, size_t cap)
{
  if (r->end.conn.in_recovery) return snprintf(why, cap,
    "the recovery goes on"), false;
  return cwnd_is(r, 20, why, cap);
}

static const struct script_step fast_retransmit[] = {@/
  CUSTOM(small_segments), OPEN_ACTIVE, CUSTOM(wide_window), SENT("0123456789", 1),@/
  SENT("abcdefghij", 11), SENT("klmnopqrst", 21), SENT("uvwxyzABCD", 31),@/
  SENT("EFGHIJKLMN", 41),@/
  IN(ACK, IRS(1), ISS(1)), QUIET, IN(ACK, IRS(1), ISS(1)), QUIET,@/
  IN(ACK, IRS(1), ISS(1)), OUT_TEXT(ACK, ISS(1), IRS(1), "0123456789"), QUIET,@/
  IN(ACK, IRS(1), ISS(21)), OUT_TEXT(ACK, ISS(21), IRS(1), "klmnopqrst"), QUIET,@/
  IN(ACK, IRS(1), ISS(51)), QUIET, CUSTOM(recovery_over)@/
};

@ The same losses, reported with SACK blocks.  The scoreboard fills; the
hole at SND.UNA is repeated first, and only it, since the hole of the
third segment has only one block above it and may yet be reordering.
The partial acknowledgment then names it, and it is repeated; the
segments that the blocks reported are never sent again.

@<The scripts of the conformance scenarios@>=
static bool scoreboard_filled(struct script_run *r, char *why, size_t cap)
{
  const struct tcp_conn *c = &r->end.conn;
  if (!c->sack_ok) return snprintf(why, cap, "SACK was not agreed"), false;
  if (c->nsacked != 2 || c->sacked[0].lo != r->iss + 11
      || c->sacked[0].hi != r->iss + 21 || c->sacked[1].lo != r->iss + 31
      || c->sacked[1].hi != r->iss + 51)
    return snprintf(why, cap, "the scoreboard holds %u blocks, not "
      "ISS+11:21 and ISS+31:51", (unsigned) c->nsacked), false;
  return true;
}

static const struct script_step sack_scoreboard[] = {@/
  CUSTOM(small_segments_and_sack), OPEN_ACTIVE, CUSTOM(wide_window),
  SENT("0123456789", 1),@/
  SENT("abcdefghij", 11), SENT("klmnopqrst", 21), SENT("uvwxyzABCD", 31),@/
  SENT("EFGHIJKLMN", 41),@/
  IN_SACK(ISS(1), "11:21"), QUIET,@/
  IN_SACK(ISS(1), "31:41 11:21"), QUIET,@/
  IN_SACK(ISS(1), "31:51 11:21"), CUSTOM(scoreboard_filled),@/
  OUT_TEXT(ACK, ISS(1), IRS(1), "0123456789"), QUIET,@/
  IN_SACK(ISS(21), "31:51"), OUT_TEXT(ACK, ISS(21), IRS(1), "klmnopqrst"),
  QUIET,@/
  IN(ACK, IRS(1), ISS(51)), QUIET@/
};

@ Reordering and duplication, shown by SACK.  The second segment is
late, and the network delivers the third three times: the receiver's
acknowledgments repeat ISS${}+11$ four times, but only the first
reports anything new.  A sender that counted them all would repeat the
second segment for nothing; this one waits, and the late segment's
acknowledgment ends the matter.

@<The scripts of the conformance scenarios@>=
static const struct script_step sack_reordering[] = {@/
  CUSTOM(small_segments_and_sack), OPEN_ACTIVE, CUSTOM(wide_window),
  SENT("0123456789", 1),@/
  SENT("abcdefghij", 11), SENT("klmnopqrst", 21), SENT("uvwxyzABCD", 31),@/
  SENT("EFGHIJKLMN", 41),@/
  IN(ACK, IRS(1), ISS(11)), QUIET,@/
  IN_SACK(ISS(11), "21:31"), QUIET, IN_SACK(ISS(11), "21:31"), QUIET,@/
  IN_SACK(ISS(11), "21:31"), QUIET, IN_SACK(ISS(11), "21:31"), QUIET,@/
  IN(ACK, IRS(1), ISS(51)), QUIET@/
};

@ The probe of the tail (the chapter on losses, \secref{congestion}).  A
first segment is acknowledged, which measures a round trip of zero (the
script's clock does not move); then three leave, and the second and
third are lost.  The acknowledgment of the first leaves two in flight,
too few for duplicates, and nothing more comes.  The probe timeout is
then its floor of 10 milliseconds: a millisecond earlier nothing is
sent; at 10 the last segment goes again, since there is no new data.
Its acknowledgment reports it held, one duplicate and no recovery, but
news, so the probe timer starts again; after another 10 milliseconds of
silence the rescue repeats the highest bytes that no block covers, the
second segment, and the acknowledgment of everything follows.  Without
the probe the sender would have waited a second for the timer.

@<The scripts of the conformance scenarios@>=
static bool small_segments_sack_and_probe(struct script_run *r, char *why,
  size_t cap)
{
  r->cfg.tail_loss_probe = true;
  return small_segments_and_sack(r, why, cap);
}

static const struct script_step tail_loss_probe[] = {@/
  CUSTOM(small_segments_sack_and_probe), OPEN_ACTIVE, CUSTOM(wide_window),@/
  SENT("0123456789", 1), IN(ACK, IRS(1), ISS(11)), QUIET,@/
  SENT("abcdefghij", 11), SENT("klmnopqrst", 21), SENT("uvwxyzABCD", 31),@/
  IN(ACK, IRS(1), ISS(21)), QUIET, WAIT(9000), QUIET,@/
  WAIT(1000), OUT_TEXT(ACK, ISS(31), IRS(1), "uvwxyzABCD"), QUIET,@/
  IN_SACK(ISS(21), "31:41"), QUIET, WAIT(9000), QUIET,@/
  WAIT(1000), OUT_TEXT(ACK, ISS(21), IRS(1), "klmnopqrst"), QUIET,@/
  IN(ACK, IRS(1), ISS(41)), QUIET@/
};

@ A lost repetition.  As in the script of the scoreboard, the first of
five segments is lost, the blocks show it, and it is repeated; the
repetition is lost too.  The segments after it have all arrived, so no
acknowledgment will come: the probe timer, 10 milliseconds after the
last block, finds the recovery silent, takes the repetition as lost,
and sends it once more.  Nothing else is sent: the other segments are
reported held.

@<The scripts of the conformance scenarios@>=
static const struct script_step lost_repetition[] = {@/
  CUSTOM(small_segments_sack_and_probe), OPEN_ACTIVE, CUSTOM(wide_window),@/
  SENT("0123456789", 1), IN(ACK, IRS(1), ISS(11)), QUIET,@/
  SENT("abcdefghij", 11), SENT("klmnopqrst", 21), SENT("uvwxyzABCD", 31),@/
  SENT("EFGHIJKLMN", 41), SENT("OPQRSTUVWX", 51),@/
  IN_SACK(ISS(11), "21:31"), QUIET, IN_SACK(ISS(11), "21:41"), QUIET,@/
  IN_SACK(ISS(11), "21:61"), OUT_TEXT(ACK, ISS(11), IRS(1), "abcdefghij"),
  QUIET,@/
  WAIT(9000), QUIET,@/
  WAIT(1000), OUT_TEXT(ACK, ISS(11), IRS(1), "abcdefghij"), QUIET,@/
  IN(ACK, IRS(1), ISS(61)), QUIET@/
};

@ Duplicates whose window moves.  The receiver's window of each
acknowledgment differs from the last (here the connection is told, before
each, that the last window was 65000 bytes; the peer's are 65535).  By
RFC~5681's definition none of them is a duplicate; by RFC~6675's, each
that reports new blocks is, and the core counts two.

@<The scripts of the conformance scenarios@>=
static bool window_moved(struct script_run *r, char *why, size_t cap)
{
  (void) why, (void) cap;
  r->end.conn.snd_wnd = 65000;
  return true;
}
static bool two_duplicates(struct script_run *r, char *why, size_t cap)
{
  if (r->end.conn.dupacks != 2) return snprintf(why, cap,
    "%u duplicate ACKs counted, expected 2",
    (unsigned) r->end.conn.dupacks), false;
  return true;
}

static const struct script_step sack_duplicates[] = {@/
  CUSTOM(small_segments_and_sack), OPEN_ACTIVE, CUSTOM(wide_window),
  SENT("0123456789", 1),@/
  SENT("abcdefghij", 11), SENT("klmnopqrst", 21),@/
  CUSTOM(window_moved), IN_SACK(ISS(1), "11:21"), QUIET,@/
  CUSTOM(window_moved), IN_SACK(ISS(1), "11:31"), QUIET,@/
  CUSTOM(two_duplicates)@/
};

@ @<Rows of the table of conformance scenarios@>=
@[{"losses: cwnd grows in slow start and in congestion avoidance",
  {SCRIPT("cwnd", cwnd_growth)}},@/
{"losses: three duplicate ACKs repeat a segment, a partial ACK the next",
  {SCRIPT("fast retransmit", fast_retransmit)}},@/
{"losses: SACK blocks fill the scoreboard, the hole is repaired first",
  {SCRIPT("scoreboard", sack_scoreboard)}},@/
{"losses: reordering and copies shown by SACK repeat nothing",
  {SCRIPT("reordering", sack_reordering)}},@/
{"losses: a probe finds lost last segments, a rescue repairs the hole",
  {SCRIPT("tail loss probe", tail_loss_probe)}},@/
{"losses: a lost repetition is sent again when the recovery falls silent",
  {SCRIPT("lost repetition", lost_repetition)}},@/
{"losses: SACK duplicates count whatever their window",
  {SCRIPT("SACK duplicates", sack_duplicates)}},@/@]
