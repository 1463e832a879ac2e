@q lossfig.w: pictures of losses: time-sequence graphs, and goodput against the loss rate. @>

@** Losses in pictures.
The chapter on losses and the one on selective acknowledgments
(\secref{sack}) explain in words how a sender repairs what the network
lost.  Words are a poor medium for something that happens in time, and
the people who study TCP have long drawn it instead.  The classic
picture is the {\it time--sequence graph} of W.~Richard Stevens's {\sl
TCP/IP Illustrated} and of Shawn Ostermann's program \.{tcptrace}, which
Wireshark draws as its ``Stream Graph'': time runs to the right, the
sequence number of the data runs up, and every segment the sender sends
is a mark at the time it left and the number of its first byte.  A
transfer that goes well is a straight staircase up and to the right,
whose slope is the rate; a loss is a mark that will be repeated, and the
repetition is a mark {\it below} the staircase, back at a number already
sent.  Beside the marks runs a line that steps up with each
acknowledgment: the left edge of the window, the bytes the receiver has
in order.  Where the line stalls, the transfer stalls.
\label{lossfig}%

This chapter makes such pictures from runs of \.{ltcp}, in two steps, as
the other figures of the book are made.  \.{ltcp transfer} moves bytes
from a client to a server on the bulk link of the chapter on speed
(\secref{perf}), with its virtual clock, losing the segments it is told
to lose, and writes the capture; \.{ltcp dot tsg} reads a capture and
draws its graph.  The capture is an ordinary one: Wireshark opens it and
draws the same graph (Statistics, TCP Stream Graphs, the kind called
``Stevens''), and \.{ltcp dot tsg} reads the captures of \.{ltcp connect}
and of \.{tcpdump} as well.  A second pair, \.{ltcp goodput} and \.{ltcp
dot goodput}, measures how the rate of a long transfer falls as the loss
rate grows, and draws it beside the rate that the best-known model of
TCP predicts.@^time--sequence graph@>@^Stevens, W. Richard@>@^Wireshark@>@^tcptrace@>@^bulk link@>@^goodput@>

@ The pictures have a module of their own, \.{lossfig.c}, with an
interface in \.{lossfig.h} that the tests use.

