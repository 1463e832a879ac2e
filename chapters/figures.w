@q figures.w: the figures of the article, drawn by the program itself. @>

@** Drawing the figures.
The article that this book follows has six pictures, and a reader of a
book about TCP expects them: two timelines with segments crossing between
them (Figures 1 to~3), the chain of states that each side passes through
(Figures 4 and~5), and W.~Richard Stevens's drawing of the whole state
machine (Figure~6).  Pictures of this kind are usually drawn by hand, and
so they slowly drift away from the code they describe: a label is
renamed in the program and not in the picture, an arrow is added to the
program and forgotten in the drawing.
\label{figures}%

The figures printed in the earlier chapters, from Figure~1 in the
chapter on the handshake (\secref{handshake}) to Figure~6 in ``The whole machine,'' were not
drawn by hand.  This chapter draws every figure of the book from two
sources that cannot drift: the core's own table of transitions, |tcp_transitions|, through
which every change of state of the running code passes, and the capture
file of a real run, in which every segment is the one that was sent.
\.{ltcp dot} writes a description of a figure in the language of
Graphviz, and Graphviz's program \.{dot} turns it into a PDF file when
the book is built.  If the table gains a row, Figure~6 gains an arrow; if
the handshake changes, the timelines of Figure~1 change with it; and the
tests at the end of the book compare the figures with the article's, arrow
by arrow and state by state.

