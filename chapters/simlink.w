@q simlink.w: the simulated link, its virtual clock, its faults and its scenarios. @>

@** A link with a virtual clock.
The chapters of Part~I (\secref{part-story}) explain how a connection
opens, carries data and closes.  Each claim they make about TCP is shown by a {\it run}: two
connections, a client and a server, exchanging real segments, with every
segment printed as \.{tcpdump} would print it and every change of state
printed beneath the segment that caused it.  This chapter builds the
laboratory in which those runs take place.
\label{simlink}%

Real networks are poor laboratories.  They lose packets when we would
rather they did not, and never lose the one packet we want to see lost;
their clocks run at one speed, so that a wait of two maximum segment
lifetimes takes a minute or more; and no two runs are alike.  Our
laboratory is a {\it simulated link}: both ends of a connection live in
one process, the wire between them is a queue of byte strings, and time
is a number that the simulation advances itself, straight from one event
to the next.  A minute of TIME\_WAIT passes in a few microseconds of real
time, and a run can be repeated exactly, byte for byte, as often as we
like.

Here is a run, the three-way handshake that the chapter on the handshake
(\secref{handshake}) explains.
The lines that begin with \.{\#} are the simulation's remarks (a change
of state carries its time, in the segments' form); the other lines are
exactly what \.{tcpdump -n -S -tt} prints when it reads the capture file
of the same run.

\runlog{handshake}@^three-way handshake@>@^TIME\_WAIT state@>@^simulated link@>@^virtual clock@>@^loss, simulated@>@^laboratory assignments@>

@ The program runs scenarios on the link with its command \.{sim}:
$$\vbox{\halign{\.{#}\hfil\qquad&#\hfil\cr
ltcp sim NAME&runs the scenario called \.{NAME} and prints its log;\cr
ltcp sim --list&names the scenarios, each with a line about it;\cr
--seed N&changes the seed of the random numbers, which choose\cr
&the initial sequence numbers and the faults that strike by chance;\cr
-w FILE&writes a capture file that Wireshark and \.{tcpdump} can read.\cr}}$$

The link knows nothing about TCP.  It is one of the ``surroundings'' of
the core that the chapter on connections (\secref{conn}) promised: the core takes in
segments, calls and the time, and gives out segments, events and
deadlines; the simulation supplies the first three and collects the
others.  Nothing in this chapter reaches inside a |tcp_conn|; it uses
only the functions of \.{tcp.h}.@^initial sequence number (ISN)@>@^Wireshark@>@^seed, of a run@>@^scenario@>

@ The chapter writes two files: \.{sim.h}, the interface that the
program \.{ltcp} and the tests use, and \.{sim.c}, the simulation.

@(sim.h@>=
#ifndef LTCP_SIM_H
#define LTCP_SIM_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "segment.h"
#include "log.h"
#include "tcp.h"
@<Constants of the simulated link@>@;
@<The type of the generator of random numbers@>@;
@<The type of an end of the link@>@;
@<The types of faults@>@;
@<The types of scenarios@>@;
@<The type of the result of a run@>@;
@<Declarations of the simulated link@>@;
#endif

@ @(sim.c@>=
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sim.h"

@*1 Addresses and virtual time.
The two ends have fixed addresses, so that every log in this book can be
compared with every other: the client is 10.0.0.1, port 50000, and the
server is 10.0.0.2, port 40000.  Neither port belongs to a protocol that
\.{tcpdump} or Wireshark would try to decode, so they print the TCP header
and nothing more.

Virtual time is a count of microseconds, like the timestamps of a capture
file.  It starts at 1764547200 seconds after the Unix epoch, which is
midnight, 1 December 2025, UTC: the date the book is built with, so that
the capture files of the book are identical on every machine.  Nothing in
the simulation ever reads the real clock.@^Wireshark@>

@<Constants of the simulated link@>=
#define SIM_EPOCH_US (UINT64_C(1764547200) * 1000000)
#define SIM_CLIENT_ADDR ((uint32_t) 0x0A000001) /* 10.0.0.1 */
#define SIM_SERVER_ADDR ((uint32_t) 0x0A000002) /* 10.0.0.2 */
#define SIM_CLIENT_PORT 50000
#define SIM_SERVER_PORT 40000

@ A segment takes ten milliseconds to cross the link in either direction,
unless a scenario says otherwise: long enough that the log shows clearly
which segments were in flight at the same time, short enough that a
handshake is over in a few hundredths of a second.  A real link also has
a rate, so that a long segment takes longer than a short one; ours does
not, because none of our scenarios sends enough data for it to matter.@^scenario@>

@<Constants of the simulated link@>=
#define SIM_DELAY_MS 10

@ A run ends when nothing is left to happen: no segment is on the link,
no step of the scenario is waiting, and neither end has a timer running.
As a guard against a connection that never falls silent, a run also
stops after an hour of virtual time, or after a million events.@^scenario@>

@<Constants of the simulated link@>=
#define SIM_HORIZON_US (UINT64_C(3600) * 1000000)
#define SIM_EVENTS_MAX 1000000

@*1 Random numbers that repeat.
The link's faults may strike by chance, and the initial sequence numbers
of the two ends are drawn from a secret key; both need random numbers.
The C library's |rand| will not do: its sequence differs from one system
to another, and it keeps its state in a hidden global variable.  We want
a generator whose whole state is a small struct, and whose output, for a
given seed, is the same on every machine, so that ``run it again with
seed 42'' means the same thing everywhere.

We use {\it xoshiro256**}, a generator published by David Blackman and
Sebastiano Vigna in 2018.  Its state is four 64-bit words; each step mixes
them with shifts, rotations and exclusive ors, and derives the output
from one of them with two multiplications and a rotation.  It is fast,
passes the standard statistical tests, and is easy to check by hand.@^initial sequence number (ISN)@>@^seed, of a run@>

@<The type of the generator of random numbers@>=
struct sim_rng {
  uint64_t s[4];
};

@ @<Declarations of the simulated link@>=
void sim_rng_seed(struct sim_rng *r, uint64_t seed);
uint64_t sim_rng_next(struct sim_rng *r);
uint64_t sim_rng_below(struct sim_rng *r, uint64_t n);

@ The four words must not all be zero, and a seed such as 1 should not
give a state with almost every bit zero either.  The authors of
xoshiro recommend filling the state with {\it SplitMix64}, a simpler
generator that adds a large odd constant (the golden ratio times
$2^{64}$) to a counter and scrambles the sum with two multiply-and-shift
rounds: even consecutive seeds give unrelated states.@^seed, of a run@>

@(sim.c@>=
static uint64_t splitmix64(uint64_t *x)
{
  uint64_t z = (*x += UINT64_C(0x9E3779B97F4A7C15));
  z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
  return z ^ (z >> 31);
}

void sim_rng_seed(struct sim_rng *r, uint64_t seed)
{
  for (int i = 0; i < 4; i++) r->s[i] = splitmix64(&seed);
}

@ One step of xoshiro256**.  The output is taken from the second word
before the state moves on.

@(sim.c@>=
static uint64_t rotl(uint64_t x, int k)
{
  return (x << k) | (x >> (64 - k));
}

uint64_t sim_rng_next(struct sim_rng *r)
{
  uint64_t *s = r->s;
  uint64_t out = rotl(s[1] * 5, 7) * 9;
  uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 45);
  return out;
}

@ A number below |n|, every value equally likely.  Taking |sim_rng_next|
modulo~|n| would favour the small values slightly whenever |n| does not
divide $2^{64}$; instead we throw away the few outputs below $2^{64}\bmod n$,
which leaves a range whose size is a multiple of~|n|.  (In unsigned
arithmetic, |(0 - n) % n| is $2^{64}\bmod n$.)  The loop almost never runs
twice.

@(sim.c@>=
uint64_t sim_rng_below(struct sim_rng *r, uint64_t n)
{
  uint64_t low = (0 - n) % n;
  for (;;) {
    uint64_t x = sim_rng_next(r);
    if (x >= low) return x % n;
  }
}

@*1 The ends of the link.
Each end is a host with one connection: the |tcp_conn| itself, the
address and port it answers on, and the few lines of code that stand
between the wire and the core.  The tests of the conformance scenarios
use the same ends with a scripted peer in place of the link, so this
part is public.

The end counts what arrives for it: segments handed to the core,
segments thrown away because their checksum was wrong, and segments that
could not be parsed at all.  The core never sees the last two kinds.  It
also keeps a copy of the hooks given to |tcp_init|, because when no
connection exists the end must answer for itself, as we shall see.@^scenario@>

@<The type of an end of the link@>=
struct sim_end {
  struct tcp_conn conn;
  const struct tcp_hooks *hooks;
  const char *name; /* \.{"client"} or \.{"server"} */
  uint32_t addr;
  uint16_t port;
  uint64_t arrived, bad_checksum, malformed;
};

@ @<Declarations of the simulated link@>=
void sim_end_init(struct sim_end *e, const char *name, uint32_t addr,
  uint16_t port, const struct tcp_config *cfg, const struct tcp_hooks *hooks);
enum seg_error sim_end_receive(struct sim_end *e, const uint8_t *buf,
  size_t n, uint32_t src_addr, uint64_t now);

@ @(sim.c@>=
void sim_end_init(struct sim_end *e, const char *name, uint32_t addr,
  uint16_t port, const struct tcp_config *cfg, const struct tcp_hooks *hooks)
{
  memset(e, 0, sizeof *e);
  e->name = name;
  e->addr = addr;
  e->port = port;
  e->hooks = hooks;
  tcp_init(&e->conn, cfg, hooks, addr, port);
}

@ Bytes arrive.  The end parses them as a TCP header and its text, with
the pseudo-header of the two addresses, and verifies the checksum; a
segment that fails is counted and forgotten, without a word to the
sender.  RFC~9293 requires the receiver to check every checksum (\S3.1,
MUST-3), and a damaged header cannot be trusted even to say who sent it,
so there is nobody to answer; scenario~33 of the tests checks this.

A good segment goes to the connection.  If the connection is closed,
there is no connection as far as RFC~9293 is concerned, and
\S3.10.7.1 says what the host answers: usually a reset, which
|tcp_reply_to_closed| builds and the end sends through the output hook
as if the connection had sent it.

The function returns |SEG_OK| or the reason the segment was thrown away,
so that the caller can say so in its log.@^pseudo-header@>@^scenario@>@^RFC 9293 \S3.1@>@^RFC 9293 \S3.10.7.1@>

@(sim.c@>=
enum seg_error sim_end_receive(struct sim_end *e, const uint8_t *buf,
  size_t n, uint32_t src_addr, uint64_t now)
{
  struct segment s;
  enum seg_error err = seg_parse(&s, buf, n, src_addr, e->addr, true);
  if (err == SEG_BAD_CHECKSUM) e->bad_checksum++;
  else if (err != SEG_OK) e->malformed++;
  if (err != SEG_OK) return err;
  e->arrived++;
  if (tcp_state(&e->conn) == TCP_CLOSED) {
    struct segment rst;
    if (tcp_reply_to_closed(&s, &rst))
      e->hooks->output(e->hooks->ctx, &e->conn, &rst);
  } else tcp_segment_arrives(&e->conn, &s, now);
  return SEG_OK;
}

@*1 Faults.
A perfect link would teach little: the interesting parts of TCP are the
parts that deal with segments that never arrive, arrive twice, arrive
late, arrive in the wrong order, or arrive damaged.  The link can do each
of these to a segment, and a scenario says which segments suffer.@^scenario@>

@<The types of faults@>=
enum fault_kind {
  FAULT_DROP,      /* the segment never arrives */
  FAULT_DUPLICATE, /* it arrives, and so does a copy */
  FAULT_DELAY,     /* it arrives later than the link's delay */
  FAULT_REORDER,   /* it arrives after the next segment in its direction */
  FAULT_CORRUPT,   /* one bit of it is flipped on the way */
  FAULT_KINDS
};

@ The sides of the link name the ends; a fault may also strike the
segments of either side.

@<The types of faults@>=
enum sim_side { SIM_CLIENT, SIM_SERVER, SIM_ANY };

@ A fault says what to do and to which segments.  The segments it looks at
are those sent by one side (or by either), and, if |state| is not
|TCP_NSTATES|, only those sent while the sender was in that state.  Among
the segments it looks at, it strikes the |nth| (counting from~1), or, if
|nth| is zero, each one with a chance of |ppm| in a million.  The extra
time |ms| is how much longer a delayed segment takes, and how much later
than the original a duplicate's copy arrives.

Choosing segments by the sender's state reads better than choosing them
by number, and survives small changes to the core: ``drop the first
segment the client sends in TIME\_WAIT'' stays the last ACK of the
closing handshake however many segments came before it.@^TIME\_WAIT state@>@^duplication, simulated@>

@<The types of faults@>=
struct fault {
  enum fault_kind kind;
  enum sim_side side;
  enum tcp_state state; /* |TCP_NSTATES|: in any state */
  unsigned nth;         /* 0: by chance */
  uint32_t ppm;         /* the chance, in millionths */
  uint32_t ms;
};

@ A fault strikes or not.  Every fault counts the segments it looks at,
so that |nth| means the same thing whatever other faults do; only faults
that strike by chance draw a random number, and they draw exactly one per
segment they look at, in the order of the scenario's table.  That is
what makes a run repeatable: the sequence of draws depends only on the
seed and on the segments sent.@^seed, of a run@>

@(sim.c@>=
@<The state of a simulation@>@;
@<Functions used before they are defined@>@;

static bool fault_strikes(struct sim *m, size_t i, int from,
  enum tcp_state state)
{
  const struct fault *f = &m->sc->faults[i];
  if (f->side != SIM_ANY && (int) f->side != from) return false;
  if (f->state != TCP_NSTATES && f->state != state) return false;
  m->looked[i]++;
  if (f->nth > 0) return m->looked[i] == f->nth;
  return sim_rng_below(&m->rng, 1000000) < f->ppm;
}

@ What the faults decide for one segment is gathered in a plan before
anything goes on the link, because several faults may strike the same
segment: it may be both delayed and duplicated, say.@^duplication, simulated@>

@<The state of a simulation@>=
struct plan {
  bool drop, hold;
  uint64_t extra_us;       /* added to the link's delay */
  long flip;               /* the bit to flip, or $-1$ */
  size_t ncopies;
  uint64_t copy_us[SIM_FAULTS_MAX]; /* when each copy arrives, after the original */
};

@ @<Constants of the simulated link@>=
#define SIM_FAULTS_MAX 16

@ Each fault that strikes adds to the plan, and says so in the log, on
the line below the segment.  A corrupted segment has one of its bits
flipped, chosen at random.  A single flipped bit changes one 16-bit word
of the segment by a power of two, and the ones' complement sum of
RFC~1071 always notices a change like that: the receiver's checksum will
catch every corruption our link commits.@^one's complement sum@>@^RFC 1071@>

@<Decide what the link does with the segment@>=
for (size_t i = 0; i < m->sc->nfaults; i++) {
  const struct fault *f = &m->sc->faults[i];
  if (!fault_strikes(m, i, from, state)) continue;
  m->res->faults[f->kind]++;
  switch (f->kind) {
  case FAULT_DROP: p.drop = true;
    link_note(m, entry, "link: dropped");@+break;
  case FAULT_DUPLICATE: p.copy_us[p.ncopies++] = (uint64_t) f->ms * 1000;
    link_note(m, entry, "link: duplicated; the copy arrives %u ms later",
      (unsigned) f->ms);@+break;
  case FAULT_DELAY: p.extra_us += (uint64_t) f->ms * 1000;
    link_note(m, entry, "link: delayed by %u ms", (unsigned) f->ms);@+break;
  case FAULT_REORDER: p.hold = true;
    link_note(m, entry, "link: held back, to arrive after the next segment");
    break;
  case FAULT_CORRUPT: p.flip = (long) sim_rng_below(&m->rng, 8 * (uint64_t) n);
    link_note(m, entry, "link: bit %ld of byte %ld flipped", p.flip % 8,
      p.flip / 8);@+break;
  default: break;
  }
}

@ A held segment waits on the link until the next segment in the same
direction has passed it.  If none comes, it does not wait for ever: after
|SIM_HOLD_MS| more than its delay it arrives anyway.

@<Constants of the simulated link@>=
#define SIM_HOLD_MS 200

@*1 The link.
The link is a queue of events, each happening at an instant of virtual
time.  An event is either a segment arriving at one end, or a step of the
scenario's script (a call such as |tcp_connect| or |tcp_close|) coming
due.  The segment is kept as bytes, exactly as |seg_write| wrote them,
with the bit already flipped if the link damaged it: the receiving end
must find out for itself, as a real one would.

Besides its time, each event has a serial number, given in the order the
events were queued.  Two events at the same instant happen in serial
order; since the steps of the script are queued first, a call scheduled
for the same instant as an arrival happens before it, and two segments
arrive in the order they were sent.  Timers come after events at the same
instant, the client's before the server's.  These rules are arbitrary,
but they are rules: nothing depends on the order of memory or of a hash
table.

@<The state of a simulation@>=
struct sim_event {
  uint64_t at, serial;
  const struct sim_step *call; /* a step of the script, or |NULL| */
  int to;                      /* the end a segment arrives at */
  size_t entry;                /* the segment's line in the log */
  const char *late;            /* why it arrives late, or |NULL| */
  bool held;                   /* waiting for the next segment */
  bool damaged;                /* a bit was flipped on the way */
  size_t n;
  uint8_t bytes[SIM_BYTES_MAX];
};

@ A segment on our link is at most a full header with options and a
payload of 1460 bytes, the most that fits in an Ethernet frame.  The
simulation refuses a larger one with a message rather than cut it.

@<Constants of the simulated link@>=
#define SIM_BYTES_MAX (TCP_HEADER_MIN + TCP_OPTIONS_MAX + 1460)

@ The queue is an array in no particular order; the next event is found by
looking at all of them.  A run has a handful of events in flight at any
moment, so a heap would be slower, not faster, and harder to read.

@(sim.c@>=
static struct sim_event *new_event(struct sim *m, uint64_t at)
{
  if (m->nev == m->evcap) {
    m->evcap = m->evcap ? 2 * m->evcap : 16;
    m->ev = need(realloc(m->ev, m->evcap * sizeof *m->ev));
  }
  struct sim_event *ev = &m->ev[m->nev++];
  memset(ev, 0, sizeof *ev);
  ev->at = at;
  ev->serial = m->serial++;
  ev->entry = NO_ENTRY;
  return ev;
}

@ @(sim.c@>=
static bool sooner(const struct sim_event *a, const struct sim_event *b)
{
  return a->at < b->at || (a->at == b->at && a->serial < b->serial);
}

static size_t next_event(const struct sim *m)
{
  size_t best = NO_ENTRY;
  for (size_t i = 0; i < m->nev; i++)
    if (best == NO_ENTRY || sooner(&m->ev[i], &m->ev[best])) best = i;
  return best;
}

@ Running out of memory in a simulation is not an error the program can
do anything sensible about; |need| stops it with a message.

@(sim.c@>=
static void *need(void *p)
{
  if (p) return p;
  fprintf(stderr, "ltcp: out of memory\n");
  exit(EXIT_FAILURE);
}

@ An end sends a segment: this is the core's output hook.  If the cause
of what is happening has not been announced yet (a timer, say, that now
sends a segment again), its remark goes first.  The segment is
written as bytes, and the bytes are read back at once, checksum and all.
What goes into the log and the capture is the segment as read back, so
the log says what is really on the wire, not what the core meant to
send; and a core that wrote a segment nobody could read stops the run
with a message, instead of leaving the receiver to puzzle over it.

@(sim.c@>=
static void sim_output(void *ctx, struct tcp_conn *c, const struct segment *s)
{
  struct sim *m = ctx;
  int from = end_of(m, c);
  uint8_t buf[SIM_BYTES_MAX];
  size_t n = seg_write(s, buf, sizeof buf);
  if (n == 0) {
    fail(m, "%s sent a segment too large for the link", m->end[from].name);
    return;
  }
  struct segment w;
  enum seg_error err = seg_parse(&w, buf, n, s->src_addr, s->dst_addr, true);
  if (err != SEG_OK) {
    fail(m, "%s sent a segment that cannot be read back: %s",
      m->end[from].name, seg_error_text(err));
    return;
  }
  char shown[512];
  format_tcpdump(shown, sizeof shown, m->now, &w);
  if (m->cause.print == NO_ENTRY)
    m->cause.print = new_entry(m, -1, m->cause.header, NULL, 0);
  size_t entry = new_entry(m, from, shown, buf, n);
  m->res->launched[from]++;
  put_on_link(m, from, tcp_state(c), buf, n, entry);
}

@ @(sim.c@>=
static int end_of(const struct sim *m, const struct tcp_conn *c)
{
  return c == &m->end[SIM_CLIENT].conn ? SIM_CLIENT : SIM_SERVER;
}

@ Putting a segment on the link: the faults draw up their plan, then the
segment and its copies go on the queue, each due at the instant the plan
says.

@(sim.c@>=
static void put_on_link(struct sim *m, int from, enum tcp_state state,
  const uint8_t *buf, size_t n, size_t entry)
{
  struct plan p;
  memset(&p, 0, sizeof p);
  p.flip = -1;
  @<Decide what the link does with the segment@>@;
  int to = from == SIM_CLIENT ? SIM_SERVER : SIM_CLIENT;
  uint64_t due = m->now + m->delay_us + p.extra_us;
  if (!p.drop) {
    @<Queue the segment as the plan says@>@;
  }
  for (size_t k = 0; k < p.ncopies; k++)
    queue_segment(m, due + p.copy_us[k], to, entry, buf, n, "the duplicate");
}

@ A held segment goes on the queue due at the latest instant it may
arrive.  A segment that is not held releases those held before it in the
same direction: they become due at its own arrival, with later serial
numbers, so that they arrive just behind it.

@<Queue the segment as the plan says@>=
struct sim_event *ev = queue_segment(m,
  due + (p.hold ? (uint64_t) SIM_HOLD_MS * 1000 : 0), to, entry, buf, n,
  p.hold ? "the held segment" : p.extra_us ? "the delayed segment" : NULL);
if (p.flip >= 0) {
  ev->bytes[p.flip / 8] ^= (uint8_t) (1u << (p.flip % 8));
  ev->damaged = true;
}
if (p.hold) ev->held = true;
else
  for (size_t i = 0; i < m->nev; i++) {
    struct sim_event *h = &m->ev[i];
    if (h->held && h->to == to && h->entry != entry) {
      h->held = false;
      h->at = due;
      h->serial = m->serial++;
    }
  }

@ @(sim.c@>=
static struct sim_event *queue_segment(struct sim *m, uint64_t at, int to,
  size_t entry, const uint8_t *buf, size_t n, const char *late)
{
  struct sim_event *ev = new_event(m, at);
  ev->to = to;
  ev->entry = entry;
  ev->late = late;
  ev->n = n;
  memcpy(ev->bytes, buf, n);
  return ev;
}

@ A segment arrives.  The end receives the bytes; if it throws them away,
the log says why.  If the end had no connection, the log says that too,
with the section of RFC~9293 that tells what it answered.

@(sim.c@>=
static void arrive(struct sim *m, const struct sim_event *ev)
{
  struct sim_end *e = &m->end[ev->to];
  int from = ev->to == SIM_CLIENT ? SIM_SERVER : SIM_CLIENT;
  bool closed = tcp_state(&e->conn) == TCP_CLOSED;
  if (ev->damaged) m->res->damaged_arrived++;
  cause_arrival(m, ev);
  enum seg_error err = sim_end_receive(e, ev->bytes, ev->n,
    m->end[from].addr, m->now);
  if (err != SEG_OK) note(m, "%s drops it: %s", e->name, seg_error_text(err));
  else if (closed) note(m, "%s has no connection for it (RFC 9293 3.10.7.1)",
    e->name);
}

@*1 The log.
The log of a run is a list of entries.  Most entries are segments, each
printed as one line in \.{tcpdump}'s form; the others are remarks of the
simulation itself (``client calls close()''), printed after the marker
\.{\#}.  Under each entry come its {\it notes}: the changes of state it
caused, the faults that struck it, the data that was read.  Notes too
begin with the marker, so that
$$\.{ltcp sim NAME \char'174\ grep -v '\^\#\ '}$$
leaves exactly the lines that \.{tcpdump} prints for the capture.

A segment's notes also go into its capture record as a comment, which
Wireshark shows with the packet; a capture file read on its own then
still tells which state changes each packet caused.@^Wireshark@>

@<The state of a simulation@>=
#define NO_ENTRY @t\quad@> SIZE_MAX /* an index that names no entry */

struct sim_entry {
  uint64_t at;
  int from;          /* the side that sent the segment, or $-1$ for a remark */
  char *text;        /* \.{tcpdump}'s line, or the remark */
  char *notes;       /* lines, each ending in a newline, or |NULL| */
  char *comment;     /* the same, for the capture */
  size_t n;
  uint8_t *bytes;    /* the segment as sent, for the capture */
};

@ Entries are kept in the order they were made, which is the order of
virtual time.  The log is written out at the end of the run, because a
segment's notes are known only when it arrives, and its comment must be
in the capture record of the segment.

@(sim.c@>=
static size_t new_entry(struct sim *m, int from, const char *text,
  const uint8_t *bytes, size_t n)
{
  if (m->nlog == m->logcap) {
    m->logcap = m->logcap ? 2 * m->logcap : 64;
    m->log = need(realloc(m->log, m->logcap * sizeof *m->log));
  }
  struct sim_entry *e = &m->log[m->nlog];
  memset(e, 0, sizeof *e);
  e->at = m->now;
  e->from = from;
  e->text = need(strdup(text));
  if (bytes) {
    e->bytes = need(malloc(n));
    memcpy(e->bytes, bytes, n);
    e->n = n;
  }
  return m->nlog++;
}

@ A note is one line of text added to a growing string.

@(sim.c@>=
static void add_line(char **lines, const char *text)
{
  size_t old = *lines ? strlen(*lines) : 0, add = strlen(text);
  *lines = need(realloc(*lines, old + add + 2));
  memcpy(*lines + old, text, add);
  (*lines)[old + add] = '\n';
  (*lines)[old + add + 1] = '\0';
}

@ Where does a note go?  That depends on what the simulation is doing
when the note is made: carrying out a step of the script, firing an end's
timers, or delivering a segment.  The {\it cause} records this: the
segment being delivered, if any, whose comment receives the note, and the
entry under which the note is printed.

@<The state of a simulation@>=
struct note_cause {
  size_t delivered; /* the segment being delivered, or |NO_ENTRY| */
  size_t print;     /* the entry the notes go under, or |NO_ENTRY| */
  char header[160]; /* the remark to make first, when |print| is |NO_ENTRY| */
};

@ A step of the script is always announced, with a remark of its own
(``client calls close()''); the notes of the changes it causes follow.

@(sim.c@>=
static void cause_step(struct sim *m, const char *remark)
{
  m->cause.delivered = NO_ENTRY;
  m->cause.print = new_entry(m, -1, remark, NULL, 0);
}

@ Remarks give times as the segment lines do, in seconds and
microseconds since the epoch, so that a reader can match them up.

@(sim.c@>=
static const char *time_text(char *buf, size_t cap, uint64_t us)
{
  snprintf(buf, cap, "%llu.%06llu", (unsigned long long) (us / 1000000),
    (unsigned long long) (us % 1000000));
  return buf;
}

@ A timer is announced only if something comes of it (a change of state,
or a segment sent again), so that a timer that fires and does nothing
visible leaves no trace.  Since no segment line precedes it, its remark
gives the time.

@(sim.c@>=
static void cause_timer(struct sim *m, int k)
{
  char t[32];
  m->cause.delivered = NO_ENTRY;
  m->cause.print = NO_ENTRY;
  snprintf(m->cause.header, sizeof m->cause.header, "%s: a timer expires at %s",
    m->end[k].name, time_text(t, sizeof t, m->now));
}

@ A segment's arrival puts its notes right under the segment's own line,
when that line is still the last one of the log: the usual case, where
nothing else happened between sending and arriving.  Otherwise the notes
would land above lines that happened before them, so they get a remark of
their own that names the segment by the time it was sent, as \.{tcpdump}
prints it.  A segment that the link delayed, held back or duplicated
always gets such a remark, saying which of these befell it.@^duplication, simulated@>

@(sim.c@>=
static void cause_arrival(struct sim *m, const struct sim_event *ev)
{
  char sent[32];
  time_text(sent, sizeof sent, m->log[ev->entry].at);
  m->cause.delivered = ev->entry;
  m->cause.print = ev->entry == m->nlog - 1 && !ev->late ? ev->entry : NO_ENTRY;
  snprintf(m->cause.header, sizeof m->cause.header,
    "%s%s sent at %s arrives at %s", ev->late ? "link: " : "",
    ev->late ? ev->late : "the segment", sent, m->end[ev->to].name);
  if (ev->late) m->cause.print = new_entry(m, -1, m->cause.header, NULL, 0);
}

@ Making a note, then, is: add it to the comment of the segment being
delivered, if there is one, and print it under the entry of the cause,
making that entry first if it does not exist yet.

@(sim.c@>=
static void note(struct sim *m, const char *fmt, ...)
{
  char text[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(text, sizeof text, fmt, ap);
  va_end(ap);
  if (m->cause.delivered != NO_ENTRY)
    add_line(&m->log[m->cause.delivered].comment, text);
  if (m->cause.print == NO_ENTRY)
    m->cause.print = new_entry(m, -1, m->cause.header, NULL, 0);
  add_line(&m->log[m->cause.print].notes, text);
}

@ The link's own notes about a segment it has just been given go under
that segment, whatever the cause.

@(sim.c@>=
static void link_note(struct sim *m, size_t entry, const char *fmt, ...)
{
  char text[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(text, sizeof text, fmt, ap);
  va_end(ap);
  add_line(&m->log[entry].notes, text);
  add_line(&m->log[entry].comment, text);
}

@ The core's transition hook makes the most important notes of all.  A
change of state is printed with the label of its row of the transition
table, the same words as the arrows of Figure~6, so that a reader can put
a finger on the arrow that was taken.  It begins with the moment of the
change, in the form of the segment lines' times, as every state line of
every log of this book does (the chapter on logs, \secref{log}, gives the
rule): a change is written where it happened among the segments, and
its time says when.@^log, text@>  The row is counted, too: the tests
use the counts to check that the scenarios of this chapter take every
arrow of the figure.@^Figure 6@>

@(sim.c@>=
static void sim_transition(void *ctx, struct tcp_conn *c,
  const struct transition *t)
{
  struct sim *m = ctx;
  const char *who = m->end[end_of(m, c)].name;
  size_t row = (size_t) (t - tcp_transitions);
  if (row < tcp_ntransitions && row < SIM_ROWS_MAX) m->res->taken[row]++;
  char at[32];
  time_text(at, sizeof at, m->now);
  if (t->send)
    note(m, "%s %s %s -> %s (%s; send: %s)", at, who, tcp_state_name(t->from),
      tcp_state_name(t->to), t->cause, t->send);
  else
    note(m, "%s %s %s -> %s (%s)", at, who, tcp_state_name(t->from),
      tcp_state_name(t->to), t->cause);
}

@ The events the core reports to the application (connected, reset,
timed out and so on) are noted as well, and remembered in the result.

@(sim.c@>=
static void sim_event_hook(void *ctx, struct tcp_conn *c, enum tcp_event ev)
{
  struct sim *m = ctx;
  int k = end_of(m, c);
  if ((unsigned) ev < 32) m->res->events[k] |= 1u << ev;
  const char *text = event_text(ev);
  if (text) note(m, "%s: %s", m->end[k].name, text);
}

@ The log is written out: each entry, then its notes, each line of them
after the marker.

@(sim.c@>=
static void write_log(const struct sim *m, FILE *f)
{
  for (size_t i = 0; i < m->nlog; i++) {
    const struct sim_entry *e = &m->log[i];
    fprintf(f, "%s%s\n", e->from < 0 ? LOG_STATE_MARKER : "", e->text);
    for (const char *p = e->notes; p && *p; ) {
      const char *nl = strchr(p, '\n');
      fprintf(f, "%s%.*s\n", LOG_STATE_MARKER, (int) (nl - p), p);
      p = nl + 1;
    }
  }
}

@ The capture gets one record for each segment put on the link, with the
segment's bytes as the sender wrote them (a corrupted segment was damaged
after it left, as a capture taken at the sender would show it) and its
notes as the comment, without the last newline.

@(sim.c@>=
static int write_capture(struct sim *m, struct capture_writer *w)
{
  for (size_t i = 0; i < m->nlog; i++) {
    struct sim_entry *e = &m->log[i];
    if (e->from < 0) continue;
    struct segment s;
    uint32_t src = m->end[e->from].addr,
      dst = m->end[e->from == SIM_CLIENT ? SIM_SERVER : SIM_CLIENT].addr;
    if (seg_parse(&s, e->bytes, e->n, src, dst, true) != SEG_OK) return -1;
    if (e->comment) e->comment[strlen(e->comment) - 1] = '\0';
    if (capture_segment(w, e->at, &s, e->comment) != 0) return -1;
  }
  return 0;
}

@*1 Running a scenario.
A scenario is a script of steps, each a call that one end's application
makes at a given instant, together with the link's faults and its delay.
It is data, not code: a table that a reader can read, and that the
exercises ask the reader to change.

The steps are the calls of \.{tcp.h} that an application makes: listen,
connect, send a string, close, abort.  |SIM_LISTEN_FOR| is a listen that
accepts only the other end of the link (|tcp_set_remote|), which lets a
listener turn active if its application sends.  An end that receives data reads it
at once; it is a patient application that always wants more.@^listen (passive open)@>

@<The types of scenarios@>=
enum sim_call { SIM_LISTEN, SIM_LISTEN_FOR, SIM_CONNECT, SIM_SEND, SIM_CLOSE,
  SIM_ABORT };

struct sim_step {
  uint32_t at_ms;   /* milliseconds after the start of the run */
  enum sim_side who;
  enum sim_call call;
  const char *text; /* what |SIM_SEND| sends */
};

@ A scenario has a name, which the command line and other chapters use,
a summary of one line, its steps and faults, and the link's one-way
delay in milliseconds, or~0 for |SIM_DELAY_MS|.

@<The types of scenarios@>=
struct scenario {
  const char *name, *summary;
  const struct sim_step *steps;
  size_t nsteps;
  const struct fault *faults;
  size_t nfaults;
  uint32_t delay_ms;
  bool losses;  /* with the behaviours of the chapter on losses */
};

@ What a run leaves behind, besides its log and capture, is a result that
tests can examine: how each end finished, how many segments each sent,
what the faults did, what each end received and each end's application
managed to send, and which rows of the transition table were taken.@^transition table@>

@<The type of the result of a run@>=
struct sim_result {
  enum tcp_state final[2];
  uint64_t launched[2];              /* segments put on the link */
  uint64_t faults[FAULT_KINDS];      /* how often each kind struck */
  uint64_t bad_checksum[2], malformed[2];
  uint64_t damaged_arrived;          /* corrupted segments that reached an end */
  unsigned events[2];                /* bit $2^e$ for each event |e| */
  unsigned taken[SIM_ROWS_MAX];      /* per row of |tcp_transitions| */
  size_t nreceived[2], nsent_data[2];
  char received[2][SIM_DATA_MAX];
  char sent_data[2][SIM_DATA_MAX];
  uint64_t end_us;                   /* virtual time at the end */
  bool quiet;                        /* nothing was left to happen */
  char message[160];                 /* why the run failed */
};

@ @<Constants of the simulated link@>=
#define SIM_ROWS_MAX 64
#define SIM_DATA_MAX 4096

@ The interface of a run: the table of scenarios, a way to find one by
name, and |sim_run|, which runs a scenario with a seed and writes its log
to |log| and its capture to |cap|, either of which may be |NULL|.  It
returns 0, or $-1$ with a message in |res->message| if the run could not be
carried out.@^seed, of a run@>

@<Declarations of the simulated link@>=
extern const struct scenario sim_scenarios[];
extern const size_t sim_nscenarios;
const struct scenario *sim_find(const char *name);
int sim_run(const struct scenario *sc, uint64_t seed, FILE *log,
  struct capture_writer *cap, struct sim_result *res);

@ The state of a simulation gathers everything above: the scenario, the
clock, the generator, the two ends with the hooks they share, the queue,
the log and the cause of the notes being made.

@<The state of a simulation@>=
struct sim {
  const struct scenario *sc;
  struct sim_result *res;
  uint64_t now, delay_us, serial;
  struct sim_rng rng;
  struct tcp_config cfg;
  struct tcp_hooks hooks;
  struct tcp_stats stats;  /* the counters of both ends together */
  struct sim_end end[2];
  unsigned looked[SIM_FAULTS_MAX];
  uint64_t time_wait_until[2];
  struct sim_event *ev;
  size_t nev, evcap;
  struct sim_entry *log;
  size_t nlog, logcap;
  struct note_cause cause;
  bool failed;
};

@ A few functions are called before the place where the book explains
them.

@<Functions used before they are defined@>=
static void *need(void *p);
static int end_of(const struct sim *m, const struct tcp_conn *c);
static void fail(struct sim *m, const char *fmt, ...);
static size_t new_entry(struct sim *m, int from, const char *text,
  const uint8_t *bytes, size_t n);
static void note(struct sim *m, const char *fmt, ...);
static void link_note(struct sim *m, size_t entry, const char *fmt, ...);
static void put_on_link(struct sim *m, int from, enum tcp_state state,
  const uint8_t *buf, size_t n, size_t entry);
static struct sim_event *queue_segment(struct sim *m, uint64_t at, int to,
  size_t entry, const uint8_t *buf, size_t n, const char *late);
static void cause_arrival(struct sim *m, const struct sim_event *ev);
static const char *event_text(enum tcp_event ev);
static void do_step(struct sim *m, const struct sim_step *st);
static void read_what_arrived(struct sim *m);
static void reopen(struct sim *m, struct sim_end *e);
static void quote(char *out, size_t cap, const char *s, size_t n);
static void keep(char *buf, size_t *len, const char *s, size_t n);
static void note_time_wait(struct sim *m);
static const char *time_text(char *buf, size_t cap, uint64_t us);

@ A run that cannot go on (because the core sent something the link
cannot carry, say) records the first reason and stops.

@(sim.c@>=
static void fail(struct sim *m, const char *fmt, ...)
{
  if (m->failed) return;
  m->failed = true;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(m->res->message, sizeof m->res->message, fmt, ap);
  va_end(ap);
}

@ Now the run itself.

@(sim.c@>=
int sim_run(const struct scenario *sc, uint64_t seed, FILE *log,
  struct capture_writer *cap, struct sim_result *res)
{
  struct sim *m = need(calloc(1, sizeof *m));
  memset(res, 0, sizeof *res);
  m->sc = sc;
  m->res = res;
  if (sc->nfaults > SIM_FAULTS_MAX) fail(m, "too many faults");
  @<Set up the clock, the generator and the two ends@>@;
  @<Put the steps of the script on the queue@>@;
  @<Run until nothing is left to happen@>@;
  @<Record how the ends finished@>@;
  if (log) {
    fprintf(log, "%sscenario %s, seed %llu: %s\n", LOG_STATE_MARKER,
      sc->name, (unsigned long long) seed, sc->summary);
    write_log(m, log);
  }
  if (cap && !m->failed && write_capture(m, cap) != 0)
    fail(m, "the capture could not be written");
  @<Free the simulation@>@;
  return res->message[0] ? -1 : 0;
}

@ The seed feeds the generator, and the generator's first two numbers
become the secret key from which the ends compute their initial sequence
numbers (RFC~6528): a different seed gives different sequence numbers, as
a different boot of a real host would.  The two ends share one set of
hooks, in the order \.{tcp.h} declares them: the context, then the
functions for output, for changes of state and for events, then the
counters, which the two ends share.  The ends do not delay their
acknowledgments (the chapter on the sliding window (\secref{window}) says why).@^sliding window@>@^seed, of a run@>@^RFC 6528@>

@<Set up the clock, the generator and the two ends@>=
m->now = SIM_EPOCH_US;
m->delay_us = (uint64_t) (sc->delay_ms ? sc->delay_ms : SIM_DELAY_MS) * 1000;
sim_rng_seed(&m->rng, seed);
tcp_config_default(&m->cfg);
m->cfg.delack_us = 0;
@<Turn off the behaviours of the chapter on losses, unless the scenario wants them@>@;
m->cfg.isn_key[0] = sim_rng_next(&m->rng);
m->cfg.isn_key[1] = sim_rng_next(&m->rng);
const struct tcp_hooks hooks = {m, sim_output, sim_transition, sim_event_hook,
  &m->stats};
m->hooks = hooks;
sim_end_init(&m->end[SIM_CLIENT], "client", SIM_CLIENT_ADDR, SIM_CLIENT_PORT,
  &m->cfg, &m->hooks);
sim_end_init(&m->end[SIM_SERVER], "server", SIM_SERVER_ADDR, SIM_SERVER_PORT,
  &m->cfg, &m->hooks);

@ @<Put the steps of the script on the queue@>=
for (size_t i = 0; i < sc->nsteps; i++)
  new_event(m, SIM_EPOCH_US + (uint64_t) sc->steps[i].at_ms * 1000)->call =
    &sc->steps[i];

@ The heart of the simulation: find the next thing to happen, move the
clock to it, and do it.  The next thing is the earliest event on the
queue, or the earliest deadline of the two ends, whichever comes first;
an event wins a tie with a timer.  The clock never moves backwards, even
if a connection asks for a deadline that has already passed.

@<Run until nothing is left to happen@>=
for (long count = 0; !m->failed; count++) {
  size_t i = next_event(m);
  uint64_t event_at = i == NO_ENTRY ? UINT64_MAX : m->ev[i].at;
  int k = SIM_CLIENT;
  uint64_t timer_at = tcp_next_deadline(&m->end[SIM_CLIENT].conn);
  if (tcp_next_deadline(&m->end[SIM_SERVER].conn) < timer_at) {
    k = SIM_SERVER;
    timer_at = tcp_next_deadline(&m->end[SIM_SERVER].conn);
  }
  if (event_at == UINT64_MAX && timer_at == UINT64_MAX) {
    res->quiet = true;
    break;
  }
  uint64_t at = event_at <= timer_at ? event_at : timer_at;
  if (at > SIM_EPOCH_US + SIM_HORIZON_US || count == SIM_EVENTS_MAX) break;
  if (at > m->now) m->now = at;
  if (event_at <= timer_at) {
    @<Take event |i| off the queue and carry it out@>@;
  } else {
    cause_timer(m, k);
    tcp_tick(&m->end[k].conn, m->now);
  }
  read_what_arrived(m);
  note_time_wait(m);
}

@ The event is copied out of the queue before it is carried out, because
carrying it out may put new events on the queue and move the array.

@<Take event |i| off the queue and carry it out@>=
struct sim_event ev = m->ev[i];
m->ev[i] = m->ev[--m->nev];
if (ev.call) do_step(m, ev.call);
else arrive(m, &ev);

@ A step of the script: announce the call, then make it.  An end that has
been closed and is opened again starts afresh with |tcp_init|, as a new
socket on the same port would.  A call that fails is noted with its
status.@^socket interface@>

@(sim.c@>=
static void do_step(struct sim *m, const struct sim_step *st)
{
  struct sim_end *e = &m->end[st->who];
  const struct sim_end *peer = &m->end[st->who == SIM_CLIENT ? SIM_SERVER
    : SIM_CLIENT];
  char remark[160];
  int rc = 0;
  @<Announce the call of step |st|@>@;
  cause_step(m, remark);
  switch (st->call) {
  case SIM_LISTEN: reopen(m, e);
    rc = tcp_listen(&e->conn, m->now);@+break;
  case SIM_LISTEN_FOR: reopen(m, e);
    rc = tcp_listen(&e->conn, m->now);
    if (rc == 0) rc = tcp_set_remote(&e->conn, peer->addr, peer->port);
    break;
  case SIM_CONNECT: reopen(m, e);
    rc = tcp_connect(&e->conn, peer->addr, peer->port, m->now);@+break;
  case SIM_SEND: {
    @<Send the text of step |st|@>@;
    break;
  }
  case SIM_CLOSE: rc = tcp_close(&e->conn, m->now);@+break;
  case SIM_ABORT: tcp_abort(&e->conn, m->now);@+break;
  }
  if (rc != 0) note(m, "%s: the call fails (status %d)", e->name, rc);
}

@ @<Announce the call of step |st|@>=
static const char *const call_name[] = {"listen", "listen", "connect",
  "send", "close", "abort"};
if (st->call == SIM_SEND) {
  char q[96];
  quote(q, sizeof q, st->text, strlen(st->text));
  snprintf(remark, sizeof remark, "%s calls send(%s)", e->name, q);
} else snprintf(remark, sizeof remark, "%s calls %s()%s%s", e->name,
    call_name[st->call], st->call == SIM_LISTEN_FOR ? ", for the " : "",
    st->call == SIM_LISTEN_FOR ? peer->name : "");

@ The core may accept less than the whole text, if its buffer is full;
the log says so, and the result records what was accepted, which is what
the other end should receive.

@<Send the text of step |st|@>=
size_t n = strlen(st->text);
size_t took = tcp_send(&e->conn, st->text, n, m->now);
if (took < n) note(m, "%s: %zu of %zu bytes accepted", e->name, took, n);
keep(m->res->sent_data[st->who], &m->res->nsent_data[st->who], st->text,
  took);

@ @(sim.c@>=
static void reopen(struct sim *m, struct sim_end *e)
{
  if (tcp_state(&e->conn) == TCP_CLOSED)
    tcp_init(&e->conn, &m->cfg, &m->hooks, e->addr, e->port);
}

@ After every event and every timer, each end's application reads what has
arrived for it, and the log shows the text.

@(sim.c@>=
static void read_what_arrived(struct sim *m)
{
  for (int k = SIM_CLIENT; k <= SIM_SERVER; k++) {
    char buf[512], q[600];
    size_t n;
    while ((n = tcp_recv(&m->end[k].conn, buf, sizeof buf, m->now)) > 0) {
      quote(q, sizeof q, buf, n);
      note(m, "%s reads %s", m->end[k].name, q);
      keep(m->res->received[k], &m->res->nreceived[k], buf, n);
    }
  }
}

@ TIME\_WAIT is the state this book spends most time on, so the log says
when its wait of 2MSL begins and when it begins again: after every event,
an end in TIME\_WAIT whose deadline has moved gets a note.@^2MSL@>@^TIME\_WAIT state@>

@(sim.c@>=
static void note_time_wait(struct sim *m)
{
  for (int k = SIM_CLIENT; k <= SIM_SERVER; k++) {
    const struct tcp_conn *c = &m->end[k].conn;
    uint64_t until = tcp_state(c) == TCP_TIME_WAIT ? tcp_next_deadline(c) : 0;
    if (until != 0 && until != m->time_wait_until[k]) {
      char t[32];
      note(m, "%s stays in TIME_WAIT until %s, 2MSL from now", m->end[k].name,
        time_text(t, sizeof t, until));
    }
    m->time_wait_until[k] = until;
  }
}

@ Text in the log is quoted as in C, with escapes for what is not
printable, so that a log is always plain lines of ASCII.

@(sim.c@>=
static void quote(char *out, size_t cap, const char *s, size_t n)
{
  size_t k = 0;
  out[k++] = '"';
  for (size_t i = 0; i < n && k + 6 < cap; i++) {
    unsigned char c = (unsigned char) s[i];
    if (c == '"' || c == '\\') k += (size_t) snprintf(out + k, cap - k, "\\%c", c);
    else if (c == '\n') k += (size_t) snprintf(out + k, cap - k, "\\n");
    else if (c < 32 || c > 126) k += (size_t) snprintf(out + k, cap - k, "\\x%02x", c);
    else out[k++] = (char) c;
  }
  out[k++] = '"';
  out[k] = '\0';
}

@ @(sim.c@>=
static void keep(char *buf, size_t *len, const char *s, size_t n)
{
  if (n > SIM_DATA_MAX - *len) n = SIM_DATA_MAX - *len;
  memcpy(buf + *len, s, n);
  *len += n;
}

@ @<Record how the ends finished@>=
for (int k = SIM_CLIENT; k <= SIM_SERVER; k++) {
  res->final[k] = tcp_state(&m->end[k].conn);
  res->bad_checksum[k] = m->end[k].bad_checksum;
  res->malformed[k] = m->end[k].malformed;
}
res->end_us = m->now - SIM_EPOCH_US;

@ @<Free the simulation@>=
for (size_t i = 0; i < m->nlog; i++) {
  free(m->log[i].text);
  free(m->log[i].notes);
  free(m->log[i].comment);
  free(m->log[i].bytes);
}
free(m->log);
free(m->ev);
free(m);

@*1 The scenarios.
Each scenario is a table of steps and, for some, a table of faults.  The
macros below let a scenario's row name its tables once.

@(sim.c@>=
#define STEPS(a) @t\quad@> (a), sizeof(a) / sizeof(a)[0]
#define FAULTS(a) @t\quad@> (a), sizeof(a) / sizeof(a)[0]
#define NO_FAULTS @t\quad@> NULL, 0
@<The scripts of the scenarios@>@;
@<The faults of the scenarios@>@;
const struct scenario sim_scenarios[] = {@t}\1{@>@/
  @<Scenarios@>@t}\2{@>@/
};
const size_t sim_nscenarios = sizeof sim_scenarios / sizeof sim_scenarios[0];

@ @(sim.c@>=
const struct scenario *sim_find(const char *name)
{
  for (size_t i = 0; i < sim_nscenarios; i++)
    if (strcmp(sim_scenarios[i].name, name) == 0) return &sim_scenarios[i];
  return NULL;
}

@ The whole life of a connection, as the article's Figure~1 draws it.
The server listens and the client connects; each sends a line; the client
closes first; the server, which may still send, sends one more line and
then closes.  The client then waits in TIME\_WAIT for two maximum segment
lifetimes, a minute of virtual time, before it too is CLOSED.@^TIME\_WAIT state@>@^the article, TCP's three-way handshake and four-way wave, illustrated@>@^Figure 1@>

@<The scripts of the scenarios@>=
static const struct sim_step lifecycle[] = {@/
  {0, SIM_SERVER, SIM_LISTEN, NULL},@/
  {0, SIM_CLIENT, SIM_CONNECT, NULL},@/
  {100, SIM_CLIENT, SIM_SEND, "hello, server"},@/
  {200, SIM_SERVER, SIM_SEND, "hello, client"},@/
  {300, SIM_CLIENT, SIM_CLOSE, NULL},@/
  {400, SIM_SERVER, SIM_SEND, "one more line"},@/
  {500, SIM_SERVER, SIM_CLOSE, NULL},@/
};

@ @<Scenarios@>=
@[{"lifecycle",@/
  "Figure 1: open, a line each way, the client "@/
  "closes, the server sends one more line and closes",@/
  STEPS(lifecycle), NO_FAULTS, 0, false},@/@]

@ The three-way handshake of Figure~2, and nothing else: both ends are
left ESTABLISHED, and since neither has a timer running, the run ends.@^three-way handshake@>@^ESTABLISHED state@>@^Figure 2@>

@<The scripts of the scenarios@>=
static const struct sim_step handshake[] = {@/
  {0, SIM_SERVER, SIM_LISTEN, NULL},@/
  {0, SIM_CLIENT, SIM_CONNECT, NULL},@/
};

@ @<Scenarios@>=
@[{"handshake",@/
  "Figure 2: the three-way handshake",@/
  STEPS(handshake), NO_FAULTS, 0, false},@/@]

@ The four-way wave of Figure~3, the client closing first, and the same
with the roles swapped: whichever end closes first is the one that waits
in TIME\_WAIT.@^four-way wave@>@^TIME\_WAIT state@>@^Figure 3@>

@<The scripts of the scenarios@>=
static const struct sim_step client_close[] = {@/
  {0, SIM_SERVER, SIM_LISTEN, NULL},@/
  {0, SIM_CLIENT, SIM_CONNECT, NULL},@/
  {100, SIM_CLIENT, SIM_CLOSE, NULL},@/
  {200, SIM_SERVER, SIM_CLOSE, NULL},@/
};
static const struct sim_step server_close[] = {@/
  {0, SIM_SERVER, SIM_LISTEN, NULL},@/
  {0, SIM_CLIENT, SIM_CONNECT, NULL},@/
  {100, SIM_SERVER, SIM_CLOSE, NULL},@/
  {200, SIM_CLIENT, SIM_CLOSE, NULL},@/
};

@ @<Scenarios@>=
@[{"client-close",@/
  "Figure 3: the four-way wave, the client "@/
  "closing first",@/
  STEPS(client_close), NO_FAULTS, 0, false},@/
{"server-close",@/
  "the four-way wave, the server closing first",@/
  STEPS(server_close), NO_FAULTS, 0, false},@/@]

@ The article's first question, why closing takes four segments when
opening takes three, is answered by a half-close: the client sends its
request and closes its half of the connection at once, and the server
goes on answering, in three parts, before it closes its own half.  The
server's ACK of the client's FIN cannot wait for the server's FIN,
because the server does not yet know when it will be done.@^half-close@>

@<The scripts of the scenarios@>=
static const struct sim_step half_close[] = {@/
  {0, SIM_SERVER, SIM_LISTEN, NULL},@/
  {0, SIM_CLIENT, SIM_CONNECT, NULL},@/
  {100, SIM_CLIENT, SIM_SEND, "please send the report"},@/
  {100, SIM_CLIENT, SIM_CLOSE, NULL},@/
  {200, SIM_SERVER, SIM_SEND, "report, part 1"},@/
  {300, SIM_SERVER, SIM_SEND, "report, part 2"},@/
  {400, SIM_SERVER, SIM_SEND, "report, part 3"},@/
  {500, SIM_SERVER, SIM_CLOSE, NULL},@/
};

@ @<Scenarios@>=
@[{"half-close",@/
  "question 1: the server sends data after the "@/
  "client's FIN",@/
  STEPS(half_close), NO_FAULTS, 0, false},@/@]

@ The first reason for TIME\_WAIT: the last ACK of the wave is lost.  The
server, in LAST\_ACK, sends its FIN again when its retransmission timer
expires, and the client, still in TIME\_WAIT, can answer it and start
its wait of 2MSL afresh.  Had it forgotten the connection, it would
answer with a reset, and a connection that closed perfectly well would
end at the server with a reset instead of an acknowledgment.@^2MSL@>@^retransmission@>@^LAST\_ACK state@>@^TIME\_WAIT state@>@^loss, simulated@>

@<The faults of the scenarios@>=
static const struct fault drop_last_ack[] = {@/
  {FAULT_DROP, SIM_CLIENT, TCP_TIME_WAIT, 1, 0, 0},@/
};

@ @<Scenarios@>=
@[{"lost-last-ack",@/
  "question 2(a): the last ACK is lost; the FIN "@/
  "sent again is answered from TIME_WAIT",@/
  STEPS(client_close), FAULTS(drop_last_ack), 0, false},@/@]

@ The second reason: old duplicates.  The link duplicates the server's
line of data twice, and holds the copies back for 30 and for 70 seconds.

The first copy finds the client in TIME\_WAIT.  Its bytes were received
long ago, so the client takes nothing from it and answers with an ACK of
what it really has, as RFC~9293 asks of every unacceptable segment.  The
log then shows something the article does not mention: the server has
forgotten the connection, so its host answers that ACK with a reset.
Under the letter of RFC~9293 that reset would end TIME\_WAIT at once,
and with it the protection TIME\_WAIT exists to give.  RFC~1337 calls
this ``TIME-WAIT assassination''; like the BSD systems, our core follows
its advice by default (the configuration's |rfc1337| flag) and drops a
reset in TIME\_WAIT, which is why the client in the log stays in
TIME\_WAIT until its 2MSL timer expires.

The second copy arrives after the two ends have opened a new connection
on the same ports.  The new initial sequence numbers come from a clock
that has moved on by a minute, so the old sequence number lies millions
of bytes outside the new window: the client answers with an ACK and
throws the copy away, and its application reads only the new line.  A
copy could be taken for new data only if it fell inside the new window.
Waiting 2MSL before the ports are used again makes sure that, when no
segment lives longer than the MSL, every old copy has died first; our link
broke that rule on purpose, and the choice of sequence numbers was the
second line of defence.@^TIME-WAIT assassination@>@^MSL@>@^2MSL@>@^initial sequence number (ISN)@>@^old duplicate segments@>@^acceptable segment@>@^duplication, simulated@>@^the article, TCP's three-way handshake and four-way wave, illustrated@>@^RFC 1337@>

@<The scripts of the scenarios@>=
static const struct sim_step old_duplicate[] = {@/
  {0, SIM_SERVER, SIM_LISTEN, NULL},@/
  {0, SIM_CLIENT, SIM_CONNECT, NULL},@/
  {100, SIM_SERVER, SIM_SEND, "old data"},@/
  {200, SIM_CLIENT, SIM_CLOSE, NULL},@/
  {300, SIM_SERVER, SIM_CLOSE, NULL},@/
  {61000, SIM_SERVER, SIM_LISTEN, NULL},@/
  {61000, SIM_CLIENT, SIM_CONNECT, NULL},@/
  {61100, SIM_SERVER, SIM_SEND, "new data"},@/
  {80000, SIM_CLIENT, SIM_CLOSE, NULL},@/
  {80100, SIM_SERVER, SIM_CLOSE, NULL},@/
};

@ @<The faults of the scenarios@>=
static const struct fault old_copies[] = {@/
  {FAULT_DUPLICATE, SIM_SERVER, TCP_ESTABLISHED, 1, 0, 30000},@/
  {FAULT_DUPLICATE, SIM_SERVER, TCP_ESTABLISHED, 1, 0, 70000},@/
};

@ @<Scenarios@>=
@[{"old-duplicate",@/
  "question 2(b): old copies of a segment arrive "@/
  "in TIME_WAIT and in a new connection",@/
  STEPS(old_duplicate), FAULTS(old_copies), 0, false},@/@]

@ Both ends open actively, at the same instant, each towards the other.
Their SYNs cross on the link, each end answers the other's SYN from
SYN\_SENT, and both pass through SYN\_RCVD to ESTABLISHED: one connection,
not two.  Closing at the same instant is the mirror image: the FINs
cross, and both ends pass through CLOSING.@^SYN\_SENT state@>@^SYN\_RCVD state@>@^ESTABLISHED state@>@^CLOSING state@>

@<The scripts of the scenarios@>=
static const struct sim_step simultaneous_open[] = {@/
  {0, SIM_CLIENT, SIM_CONNECT, NULL},@/
  {0, SIM_SERVER, SIM_CONNECT, NULL},@/
};
static const struct sim_step simultaneous_close[] = {@/
  {0, SIM_SERVER, SIM_LISTEN, NULL},@/
  {0, SIM_CLIENT, SIM_CONNECT, NULL},@/
  {100, SIM_CLIENT, SIM_CLOSE, NULL},@/
  {100, SIM_SERVER, SIM_CLOSE, NULL},@/
};

@ @<Scenarios@>=
@[{"simultaneous-open",@/
  "both ends connect at once; the SYNs cross",@/
  STEPS(simultaneous_open), NO_FAULTS, 0, false},@/
{"simultaneous-close",@/
  "both ends close at once; the FINs cross",@/
  STEPS(simultaneous_close), NO_FAULTS, 0, false},@/@]

@ FIN\_WAIT\_1 straight to TIME\_WAIT.  When the server's ACK of the
client's FIN is lost, the next thing the client hears is the server's
own FIN, which acknowledges the client's FIN as well: the client takes the
arrow of Figure~6 from FIN\_WAIT\_1 to TIME\_WAIT.  A real server often
causes this without any loss, by delaying its ACK briefly in the hope of
sending its FIN with it.@^FIN\_WAIT\_1 state@>@^loss, simulated@>@^Figure 6@>

@<The faults of the scenarios@>=
static const struct fault drop_ack_of_fin[] = {@/
  {FAULT_DROP, SIM_SERVER, TCP_CLOSE_WAIT, 1, 0, 0},@/
};

@ @<Scenarios@>=
@[{"fin-ack-in-fin-wait-1",@/
  "the client's FIN_WAIT_1 receives FIN and ACK "@/
  "at once",@/
  STEPS(client_close), FAULTS(drop_ack_of_fin), 0, false},@/@]

@ Lost handshake segments.  When the client's first SYN is lost, the
client sends it again when its retransmission timer expires (RFC~6298
sets the first timeout at one second).  When the server's SYN,ACK is
lost, both ends have a timer running.  The client's expires first, and
its SYN comes again; the server answers it at once with its SYN,ACK; a
moment later the server's own timer expires and sends the SYN,ACK once
more, and the client acknowledges both.  When the server's FIN is lost,
it sends it again from LAST\_ACK.@^retransmission@>@^LAST\_ACK state@>@^loss, simulated@>@^RFC 6298@>

@<The faults of the scenarios@>=
static const struct fault drop_syn[] = {@/
  {FAULT_DROP, SIM_CLIENT, TCP_SYN_SENT, 1, 0, 0},@/
};
static const struct fault drop_syn_ack[] = {@/
  {FAULT_DROP, SIM_SERVER, TCP_SYN_RCVD, 1, 0, 0},@/
};
static const struct fault drop_fin[] = {@/
  {FAULT_DROP, SIM_SERVER, TCP_LAST_ACK, 1, 0, 0},@/
};

@ @<Scenarios@>=
@[{"lost-syn",@/
  "the client's SYN is lost and sent again",@/
  STEPS(handshake), FAULTS(drop_syn), 0, false},@/
{"lost-syn-ack",@/
  "the server's SYN,ACK is lost",@/
  STEPS(handshake), FAULTS(drop_syn_ack), 0, false},@/
{"lost-fin",@/
  "the server's FIN is lost and sent again from "@/
  "LAST_ACK",@/
  STEPS(client_close), FAULTS(drop_fin), 0, false},@/@]

@ Refused connections.  A SYN to a port where nobody listens is answered
by a reset, and the client gives up at once.  The same happens when the
server has stopped listening before the SYN arrives, which takes the
arrow from LISTEN to CLOSED.@^LISTEN state@>

@<The scripts of the scenarios@>=
static const struct sim_step syn_to_closed_port[] = {@/
  {0, SIM_CLIENT, SIM_CONNECT, NULL},@/
};
static const struct sim_step close_in_listen[] = {@/
  {0, SIM_SERVER, SIM_LISTEN, NULL},@/
  {50, SIM_SERVER, SIM_CLOSE, NULL},@/
  {100, SIM_CLIENT, SIM_CONNECT, NULL},@/
};

@ @<Scenarios@>=
@[{"syn-to-closed-port",@/
  "a SYN to a port where nobody listens is refused",@/
  STEPS(syn_to_closed_port), NO_FAULTS, 0, false},@/
{"close-in-listen",@/
  "the server stops listening; a later SYN is "@/
  "refused",@/
  STEPS(close_in_listen), NO_FAULTS, 0, false},@/@]

@ Resets in the middle of things.  An application that aborts a
connection sends a reset, and the other end drops the connection at
once, whatever its state.

@<The scripts of the scenarios@>=
static const struct sim_step rst_in_established[] = {@/
  {0, SIM_SERVER, SIM_LISTEN, NULL},@/
  {0, SIM_CLIENT, SIM_CONNECT, NULL},@/
  {100, SIM_CLIENT, SIM_SEND, "hello, server"},@/
  {200, SIM_CLIENT, SIM_ABORT, NULL},@/
};

@ @<Scenarios@>=
@[{"rst-in-established",@/
  "the client aborts; its reset ends the server's "@/
  "connection",@/
  STEPS(rst_in_established), NO_FAULTS, 0, false},@/@]

@ A client that gives up while its SYN is on the way (it closes in
SYN\_SENT) forgets the connection at once; when the server's SYN,ACK
arrives, the client has no connection for it and answers with a reset,
which sends the server from SYN\_RCVD back to LISTEN.@^LISTEN state@>@^SYN\_SENT state@>@^SYN\_RCVD state@>@^LISTEN, return to@>

@<The scripts of the scenarios@>=
static const struct sim_step close_in_syn_sent[] = {@/
  {0, SIM_SERVER, SIM_LISTEN, NULL},@/
  {0, SIM_CLIENT, SIM_CONNECT, NULL},@/
  {5, SIM_CLIENT, SIM_CLOSE, NULL},@/
};

@ @<Scenarios@>=
@[{"close-in-syn-sent",@/
  "the client closes while its SYN is on the way",@/
  STEPS(close_in_syn_sent), NO_FAULTS, 0, false},@/@]

@ The reason for the third segment of the handshake, after RFC~9293's
Figure~8 (``recovery from old duplicate SYN''): a SYN of an earlier
attempt, long delayed, reaches the server while the client is already
trying again with a new initial sequence number.  The server cannot tell
the old SYN from a new one and answers it; the client sees an
acknowledgement of a sequence number it never sent in this attempt and
answers with a reset, which returns the server to LISTEN.  Then the
client's new SYN arrives and the connection opens normally.@^initial sequence number (ISN)@>@^old duplicate segments@>

@<The scripts of the scenarios@>=
static const struct sim_step old_syn[] = {@/
  {0, SIM_SERVER, SIM_LISTEN, NULL},@/
  {0, SIM_CLIENT, SIM_CONNECT, NULL},@/
  {5, SIM_CLIENT, SIM_CLOSE, NULL},@/
  {300, SIM_CLIENT, SIM_CONNECT, NULL},@/
};

@ @<The faults of the scenarios@>=
static const struct fault late_syns[] = {@/
  {FAULT_DELAY, SIM_CLIENT, TCP_SYN_SENT, 1, 0, 500},@/
  {FAULT_DELAY, SIM_CLIENT, TCP_SYN_SENT, 2, 0, 400},@/
};

@ @<Scenarios@>=
@[{"rst-in-syn-rcvd",@/
  "an old duplicate SYN is refused by the client's "@/
  "reset; the server returns to LISTEN",@/
  STEPS(old_syn), FAULTS(late_syns), 0, false},@/@]

@ A server may close a connection before the handshake is complete.  In
SYN\_RCVD it has sent nothing but its SYN, so it can send its FIN at once
and go to FIN\_WAIT\_1 (RFC~9293 \S3.10.4); the client learns of the
connection and of its end in two consecutive segments.@^SYN\_RCVD state@>@^FIN\_WAIT\_1 state@>@^RFC 9293 \S3.10.4@>

@<The scripts of the scenarios@>=
static const struct sim_step close_in_syn_rcvd[] = {@/
  {0, SIM_SERVER, SIM_LISTEN, NULL},@/
  {0, SIM_CLIENT, SIM_CONNECT, NULL},@/
  {15, SIM_SERVER, SIM_CLOSE, NULL},@/
  {100, SIM_CLIENT, SIM_CLOSE, NULL},@/
};

@ @<Scenarios@>=
@[{"close-in-syn-rcvd",@/
  "the server closes before the handshake is "@/
  "complete",@/
  STEPS(close_in_syn_rcvd), NO_FAULTS, 0, false},@/@]

@ A handshake that cannot complete: every SYN,ACK the server sends is
lost.  The client sends its SYN again and again, the server its SYN,ACK,
each backing off, until both give up: the client from SYN\_SENT, the
server from SYN\_RCVD, each with a timeout.@^loss, simulated@>

@<The faults of the scenarios@>=
static const struct fault drop_all_syn_acks[] = {@/
  {FAULT_DROP, SIM_SERVER, TCP_SYN_RCVD, 0, 1000000, 0},@/
};

@ @<Scenarios@>=
@[{"syn-rcvd-timeout",@/
  "every SYN,ACK is lost; both ends give up",@/
  STEPS(handshake), FAULTS(drop_all_syn_acks), 0, false},@/@]

@ A handshake that nobody answers: every SYN the client sends is lost,
as if the server's host were down or a firewall dropped the segments
without a word.  The client sends its SYN again and again, backing off,
until it gives up from SYN\_SENT: the connection-establishment timeout.
The server never hears of it.@^connection-establishment timeout@>

@<The faults of the scenarios@>=
static const struct fault drop_all_syns[] = {@/
  {FAULT_DROP, SIM_CLIENT, TCP_SYN_SENT, 0, 1000000, 0},@/
};

@ @<Scenarios@>=
@[{"syn-timeout",@/
  "nobody answers the client's SYN; it gives up",@/
  STEPS(handshake), FAULTS(drop_all_syns), 0, false},@/@]

@ The lifecycle again, on a bad link: each segment is lost, duplicated,
delayed, held back or damaged, each with a chance of a few percent, drawn
from the seed.  The steps are spread out over minutes, so that even a
handshake that must be tried several times is over before the first line
of data is sent.  Run it with different seeds (\.{ltcp sim lossy --seed
7}) and see a different run each time, and the same run each time with
the same seed.

@<The scripts of the scenarios@>=
static const struct sim_step lossy[] = {@/
  {0, SIM_SERVER, SIM_LISTEN, NULL},@/
  {0, SIM_CLIENT, SIM_CONNECT, NULL},@/
  {30000, SIM_CLIENT, SIM_SEND, "hello, server"},@/
  {60000, SIM_SERVER, SIM_SEND, "hello, client"},@/
  {90000, SIM_CLIENT, SIM_CLOSE, NULL},@/
  {120000, SIM_SERVER, SIM_SEND, "one more line"},@/
  {150000, SIM_SERVER, SIM_CLOSE, NULL},@/
};

@ @<The faults of the scenarios@>=
static const struct fault bad_link[] = {@/
  {FAULT_DROP, SIM_ANY, TCP_NSTATES, 0, 100000, 0},@/
  {FAULT_DUPLICATE, SIM_ANY, TCP_NSTATES, 0, 50000, 5},@/
  {FAULT_DELAY, SIM_ANY, TCP_NSTATES, 0, 50000, 300},@/
  {FAULT_REORDER, SIM_ANY, TCP_NSTATES, 0, 50000, 0},@/
  {FAULT_CORRUPT, SIM_ANY, TCP_NSTATES, 0, 50000, 0},@/
};

@ @<Scenarios@>=
@[{"lossy",@/
  "the lifecycle on a link that drops, duplicates, "@/
  "delays, reorders and corrupts by chance",@/
  STEPS(lossy), FAULTS(bad_link), 0, false},@/@]

@ A listener that knows its peer may send before anyone connects: its
SYN goes out, and the connection opens actively, from LISTEN (Figure~6's
arrow from LISTEN to SYN\_SENT).  Here the client listens, and the
server, listening for the client only, sends first.@^Figure 6@>

@<The scripts of the scenarios@>=
static const struct sim_step send_in_listen[] = {@/
  {0, SIM_CLIENT, SIM_LISTEN, NULL},@/
  {0, SIM_SERVER, SIM_LISTEN_FOR, NULL},@/
  {100, SIM_SERVER, SIM_SEND, "hello, whoever listens"},@/
};

@ @<Scenarios@>=
@[{"send-in-listen",@/
  "a listener that knows its peer sends data, and "@/
  "so opens actively",@/
  STEPS(send_in_listen), NO_FAULTS, 0, false},@/@]

@ The events of \.{tcp.h} are named by |tcp_event_name|.  The log shows
only those that say something its other lines do not: that the stream
ended, that the connection was reset or refused, or that it timed out.@^connection refused@>

@(sim.c@>=
static const char *event_text(enum tcp_event ev)
{
  switch (ev) {
  case TCP_EV_EOF: case TCP_EV_RESET: case TCP_EV_REFUSED: case TCP_EV_TIMEOUT:
    return tcp_event_name(ev);
  default: return NULL;
  }
}

@*1 The command \.{ltcp sim}.
The command runs one scenario and prints its log on the standard output;
with \.{-w FILE} it also writes the capture (pcapng, or pcap if the name
ends in \.{.pcap}, a format without comments).

@<Header files of the program@>=
#include <errno.h>
#include "sim.h"

@ @<Subcommands@>=
@[{"sim", cmd_sim, "SCENARIO [--seed N] [-w FILE] | --list",
  "run a scenario on the simulated link and print its log"},@/@]

@ A seed is a decimal number that fits in 64 bits, and nothing else.

@<Subcommand functions@>=
static bool read_seed(const char *s, uint64_t *seed)
{
  uint64_t v = 0;
  if (!*s) return false;
  for (; *s; s++) {
    if (*s < '0' || *s > '9') return false;
    unsigned d = (unsigned) (*s - '0');
    if (v > (UINT64_MAX - d) / 10) return false;
    v = 10 * v + d;
  }
  *seed = v;
  return true;
}

@ @<Subcommand functions@>=
static int cmd_sim(int argc, char **argv)
{
  const char *name = NULL, *file = NULL;
  uint64_t seed = 1;
  bool list = false;
  if (wants_help(argc, argv)) {
    @<Print the help of \.{ltcp sim}@>@;
    return EXIT_SUCCESS;
  }
  @<Read the arguments of \.{ltcp sim}@>@;
  if (list) {
    for (size_t i = 0; i < sim_nscenarios; i++)
      printf("%-22s %s\n", sim_scenarios[i].name, sim_scenarios[i].summary);
    return EXIT_SUCCESS;
  }
  @<Run the scenario |name| and write its capture to |file|@>@;
}

@ @<Print the help of \.{ltcp sim}@>=
printf("Runs SCENARIO on the simulated link and prints its log: each segment\n"@t}\1\1{@>@/
  "as tcpdump -n -S -tt prints it, each change of state below it after '# '.\n"@/
  "  --list     name the scenarios\n"@/
  "  --seed N   seed of the random numbers (default 1)\n"@/
  "  -w FILE    also write the capture to FILE (pcapng; pcap if FILE ends in .pcap)\n"@t}\2\2{@>);

@ Each argument is an option or the scenario's name; a wrong one ends the
command with a line that says what was wrong and the usual hint.

@<Read the arguments of \.{ltcp sim}@>=
for (int i = 1; i < argc; i++) {
  if (strcmp(argv[i], "--list") == 0) list = true;
  else if (strcmp(argv[i], "--seed") == 0) {
    if (i + 1 == argc) return usage_error("sim", "--seed needs a number");
    if (!read_seed(argv[++i], &seed))
      return usage_error("sim", "the seed must be a number from 0 to %llu, "@t}\1\1{@>@/
        "not '%s'", (unsigned long long) UINT64_MAX, argv[i]@t}\2\2{@>);
  } else if (strcmp(argv[i], "-w") == 0) {
    if (i + 1 == argc) return usage_error("sim", "-w needs a file name");
    file = argv[++i];
  } else if (argv[i][0] == '-' && argv[i][1] != '\0')
    return usage_error("sim", "unknown option '%s'", argv[i]);
  else if (name)
    return usage_error("sim", "one scenario at a time, not '%s' and '%s'",
      name, argv[i]);
  else name = argv[i];
}
if (list && (name || file))
  return usage_error("sim", "--list takes no scenario and no file");
if (!list && !name)
  return usage_error("sim", "which scenario? 'ltcp sim --list' names them");

@ @<Run the scenario |name| and write its capture to |file|@>=
const struct scenario *sc = sim_find(name);
if (!sc)
  return usage_error("sim", "no scenario named '%s'; 'ltcp sim --list' "@t}\1\1{@>@/
    "names them", name@t}\2\2{@>);
FILE *f = NULL;
struct capture_writer w;
if (file) {
  size_t len = strlen(file);
  bool pcap = len >= 5 && strcmp(file + len - 5, ".pcap") == 0;
  f = fopen(file, "wb");
  if (!f || capture_open(&w, f, pcap ? CAPTURE_PCAP : CAPTURE_PCAPNG) != 0) {
    fprintf(stderr, "ltcp: sim: cannot write '%s': %s\n", file,
      strerror(errno));
    if (f) fclose(f);
    return EXIT_FAILURE;
  }
}
struct sim_result *res = malloc(sizeof *res);
if (!res) return EXIT_FAILURE;
int rc = sim_run(sc, seed, stdout, f ? &w : NULL, res);
if (rc != 0) fprintf(stderr, "ltcp: sim: %s\n", res->message);
free(res);
if (f && fclose(f) != 0) {
  fprintf(stderr, "ltcp: sim: cannot write '%s'\n", file);
  rc = -1;
}
return rc == 0 ? EXIT_SUCCESS : EXIT_FAILURE;

@* Exercises.

\smallskip\noindent
1.~\diff1 Run \.{ltcp sim lost-syn} and find, in its log,
how long the client waited before it sent its SYN again.  Now change the
fault so that the {\it second} SYN is lost too (a second row of
|drop_syn|, with |nth| set to~2), rebuild, and predict the time of the third SYN before
you run it. \excheck{simlink.1}

\smallskip\noindent
2.~\diff1 Change |SIM_DELAY_MS| to 100 and run \.{ltcp sim
lifecycle}.  Which lines of the log move, and which do not?  Why does
the time at which the client leaves TIME\_WAIT move by exactly the
amount it does? \excheck{simlink.2}

\smallskip\noindent
3.~\diff2 Write a scenario in which the server's FIN of the
lifecycle is duplicated, the copy arriving 5~seconds later.  Predict
what the client answers to the copy, in which state it is when the copy
arrives, and whether its TIME\_WAIT timer is restarted; run it and
compare. \excheck{simlink.3}

\smallskip\noindent
4.~\diff2 Run \.{ltcp sim lossy --seed N} for several seeds until
you find a run in which a data segment is corrupted.  Which counter of
the receiving end grows, and what does the sender do next?  Open the
capture (\.{-w x.pcapng}) in Wireshark: does it show the corrupted
segment?  Explain why not. \excheck{simlink.4}

\smallskip\noindent
5.~\diff3 Add a fault kind |FAULT_TRUNCATE| that cuts a segment
short by a chosen number of bytes.  Which error of |seg_parse| does the
receiver report when the cut falls in the header, and which when it
falls in the text?

\smallskip\noindent
6.~\diff3 Write a scenario in which the server closes first and the
client 100~ms later, yet both ends pass through CLOSING, as in a
simultaneous close.  Which segment must the link delay, and by at least
how much?  Then find a fault that makes only {\it one} of the two ends
pass through CLOSING. \excheck{simlink.6}

\smallskip\noindent
7.~\diff4 Give the link a rate as well as a delay, so that a
segment of $n$ bytes occupies the link for $8n/r$ seconds and segments
queue behind one another.  Show, with a scenario that sends several
kilobytes, how the timestamps of the log change.@^simultaneous close@>@^CLOSING state@>@^Wireshark@>