@(lossfig.h@>=
#ifndef LTCP_LOSSFIG_H
#define LTCP_LOSSFIG_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "log.h"
@<Types of the pictures of losses@>@;
@<Declarations of the pictures of losses@>@;
#endif

@ @(lossfig.c@>=
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "segment.h"
#include "bulk.h"
#include "sim.h"
#include "lossfig.h"
@<Private types and tables of the pictures of losses@>@;
@<Functions of the pictures of losses@>@;

@* A transfer that loses chosen segments.
A run of \.{ltcp transfer} is a bulk transfer in one direction: the
client sends a number of bytes and closes, the server reads them and
closes.  The link delays every segment by 10 milliseconds each way, as
the simulated link does, so the round trip is 20 milliseconds, and
neither end delays its acknowledgments, so that every segment that
arrives is answered at once.  Two kinds of loss strike the client's
segments of data, and nothing else: the link loses the segments it is
told to lose, each the first time it is sent, and each segment with a
chance, drawn from the run's seed.  A segment is named by its place in
the stream: segment~$k$ is the one that begins at byte $(k-1)\times
1460$, the $k$th full segment.  Naming them so, rather than by the
order in which they leave, gives the same losses to every sender,
whatever it repeats: that is how one pattern of losses can be shown to
three senders.@^loss, simulated@>@^virtual clock@>

@<Types of the pictures of losses@>=
#define LOSS_DROPS_MAX 16
#define LOSS_MSS 1460
struct loss_plan {
  uint64_t bytes;                 /* what the client sends */
  uint64_t seed;
  uint32_t ppm;                   /* the chance of losing a data segment, in millionths */
  uint32_t drop[LOSS_DROPS_MAX];  /* segments lost the first time they are sent */
  size_t ndrop;
  bool fast_retransmit, sack;     /* the configuration of both ends */
};

@ What a run reports.  |done_us| is the virtual time, from the client's
SYN, at which the server acknowledged the last byte; the {\it goodput}
is the bytes the application moved divided by that time, the rate a
user sees (a {\it throughput} would count the repeated bytes too).
|repeated| is the client core's own count of segments it sent again,
and |dropped| the link's count of the segments it lost.

@<Types of the pictures of losses@>=
struct loss_outcome {
  uint64_t done_us;
  double goodput;          /* bits a second */
  uint64_t segments;       /* data segments the client sent */
  uint64_t repeated, dropped;
  char failure[200];
};

@ @<Declarations of the pictures of losses@>=
int loss_run(const struct loss_plan *p, struct capture_writer *cap,
  struct loss_outcome *out);

@ The run watches the link through the bulk link's {\it filter}, which
sees every segment as it leaves and may drop it.  The watch learns the
client's first byte from its SYN, numbers the data segments, decides
which are lost, and notes the moment the server's acknowledgment covers
the last byte.  A chance of loss draws one number for every segment of
data, lost or not, so that the draws depend only on the seed and on the
segments sent.

@<Private types and tables of the pictures of losses@>=
struct watch {
  const struct loss_plan *p;
  struct loss_outcome *out;
  struct sim_rng rng;
  bool opened, done;
  uint32_t base;                   /* the client's first byte */
  bool struck[LOSS_DROPS_MAX];     /* segment |drop[i]| has been lost once */
};

@ @<Functions of the pictures of losses@>=
static bool watch_segment(void *ctx, int from, const struct segment *s,
  uint64_t now)
{
  struct watch *w = ctx;
  if (from == 1) {
    if (w->opened && !w->done && (s->flags & TCP_ACK)
        && seq_ge(s->ack, w->base + (uint32_t) w->p->bytes))
      w->done = true, w->out->done_us = now;
    return false;
  }
  if ((s->flags & TCP_SYN) && !(s->flags & TCP_ACK))
    w->opened = true, w->base = s->seq + 1;
  if (!w->opened || s->len == 0) return false;
  w->out->segments++;
  bool lost = w->p->ppm != 0 && sim_rng_below(&w->rng, 1000000) < w->p->ppm;
  uint32_t at = s->seq - w->base;
  for (size_t i = 0; i < w->p->ndrop; i++)
    if (!w->struck[i] && at == (w->p->drop[i] - 1) * (uint32_t) LOSS_MSS)
      w->struck[i] = true, lost = true;
  return lost;
}

@ The run itself: the bulk link's defaults, with the delayed
acknowledgment off, a short MSL so that TIME\_WAIT does not fill the
virtual clock, and the two behaviours that the pictures compare.
Congestion control stays on in every run.  A run is good only if the
bulk link's verdict is: every byte arrived, in order, and both ends
closed.

@<Functions of the pictures of losses@>=
int loss_run(const struct loss_plan *p, struct capture_writer *cap,
  struct loss_outcome *out)
{
  struct bulk_options o;
  struct bulk_result *r = malloc(sizeof *r);
  struct watch w;
  memset(out, 0, sizeof *out);
  memset(&w, 0, sizeof w);
  if (!r) {
    snprintf(out->failure, sizeof out->failure, "out of memory");
    return -1;
  }
  w.p = p, w.out = out;
  sim_rng_seed(&w.rng, p->seed);
  bulk_defaults(&o);
  o.seed = p->seed;
  o.bytes[0] = p->bytes;
  o.cfg.delack_us = 0;
  o.cfg.msl_us = TCP_SECOND / 2;
  o.cfg.fast_retransmit = p->fast_retransmit;
  o.cfg.sack = p->sack;
  o.filter = watch_segment, o.filter_ctx = &w;
  o.capture = cap;
  bulk_run(&o, r);
  if (!bulk_verdict(&o, r, out->failure, sizeof out->failure)) {
    free(r);
    return -1;
  }
  out->repeated = r->retransmitted[0];
  out->dropped = r->struck[0];
  out->goodput = out->done_us ? 8.0 * (double) p->bytes * 1e6 / (double) out->done_us : 0;
  free(r);
  return 0;
}

@* Goodput against the loss rate.
How fast can TCP go on a path that loses a fraction $p$ of its
segments?  In congestion avoidance the window grows by one segment a
round trip and is halved at each loss.  If the losses come evenly, one
every $1/p$ segments, the window saws between $W/2$ and~$W$; the
$W/2$ round trips of a cycle carry ${3\over8}W^2$ segments, which must
be $1/p$, so $W=\sqrt{8/(3p)}$ and the mean window is ${3\over4}W$.
Divided by the round trip, that is the rate of Mathis, Semke, Mahdavi
and Ott (1997):
$$\hbox{goodput}\approx{\hbox{MSS}\over\hbox{RTT}}\cdot{C\over\sqrt p},
\qquad C=\sqrt{3/2}\approx1.22.$$
The model knows nothing of timeouts, of slow start, or of losses that
come in bunches; it is an upper bound that a good sender approaches
when losses are rare and fast recovery repairs each of them.  When
losses are frequent, the window is so small that three duplicate
acknowledgments often never come, the sender waits for its timer, and
the rate falls below the model, as the fuller model of Padhye, Firoiu,
Towsley and Kurose (1998) predicts.@^Mathis model@>@^Padhye model@>@^goodput@>@^congestion avoidance@>

@<Functions of the pictures of losses@>=
static double mathis(double p)
{
  return 8.0 * LOSS_MSS / LOSS_RTT_S * sqrt(1.5) / sqrt(p);
}

@ @<Private types and tables of the pictures of losses@>=
#define LOSS_RTT_S 0.020  /* two crossings of the bulk link */

@ \.{ltcp goodput} measures it on the bulk link.  For each loss rate
and each of the three configurations it moves the same bytes with the
same seeds, and prints the median goodput of the seeds, in megabits a
second, beside the model's.  The median rather than the mean, because
one unlucky seed that waits for its timer several times would move a
mean far more than a typical run.  Everything is virtual: the figures
do not depend on the machine, and two runs print the same table.

The table is plain text, one loss rate a line; lines that begin with
\.{\#} are remarks, and the first of them gives the numbers of the
model so that a program can draw its curve.

@<Declarations of the pictures of losses@>=
#define LOSS_CONFIGS 3
extern const char *const loss_config_name[LOSS_CONFIGS];
void loss_configure(struct loss_plan *p, int config);
int goodput_table(FILE *f, uint64_t bytes, unsigned seeds, const double *losses,
  size_t nlosses, char *err, size_t errlen);

@ The three configurations, in the order of the chapters: the timer
alone, then fast retransmission with NewReno's recovery, then selective
acknowledgments as well (the defaults of \.{ltcp}).

@<Functions of the pictures of losses@>=
const char *const loss_config_name[LOSS_CONFIGS] = {"timeout", "newreno", "sack"};

void loss_configure(struct loss_plan *p, int config)
{
  p->fast_retransmit = config >= 1;
  p->sack = config >= 2;
}

@ @<Functions of the pictures of losses@>=
static int by_value(const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

int goodput_table(FILE *f, uint64_t bytes, unsigned seeds, const double *losses,
  size_t nlosses, char *err, size_t errlen)
{
  fprintf(f, "# model mss %d rtt_ms %.0f bytes %llu seeds %u\n", LOSS_MSS,
    LOSS_RTT_S * 1000, (unsigned long long) bytes, seeds);
  fprintf(f, "# loss%%   timeout   newreno      sack     model  (Mbit/s)\n");
  for (size_t i = 0; i < nlosses; i++) {
    fprintf(f, "%6.2f", 100 * losses[i]);
    for (int c = 0; c < LOSS_CONFIGS; c++) {
      double g[64];
      @<Run the transfers of configuration |c| at loss rate |losses[i]|@>@;
      qsort(g, seeds, sizeof g[0], by_value);
      double median = seeds % 2 ? g[seeds / 2] : (g[seeds / 2 - 1] + g[seeds / 2]) / 2;
      fprintf(f, " %9.3f", median / 1e6);
    }
    fprintf(f, " %9.3f\n", mathis(losses[i]) / 1e6);
  }
  return 0;
}

@ @<Run the transfers of configuration |c| at loss rate |losses[i]|@>=
for (unsigned k = 0; k < seeds && k < 64; k++) {
  struct loss_plan p;
  struct loss_outcome out;
  memset(&p, 0, sizeof p);
  p.bytes = bytes, p.seed = k + 1;
  p.ppm = (uint32_t) (losses[i] * 1e6 + 0.5);
  loss_configure(&p, c);
  if (loss_run(&p, NULL, &out)) {
    snprintf(err, errlen, "%s at %.2f%% loss, seed %u: %s", loss_config_name[c],
      100 * losses[i], k + 1, out.failure);
    return -1;
  }
  g[k] = out.goodput;
}

@* A time--sequence graph, read from a capture.
The graph needs, from the capture, the data segments of one side, each
with the time it left, its first and last byte, and two facts: whether
it repeats bytes sent before, and whether the link lost it (the capture
of a run says so in the packet's comment); and the acknowledgments of
the other side, each with its time, its number and its SACK blocks.
Numbers are kept as offsets from the sender's first byte, and times
from the first segment of the connection, so that the picture starts at
the origin.  Each segment is drawn at the time the capture gives it: in
a capture of \.{ltcp transfer}, the instant its own sender put it on the
link; in one taken by \.{tcpdump} at the sender, the instant the sender
sent its data or received an acknowledgment.  The sender is the side that sent more bytes.@^time--sequence graph@>@^SACK blocks@>

@<Types of the pictures of losses@>=
struct tsg_data {
  uint64_t t;             /* microseconds from the start */
  uint32_t lo, hi;        /* offsets of the first byte and past the last */
  bool repeat, lost;
};
struct tsg_ack {
  uint64_t t;
  uint32_t ack;           /* offset */
  uint8_t nsack;
  uint32_t sack[SEG_SACK_BLOCKS_MAX][2];  /* offsets of each block's first byte and past its last */
};
struct tsg {
  struct tsg_data *data;
  size_t ndata;
  struct tsg_ack *ack;
  size_t nack;
  size_t repeats, lost;
  uint32_t top;           /* past the highest byte sent */
};

@ @<Declarations of the pictures of losses@>=
int tsg_read(struct tsg *g, FILE *capture, char *err, size_t errlen);
void tsg_free(struct tsg *g);
void tsg_write(FILE *f, const struct tsg *g, const char *title, double tmax_ms);

@ Reading is done in two passes: the first keeps every segment of the
connection in a list of raw records, since the sender is known only at
the end; the second turns them into marks.  The connection is found as
the figures of the article find theirs: the first SYN without ACK names
the client.

@<Private types and tables of the pictures of losses@>=
struct raw {
  uint64_t t;
  int from;               /* 0: the client, 1: the server */
  uint32_t seq, ack, len;
  uint8_t flags, nsack;
  uint32_t sack[SEG_SACK_BLOCKS_MAX][2];
  bool lost;
};

@ @<Functions of the pictures of losses@>=
static int read_raw(FILE *capture, struct raw **out, size_t *n, char *err,
  size_t errlen)
{
  struct capture_reader cr;
  if (capture_reader_open(&cr, capture, err, errlen)) return -1;
  struct raw *v = NULL;
  size_t cap = 0;
  uint32_t addr[2] = {0, 0};
  uint16_t port[2] = {0, 0};
  bool found = false;
  uint64_t usec;
  struct segment s;
  const char *comment;
  int k;
  *n = 0;
  while ((k = capture_next(&cr, &usec, &s, &comment)) == 1) {
    @<Skip the segment unless it belongs to the connection; find the connection@>@;
    if (*n == cap) {
      cap = cap ? 2 * cap : 256;
      struct raw *b = realloc(v, cap * sizeof *v);
      if (!b) {
        k = -1;
        snprintf(err, errlen, "out of memory");
        break;
      }
      v = b;
    }
    @<Keep the segment as raw record |v[(*n)++]|@>@;
  }
  if (k < 0 && err[0] == '\0') snprintf(err, errlen, "%s", cr.err);
  capture_reader_close(&cr);
  if (k >= 0 && !found) snprintf(err, errlen, "no connection in the capture (no SYN without ACK)"), k = -1;
  if (k < 0) {
    free(v);
    return -1;
  }
  *out = v;
  return 0;
}

@ @<Skip the segment unless it belongs to the connection; find the connection@>=
if (!found) {
  if (!(s.flags & TCP_SYN) || (s.flags & TCP_ACK)) continue;
  addr[0] = s.src_addr, port[0] = s.src_port;
  addr[1] = s.dst_addr, port[1] = s.dst_port;
  found = true;
}
int from = s.src_addr == addr[0] && s.src_port == port[0] ? 0 : 1;
if (s.src_addr != addr[from] || s.src_port != port[from]
    || s.dst_addr != addr[1 - from] || s.dst_port != port[1 - from]) continue;

@ The SACK blocks are copied out of the option, since the segment's
bytes belong to the reader and change with the next packet.

@<Keep the segment as raw record |v[(*n)++]|@>=
{
  struct raw *r = &v[(*n)++];
  memset(r, 0, sizeof *r);
  r->t = usec, r->from = from;
  r->seq = s.seq, r->ack = s.ack, r->len = (uint32_t) s.len, r->flags = s.flags;
  r->lost = comment && strstr(comment, "dropped") != NULL;
  int n = seg_sack_blocks(&s, r->sack, SEG_SACK_BLOCKS_MAX);
  r->nsack = (uint8_t) (n > 0 ? n : 0);
}

@ The second pass.  The sender's first byte is one past the sequence
number of its SYN.  A data segment repeats bytes when it begins below
the highest byte sent so far, whether the timer or a duplicate sent it.
An acknowledgment is kept only if it acknowledges something of the
data, and a SACK block only if it lies above the acknowledgment.

@<Functions of the pictures of losses@>=
int tsg_read(struct tsg *g, FILE *capture, char *err, size_t errlen)
{
  struct raw *v;
  size_t n;
  memset(g, 0, sizeof *g);
  if (errlen) err[0] = '\0';
  if (read_raw(capture, &v, &n, err, errlen)) return -1;
  uint64_t bytes[2] = {0, 0};
  for (size_t i = 0; i < n; i++) bytes[v[i].from] += v[i].len;
  int snd = bytes[1] > bytes[0] ? 1 : 0;
  bool have_base = false;
  uint32_t base = 0, high = 0;
  g->data = calloc(n + 1, sizeof *g->data);
  g->ack = calloc(n + 1, sizeof *g->ack);
  if (!g->data || !g->ack) {
    free(v), tsg_free(g);
    snprintf(err, errlen, "out of memory");
    return -1;
  }
  for (size_t i = 0; i < n; i++) {
    const struct raw *r = &v[i];
    uint64_t t = r->t - v[0].t;
    if (r->from == snd && (r->flags & TCP_SYN) && !have_base)
      have_base = true, base = r->seq + 1, high = base;
    if (!have_base) continue;
    if (r->from == snd && r->len > 0)
      @<Add a mark for the data segment |r|@>@;
    else if (r->from != snd && (r->flags & TCP_ACK) && seq_ge(r->ack, base))
      @<Add a step of the acknowledged edge for |r|@>@;
  }
  free(v);
  if (g->ndata == 0) {
    tsg_free(g);
    snprintf(err, errlen, "no data in the connection");
    return -1;
  }
  return 0;
}

@ @<Add a mark for the data segment |r|@>=
{
  struct tsg_data *d = &g->data[g->ndata++];
  d->t = t, d->lo = r->seq - base, d->hi = r->seq + r->len - base;
  d->repeat = seq_lt(r->seq, high);
  d->lost = r->lost;
  if (d->repeat) g->repeats++;
  if (d->lost) g->lost++;
  if (seq_gt(r->seq + r->len, high)) high = r->seq + r->len;
  if (d->hi > g->top) g->top = d->hi;
}

@ @<Add a step of the acknowledged edge for |r|@>=
{
  struct tsg_ack *a = &g->ack[g->nack++];
  a->t = t, a->ack = r->ack - base;
  for (int b = 0; b < r->nsack; b++)
    if (seq_gt(r->sack[b][0], r->ack) && seq_lt(r->sack[b][0], r->sack[b][1])) {
      a->sack[a->nsack][0] = r->sack[b][0] - base;
      a->sack[a->nsack][1] = r->sack[b][1] - base;
      a->nsack++;
    }
}

@ @<Functions of the pictures of losses@>=
void tsg_free(struct tsg *g)
{
  free(g->data);
  free(g->ack);
  memset(g, 0, sizeof *g);
}

@* Drawing the graph.
The drawing is done as Figure~6 is (\secref{figures}): \.{ltcp}
computes every position, and Graphviz, told \.{layout=nop2}, only
draws.  The frame of the plot is 330 points wide and 190 high, with
room to its left and below for the numbers of the axes.  The axes get
round numbers: the step between two ticks is 1, 2 or 5 times a power
of ten, the smallest that leaves at most eight steps.  $y$ is measured
upwards here, as on a graph, and Graphviz measures it so too.@^time--sequence graph@>

@<Private types and tables of the pictures of losses@>=
#define PLOT_X0 52.0
#define PLOT_Y0 34.0
#define PLOT_W 330.0
#define PLOT_H 190.0
#define LF_FONT "DejaVu Sans"

@ @<Functions of the pictures of losses@>=
static double nice_step(double range, int most)
{
  double step = pow(10, floor(log10(range / most)));
  while (range / step > most)
    step *= (range / (2 * step) <= most) ? 2 : (range / (5 * step) <= most ? 5 : 10);
  return step;
}

@ Points and straight paths in Graphviz's notation.  A path is a
polyline, each piece a cubic B\'ezier curve whose control points lie
on the piece, as in the chapter on the figures.  Adding $0.0$ turns a
negative zero into a plain one, so that equal figures are equal byte for byte.

@<Functions of the pictures of losses@>=
static void lf_point(FILE *f, double x, double y)
{
  fprintf(f, "%.1f,%.1f", x + 0.0, y + 0.0);
}

static void lf_path(FILE *f, const double (*p)[2], size_t n)
{
  fputs("pos=\"", f);
  lf_point(f, p[0][0], p[0][1]);
  for (size_t i = 1; i < n; i++)
    for (int k = 1; k <= 3; k++) {
      putc(' ', f);
      lf_point(f, p[i - 1][0] + (p[i][0] - p[i - 1][0]) * k / 3,
        p[i - 1][1] + (p[i][1] - p[i - 1][1]) * k / 3);
    }
  fputs("\"", f);
}

@ Every line of a plot is an edge between two invisible nodes at the
origin, \.{o0} and \.{o1}, whose own path says where it really goes;
Graphviz allows any number of edges between two nodes.  |lf_line|
writes one, with its class and style.

@<Functions of the pictures of losses@>=
static void lf_line(FILE *f, const char *cls, const char *style,
  const double (*p)[2], size_t n)
{
  fprintf(f, "  o0 -> o1 [class=\"%s\", dir=none, %s, ", cls, style);
  lf_path(f, p, n);
  fputs("];\n", f);
}

@ A text at a point, anchored by its centre: a node without a shape.

@<Functions of the pictures of losses@>=
static void lf_text(FILE *f, const char *cls, double x, double y, double size,
  const char *text)
{
  fprintf(f, "  \"%s %.1f %.1f\" [class=\"%s\", shape=plaintext, margin=0, width=0,"@t}\1\1{@>@/
    " height=0, fontsize=%g, label=\"%s\", pos=\"", cls, x, y, cls, size, text@t}\2\2{@>);
  lf_point(f, x, y);
  fputs("\"];\n", f);
}

@ The beginning of every plot, with the two nodes of the lines.

@<Functions of the pictures of losses@>=
static void lf_begin(FILE *f, const char *name, const char *title)
{
  fprintf(f, "digraph %s {\n", name);
  fprintf(f, "  graph [layout=nop2, outputorder=edgesfirst, margin=0, pad=0.05,"@t}\1\1{@>@/
    " fontname=\"%s\", fontsize=10", LF_FONT@t}\2\2{@>);
  if (title) fprintf(f, ", labelloc=t, label=\"%s\"", title);
  fputs("];\n", f);
  fprintf(f, "  node [fontname=\"%s\", fontsize=9];\n", LF_FONT);
  fprintf(f, "  edge [arrowhead=none];\n");
  fputs("  o0 [shape=point, width=0, style=invis, pos=\"0,0\"];\n", f);
  fputs("  o1 [shape=point, width=0, style=invis, pos=\"0,0\"];\n", f);
}

@ The frame and the ticks of a linear axis.  |ticks| writes the
numbers of one axis: along $x$ if |across|, else along $y$, from 0 to
|top| in steps of |step|, each number divided by |unit| for printing.

@<Functions of the pictures of losses@>=
static void lf_frame(FILE *f, const char *xname, const char *yname)
{
  double box[5][2] = {{PLOT_X0, PLOT_Y0}, {PLOT_X0 + PLOT_W, PLOT_Y0},
    {PLOT_X0 + PLOT_W, PLOT_Y0 + PLOT_H}, {PLOT_X0, PLOT_Y0 + PLOT_H},
    {PLOT_X0, PLOT_Y0}};
  lf_line(f, "axis", "penwidth=0.6", (const double (*)[2]) box, 5);
  lf_text(f, "axis-name", PLOT_X0 + PLOT_W / 2, PLOT_Y0 - 24, 9, xname);
  fprintf(f, "  yname [class=\"axis-name\", shape=plaintext, margin=0, width=0,"@t}\1\1{@>@/
    " height=0, fontsize=9, label=\"%s\", pos=\"", yname@t}\2\2{@>);
  lf_point(f, PLOT_X0 + 2, PLOT_Y0 + PLOT_H + 9);
  fputs("\"];\n", f);
}

static void ticks(FILE *f, bool across, double top, double step, double unit)
{
  for (int i = 0; i * step <= top * (1 + 1e-9); i++) {
    double v = i * step, at = v / top * (across ? PLOT_W : PLOT_H);
    char num[32];
    snprintf(num, sizeof num, "%g", v / unit);
    double mark[2][2];
    if (across) {
      mark[0][0] = mark[1][0] = PLOT_X0 + at;
      mark[0][1] = PLOT_Y0, mark[1][1] = PLOT_Y0 + 3;
      lf_text(f, "tick", PLOT_X0 + at, PLOT_Y0 - 9, 9, num);
    } else {
      mark[0][1] = mark[1][1] = PLOT_Y0 + at;
      mark[0][0] = PLOT_X0, mark[1][0] = PLOT_X0 + 3;
      lf_text(f, "tick", PLOT_X0 - 4 - 2.8 * (double) strlen(num), PLOT_Y0 + at, 9, num);
    }
    lf_line(f, "tick", "penwidth=0.6", (const double (*)[2]) mark, 2);
  }
}

@ The graph.  The time axis runs to the last mark or acknowledgment,
or to |tmax_ms| if that is later (so that several graphs can share one
scale), the sequence axis to the highest byte; both are rounded up to a
whole step.  Then come, in this order so that the marks lie on top: the SACK
blocks, the acknowledged edge, and the marks of the segments.

@<Functions of the pictures of losses@>=
void tsg_write(FILE *f, const struct tsg *g, const char *title, double tmax_ms)
{
  uint64_t tend = 0;
  for (size_t i = 0; i < g->ndata; i++) if (g->data[i].t > tend) tend = g->data[i].t;
  for (size_t i = 0; i < g->nack; i++) if (g->ack[i].t > tend) tend = g->ack[i].t;
  double tms = tend / 1000.0 > 1 ? tend / 1000.0 : 1, kb = g->top / 1000.0;
  if (tmax_ms > tms) tms = tmax_ms;
  double xs = nice_step(tms, 8), ys = nice_step(kb > 1 ? kb : 1, 6);
  double xtop = ceil(tms / xs) * xs, ytop = ceil(kb / ys) * ys;
  lf_begin(f, "tsg", title);
  lf_frame(f, "time (ms)", "sequence offset (kB)");
  ticks(f, true, xtop, xs, 1);
  ticks(f, false, ytop, ys, 1);
  @<Draw the SACK blocks of the graph@>@;
  @<Draw the acknowledged edge of the graph@>@;
  @<Draw the marks of the data segments@>@;
  @<Draw the legend of the graph@>@;
  fputs("}\n", f);
}

@ A position on the graph, from a time in microseconds and an offset in
bytes.

@<Private types and tables of the pictures of losses@>=
#define TX(t) (PLOT_X0 + (double) (t) / 1000.0 / xtop * PLOT_W)
#define SY(b) (PLOT_Y0 + (double) (b) / 1000.0 / ytop * PLOT_H)

@ The acknowledged edge steps: it stays at the last number
acknowledged until a larger one arrives, then rises.  Only the points
where it changes are written.

@<Draw the acknowledged edge of the graph@>=
if (g->nack > 0) {
  double (*p)[2] = malloc((2 * g->nack + 1) * sizeof *p);
  size_t n = 0;
  uint32_t last = g->ack[0].ack;
  if (p) {
    p[n][0] = TX(g->ack[0].t), p[n][1] = SY(last), n++;
    for (size_t i = 1; i < g->nack; i++)
      if (g->ack[i].ack > last) {
        p[n][0] = TX(g->ack[i].t), p[n][1] = SY(last), n++;
        last = g->ack[i].ack;
        p[n][0] = TX(g->ack[i].t), p[n][1] = SY(last), n++;
      }
    if (n == 1) p[n][0] = TX(tend), p[n][1] = SY(last), n++;
    lf_line(f, "acked", "color=\"#1f5fa0\", penwidth=1.0", (const double (*)[2]) p, n);
    free(p);
  }
}

@ Each SACK block of an acknowledgment is a short vertical stroke at
the time the acknowledgment left, from the block's first byte to its
last: \.{tcptrace}'s picture of what the receiver holds beyond the
hole.

@<Draw the SACK blocks of the graph@>=
for (size_t i = 0; i < g->nack; i++)
  for (int b = 0; b < g->ack[i].nsack; b++) {
    double p[2][2] = {{TX(g->ack[i].t), SY(g->ack[i].sack[b][0])},
      {TX(g->ack[i].t), SY(g->ack[i].sack[b][1])}};
    lf_line(f, "sack", "color=\"#6fbf4f\", penwidth=1.6", (const double (*)[2]) p, 2);
  }

@ A segment sent for the first time is a small black dot; a repetition is a
red diamond, larger; a segment that the link lost is drawn hollow and
larger, and after the others so that it lies on top, for the reader to
see where each hole comes from.  Each node's class says which, for the
tests.

@<Draw the marks of the data segments@>=
for (size_t j = 0; j < 2 * g->ndata; j++) {
  size_t i = j % g->ndata;
  const struct tsg_data *d = &g->data[i];
  if (d->lost != (j >= g->ndata)) continue;
  const char *cls = d->repeat ? "repeat" : "sent";
  fprintf(f, "  d%zu [class=\"%s%s\", label=\"\", fixedsize=true, ", i, cls,
    d->lost ? " lost" : "");
  if (d->repeat)
    fprintf(f, "shape=diamond, width=0.09, height=0.09, color=\"#c0282d\", style=%s, ",
      d->lost ? "solid, fillcolor=white" : "filled, fillcolor=\"#c0282d\"");
  else
    fprintf(f, "shape=circle, width=%s, color=black, style=%s, ",
      d->lost ? "0.07, height=0.07" : "0.035, height=0.035",
      d->lost ? "filled, fillcolor=white" : "filled, fillcolor=black");
  fprintf(f, "penwidth=0.8, pos=\"");
  lf_point(f, TX(d->t), SY(d->lo));
  fputs("\"];\n", f);
}

@ The legend, in the lower right corner where the graph, rising to the
right, leaves room, also says what the graph counts.

@<Draw the legend of the graph@>=
fprintf(f, "  legend [class=\"legend\", shape=plaintext, margin=0, fontsize=9,"@t}\1\1{@>@/
  " label=<<TABLE BORDER=\"0\" CELLSPACING=\"1\" CELLPADDING=\"0\">"@/
  "<TR><TD ALIGN=\"LEFT\">\xe2\x97\x8f sent</TD></TR>"@/
  "<TR><TD ALIGN=\"LEFT\">\xe2\x97\x8b lost on the link (%zu)</TD></TR>"@/
  "<TR><TD ALIGN=\"LEFT\"><FONT COLOR=\"#c0282d\">\xe2\x97\x86</FONT> sent again (%zu)</TD></TR>"@/
  "<TR><TD ALIGN=\"LEFT\"><FONT COLOR=\"#1f5fa0\">\xe2\x80\x94</FONT> acknowledged</TD></TR>"@/
  "<TR><TD ALIGN=\"LEFT\"><FONT COLOR=\"#6fbf4f\">|</FONT> SACK blocks</TD></TR>"@/
  "</TABLE>>, pos=\"", g->lost, g->repeats@t}\2\2{@>);
lf_point(f, PLOT_X0 + PLOT_W - 62, PLOT_Y0 + 36);
fputs("\"];\n", f);

@* Drawing goodput against the loss rate.
\.{ltcp dot goodput} reads a table that \.{ltcp goodput} printed and
draws it on logarithmic scales in both directions.  On such scales a
power law is a straight line, and the model, proportional to $p^{-1/2}$,
is a line that falls one decade for every two decades of loss; a
measured curve that bends away from it shows where the model's
assumptions stop holding.  The model's line is drawn from its formula,
with the MSS and the round trip that the table's first remark gives.@^Mathis model@>@^goodput@>

@<Types of the pictures of losses@>=
#define GOODPUT_ROWS_MAX 32
struct goodput_table {
  double mss, rtt_ms;
  size_t n;
  double loss[GOODPUT_ROWS_MAX];       /* percent */
  double mbps[GOODPUT_ROWS_MAX][3];    /* one column per configuration */
};

@ @<Declarations of the pictures of losses@>=
int goodput_read(struct goodput_table *t, FILE *f, char *err, size_t errlen);
void goodput_write(FILE *f, const struct goodput_table *t, const char *title);

@ A line of the table that is not a remark has five numbers.  Anything
else is an error, with the number of the line.

@<Functions of the pictures of losses@>=
int goodput_read(struct goodput_table *t, FILE *f, char *err, size_t errlen)
{
  char line[256];
  unsigned no = 0;
  memset(t, 0, sizeof *t);
  while (fgets(line, sizeof line, f)) {
    no++;
    if (line[0] == '#') {
      sscanf(line, "# model mss %lf rtt_ms %lf", &t->mss, &t->rtt_ms);
      continue;
    }
    double m;
    if (t->n == GOODPUT_ROWS_MAX || sscanf(line, "%lf %lf %lf %lf %lf", &t->loss[t->n],
        &t->mbps[t->n][0], &t->mbps[t->n][1], &t->mbps[t->n][2], &m) != 5
        || t->loss[t->n] <= 0 || t->loss[t->n] >= 100) {
      snprintf(err, errlen, "line %u is not a row of a goodput table", no);
      return -1;
    }
    t->n++;
  }
  if (t->n == 0 || t->mss <= 0 || t->rtt_ms <= 0) {
    snprintf(err, errlen, "not a goodput table (no rows, or no '# model' line)");
    return -1;
  }
  return 0;
}

@ The scales run between round numbers, 1, 2 or 5 times a power of
ten, that hold every measured point and the model's line, which is
drawn between the smallest and the largest loss rate; a little room is
left at each end, and below the lowest point for the legend.  Ticks go at 1, 2
and 5 of each decade.

@<Functions of the pictures of losses@>=
static double decade_below(double v)
{
  return pow(10, floor(log10(v) + 1e-9));
}

static double round_below(double v)
{
  double d = decade_below(v);
  return v >= 5 * d * (1 - 1e-9) ? 5 * d : v >= 2 * d * (1 - 1e-9) ? 2 * d : d;
}

static double round_above(double v)
{
  double d = decade_below(v);
  return v <= d * (1 + 1e-9) ? d : v <= 2 * d * (1 + 1e-9) ? 2 * d
    : v <= 5 * d * (1 + 1e-9) ? 5 * d : 10 * d;
}

void goodput_write(FILE *f, const struct goodput_table *t, const char *title)
{
  double xlo = 1e9, xhi = 0, ylo = 1e9, yhi = 0;
  for (size_t i = 0; i < t->n; i++) {
    xlo = fmin(xlo, t->loss[i]), xhi = fmax(xhi, t->loss[i]);
    for (int c = 0; c < 3; c++)
      if (t->mbps[i][c] > 0) ylo = fmin(ylo, t->mbps[i][c]), yhi = fmax(yhi, t->mbps[i][c]);
  }
  double model_hi = 8 * t->mss / (t->rtt_ms / 1000) * sqrt(1.5) / sqrt(xlo / 100) / 1e6;
  yhi = fmax(yhi, model_hi);
  xlo = round_below(xlo), xhi = round_above(xhi);
  ylo = round_below(ylo / 2), yhi = round_above(yhi);
  double lxs = (log10(xhi) - log10(xlo)) * 1.1, lx0 = log10(xlo) - lxs / 22;
  double lys = (log10(yhi) - log10(ylo)) * 1.1, ly0 = log10(ylo) - lys / 22;
  lf_begin(f, "goodput", title);
  lf_frame(f, "loss rate (%)", "goodput (Mbit/s)");
  @<Write the logarithmic ticks of both axes@>@;
  @<Draw the model's line@>@;
  @<Draw the measured points of each configuration@>@;
  @<Draw the legend of the goodput plot@>@;
  fputs("}\n", f);
}

@ @<Private types and tables of the pictures of losses@>=
#define LX(v) (PLOT_X0 + (log10(v) - lx0) / lxs * PLOT_W)
#define LY(v) (PLOT_Y0 + (log10(v) - ly0) / lys * PLOT_H)

@ @<Write the logarithmic ticks of both axes@>=
for (int axis = 0; axis < 2; axis++) {
  double lo = axis ? ylo : xlo, hi = axis ? yhi : xhi;
  for (double d = decade_below(lo); d < hi * 1.001; d *= 10)
    for (int m = 1; m <= 5; m += m == 1 ? 1 : 3) {
      double v = d * m;
      if (v < lo * 0.999 || v > hi * 1.001) continue;
      char num[32];
      snprintf(num, sizeof num, "%g", v);
      double mark[2][2];
      if (axis == 0) {
        mark[0][0] = mark[1][0] = LX(v), mark[0][1] = PLOT_Y0, mark[1][1] = PLOT_Y0 + 3;
        lf_text(f, "tick", LX(v), PLOT_Y0 - 9, 9, num);
      } else {
        mark[0][1] = mark[1][1] = LY(v), mark[0][0] = PLOT_X0, mark[1][0] = PLOT_X0 + 3;
        lf_text(f, "tick", PLOT_X0 - 4 - 2.8 * (double) strlen(num), LY(v), 9, num);
      }
      lf_line(f, "tick", "penwidth=0.6", (const double (*)[2]) mark, 2);
    }
}

@ The model is a straight line here, so two points draw it.

@<Draw the model's line@>=
{
  double a = t->loss[0], b = t->loss[0];
  for (size_t i = 0; i < t->n; i++) a = fmin(a, t->loss[i]), b = fmax(b, t->loss[i]);
  double k = 8 * t->mss / (t->rtt_ms / 1000) * sqrt(1.5) / 1e6;
  double p[2][2] = {{LX(a), LY(k / sqrt(a / 100))}, {LX(b), LY(k / sqrt(b / 100))}};
  lf_line(f, "model", "style=dashed, penwidth=1.2, color=black", (const double (*)[2]) p, 2);
}

@ Each configuration has a colour and a mark, and its points are
joined by a thin line of its colour.  A point whose goodput is zero
(no run ends that way, but a table might say so) cannot be drawn on a
logarithmic scale and is left out.

@<Private types and tables of the pictures of losses@>=
static const char *const series_colour[3] = {"#7f7f7f", "#1f5fa0", "#c0282d"};
static const char *const series_shape[3] = {"square", "triangle", "circle"};

@ @<Draw the measured points of each configuration@>=
for (int c = 0; c < 3; c++) {
  double p[GOODPUT_ROWS_MAX][2];
  size_t n = 0;
  for (size_t i = 0; i < t->n; i++) {
    if (t->mbps[i][c] <= 0) continue;
    p[n][0] = LX(t->loss[i]), p[n][1] = LY(t->mbps[i][c]);
    fprintf(f, "  p%d_%zu [class=\"point %s\", label=\"\", fixedsize=true, shape=%s,"@t}\1\1{@>@/
      " width=0.08, height=0.08, style=filled, color=\"%s\", fillcolor=\"%s\", pos=\"",
      c, i, loss_config_name[c], series_shape[c], series_colour[c], series_colour[c]@t}\2\2{@>);
    lf_point(f, p[n][0], p[n][1]);
    fputs("\"];\n", f);
    n++;
  }
  char style[64];
  snprintf(style, sizeof style, "penwidth=0.8, color=\"%s\"", series_colour[c]);
  if (n > 1) lf_line(f, loss_config_name[c], style, (const double (*)[2]) p, n);
}

@ @<Draw the legend of the goodput plot@>=
fprintf(f, "  legend [class=\"legend\", shape=plaintext, margin=0, fontsize=9,"@t}\1\1{@>@/
  " label=<<TABLE BORDER=\"0\" CELLSPACING=\"1\" CELLPADDING=\"0\">"@/
  "<TR><TD ALIGN=\"LEFT\">- - - Mathis: %g B / %g ms \xc3\x97 1.22/\xe2\x88\x9ap</TD></TR>"@/
  "<TR><TD ALIGN=\"LEFT\"><FONT COLOR=\"%s\">\xe2\x96\xa0</FONT> timeout only</TD></TR>"@/
  "<TR><TD ALIGN=\"LEFT\"><FONT COLOR=\"%s\">\xe2\x96\xb2</FONT> fast retransmit (NewReno)</TD></TR>"@/
  "<TR><TD ALIGN=\"LEFT\"><FONT COLOR=\"%s\">\xe2\x97\x8f</FONT> fast retransmit and SACK</TD></TR>"@/
  "</TABLE>>, pos=\"", t->mss, t->rtt_ms, series_colour[0], series_colour[1],
  series_colour[2]@t}\2\2{@>);
lf_point(f, PLOT_X0 + 100, PLOT_Y0 + 30);
fputs("\"];\n", f);

@* The commands.
\.{ltcp transfer} runs one transfer and prints a line about it; with
\.{-w} it writes the capture.  \.{ltcp goodput} prints the table.
Their options name the configuration as \.{ltcp connect}'s do.

@<Header files of the program@>=
#include "lossfig.h"

@ @<Subcommands@>=
@[{"transfer", cmd_transfer,@t}\1\1{@>@/
  "[--bytes N] [--drop K,K...] [--loss P] [--seed N] [--no-fast-retransmit]"@/
  " [--no-sack] [-w FILE]",@/
  "move bytes on the bulk link, losing chosen segments, and say how long it took"@t}\2\2{@>},@/
{"goodput", cmd_goodput, "[--bytes N] [--seeds N] [P...]",
  "print the goodput of transfers on the bulk link against the loss rate"},@/@]

@ @<Subcommand functions@>=
static int transfer_help(void)
{
  printf("Moves bytes from a client to a server on the bulk link (virtual clock,\n"@t}\1\1{@>@/
    "10 ms each way, no delayed ACKs) and prints when the last byte was\n"@/
    "acknowledged, how many data segments were sent again, and the goodput.\n"@/
    "  --bytes N            bytes to send (default 100000)\n"@/
    "  --drop K,K...        lose data segments K (numbered by position, from 1,\n"@/
    "                       1460 bytes each) the first time they are sent\n"@/
    "  --loss P             lose each data segment with chance P (0 to 1)\n"@/
    "  --seed N             seed of the chances (default 1)\n"@/
    "  --no-fast-retransmit repair losses only when the timer expires\n"@/
    "  --no-sack            do not offer selective acknowledgments\n"@/
    "  -w FILE              write the capture to FILE (pcapng)\n"@t}\2\2{@>);
  return EXIT_SUCCESS;
}

@ Numbers on these command lines: a count of bytes, a segment number,
a chance, a seed.

@<Subcommand functions@>=
static bool read_count(const char *s, uint64_t lo, uint64_t hi, uint64_t *v)
{
  char *end;
  errno = 0;
  unsigned long long x = strtoull(s, &end, 10);
  if (*s < '0' || *s > '9' || *end != '\0' || errno || x < lo || x > hi) return false;
  *v = x;
  return true;
}

static bool read_chance(const char *s, double *p)
{
  char *end;
  double x = strtod(s, &end);
  if (*s == '\0' || *end != '\0' || !(x >= 0 && x <= 1)) return false;
  *p = x;
  return true;
}

@ The list of segments to lose is numbers separated by commas.

@<Subcommand functions@>=
static bool read_drops(const char *s, struct loss_plan *p)
{
  char buf[256];
  if (strlen(s) >= sizeof buf) return false;
  strcpy(buf, s);
  p->ndrop = 0;
  for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
    uint64_t k;
    if (p->ndrop == LOSS_DROPS_MAX || !read_count(tok, 1, 1000000, &k)) return false;
    p->drop[p->ndrop++] = (uint32_t) k;
  }
  return p->ndrop > 0;
}

@ @<Subcommand functions@>=
static int cmd_transfer(int argc, char **argv)
{
  if (wants_help(argc, argv)) return transfer_help();
  struct loss_plan p;
  const char *file = NULL;
  memset(&p, 0, sizeof p);
  p.bytes = 100000, p.seed = 1;
  loss_configure(&p, LOSS_CONFIGS - 1);
  @<Read the options of \.{ltcp transfer}@>@;
  @<Run the transfer |p| and report it@>@;
}

@ @<Read the options of \.{ltcp transfer}@>=
for (int i = 1; i < argc; i++) {
  const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
  double chance;
  if (strcmp(a, "--no-fast-retransmit") == 0) p.fast_retransmit = false;
  else if (strcmp(a, "--no-sack") == 0) p.sack = false;
  else if (!v) return usage_error("transfer", "'%s' needs a value, or is not an option", a);
  else if (strcmp(a, "--bytes") == 0 && read_count(v, 1, 1000000000, &p.bytes)) i++;
  else if (strcmp(a, "--seed") == 0 && read_count(v, 0, UINT64_MAX, &p.seed)) i++;
  else if (strcmp(a, "--drop") == 0 && read_drops(v, &p)) i++;
  else if (strcmp(a, "--loss") == 0 && read_chance(v, &chance)) {
    p.ppm = (uint32_t) (chance * 1e6 + 0.5);
    i++;
  } else if (strcmp(a, "-w") == 0) file = argv[++i];
  else return usage_error("transfer", "bad option or value: '%s %s'", a, v);
}

@ The line it prints names the configuration and gives the figures of
the run; the tests read it.

@<Run the transfer |p| and report it@>=
FILE *f = NULL;
struct capture_writer w;
if (file && (!(f = fopen(file, "wb")) || capture_open(&w, f, CAPTURE_PCAPNG) != 0)) {
  fprintf(stderr, "ltcp: transfer: cannot write '%s': %s\n", file, strerror(errno));
  if (f) fclose(f);
  return EXIT_FAILURE;
}
struct loss_outcome out;
int rc = loss_run(&p, f ? &w : NULL, &out);
if (f && fclose(f) != 0 && rc == 0) {
  fprintf(stderr, "ltcp: transfer: cannot write '%s'\n", file);
  return EXIT_FAILURE;
}
if (rc) {
  fprintf(stderr, "ltcp: transfer: %s\n", out.failure);
  return EXIT_FAILURE;
}
printf("transfer: %llu bytes, %s: acknowledged at %.1f ms, %llu data segments"@t}\1\1{@>@/
  " sent, %llu lost, %llu sent again, goodput %.3f Mbit/s\n", (unsigned long long) p.bytes,
  loss_config_name[p.sack && p.fast_retransmit ? 2 : p.fast_retransmit ? 1 : 0],
  out.done_us / 1000.0, (unsigned long long) out.segments,
  (unsigned long long) out.dropped, (unsigned long long) out.repeated,
  out.goodput / 1e6@t}\2\2{@>);
return EXIT_SUCCESS;

@ \.{ltcp goodput} takes the loss rates as arguments, or uses the
book's: seven rates from half a percent to ten.

@<Subcommand functions@>=
static int cmd_goodput(int argc, char **argv)
{
  if (wants_help(argc, argv)) {
    printf("Prints, for each loss rate P (default 0.005 0.01 0.02 0.03 0.05 0.07 0.1),\n"@t}\1\1{@>@/
      "the median goodput of transfers on the bulk link with the timer only, with\n"@/
      "fast retransmit, and with SACK too, beside the Mathis model's.\n"@/
      "  --bytes N   bytes of each transfer (default 2000000)\n"@/
      "  --seeds N   seeds 1 to N for each point (default 5)\n"@t}\2\2{@>);
    return EXIT_SUCCESS;
  }
  uint64_t bytes = 2000000, seeds = 5;
  double loss[GOODPUT_ROWS_MAX] = {0.005, 0.01, 0.02, 0.03, 0.05, 0.07, 0.1};
  size_t n = 0;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--bytes") == 0 && i + 1 < argc
        && read_count(argv[i + 1], 1, 100000000, &bytes)) i++;
    else if (strcmp(argv[i], "--seeds") == 0 && i + 1 < argc
        && read_count(argv[i + 1], 1, 64, &seeds)) i++;
    else if (n < GOODPUT_ROWS_MAX && read_chance(argv[i], &loss[n]) && loss[n] > 0
        && loss[n] < 1) n++;
    else return usage_error("goodput", "bad option or loss rate: '%s'", argv[i]);
  }
  char err[300];
  if (goodput_table(stdout, bytes, (unsigned) seeds, loss, n ? n : 7, err, sizeof err)) {
    fprintf(stderr, "ltcp: goodput: %s\n", err);
    return EXIT_FAILURE;
  }
  return EXIT_SUCCESS;
}

@ \.{ltcp dot tsg} and \.{ltcp dot goodput}: the chapter on figures
hands them their arguments.

@<Subcommand functions@>=
static int dot_losses(int argc, char **argv)
{
  const char *what = argv[1], *title = NULL;
  double tmax = 0;
  int i = 2;
  for (; i + 2 < argc && strncmp(argv[i], "--", 2) == 0; i += 2)
    if (strcmp(argv[i], "--title") == 0) title = argv[i + 1];
    else if (strcmp(argv[i], "--tmax") == 0 && strcmp(what, "tsg") == 0) {
      char *end;
      tmax = strtod(argv[i + 1], &end);
      if (*end != '\0' || !(tmax > 0 && tmax < 1e7))
        return usage_error("dot", "--tmax wants milliseconds, not '%s'", argv[i + 1]);
    } else return usage_error("dot", "unknown option '%s'", argv[i]);
  if (i != argc - 1)
    return usage_error("dot", "%s wants its options and one file", what);
  FILE *f = fopen(argv[i], "rb");
  if (!f) {
    fprintf(stderr, "ltcp: dot: cannot open %s\n", argv[i]);
    return EXIT_FAILURE;
  }
  char err[200] = "";
  int k;
  if (strcmp(what, "tsg") == 0) {
    struct tsg g;
    if ((k = tsg_read(&g, f, err, sizeof err)) == 0) tsg_write(stdout, &g, title, tmax), tsg_free(&g);
  } else {
    struct goodput_table *t = malloc(sizeof *t);
    if (!t) k = -1, snprintf(err, sizeof err, "out of memory");
    else if ((k = goodput_read(t, f, err, sizeof err)) == 0) goodput_write(stdout, t, title);
    free(t);
  }
  fclose(f);
  if (k) fprintf(stderr, "ltcp: dot: %s: %s\n", argv[i], err);
  return k ? EXIT_FAILURE : EXIT_SUCCESS;
}

@* Exercises.

\smallskip\noindent
1.~\diff1 Run \.{ltcp transfer --drop 26} with and without \.{--no-sack},
and draw both graphs.  Why are they the same?  How many holes must a
window have before SACK makes a difference, and why?

\smallskip\noindent
2.~\diff2 Lose four segments in a row, \.{--drop 26,27,28,29}.  Predict,
before you run it, when NewReno's last repetition leaves and when
SACK's do; then draw the two graphs and check. \excheck{lossfig.2}

\smallskip\noindent
3.~\diff2 Open the three captures of the chapter on selective
acknowledgments in Wireshark and draw their ``tcptrace'' stream graphs.
What does Wireshark draw that |tsg_write| does not?  Add the right edge
of the receiver's window (the acknowledgment plus the window) to the
graph, as a second line.

\smallskip\noindent
4.~\diff3 The model of Padhye, Firoiu, Towsley and Kurose adds
timeouts to Mathis's: with $b$ segments per acknowledgment, the rate is
about $\hbox{MSS}\big/\bigl(\hbox{RTT}\sqrt{2bp/3}+\hbox{RTO}\cdot
\min(1,3\sqrt{3bp/8})\,p(1+32p^2)\bigr)$.  Draw it in |goodput_write|
beside Mathis's, for an RTO of one second, and say which of the three
configurations it describes best.

\smallskip\noindent
5.~\diff3 \.{ltcp goodput} loses only segments of data.  Let it lose
acknowledgments as well, with the same chance, and compare the table.
Why do lost acknowledgments cost so little when the receiver
acknowledges every segment?

\smallskip\noindent
6.~\diff4 The bulk link has a delay but no rate, so a window leaves in
one column.  Give it a rate and a queue of limited length (the
exercise of the chapter on the link suggests the rate), so that losses
come from the queue overflowing rather than from a chosen list, and
draw the saw-tooth of slow start and congestion avoidance that
Jacobson's paper shows.