The subcommand has four forms, one for each kind of picture:
$$\vbox{\halign{\.{#}\hfil\cr
ltcp dot fsm\cr
ltcp dot seq [--from N] [--to M] [--title T] CAPTURE\cr
ltcp dot states SIDE CAPTURE\cr
ltcp dot step N CAPTURE\cr}}$$
The first draws the state machine, Figure~6; the second a sequence
diagram of the connection in a capture file, Figures 1 to~3, or some of
its steps; the third the states that one side, \.{client} or
\.{server}, passes through, Figures 4 and~5; the last the state machine
as it stands after step~$N$ of a run.  Two more forms, \.{ltcp dot tsg CAPTURE} and \.{ltcp dot goodput
TABLE}, draw the pictures of losses of the chapter on selective
acknowledgments; their code is a chapter of its own (\secref{lossfig}).
Each writes the description on its standard output; the \.{Makefile}
keeps it in \.{build/figures} and draws it there.@^state machine@>@^transition table@>@^Stevens, W. Richard@>@^Figure 4@>

@ The figures are a module of their own, \.{figures.c}, with an interface
in \.{figures.h}, so that the tests can call its functions directly.  It
reads capture files through the chapter on logs (\secref{log}) and looks up transitions
in the table of the core.

@(figures.h@>=
#ifndef LTCP_FIGURES_H
#define LTCP_FIGURES_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "tcp.h"
@<Types of the figures@>@;
@<Declarations of the figures@>@;
#endif

@ @(figures.c@>=
#include <stdlib.h>
#include <string.h>
#include "segment.h"
#include "log.h"
#include "figures.h"
@<Private types and tables of the figures@>@;
@<Functions of the figures@>@;

@* How a figure is described.
Graphviz reads a graph written as text: a list of nodes and edges, each
with attributes in brackets.  Normally its program \.{dot} decides where
everything goes.  That works well for the chains of Figures 4 and~5, but
not for Figure~6, whose arrangement every student of TCP knows by heart,
nor for the timelines, whose geometry is simple and fixed.  For those,
\.{ltcp} computes every position itself and asks Graphviz only to draw:
the graph attribute \.{layout=nop2} tells it that the nodes' positions
(\.{pos}), the edges' paths (\.{pos} again, as B\'ezier control points)
and the places of the labels (\.{lp}) are final.  Coordinates are in
points, $1/72$ inch; this chapter measures $y$ downwards, as one reads a
page, and turns it round when it writes a point, since Graphviz measures
upwards.  The sum with $0.0$ turns a negative zero into a plain one, so
that equal figures are equal byte for byte.@^Figure 4@>

@<Functions of the figures@>=
static void put_point(FILE *f, double x, double y)
{
  fprintf(f, "%.1f,%.1f", x + 0.0, -y + 0.0);
}

@ Every text in a figure is set in a font that exists on the machine
that builds the book: when the font named in a graph is missing, the
font library silently substitutes another one, whose letters have other
widths, and the labels no longer fit the places computed for them.  The
DejaVu fonts come with every Debian system that has Graphviz.

@<Private types and tables of the figures@>=
#define FIG_FONT "DejaVu Sans"

@ Labels that mix upright and italic text are written in Graphviz's
small HTML language, in which the characters \.{<}, \.{>} and \.{\&} must be
escaped.

@<Functions of the figures@>=
static void put_html(FILE *f, const char *s)
{
  for (; *s; s++)
    switch (*s) {
    case '<': fputs("&lt;", f); break;
    case '>': fputs("&gt;", f); break;
    case '&': fputs("&amp;", f); break;
    default: putc(*s, f);
    }
}

@ A path is a polyline, each of whose pieces Graphviz wants as a cubic
B\'ezier curve: a straight piece from $p$ to $q$ is the curve with control
points $p$, $p+(q-p)/3$, $p+2(q-p)/3$ and~$q$.  When the path ends in an
arrowhead, the curve must stop short of the tip by the length of the
head, and the tip itself is written first, after \.{e,}.

@<Functions of the figures@>=
static void put_path(FILE *f, const double (*p)[2], int n, double head)
{
  double ex = p[n - 1][0], ey = p[n - 1][1];
  double px = p[n - 2][0], py = p[n - 2][1];
  double len = sqrt((ex - px) * (ex - px) + (ey - py) * (ey - py));
  double bx = ex, by = ey;
  if (head > 0 && len > head) {
    bx = ex - (ex - px) * head / len;
    by = ey - (ey - py) * head / len;
  }
  fputs("pos=\"", f);
  if (head > 0) fputs("e,", f), put_point(f, ex, ey), putc(' ', f);
  put_point(f, p[0][0], p[0][1]);
  for (int i = 1; i < n; i++) {
    double qx = i == n - 1 ? bx : p[i][0], qy = i == n - 1 ? by : p[i][1];
    double ox = p[i - 1][0], oy = p[i - 1][1];
    putc(' ', f), put_point(f, ox + (qx - ox) / 3, oy + (qy - oy) / 3);
    putc(' ', f), put_point(f, ox + 2 * (qx - ox) / 3, oy + 2 * (qy - oy) / 3);
    putc(' ', f), put_point(f, qx, qy);
  }
  fputs("\"", f);
}

@ The square root comes from the mathematics library, which the
\.{Makefile} links with every program.

@<Private types and tables of the figures@>=
#include <math.h>

@ A path is given from a point {\it inside} the box it leaves to a point
inside the box it enters; the drawing cuts it where it crosses the two
borders.  That way the same path serves for boxes of any size, which
the small figures of the steps need.  |clip| moves |p|, a point inside
the box with centre |(cx,cy)| and half-sizes |hw| and~|hh|, along the
segment towards |q| until it reaches the border.

@<Functions of the figures@>=
static void clip(double cx, double cy, double hw, double hh,
  double p[2], const double q[2])
{
  double t = 1, dx = q[0] - p[0], dy = q[1] - p[1];
  if (dx > 0 && q[0] > cx + hw) t = fmin(t, (cx + hw - p[0]) / dx);
  if (dx < 0 && q[0] < cx - hw) t = fmin(t, (cx - hw - p[0]) / dx);
  if (dy > 0 && q[1] > cy + hh) t = fmin(t, (cy + hh - p[1]) / dy);
  if (dy < 0 && q[1] < cy - hh) t = fmin(t, (cy - hh - p[1]) / dy);
  if (t < 0) t = 0;
  p[0] += t * dx, p[1] += t * dy;
}

@ Placing a label beside a slanted arrow needs its width, which only the
font knows.  An estimate is good enough: in DejaVu Sans a digit is
$0.64$ of the font size wide, a capital about $0.72$, a small letter
about $0.6$, and the narrow signs much less.  The estimate errs on the
wide side.

@<Functions of the figures@>=
static double text_width(const char *s, double size)
{
  double em = 0;
  for (; *s; s++) {
    char c = *s;
    if (c >= 'A' && c <= 'Z') em += c == 'W' || c == 'M' ? 0.9 : 0.72;
    else if (c >= '0' && c <= '9') em += 0.64;
    else if (c == '=') em += 0.84;
    else if (strchr(" .,:;'|!il", c)) em += 0.32;
    else em += 0.62;
  }
  return em * size;
}

@* The state machine: Figure 6.
Figure~6 has a box for each of the eleven states and an arrow for each
row of the table of transitions whose kind is not |ARROW_NONE|.  What an
arrow says, and how it is drawn, comes from its row: its label is the
row's cause and what it sends, its line is thick and solid for the
normal path of a client, thick and dashed for that of a server, thin for
the others.  Each edge also carries a \.{class} attribute with the kind
(\.{client}, \.{server}, \.{abnormal}) and each node is named by its
state, so that a program (the tests) can read the figure back.

Where the boxes and arrows go is not in the table: it is a matter of
drawing, and this section fixes it once, in the arrangement that every
textbook since Stevens's {\sl TCP/IP Illustrated} has used: CLOSED at
the top, where a connection starts; LISTEN below it, with SYN\_RCVD to
the left and SYN\_SENT to the right; ESTABLISHED in the middle; the
states of the side that closes first in a box at the lower left and
those of the side that closes second in a box at the lower right.  Here
it is drawn by \.{ltcp dot fsm} as Figure~6, printed in the chapter
``The whole machine,'' (\secref{machine}) where its arrows are discussed one by one.@^state machine@>@^transition table@>@^Stevens, W. Richard@>

@ Each state has a place: the centre of its box and the box's width
(all boxes are 24 points high), and, for two of them, an annotation of
the article's written beside the box.

@<Private types and tables of the figures@>=
struct place {
  double x, y, w;        /* centre and width of the box */
  const char *note;      /* the article's annotation, or |NULL| */
  double nx, ny;         /* where the annotation goes */
};
static const struct place places[TCP_NSTATES] = {@/
  @[[TCP_CLOSED]@] = {250, 30, 80, "starting point", 165, 8},@/
  @[[TCP_LISTEN]@] = {250, 110, 80, NULL, 0, 0},@/
  @[[TCP_SYN_SENT]@] = {405, 195, 80, NULL, 0, 0},@/
  @[[TCP_SYN_RCVD]@] = {95, 195, 80, NULL, 0, 0},@/
  @[[TCP_ESTABLISHED]@] = {250, 280, 96, "data transfer state", 352, 280},@/
  @[[TCP_FIN_WAIT_1]@] = {95, 395, 80, NULL, 0, 0},@/
  @[[TCP_FIN_WAIT_2]@] = {95, 480, 80, NULL, 0, 0},@/
  @[[TCP_CLOSE_WAIT]@] = {445, 395, 80, NULL, 0, 0},@/
  @[[TCP_CLOSING]@] = {290, 395, 80, NULL, 0, 0},@/
  @[[TCP_LAST_ACK]@] = {445, 480, 80, NULL, 0, 0},@/
  @[[TCP_TIME_WAIT]@] = {290, 480, 80, NULL, 0, 0}
};

@ Each arrow has a route: up to six points, the first inside the box it
leaves and the last inside the box it enters, and the centre of its
label.  The arrows back to CLOSED run round the outside of the picture,
as in Stevens's drawing.  Two of the table's notes, ``passive open'' and
``active open'', are the article's names for the states the arrows
lead to, so they are written beside the head of the arrow, at |(hx,hy)|;
the other notes are the last line of the arrow's label.@^passive open@>@^active open@>

@<Private types and tables of the figures@>=
struct route {
  enum tcp_state from, to;
  double lx, ly;         /* the centre of the label */
  double hx, hy;         /* the note at the head, if |hx>0| */
  int n;
  double p[6][2];
};
static const struct route routes[] = {@/
  {TCP_CLOSED, TCP_LISTEN, 184, 70, 160, 110, 2, {{235, 30}, {235, 110}}},@/
  {TCP_CLOSED, TCP_SYN_SENT, 369, 90, 452, 214, 3,
    {{250, 36}, {420, 36}, {420, 195}}},@/
  {TCP_LISTEN, TCP_SYN_RCVD, 120, 140, 0, 0, 2, {{222, 110}, {98, 195}}},@/
  {TCP_LISTEN, TCP_SYN_SENT, 300, 170, 0, 0, 2, {{278, 110}, {408, 195}}},@/
  {TCP_LISTEN, TCP_CLOSED, 296, 70, 0, 0, 2, {{265, 110}, {265, 30}}},@/
  {TCP_SYN_RCVD, TCP_ESTABLISHED, 130, 250, 0, 0, 2, {{95, 195}, {235, 280}}},@/
  {TCP_SYN_RCVD, TCP_LISTEN, 215, 165, 0, 0, 2, {{116, 195}, {249, 110}}},@/
  {TCP_SYN_RCVD, TCP_FIN_WAIT_1, 40, 300, 0, 0, 2, {{75, 195}, {75, 395}}},@/
  {TCP_SYN_RCVD, TCP_CLOSED, 91, 110, 0, 0, 3, {{60, 195}, {60, 36}, {250, 36}}},@/
  {TCP_SYN_SENT, TCP_ESTABLISHED, 375, 250, 0, 0, 2, {{405, 195}, {265, 280}}},@/
  {TCP_SYN_SENT, TCP_SYN_RCVD, 250, 218, 0, 0, 2, {{405, 195}, {95, 195}}},@/
  {TCP_SYN_SENT, TCP_CLOSED, 505, 110, 0, 0, 4,
    {{405, 195}, {475, 195}, {475, 24}, {250, 24}}},@/
  {TCP_ESTABLISHED, TCP_FIN_WAIT_1, 125, 318, 0, 0, 2, {{234, 280}, {101, 395}}},@/
  {TCP_ESTABLISHED, TCP_CLOSE_WAIT, 395, 320, 0, 0, 2, {{262, 280}, {433, 395}}},@/
  {TCP_CLOSE_WAIT, TCP_LAST_ACK, 485, 438, 0, 0, 2, {{445, 395}, {445, 480}}},@/
  {TCP_LAST_ACK, TCP_CLOSED, 520, 300, 0, 0, 5,
    {{445, 480}, {560, 480}, {560, 0}, {265, 0}, {265, 30}}},@/
  {TCP_FIN_WAIT_1, TCP_FIN_WAIT_2, 130, 438, 0, 0, 2, {{95, 395}, {95, 480}}},@/
  {TCP_FIN_WAIT_1, TCP_CLOSING, 192, 372, 0, 0, 2, {{95, 395}, {290, 395}}},@/
  {TCP_FIN_WAIT_1, TCP_TIME_WAIT, 228, 425, 0, 0, 2, {{112, 395}, {273, 480}}},@/
  {TCP_CLOSING, TCP_TIME_WAIT, 327, 438, 0, 0, 2, {{290, 395}, {290, 480}}},@/
  {TCP_FIN_WAIT_2, TCP_TIME_WAIT, 192, 496, 0, 0, 2, {{95, 480}, {290, 480}}},@/
  {TCP_TIME_WAIT, TCP_CLOSED, 140, 558, 0, 0, 5,
    {{290, 480}, {290, 550}, {5, 550}, {5, 24}, {250, 24}}}
};

@ The two boxes of the article, ``active close'' and ``passive close'',
are what Graphviz calls clusters: subgraphs whose name begins with
\.{cluster} and which are drawn as a frame around their nodes.  With the
layout fixed, a cluster needs its frame (\.{bb}, the corners) and the
place of its label.@^active close@>@^passive close@>

@<Private types and tables of the figures@>=
struct cluster {
  const char *name, *label;
  double x0, y0, x1, y1, lx, ly;
  enum tcp_state member[4];
  int n;
};
static const struct cluster frames[] = {@/
  {"active", "active close", 20, 350, 365, 525, 60, 517,
    {TCP_FIN_WAIT_1, TCP_FIN_WAIT_2, TCP_CLOSING, TCP_TIME_WAIT}, 4},@/
  {"passive", "passive close", 375, 350, 520, 525, 470, 517,
    {TCP_CLOSE_WAIT, TCP_LAST_ACK}, 2}
};

@ An arrow that the table has and the drawing does not know (a reader
who adds a row to the table, as an exercise below suggests, will make
one) is still drawn: straight from box to box, its label in the middle.
|find_route| returns the route of a pair of states, or makes that
straight one in |spare|.

@<Functions of the figures@>=
static const struct route *find_route(enum tcp_state from, enum tcp_state to,
  struct route *spare)
{
  for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++)
    if (routes[i].from == from && routes[i].to == to) return &routes[i];
  memset(spare, 0, sizeof *spare);
  spare->from = from, spare->to = to, spare->n = 2;
  spare->p[0][0] = places[from].x, spare->p[0][1] = places[from].y;
  spare->p[1][0] = places[to].x, spare->p[1][1] = places[to].y;
  spare->lx = (places[from].x + places[to].x) / 2;
  spare->ly = (places[from].y + places[to].y) / 2;
  return spare;
}

@ The same drawing serves for Figure~6 and, smaller, for the figures of
the steps of a run later in this chapter, which mark the states of the
two sides and the arrows just taken.  A |fig_view| says which: scales
for the positions, across and down, whether the drawing is the small one (boxes and
letters smaller, no labels on the arrows), the state of each
side to mark, and the moves to draw as taken.  A move is a change of
state of one side of a run; its type is described with the runs, below.

@<Types of the figures@>=
enum { FIG_CLIENT, FIG_SERVER };   /* the two sides of a connection */
struct fig_move;
struct fig_view {
  double sx, sy;                /* 1 and 1 for Figure 6 */
  bool small;                   /* the small drawing of a step */
  bool marked;                  /* |mark| holds the states of the two sides */
  enum tcp_state mark[2];
  const struct fig_move *taken; /* moves drawn as just taken */
  size_t ntaken;
  const char *title;            /* or |NULL| */
};

@ @<Declarations of the figures@>=
void fig_write_fsm(FILE *f, const struct fig_view *v);

@ The colours of the two sides: light ones fill the boxes of their
states, dark ones draw the arrows they have just taken.  Both pairs
stay distinct when printed in grey.

@<Private types and tables of the figures@>=
#define CLIENT_FILL "#a6cee3"
#define SERVER_FILL "#fdbf6f"
#define CLIENT_INK "#1f5fa0"
#define SERVER_INK "#d95f02"
#define FADED "#a0a0a0"

@ The outline of the drawing.  |outputorder=edgesfirst| draws the
arrows before the boxes, so that a box is never crossed by a line.

@<Functions of the figures@>=
@<Functions that draw parts of the machine@>@;
void fig_write_fsm(FILE *f, const struct fig_view *v)
{
  double fs = v->small ? 8.5 : 11, efs = v->small ? 8 : 10;
  fputs("digraph fsm {\n", f);
  fprintf(f, "  graph [layout=nop2, outputorder=edgesfirst, fontname=\"%s\","@t}\1\1{@>@/
    " fontsize=%g, margin=0, pad=0.05];\n", FIG_FONT, v->small ? 9.0 : 10.0@t}\2\2{@>);
  fprintf(f, "  node [shape=box, style=rounded, fixedsize=true, fontname=\"%s\","@t}\1\1{@>@/
    " fontsize=%g, height=%.3f];\n", FIG_FONT, fs, (v->small ? 16 : 24) / 72.0@t}\2\2{@>);
  fprintf(f, "  edge [fontname=\"%s\", fontsize=%g, arrowsize=%g];\n",
    FIG_FONT, efs, v->small ? 0.5 : 0.7);
  if (v->title || v->marked) put_title(f, v);
  for (size_t i = 0; i < sizeof frames / sizeof frames[0]; i++)
    put_frame(f, &frames[i], v);
  for (int st = 0; st < TCP_NSTATES; st++) put_state(f, (enum tcp_state) st, v);
  for (size_t i = 0; i < tcp_ntransitions; i++)
    if (tcp_transitions[i].kind != ARROW_NONE)
      put_arrow(f, &tcp_transitions[i], v);
  fputs("}\n", f);
}

@ The size of a box in a drawing: the width of its place and 24 points
of height in Figure~6; in the small drawing, the scaled width a little
enlarged, so that the smaller letters still fit, and 16 points.

@<Functions that draw parts of the machine@>=
static void box_size(enum tcp_state st, const struct fig_view *v,
  double *hw, double *hh)
{
  *hw = places[st].w * (v->small ? 0.74 : 1) / 2;
  *hh = (v->small ? 16 : 24) / 2.0;
}

@ A frame: the cluster, its corners and its label, and inside it the
states that belong to it, which Graphviz needs to know only to keep
them together; their places are fixed anyway.  The label keeps its
distance from the nearer corner of the frame, shrunk with the letters in
the small drawing, so that it stays inside the frame however the
drawing is scaled.

@<Functions that draw parts of the machine@>=
static void put_frame(FILE *f, const struct cluster *b, const struct fig_view *v)
{
  double sx = v->sx, sy = v->sy;
  fprintf(f, "  subgraph cluster_%s {\n    graph [label=\"%s\", style=dashed,"@t}\1\1{@>@/
    " fontsize=%g, bb=\"", b->name, b->label, v->small ? 8.0 : 10.0@t}\2\2{@>);
  put_point(f, b->x0 * sx, b->y1 * sy), putc(',', f);
  put_point(f, b->x1 * sx, b->y0 * sy);
  double k = v->small ? 0.8 : 1;  /* the label's size */
  double lx = b->lx - b->x0 < b->x1 - b->lx ? b->x0 * sx + (b->lx - b->x0) * k
    : b->x1 * sx - (b->x1 - b->lx) * k;
  fputs("\", lp=\"", f), put_point(f, lx, b->y1 * sy - (b->y1 - b->ly) * k);
  fputs("\"];\n   ", f);
  for (int i = 0; i < b->n; i++)
    fprintf(f, " %s;", tcp_state_name(b->member[i]));
  fputs("\n  }\n", f);
}

@ A state is a box named by the state.  In a step's drawing, the boxes
of the two sides' states are filled with their colours; when both
sides are in the same state, the box is striped with both.

@<Functions that draw parts of the machine@>=
static void put_state(FILE *f, enum tcp_state st, const struct fig_view *v)
{
  const struct place *p = &places[st];
  double hw, hh;
  box_size(st, v, &hw, &hh);
  fprintf(f, "  %s [class=\"state\", width=%.3f, pos=\"", tcp_state_name(st),
    2 * hw / 72);
  put_point(f, p->x * v->sx, p->y * v->sy);
  putc('"', f);
  bool c = v->marked && v->mark[FIG_CLIENT] == st;
  bool sv = v->marked && v->mark[FIG_SERVER] == st;
  if (c && sv)
    fprintf(f, ", style=\"striped\", fillcolor=\"%s:%s\"", CLIENT_FILL, SERVER_FILL);
  else if (c || sv)
    fprintf(f, ", style=\"rounded,filled\", fillcolor=\"%s\"",
      c ? CLIENT_FILL : SERVER_FILL);
  if (p->note && !v->small) {
    fprintf(f, ", xlabel=<<FONT POINT-SIZE=\"10\"><I>%s</I></FONT>>, xlp=\"", p->note);
    put_point(f, p->nx, p->ny), putc('"', f);
  }
  fputs("];\n", f);
}

@ |taken_by| says which side, if any, has just taken the arrow of
transition~|t|.

@<Functions that draw parts of the machine@>=
static int taken_by(const struct transition *t, const struct fig_view *v)
{
  for (size_t i = 0; i < v->ntaken; i++)
    if (v->taken[i].from == t->from && v->taken[i].to == t->to)
      return v->taken[i].side;
  return -1;
}

@ An arrow.  Its route is scaled, cut at the borders of its boxes and
written as a path; then come its class and its style, and its label.

@<Functions that draw parts of the machine@>=
static void put_arrow(FILE *f, const struct transition *t,
  const struct fig_view *v)
{
  struct route spare;
  const struct route *r = find_route(t->from, t->to, &spare);
  double p[6][2], sx = v->sx, sy = v->sy, hw, hh;
  for (int i = 0; i < r->n; i++) p[i][0] = r->p[i][0] * sx, p[i][1] = r->p[i][1] * sy;
  box_size(t->from, v, &hw, &hh);
  clip(places[t->from].x * sx, places[t->from].y * sy, hw, hh, p[0], p[1]);
  box_size(t->to, v, &hw, &hh);
  clip(places[t->to].x * sx, places[t->to].y * sy, hw, hh, p[r->n - 1], p[r->n - 2]);
  int side = taken_by(t, v);
  fprintf(f, "  %s -> %s [class=\"%s\", ", tcp_state_name(t->from),
    tcp_state_name(t->to), t->kind == ARROW_CLIENT ? "client"
    : t->kind == ARROW_SERVER ? "server" : "abnormal");
  @<Write the style of the arrow@>@;
  if (!v->small) @<Write the label of the arrow@>@;
  put_path(f, (const double (*)[2]) p, r->n, (v->small ? 5 : 7));
  fputs("];\n", f);
}

@ The article's legend: thick solid for a client's normal path, thick
dashed for a server's, thin for the rest.  In a step's drawing the
arrows just taken are thicker still and in the colour of the side that
took them, and all others are faded.

@<Write the style of the arrow@>=
{
  bool thick = t->kind != ARROW_ABNORMAL;
  const char *dash = t->kind == ARROW_SERVER ? "dashed" : "solid";
  double w = thick ? (v->small ? 1.3 : 1.8) : (v->small ? 0.6 : 0.8);
  const char *ink = "black";
  if (side >= 0) w = 2.6, ink = side == FIG_CLIENT ? CLIENT_INK : SERVER_INK;
  else if (v->marked) ink = FADED;
  fprintf(f, "style=%s, penwidth=%.1f, color=\"%s\", ", dash, w, ink);
}

@ The label has the cause on its first line, then what is sent, then, in
italics, the note, unless the note goes to the arrow's head.  A long
cause is broken after its comma.  The note at the head is Graphviz's
\.{headlabel}.

@<Write the label of the arrow@>=
{
  fputs("label=<", f);
  const char *comma = strstr(t->cause, ", ");
  if (comma) {
    char first[64];
    snprintf(first, sizeof first, "%.*s", (int) (comma - t->cause + 1), t->cause);
    put_html(f, first), fputs("<BR/>", f), put_html(f, comma + 2);
  } else put_html(f, t->cause);
  if (t->send) fputs("<BR/>send: ", f), put_html(f, t->send);
  if (t->note && r->hx == 0 && !v->small)
    fputs("<BR/><I>", f), put_html(f, t->note), fputs("</I>", f);
  fputs(">, lp=\"", f), put_point(f, r->lx * sx, r->ly * sy), fputs("\", ", f);
  if (t->note && r->hx > 0 && !v->small) {
    fputs("headlabel=<<I>", f), put_html(f, t->note);
    fputs("</I>>, head_lp=\"", f), put_point(f, r->hx, r->hy), fputs("\", ", f);
  }
}

@ The title of a step's drawing says what happened, and the legend under
it gives each side's colour, its state, and, when the step moved it, the
move with the label of its arrow.  The labels are written here rather
than on the arrows, where in the small drawing they would crowd the
lines.  Title and legend are one small HTML table, the graph's label, at
the top.

@<Functions that draw parts of the machine@>=
static void put_title(FILE *f, const struct fig_view *v)
{
  fputs("  graph [labelloc=t, label=<<TABLE BORDER=\"0\" CELLSPACING=\"3\">", f);
  if (v->title) {
    fputs("<TR><TD COLSPAN=\"2\">", f), put_html(f, v->title);
    fputs("</TD></TR>", f);
  }
  for (int side = 0; v->marked && side < 2; side++) {
    fprintf(f, "<TR><TD BGCOLOR=\"%s\" BORDER=\"1\" WIDTH=\"18\"> </TD>"@t}\1\1{@>@/
      "<TD ALIGN=\"LEFT\">%s: ", side ? SERVER_FILL : CLIENT_FILL,
      side ? "server" : "client"@t}\2\2{@>);
    @<Write the side's moves in this step, or its state@>@;
    fputs("</TD></TR>", f);
  }
  fputs("</TABLE>>];\n", f);
}

@ @<Write the side's moves in this step, or its state@>=
{
  int moves = 0;
  const struct transition *last = NULL;
  for (size_t i = 0; i < v->ntaken; i++) {
    if (v->taken[i].side != side) continue;
    if (moves++ == 0) fputs(tcp_state_name(v->taken[i].from), f);
    fprintf(f, " \xe2\x86\x92 %s", tcp_state_name(v->taken[i].to));
    last = fig_find_transition(v->taken[i].from, v->taken[i].to);
  }
  if (moves == 0) fprintf(f, "stays in %s", tcp_state_name(v->mark[side]));
  else if (moves == 1 && last) {
    fputs(" (", f), put_html(f, last->cause);
    if (last->send) fputs("; send: ", f), put_html(f, last->send);
    fputs(")", f);
  }
}

@* A run, as the figures see it.
The other figures are drawn from a run: a capture file, written by
\.{ltcp sim} on the simulated link or by \.{tcpdump} on a real network.
The figures need three things from it: the segments of one connection,
in order, each with its sender; the moves, that is the changes of state
of each side, each tied to the segment that caused it; and, from the
moves, each side's state after every segment.

A capture written by \.{ltcp} says in a comment on each packet which
states the packet changed, in words like
\.{client SYN\_SENT -> ESTABLISHED}: the core itself reported the move.
A capture of a real kernel has no such comments, and there the figures
infer the moves from the segments, as the article's reader would.

@<Types of the figures@>=
struct fig_segment {
  int from;                 /* |FIG_CLIENT| or |FIG_SERVER| */
  uint32_t seq, ack, len;
  uint8_t flags;
  int step;                 /* the article's step number, or 0 */
};
struct fig_move {
  int side;
  enum tcp_state from, to;
  long at;                  /* the segment that caused it */
};
struct fig_run {
  struct fig_segment *seg;
  size_t nseg, segcap;
  struct fig_move *move;
  size_t nmove, movecap;
  bool commented;           /* the moves came from the capture's comments */
  uint32_t addr[2];         /* each side's address and port */
  uint16_t port[2];
};

@ A move's |at| is the index of the segment that caused it; two values
lie outside the segments: $-1$ for a move before the first segment (the
server's CLOSED to LISTEN, when its application calls {\it listen}) and
|nseg| for one after the last (TIME\_WAIT to CLOSED, when 2MSL have
passed).

A segment's |step| is its number in the article's sense: the segments
that move a state are numbered $1, 2, \ldots$ in order, and the others
(data, acknowledgments of data, retransmissions) get 0.  For the run of
a whole connection this gives exactly the seven steps of Figure~1.

@<Declarations of the figures@>=
void fig_run_init(struct fig_run *r);
void fig_run_free(struct fig_run *r);
int fig_run_read(struct fig_run *r, FILE *capture, char *err, size_t errlen);
int fig_run_segment(struct fig_run *r, int from, uint32_t seq, uint32_t ack,
  uint8_t flags, uint32_t len, const char *comment);
int fig_run_finish(struct fig_run *r);
enum tcp_state fig_state_after(const struct fig_run *r, int side, long at);
long fig_find_step(const struct fig_run *r, int step);

@ @<Functions of the figures@>=
void fig_run_init(struct fig_run *r)
{
  memset(r, 0, sizeof *r);
}

void fig_run_free(struct fig_run *r)
{
  free(r->seg);
  free(r->move);
  fig_run_init(r);
}

@ Both arrays grow by doubling.  |add_move| and |fig_run_segment| return
$-1$ when memory runs out.

@<Functions of the figures@>=
static int grow(void **a, size_t *cap, size_t n, size_t size)
{
  if (n < *cap) return 0;
  size_t c = *cap ? 2 * *cap : 16;
  void *b = realloc(*a, c * size);
  if (!b) return -1;
  *a = b, *cap = c;
  return 0;
}

static int add_move(struct fig_run *r, int side, enum tcp_state from,
  enum tcp_state to, long at)
{
  if (grow((void **) &r->move, &r->movecap, r->nmove, sizeof *r->move)) return -1;
  struct fig_move *m = &r->move[r->nmove++];
  m->side = side, m->from = from, m->to = to, m->at = at;
  return 0;
}

@ Reading a comment.  The words that matter are a side's name followed
by two state names joined by an arrow; everything else in the comment
(the cause in parentheses, other remarks) is passed over.  |state_named|
reads a state's name at |s| and says how long it was.

@<Functions of the figures@>=
static int state_named(const char *s, size_t *len)
{
  size_t n = 0;
  while ((s[n] >= 'A' && s[n] <= 'Z') || (s[n] >= '0' && s[n] <= '9') || s[n] == '_')
    n++;
  for (int st = 0; st < TCP_NSTATES; st++)
    if (strlen(tcp_state_name((enum tcp_state) st)) == n
        && strncmp(s, tcp_state_name((enum tcp_state) st), n) == 0) {
      *len = n;
      return st;
    }
  return -1;
}

@ @<Functions of the figures@>=
static int read_moves(struct fig_run *r, const char *c, long at)
{
  static const char *const sides[2] = {"client ", "server "};
  for (const char *p = c; *p; p++)
    for (int side = 0; side < 2; side++) {
      size_t k = strlen(sides[side]), n1, n2;
      if (strncmp(p, sides[side], k) != 0 || (p > c && p[-1] != ' '
          && p[-1] != '\n' && p[-1] != ';' && p[-1] != ',')) continue;
      int a = state_named(p + k, &n1);
      if (a < 0 || strncmp(p + k + n1, " -> ", 4) != 0) continue;
      int b = state_named(p + k + n1 + 4, &n2);
      if (b < 0) continue;
      if (add_move(r, side, (enum tcp_state) a, (enum tcp_state) b, at)) return -1;
      r->commented = true;
    }
  return 0;
}

@ |fig_run_segment| adds a segment to the run, with the moves its
comment names.  The tests build runs with it directly; |fig_run_read|
calls it for each segment of a capture.

@<Functions of the figures@>=
int fig_run_segment(struct fig_run *r, int from, uint32_t seq, uint32_t ack,
  uint8_t flags, uint32_t len, const char *comment)
{
  if (grow((void **) &r->seg, &r->segcap, r->nseg, sizeof *r->seg)) return -1;
  struct fig_segment *g = &r->seg[r->nseg];
  g->from = from, g->seq = seq, g->ack = ack, g->len = len, g->flags = flags;
  g->step = 0;
  if (comment && read_moves(r, comment, (long) r->nseg)) return -1;
  r->nseg++;
  return 0;
}

@ Reading a capture.  The client is the side that sent the first SYN
without an ACK; the connection is the pair of addresses and ports of
that segment, and segments of other connections are passed over.  A SYN
from the client after its connection has been opened begins a new
connection with the same ports, and ends the run.

@<Functions of the figures@>=
int fig_run_read(struct fig_run *r, FILE *capture, char *err, size_t errlen)
{
  struct capture_reader cr;
  if (errlen) err[0] = '\0';
  if (capture_reader_open(&cr, capture, err, errlen)) return -1;
  bool found = false, opened = false;
  uint64_t usec;
  struct segment s;
  const char *comment;
  int k;
  while ((k = capture_next(&cr, &usec, &s, &comment)) == 1) {
    @<Find the connection, or pass over a segment that is not of it@>@;
    int from = s.src_addr == r->addr[FIG_CLIENT] && s.src_port == r->port[FIG_CLIENT]
      ? FIG_CLIENT : FIG_SERVER;
    if (from == FIG_CLIENT && (s.flags & TCP_SYN) && !(s.flags & TCP_ACK)) {
      if (opened) break;
    } else opened = true;
    if (fig_run_segment(r, from, s.seq, s.ack, s.flags, (uint32_t) s.len, comment)) {
      snprintf(err, errlen, "out of memory");
      k = -1;
      break;
    }
  }
  if (k < 0 && err[0] == '\0') snprintf(err, errlen, "%s", cr.err);
  capture_reader_close(&cr);
  if (k < 0) return -1;
  if (!found) {
    snprintf(err, errlen, "no connection in the capture (no SYN without ACK)");
    return -1;
  }
  return fig_run_finish(r);
}

@ @<Find the connection, or pass over a segment that is not of it@>=
if (!found) {
  if (!(s.flags & TCP_SYN) || (s.flags & TCP_ACK)) continue;
  r->addr[FIG_CLIENT] = s.src_addr, r->port[FIG_CLIENT] = s.src_port;
  r->addr[FIG_SERVER] = s.dst_addr, r->port[FIG_SERVER] = s.dst_port;
  found = true;
}
bool c2s = s.src_addr == r->addr[FIG_CLIENT] && s.src_port == r->port[FIG_CLIENT]
  && s.dst_addr == r->addr[FIG_SERVER] && s.dst_port == r->port[FIG_SERVER];
bool s2c = s.src_addr == r->addr[FIG_SERVER] && s.src_port == r->port[FIG_SERVER]
  && s.dst_addr == r->addr[FIG_CLIENT] && s.dst_port == r->port[FIG_CLIENT];
if (!c2s && !s2c) continue;

@ When all segments are in, |fig_run_finish| works out the moves and
numbers the steps.  The comments of a capture written on the simulated
link name only the moves that a segment caused {\it on arrival}; the
moves that an application's call caused (a connect, a close) or a timer
happened when no segment was arriving, and no comment has them.  But
those calls show themselves in the segments they send: a SYN from CLOSED
is an active open, a FIN from ESTABLISHED an active close.  So the
sender's moves are always inferred, unless a comment names one; the
receiver's come from the comments when the capture has any, and are
inferred when it has none.

The moves that the comments named are taken out of the run first, as
|told|, and the run's list of moves is built again, in order.@^active open@>@^active close@>

@<Functions of the figures@>=
int fig_run_finish(struct fig_run *r)
{
  struct fig_move *told = r->move;
  size_t ntold = r->nmove;
  r->move = NULL, r->nmove = r->movecap = 0;
  int k = follow_run(r, told, ntold);
  free(told);
  if (k) return -1;
  for (int side = 0; side < 2; side++)
    if (fig_state_after(r, side, (long) r->nseg - 1) == TCP_TIME_WAIT
        && add_move(r, side, TCP_TIME_WAIT, TCP_CLOSED, (long) r->nseg))
      return -1;
  int step = 0;
  for (size_t i = 0; i < r->nseg; i++) {
    r->seg[i].step = 0;
    for (size_t m = 0; m < r->nmove; m++)
      if (r->move[m].at == (long) i) {
        r->seg[i].step = ++step;
        break;
      }
  }
  return 0;
}

@ The last |if| above adds the end of TIME\_WAIT, which no segment shows:
a side that the run leaves in TIME\_WAIT reaches CLOSED when 2MSL have
passed, after the last segment.

@ A side's state after segment |at| (or before the first, for $-1$) is
where its moves up to that segment have taken it, starting from CLOSED.

@<Functions of the figures@>=
enum tcp_state fig_state_after(const struct fig_run *r, int side, long at)
{
  enum tcp_state st = TCP_CLOSED;
  for (size_t m = 0; m < r->nmove; m++)
    if (r->move[m].side == side && r->move[m].at <= at) st = r->move[m].to;
  return st;
}

@ |fig_find_step| gives the index of the segment with step number
|step|, or $-1$.

@<Functions of the figures@>=
long fig_find_step(const struct fig_run *r, int step)
{
  for (size_t i = 0; i < r->nseg; i++)
    if (step > 0 && r->seg[i].step == step) return (long) i;
  return -1;
}

@* Inferring the states from the segments.
A capture of a real connection says nothing about states, but a reader
who knows Figure~6 can follow them from the segments alone, and so can
a program.  Two small functions hold all the knowledge: what sending a
segment does to the sender's state, and what receiving it does to the
receiver's.  They follow only the arrows of the normal paths and the
common abnormal ones; they are a reader's view of TCP, not TCP, and they
trust every segment (a real TCP would check that it is acceptable
first).

Sending a SYN without an ACK opens a connection actively; sending a FIN
closes one; sending a RST ends one, except for a listener, which answers
stray segments with resets and goes on listening.@^RST flag@>

@<Declarations of the figures@>=
enum tcp_state fig_infer_send(enum tcp_state s, uint8_t flags);
enum tcp_state fig_infer_receive(enum tcp_state s, uint8_t flags, bool acks_our_fin);

@ @<Functions of the figures@>=
enum tcp_state fig_infer_send(enum tcp_state s, uint8_t flags)
{
  if (flags & TCP_RST) return s == TCP_LISTEN ? s : TCP_CLOSED;
  switch (s) {
  case TCP_CLOSED: case TCP_LISTEN:
    if ((flags & TCP_SYN) && !(flags & TCP_ACK)) return TCP_SYN_SENT;
    break;
  case TCP_SYN_RCVD: case TCP_ESTABLISHED:
    if (flags & TCP_FIN) return TCP_FIN_WAIT_1;
    break;
  case TCP_CLOSE_WAIT:
    if (flags & TCP_FIN) return TCP_LAST_ACK;
    break;
  default: break;
  }
  return s;
}

@ Receiving needs one fact that the flags do not give: whether the
segment acknowledges the receiver's own FIN, which decides between
FIN\_WAIT\_1's three ways out and ends CLOSING and LAST\_ACK.

@<Functions of the figures@>=
enum tcp_state fig_infer_receive(enum tcp_state s, uint8_t flags, bool acks_our_fin)
{
  if (flags & TCP_RST)
    return s == TCP_SYN_RCVD ? TCP_LISTEN : s == TCP_LISTEN ? s : TCP_CLOSED;
  switch (s) {
  case TCP_LISTEN:
    if (flags & TCP_SYN) return TCP_SYN_RCVD;
    break;
  case TCP_SYN_SENT:
    if (flags & TCP_SYN) return flags & TCP_ACK ? TCP_ESTABLISHED : TCP_SYN_RCVD;
    break;
  case TCP_SYN_RCVD:
    if (flags & TCP_ACK) return TCP_ESTABLISHED;
    break;
  case TCP_ESTABLISHED:
    if (flags & TCP_FIN) return TCP_CLOSE_WAIT;
    break;
  case TCP_FIN_WAIT_1:
    if (flags & TCP_FIN) return acks_our_fin ? TCP_TIME_WAIT : TCP_CLOSING;
    if (acks_our_fin) return TCP_FIN_WAIT_2;
    break;
  case TCP_FIN_WAIT_2:
    if (flags & TCP_FIN) return TCP_TIME_WAIT;
    break;
  case TCP_CLOSING: case TCP_LAST_ACK:
    if (acks_our_fin) return s == TCP_CLOSING ? TCP_TIME_WAIT : TCP_CLOSED;
    break;
  default: break;
  }
  return s;
}

@ Following a run.  Both sides start in CLOSED, and the server moves to
LISTEN before the first segment, when its application calls {\it
listen}; a comment that names that move is passed over, since the move
is always made here.  Then, for each segment, the sender moves first and
the receiver second.

A capture is taken at one place, and it orders segments by the time it
saw them; the figures take that order as the order in which the
segments were sent and received.  Segments that cross on the wire, such
as the two FINs of a simultaneous close, are seen one after the other,
and the inference follows them in that order: the first FIN to appear
arrives, in its eyes, before the second is sent.@^simultaneous close@>

@<Functions of the figures@>=
static int follow_run(struct fig_run *r, const struct fig_move *told, size_t ntold)
{
  enum tcp_state st[2] = {TCP_CLOSED, TCP_LISTEN};
  bool fin_sent[2] = {false, false};
  uint32_t fin_seq[2] = {0, 0};
  size_t t = 0;  /* the next of the |told| moves */
  if (add_move(r, FIG_SERVER, TCP_CLOSED, TCP_LISTEN, -1)) return -1;
  for (size_t i = 0; i < r->nseg; i++) {
    const struct fig_segment *g = &r->seg[i];
    int a = g->from, b = 1 - g->from;
    @<Move the sender of segment |i|@>@;
    if (r->commented) @<Take the moves that the comment of segment |i| names@>@;
    else @<Infer the receiver's moves for segment |i|@>@;
  }
  return 0;
}

@ @<Move the sender of segment |i|@>=
bool named = false;
for (size_t m = t; m < ntold && told[m].at == (long) i; m++)
  if (told[m].side == a) named = true;
enum tcp_state n = fig_infer_send(st[a], g->flags);
if (!named && n != st[a]) {
  if (add_move(r, a, st[a], n, (long) i)) return -1;
  st[a] = n;
}
if (g->flags & TCP_FIN) fin_sent[a] = true, fin_seq[a] = g->seq + g->len;

@ @<Take the moves that the comment of segment |i| names@>=
for (; t < ntold && told[t].at <= (long) i; t++) {
  if (told[t].from == TCP_CLOSED && told[t].to == TCP_LISTEN) continue;
  if (add_move(r, told[t].side, told[t].from, told[t].to, (long) i)) return -1;
  st[told[t].side] = told[t].to;
}

@ Inferring the receiver's moves.  One segment can move its receiver
twice: an ACK that completes the handshake may carry a FIN as well, and
after the first move the FIN is read again without the ACK, which has
done its work.  Each side remembers the sequence number of its FIN, so
that an acknowledgment of it can be recognized: a FIN occupies the
sequence number after the segment's data, and an acknowledgment of it
names the number after that.

@<Infer the receiver's moves for segment |i|@>=
{
  uint8_t flags = g->flags;
  bool acks = fin_sent[b] && (flags & TCP_ACK) && seq_ge(g->ack, fin_seq[b] + 1);
  for (int twice = 0; twice < 2; twice++) {
    n = fig_infer_receive(st[b], flags, acks);
    if (n == st[b]) break;
    if (add_move(r, b, st[b], n, (long) i)) return -1;
    st[b] = n, flags &= (uint8_t) ~TCP_ACK, acks = false;
  }
}

@ |follow_run| is defined after |fig_run_finish|, which calls it.

@<Private types and tables of the figures@>=
struct fig_run;
struct fig_move;
static int follow_run(struct fig_run *r, const struct fig_move *told, size_t ntold);

@* The timelines: Figures 1, 2 and 3.
A sequence diagram has a vertical line for each side, the client on the
left, and time flows down.  Each segment is an arrow from the sender's
line to the receiver's, one row lower, labelled with its control bits
and its numbers as the article writes them (``\.{SYN=1 seq=}$x$''), but
with the real numbers of the run.  After each numbered step, each side's
state is written beside its line, in the article's convention: a state
that a segment changes on arrival is written at the row where the arrow
arrives.  Segments that move no state (data, say) are drawn in grey and
not numbered.  When a side ends the drawing in TIME\_WAIT, its line goes
on, dotted, for 2MSL, to CLOSED.

The first figure is the whole run of the scenario \.{lifecycle} on the
simulated link; the other two are its handshake and its wave alone
(\.{--from 1 --to 3} and \.{--from 4 --to 7}).

(Figure~1 itself is printed in the chapter on the handshake (\secref{handshake}), where the
book's story begins.)

@ The geometry of the timelines, in points.

@<Private types and tables of the figures@>=
#define SEQ_XC 130.0 /* the client's line */
#define SEQ_XS 440.0 /* the server's line */
#define SEQ_DY 40.0 /* from one row to the next, at least */
#define SEQ_STATE_W 84.0 /* the width kept for a state's name */

@ @<Declarations of the figures@>=
int fig_write_seq(FILE *f, const struct fig_run *r, int from_step, int to_step,
  const char *title, long mark, char *err, size_t errlen);

@ A drawing covers a range of the run's segments, from the segment of
step |from_step| to that of step |to_step|, with the unnumbered segments
between them; step 0 for |to_step| means the last step.  Row 0 holds the
states before the first segment of the range, row $k$ the arrow of its
$k$th segment and, if that segment is a step, the states after it.  A
|seq_layout| keeps what the parts of the drawing share: the range, the
height of each row (|y[k]| is the $y$ of row $k$), and whether the
labels take two lines.  A drawing may single out one arrow, in red: the
|mark|th segment of the capture, counted from~1 (0 marks none).  The
graders of the laboratory assignments use it to point at the first
segment where a student's run parts from the book's.

@<Private types and tables of the figures@>=
struct seq_layout {
  long first, last;     /* the segments drawn */
  int rows;             /* rows $1,\ldots,|rows|$ have an arrow */
  bool two;             /* labels on two lines */
  bool to_end;          /* no numbered step follows |last| */
  long mark;            /* the segment drawn in red, from 1; or 0 */
  double y[];           /* rows $0,\ldots,|rows|+1$ */
};

@ @<Functions of the figures@>=
@<Functions that draw parts of a sequence diagram@>@;
int fig_write_seq(FILE *f, const struct fig_run *r, int from_step, int to_step,
  const char *title, long mark, char *err, size_t errlen)
{
  long first = fig_find_step(r, from_step), last = r->nseg ? (long) r->nseg - 1 : -1;
  if (to_step > 0) last = fig_find_step(r, to_step);
  if (first < 0 || last < first) {
    snprintf(err, errlen, "the run has no steps %d to %d", from_step, to_step);
    return -1;
  }
  if (to_step <= 0)  /* leave out what follows the last step */
    while (last > first && r->seg[last].step == 0) last--;
  int rows = (int) (last - first) + 1;
  struct seq_layout *L = malloc(sizeof *L + (size_t) (rows + 2) * sizeof L->y[0]);
  if (!L) {
    snprintf(err, errlen, "out of memory");
    return -1;
  }
  L->first = first, L->last = last, L->rows = rows, L->mark = mark;
  @<Decide the labels' lines and the rows' heights@>@;
  @<Write the head of the sequence diagram@>@;
  put_seq_row(f, r, L, 0);
  for (int row = 1; row <= rows; row++) {
    put_seq_arrow(f, r, L, row);
    if (r->seg[first + row - 1].step) put_seq_row(f, r, L, row);
  }
  put_timelines(f, r, L);
  fputs("}\n", f);
  free(L);
  return 0;
}

@ The head of the drawing: the graph's defaults, the title, and the names
of the two sides with their addresses above their lines.

@<Write the head of the sequence diagram@>=
fputs("digraph seq {\n", f);
fprintf(f, "  graph [layout=nop2, outputorder=edgesfirst, fontname=\"%s\","@t}\1\1{@>@/
  " fontsize=12, margin=0, pad=0.05", FIG_FONT@t}\2\2{@>);
if (title) fputs(", labelloc=t, label=<", f), put_html(f, title), fputs(">", f);
fprintf(f, "];\n  node [fontname=\"%s\", fontsize=10];\n", FIG_FONT);
fprintf(f, "  edge [fontname=\"%s\", fontsize=10, arrowsize=0.7];\n", FIG_FONT);
for (int side = 0; side < 2; side++) {
  uint32_t a = r->addr[side];
  fprintf(f, "  %s [shape=plaintext, label=<<B>%s</B><BR/>%u.%u.%u.%u.%u>, pos=\"",
    side ? "server" : "client", side ? "server" : "client", a >> 24 & 255,
    a >> 16 & 255, a >> 8 & 255, a & 255, r->port[side]);
  put_point(f, side ? SEQ_XS : SEQ_XC, -30), fputs("\"];\n", f);
}

@ Figures 2 and 3 are the two halves of Figure~1, drawn larger.
Figure~2 is the handshake, steps 1 to~3.  The article points out when
each side sets aside the resources of the connection: the server when it
takes the SYN (step~1, into SYN\_RCVD), the client when the SYN,ACK
arrives (step~2, into ESTABLISHED).

(Figure~2 is printed in the chapter on the handshake (\secref{handshake}).)@^handshake, resources set aside@>@^Figure 2@>

@ A segment is described as the article describes it: the control bits
that are set (``\.{SYN=1 ACK=1}''), then the numbers: the sequence
number, the acknowledgment number only when the ACK bit is set, and the
length only when there is data.  The drawing of a step uses the same
words in its title.

@<Functions that draw parts of a sequence diagram@>=
static void segment_words(const struct fig_segment *g, char *bits, size_t nb,
  char *numbers, size_t nn)
{
  static const uint8_t bit[6] = {TCP_SYN, TCP_FIN, TCP_RST, TCP_PSH, TCP_ACK, TCP_URG};
  static const char *const name[6] = {"SYN", "FIN", "RST", "PSH", "ACK", "URG"};
  size_t n = 0;
  bits[0] = '\0';
  for (int k = 0; k < 6; k++)
    if ((g->flags & bit[k]) && n < nb)
      n += (size_t) snprintf(bits + n, nb - n, "%s%s=1", n ? " " : "", name[k]);
  int m = snprintf(numbers, nn, "seq=%lu", (unsigned long) g->seq);
  if ((g->flags & TCP_ACK) && m > 0 && (size_t) m < nn)
    m += snprintf(numbers + m, nn - (size_t) m, " ack=%lu", (unsigned long) g->ack);
  if (g->len && m > 0 && (size_t) m < nn)
    snprintf(numbers + m, nn - (size_t) m, " len=%lu", (unsigned long) g->len);
}

@ The label of an arrow, on one line or on two, and its estimated width
as a fraction of the distance between the lines.

@<Functions that draw parts of a sequence diagram@>=
static double seq_label(const struct fig_segment *g, bool two, char *label,
  size_t cap)
{
  char bits[64], numbers[64];
  segment_words(g, bits, sizeof bits, numbers, sizeof numbers);
  snprintf(label, cap, two ? "%s\\n%s" : "%s %s", bits, numbers);
  double w = two ? fmax(text_width(bits, 9.5), text_width(numbers, 9.5))
    : text_width(label, 9.5);
  return w / (SEQ_XS - SEQ_XC);
}

@ The words of a segment go on one line when they are short, as with the
small numbers of the simulated link's first runs, and on two when they
are long, as with ten-digit sequence numbers.  If one segment of a
diagram needs two lines, all get two, so that its labels look alike.

Where does a label go?  The arrows slant, and a label beside an arrow
would need room between its arrow and the next, which consecutive
arrows in the same direction (data, say, and then a FIN) do not leave.
So the label is put {\it on} its arrow, at the middle, on a white ground
that hides the part of the line behind it, in the manner of the
diagrams of RFC~793, where the segment is written on its arrow.  The
arrow shows at both ends of the label, the head at the receiver's line.
A label of height $h$ that covers a fraction $f$ of the width then
clears the arrows above and below it if the rows are at least
$(h/2+3)/(1-f/2)$ apart, which with the labels here is less than the
usual distance; a row is made taller only if a label is very wide.@^RFC 793@>

@<Decide the labels' lines and the rows' heights@>=
{
  char label[130];
  L->two = false;
  for (long i = first; i <= last; i++)
    if (seq_label(&r->seg[i], false, label, sizeof label) > 0.8) L->two = true;
  double h = L->two ? 24 : 12;
  L->y[0] = 0;
  for (int row = 1; row <= rows; row++) {
    double fr = seq_label(&r->seg[first + row - 1], L->two, label, sizeof label);
    double dy = fmax(SEQ_DY, (h / 2 + 3) / (1 - fmin(fr, 0.9) / 2));
    L->y[row] = L->y[row - 1] + dy;
  }
  L->y[rows + 1] = L->y[rows] + SEQ_DY;
  L->to_end = true;
  for (long i = last + 1; i < (long) r->nseg; i++)
    if (r->seg[i].step) L->to_end = false;
}

@ The states of a row are two text nodes, \.{cs}{\it row} to the left
of the client's line, right-justified (Graphviz's \.{\\r} ends a line
justified to the right), and \.{ss}{\it row} to the right of the
server's; a numbered step also gets its number, in a circle, at the left
edge (\.{n}{\it row}).

@<Functions that draw parts of a sequence diagram@>=
static void put_seq_state(FILE *f, int side, const char *name, int row, double y)
{
  double x = side ? SEQ_XS + 8 + SEQ_STATE_W / 2 : SEQ_XC - 8 - SEQ_STATE_W / 2;
  fprintf(f, "  %s%d [shape=plaintext, fixedsize=true, width=%.3f, height=0.25,"@t}\1\1{@>@/
    " class=\"state\", label=\"%s%s\", pos=\"", side ? "ss" : "cs", row,
    SEQ_STATE_W / 72, name, side ? "\\l" : "\\r"@t}\2\2{@>);
  put_point(f, x, y), fputs("\"];\n", f);
}

static void put_seq_row(FILE *f, const struct fig_run *r,
  const struct seq_layout *L, int row)
{
  long at = L->first + row - 1;
  for (int side = 0; side < 2; side++)
    put_seq_state(f, side, tcp_state_name(fig_state_after(r, side, at)), row, L->y[row]);
  if (row > 0) {
    fprintf(f, "  n%d [shape=circle, fixedsize=true, width=0.22, fontsize=9,"@t}\1\1{@>@/
      " class=\"step\", label=\"%d\", pos=\"", row, r->seg[at].step@t}\2\2{@>);
    put_point(f, SEQ_XC - 8 - SEQ_STATE_W - 12, L->y[row]), fputs("\"];\n", f);
  }
}

@ Every row has a point on each line, \.{c}{\it row} and \.{s}{\it row},
where the arrows begin and end.  An arrow goes from the sender's point on
the row above to the receiver's point on its own row; its label is the
node \.{l}{\it row}, at the arrow's middle.  The graph draws all edges
before all nodes (|outputorder=edgesfirst|), so the label's white ground
covers the line.

@<Functions that draw parts of a sequence diagram@>=
static void put_seq_arrow(FILE *f, const struct fig_run *r,
  const struct seq_layout *L, int row)
{
  const struct fig_segment *g = &r->seg[L->first + row - 1];
  char label[130];
  seq_label(g, L->two, label, sizeof label);
  double y0 = L->y[row - 1], y1 = L->y[row];
  double x0 = g->from == FIG_CLIENT ? SEQ_XC : SEQ_XS;
  double x1 = g->from == FIG_CLIENT ? SEQ_XS : SEQ_XC;
  bool marked = L->first + row == L->mark;
  const char *ink = marked ? "red" : g->step ? "black" : FADED;
  for (int side = 0; side < 2; side++) {
    fprintf(f, "  %c%d [shape=point, width=0.03, pos=\"", side ? 's' : 'c', row);
    put_point(f, side ? SEQ_XS : SEQ_XC, y1), fputs("\"];\n", f);
  }
  fprintf(f, "  %c%d -> %c%d [class=\"%s\", color=\"%s\", ",
    g->from ? 's' : 'c', row - 1, g->from ? 'c' : 's', row,
    marked ? "segment marked" : "segment", ink);
  if (marked) fputs("penwidth=2.5, ", f);
  double p[2][2] = {{x0, y0}, {x1, y1}};
  put_path(f, (const double (*)[2]) p, 2, 7);
  fputs("];\n", f);
  fprintf(f, "  l%d [shape=plaintext, style=filled, fillcolor=white, margin=\"0.03,0.01\","@t}\1\1{@>@/
    " width=0, height=0, fontsize=9.5, fontcolor=\"%s\","@/
    " class=\"words\", label=\"%s\","@/
    " pos=\"", row, ink, label@t}\2\2{@>);
  put_point(f, (x0 + x1) / 2, (y0 + y1) / 2), fputs("\"];\n", f);
}

@ The timelines join the points of each side from the top row to the
bottom one.  A side that ends in TIME\_WAIT goes on, dotted, for one
more row, labelled with the wait, to the state CLOSED.  The row-0 points
are written here, since no arrow ends on them.

@<Functions that draw parts of a sequence diagram@>=
static void put_timelines(FILE *f, const struct fig_run *r,
  const struct seq_layout *L)
{
  for (int side = 0; side < 2; side++) {
    const char *c = side ? "s" : "c";
    double x = side ? SEQ_XS : SEQ_XC;
    fprintf(f, "  %s0 [shape=point, width=0.03, pos=\"", c);
    put_point(f, x, 0), fputs("\"];\n", f);
    for (int row = 1; row <= L->rows; row++) {
      double p[2][2] = {{x, L->y[row - 1]}, {x, L->y[row]}};
      fprintf(f, "  %s%d -> %s%d [class=\"timeline\", dir=none, penwidth=1.5, ",
        c, row - 1, c, row);
      put_path(f, (const double (*)[2]) p, 2, 0), fputs("];\n", f);
    }
    if (L->to_end && fig_state_after(r, side, L->last) == TCP_TIME_WAIT)
      @<Draw the wait of 2MSL below the last row@>@;
  }
}

@ @<Draw the wait of 2MSL below the last row@>=
{
  int row = L->rows + 1;
  double y = L->y[row], p[2][2] = {{x, L->y[row - 1]}, {x, y}};
  fprintf(f, "  %s%d [shape=point, width=0.03, pos=\"", c, row);
  put_point(f, x, y), fputs("\"];\n", f);
  fprintf(f, "  %s%d -> %s%d [class=\"wait\", dir=none, style=dotted, penwidth=1.5,"@t}\1\1{@>@/
    " label=\"2MSL\", lp=\"", c, row - 1, c, row@t}\2\2{@>);
  put_point(f, x + (side ? -18 : 18), (L->y[row - 1] + y) / 2), fputs("\", ", f);
  put_path(f, (const double (*)[2]) p, 2, 0), fputs("];\n", f);
  put_seq_state(f, side, "CLOSED", row, y);
}

@ Figure~3 is the wave, steps 4 to~7 of the same run.  The article
stresses three things that it shows: either side may close first (here
the client does), between steps 5 and~6 the server may go on sending (here
it sends one more line, in grey), and the side that closed first waits
2MSL in TIME\_WAIT before it reaches CLOSED.

(Figure~3 is printed in the chapter on the wave (\secref{wave}).)@^Figure 3@>

@* One side's states: Figures 4 and 5.
The chain of states of one side is its moves in order, each arrow
labelled with what caused it.  The cause comes from the row of the
table of transitions that the move took, put into the article's words:
``\.{recv: SYN,ACK}'' and ``\.{send: ACK}'' become ``receive SYN,ACK;
send ACK''.  Here Graphviz lays the chain out by itself.

Both are printed at the end of the chapter on the wave (\secref{wave}).@^transition table@>@^Figure 4@>

@ @<Declarations of the figures@>=
const struct transition *fig_find_transition(enum tcp_state from, enum tcp_state to);
size_t fig_cause_phrase(char *buf, size_t cap, const struct transition *t);
void fig_write_states(FILE *f, const struct fig_run *r, int side);

@ A pair of states may be joined by more than one row of the table (the
RFC's rows of kind |ARROW_NONE| too lead to CLOSED); the figure's row is
preferred.

@<Functions of the figures@>=
const struct transition *fig_find_transition(enum tcp_state from, enum tcp_state to)
{
  const struct transition *any = NULL;
  for (size_t i = 0; i < tcp_ntransitions; i++) {
    const struct transition *t = &tcp_transitions[i];
    if (t->from != from || t->to != to) continue;
    if (t->kind != ARROW_NONE) return t;
    if (!any) any = t;
  }
  return any;
}

@ The article's words for a cause.  A segment that arrives is
``received'', and what is sent in answer follows unless it is nothing.
A call of the application is known by what it sends (``send SYN'', ``send
FIN''); the passive open, which sends nothing, is the article's ``create
socket, listen''.  The 2MSL timeout is a wait.@^passive open@>

@<Functions of the figures@>=
size_t fig_cause_phrase(char *buf, size_t cap, const struct transition *t)
{
  bool sends = t->send && strcmp(t->send, "nothing") != 0;
  int n;
  if (strncmp(t->cause, "recv: ", 6) == 0)
    n = snprintf(buf, cap, "receive %s%s%s", t->cause + 6, sends ? "; send " : "",
      sends ? t->send : "");
  else if (strcmp(t->cause, "appl: passive open") == 0)
    n = snprintf(buf, cap, "create socket, listen: passive open");
  else if (strncmp(t->cause, "appl: ", 6) == 0)
    n = sends ? snprintf(buf, cap, "send %s", t->send) : snprintf(buf, cap, "%s", t->cause + 6);
  else if (strcmp(t->cause, "2MSL timeout") == 0)
    n = snprintf(buf, cap, "wait 2MSL");
  else
    n = snprintf(buf, cap, "%s%s%s", t->cause, sends ? "; send " : "", sends ? t->send : "");
  return n < 0 ? 0 : (size_t) n;
}

@ The chain: node \.{n0} is the state before the side's first move, and
each move adds a node and an arrow.  A move that is not in the table
(it cannot happen with a capture of \.{ltcp}'s, whose core only moves by
the table) is labelled with a question mark.

@<Functions of the figures@>=
void fig_write_states(FILE *f, const struct fig_run *r, int side)
{
  fputs("digraph states {\n", f);
  fprintf(f, "  graph [rankdir=TB, nodesep=0.2, ranksep=0.3, margin=0, pad=0.05,"@t}\1\1{@>@/
    " fontname=\"%s\"];\n", FIG_FONT@t}\2\2{@>);
  fprintf(f, "  node [shape=box, style=rounded, fontname=\"%s\", fontsize=11,"@t}\1\1{@>@/
    " width=1.3, height=0.3];\n", FIG_FONT@t}\2\2{@>);
  fprintf(f, "  edge [fontname=\"%s\", fontsize=10, arrowsize=0.7];\n", FIG_FONT);
  int k = 0;
  for (size_t m = 0; m < r->nmove; m++) {
    const struct fig_move *mv = &r->move[m];
    if (mv->side != side) continue;
    if (k == 0)
      fprintf(f, "  n0 [class=\"state\", label=\"%s\"];\n", tcp_state_name(mv->from));
    k++;
    fprintf(f, "  n%d [class=\"state\", label=\"%s\"];\n", k, tcp_state_name(mv->to));
    char phrase[96] = "?";
    const struct transition *t = fig_find_transition(mv->from, mv->to);
    if (t) fig_cause_phrase(phrase, sizeof phrase, t);
    fprintf(f, "  n%d -> n%d [label=\"  %s\"];\n", k - 1, k, phrase);
  }
  fputs("}\n", f);
}

@* Step by step.
Beside the timelines, a reader wants to see where each step leaves the
two sides in the state machine.  \.{ltcp dot step N} draws Figure~6
small, with the client's state and the server's filled with their
colours, and the arrows that step~$N$ made them take drawn thick, in the
same colours; all other arrows are faded.  The title says which segment
the step was, and the legend under it which arrows were taken and what
their labels in Figure~6 say.

The steps are printed beside the chapters they illustrate: steps 1
to 3 in the chapter on the handshake (\secref{handshake-steps}), steps 4
to 7 in the chapter on the wave (\secref{wave-steps}).

@ @<Declarations of the figures@>=
int fig_write_step(FILE *f, const struct fig_run *r, int step, char *err,
  size_t errlen);

@ The moves of the step are those whose |at| is the step's segment.  The
small drawing uses the places of Figure~6 scaled to 58 per cent across
and 45 per cent down: the small boxes need less room between the rows.  The
title names the segment by its control bits only; its numbers are in
Figure~1.

@<Functions of the figures@>=
int fig_write_step(FILE *f, const struct fig_run *r, int step, char *err,
  size_t errlen)
{
  long i = fig_find_step(r, step);
  if (i < 0) {
    snprintf(err, errlen, "the run has no step %d", step);
    return -1;
  }
  struct fig_move taken[8];
  size_t n = 0;
  for (size_t m = 0; m < r->nmove && n < 8; m++)
    if (r->move[m].at == i) taken[n++] = r->move[m];
  const struct fig_segment *g = &r->seg[i];
  char title[200], bits[64], numbers[64];
  segment_words(g, bits, sizeof bits, numbers, sizeof numbers);
  snprintf(title, sizeof title, "Step %d: %s \xe2\x86\x92 %s, %s", step,
    g->from ? "server" : "client", g->from ? "client" : "server", bits);
  struct fig_view v = {0.58, 0.45, true, true, {fig_state_after(r, FIG_CLIENT, i),
    fig_state_after(r, FIG_SERVER, i)}, taken, n, title};
  fig_write_fsm(f, &v);
  return 0;
}

@* The subcommand.
\.{ltcp dot} reads its arguments, reads the capture if the figure needs
one, and writes the figure.  A bad argument is a usage error; a capture
that cannot be read is a failure, with the reader's message.

@<Header files of the program@>=
#include "figures.h"

@ @<Subcommands@>=
@[{"dot", cmd_dot,@t}\1\1{@>@/
  "fsm | seq [--from N] [--to M] [--title T] [--mark K] CAPTURE"@/
  " | states client|server CAPTURE | step N CAPTURE"@/
  " | tsg [--title T] [--tmax MS] CAPTURE | goodput [--title T] TABLE",@/
  "write a figure of the book in Graphviz's language"@t}\2\2{@>},@/@]

@ @<Subcommand functions@>=
static int dot_help(void)
{
  printf("Writes on standard output the Graphviz text of a figure:\n"@t}\1\1{@>@/
    "  fsm                 the TCP state machine (Figure 6), from the core's table\n"@/
    "  seq CAPTURE         a sequence diagram of the connection in CAPTURE;\n"@/
    "                      --from N and --to M keep steps N to M,"@/
    " --title T adds a title,\n"@/
    "                      --mark K draws the Kth segment of the capture in red\n"@/
    "  states SIDE CAPTURE the states that SIDE (client or server) passes through\n"@/
    "  step N CAPTURE      the state machine after step N of CAPTURE\n"@/
    "  tsg CAPTURE         the time-sequence graph of the data in CAPTURE\n"@/
    "  goodput TABLE       goodput against loss rate, from ltcp goodput's table\n"@/
    "Draw it with: dot -Tpdf FILE.dot -o FILE.pdf\n"@t}\2\2{@>);
  return EXIT_SUCCESS;
}

@ Numbers on the command line are step numbers, from 1.

@<Subcommand functions@>=
static bool step_number(const char *s, int *n)
{
  char *end;
  long v = strtol(s, &end, 10);
  if (*s == '\0' || *end != '\0' || v < 1 || v > 1000000) return false;
  *n = (int) v;
  return true;
}

@ @<Subcommand functions@>=
static int dot_read_run(const char *path, struct fig_run *r)
{
  char err[200] = "";
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "ltcp: dot: cannot open %s\n", path);
    return -1;
  }
  fig_run_init(r);
  int k = fig_run_read(r, f, err, sizeof err);
  fclose(f);
  if (k) {
    fprintf(stderr, "ltcp: dot: %s: %s\n", path, err);
    fig_run_free(r);
  }
  return k;
}

@ The pictures of losses are drawn by their own chapter
(\secref{lossfig}), whose function comes later in the program.

@<Subcommand functions@>=
static int dot_losses(int argc, char **argv);

@ The options of \.{seq} come before the capture's name.

@<Subcommand functions@>=
static int cmd_dot(int argc, char **argv)
{
  if (wants_help(argc, argv)) return dot_help();
  if (argc < 2) return usage_error("dot", "which figure? (fsm, seq, states, step,"
    " tsg or goodput)");
  const char *what = argv[1];
  if (strcmp(what, "tsg") == 0 || strcmp(what, "goodput") == 0)
    return dot_losses(argc, argv);
  if (strcmp(what, "fsm") == 0) {
    if (argc != 2) return usage_error("dot", "fsm takes no arguments");
    struct fig_view v = {1, 1, false, false, {TCP_CLOSED, TCP_CLOSED}, NULL, 0, NULL};
    fig_write_fsm(stdout, &v);
    return EXIT_SUCCESS;
  }
  int from = 1, to = 0, side = 0, step = 0, mark = 0;
  const char *title = NULL, *path = NULL;
  @<Read the arguments of \.{dot seq}, \.{dot states} or \.{dot step}@>@;
  struct fig_run r;
  if (dot_read_run(path, &r)) return EXIT_FAILURE;
  char err[200] = "";
  int k = 0;
  if (strcmp(what, "seq") == 0) k = fig_write_seq(stdout, &r, from, to, title, mark, err, sizeof err);
  else if (strcmp(what, "states") == 0) fig_write_states(stdout, &r, side);
  else k = fig_write_step(stdout, &r, step, err, sizeof err);
  fig_run_free(&r);
  if (k) fprintf(stderr, "ltcp: dot: %s\n", err);
  return k ? EXIT_FAILURE : EXIT_SUCCESS;
}

@ @<Read the arguments of \.{dot seq}, \.{dot states} or \.{dot step}@>=
if (strcmp(what, "seq") == 0) {
  int i = 2;
  for (; i + 1 < argc && strncmp(argv[i], "--", 2) == 0; i += 2)
    if (strcmp(argv[i], "--from") == 0) {
      if (!step_number(argv[i + 1], &from))
        return usage_error("dot", "--from wants a step number, not '%s'", argv[i + 1]);
    } else if (strcmp(argv[i], "--to") == 0) {
      if (!step_number(argv[i + 1], &to))
        return usage_error("dot", "--to wants a step number, not '%s'", argv[i + 1]);
    } else if (strcmp(argv[i], "--mark") == 0) {
      if (!step_number(argv[i + 1], &mark))
        return usage_error("dot", "--mark wants a segment number, not '%s'", argv[i + 1]);
    } else if (strcmp(argv[i], "--title") == 0) title = argv[i + 1];
    else return usage_error("dot", "unknown option '%s'", argv[i]);
  if (i != argc - 1) return usage_error("dot", "seq wants one capture file after its options");
  if (to && to < from) return usage_error("dot", "--to %d is before --from %d", to, from);
  path = argv[i];
} else if (strcmp(what, "states") == 0 || strcmp(what, "step") == 0) {
  if (argc != 4) return usage_error("dot", "%s wants two arguments", what);
  if (strcmp(what, "step") == 0 && !step_number(argv[2], &step))
    return usage_error("dot", "'%s' is not a step number", argv[2]);
  if (strcmp(what, "states") == 0) {
    if (strcmp(argv[2], "client") == 0) side = FIG_CLIENT;
    else if (strcmp(argv[2], "server") == 0) side = FIG_SERVER;
    else return usage_error("dot", "states of 'client' or 'server', not '%s'", argv[2]);
  }
  path = argv[3];
} else return usage_error("dot", "no figure named '%s'", what);

@* How the book draws its figures.
The \.{Makefile} of the book has a rule for each figure in a file of its
own, \.{mk/figures.mk}.  The state machine needs only \.{ltcp}; the
other figures need the capture of the scenario \.{lifecycle}, which
\.{ltcp sim lifecycle --seed 1 -w build/runs/lifecycle.pcapng} writes on
the simulated link.  Each \.{.dot} file becomes a PDF file by
\.{dot -Tpdf}.

One detail matters for a book that must build the same twice.  The PDF
writer that Graphviz uses (the cairo library) stamps each file with the
time it was made, and ignores the variable \.{SOURCE\_DATE\_EPOCH} by
which build tools agree on a fixed time.  The rule therefore replaces the
stamp by that fixed time, written with exactly as many characters, so that
no offset inside the PDF file moves; a test builds every figure twice, a
second apart, and compares the files byte for byte.

@* Exercises.

\item{1.}\diff1 Run \.{ltcp dot fsm > fsm.dot} and \.{dot -Tpng fsm.dot
> fsm.png}.  Change the style of the server's arrows in
|@<Write the style of the arrow@>| from dashed to dotted, and draw it again.  Which arrows change? \excheck{figures.1}

\item{2.}\diff1 Draw the sequence diagram of a real connection.  Run these
three commands, each in its own terminal, the first as root:
$$\vbox{\halign{\.{#}\hfil\cr
tcpdump -i lo -w real.pcap port 8080\cr
python3 -m http.server 8080\cr
curl http://localhost:8080/\cr}}$$
then stop \.{tcpdump} and run \.{ltcp dot seq real.pcap}.  Which steps
does the inference find, and why are there more than seven segments?

\item{3.}\diff2 The inference of |fig_infer_receive| trusts every
segment.  Find a capture in which that leads it astray (hint: a
retransmitted FIN after the peer's ACK was lost), and say what a
real TCP would have done with the segment.

\item{4.}\diff2 Give the row |T_ESTABLISHED_CLOSED_RESET| of
|tcp_transitions| (a reset in ESTABLISHED) the kind |ARROW_ABNORMAL|
instead of |ARROW_NONE|, and build the book.  Where does the new arrow
appear, and why does it look out of place?  Which tests fail, and why is
that right?  Give the arrow a route in |routes| that runs round the left
edge. \excheck{figures.4}

\item{5.}\diff3 The labels of the timelines are placed by an estimate
of their width (|text_width|).  Measure the real widths with \.{dot
-Tjson} (its output gives each label's box) and tighten the estimate.

\item{6.}\diff4 Draw the run of the scenario in which the last ACK is
lost (the article's first reason for 2MSL): a dropped segment should end
in a cross halfway across, and the retransmitted FIN should be visible
reaching the client in TIME\_WAIT.
