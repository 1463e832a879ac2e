@q test-figures.w: the figures agree with the code and with the article. @>

@* Tests of the figures.
The figures of this book are drawn by \.{ltcp dot}, and the claim of the
chapter on figures (\secref{figures}) is that they cannot disagree with the code or with the
article.  These tests hold it to that claim.  They read the figures as the
book's build left them, the files \.{build/figures/*.dot}, and compare
them with two things: the core's table of transitions, and the
transcription of the article's figures in \.{FIGURES.md}.  That file
lives beside the repository, in \.{../shared/article}; a copy is kept in
\.{tests} for a clone that lacks it.
\label{test-figures}%

A shell script, \.{tests/figures.sh}, checks what needs other programs:
that Graphviz reads every figure, and that two builds of the figures are
identical to the byte.@^transition table@>

@(test_figures.c@>=
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "tcp.h"
#include "segment.h"
#include "figures.h"
#include "lossfig.h"
@<Helpers of the tests of the figures@>@;
@<Tests of the figures@>@;
int main(void)
{
  @<Run the tests of the figures@>@;
  return check_report();
}

@ Reading a file whole.  The tests keep what they read for the length of
the program, and free it at the end, so that the leak checker stays
quiet.

@<Helpers of the tests of the figures@>=
static char *slurp(const char *path)
{
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 4096, n = 0;
  char *s = malloc(cap);
  size_t k;
  while (s && (k = fread(s + n, 1, cap - n - 1, f)) > 0) {
    n += k;
    if (n + 1 == cap) {
      char *t = realloc(s, cap *= 2);
      if (!t) free(s);
      s = t;
    }
  }
  fclose(f);
  if (s) s[n] = '\0';
  return s;
}

@ The article's figures: the first copy of \.{FIGURES.md} that exists.

@<Helpers of the tests of the figures@>=
static char *article(void)
{
  static const char *const paths[] = {"../shared/article/FIGURES.md",
    "tests/FIGURES.md"};
  for (int i = 0; i < 2; i++) {
    char *s = slurp(paths[i]);
    if (s) return s;
  }
  return NULL;
}

@ A figure is read back line by line.  \.{ltcp dot} writes one node or
one edge per line, so a line that holds \.{ -> } is an edge, and a line
that begins with two spaces and a name followed by \.{ [} is a node.
|attr| finds an attribute's value in a line: a quoted string (with
\.{\\"} inside it), an HTML label in angle brackets, or a bare word.

@<Helpers of the tests of the figures@>=
static bool attr(const char *ln, const char *key, char *out, size_t cap)
{
  size_t k = strlen(key);
  for (const char *p = strstr(ln, key); p; p = strstr(p + 1, key)) {
    if ((p != ln && p[-1] != ' ' && p[-1] != '[') || p[k] != '=') continue;
    const char *v = p + k + 1, *e;
    if (*v == '"') {
      for (e = ++v; *e && !(*e == '"' && e[-1] != '\\'); e++) continue;
    } else if (*v == '<') {
      int depth = 0;
      for (e = v; *e; e++)
        if (*e == '<') depth++;
        else if (*e == '>' && --depth == 0) break;
      v++;
    } else
      for (e = v; *e && *e != ',' && *e != ']'; e++) continue;
    size_t n = (size_t) (e - v) < cap ? (size_t) (e - v) : cap - 1;
    memcpy(out, v, n);
    out[n] = '\0';
    return true;
  }
  return false;
}

@ A figure's lines, and the names at their start: the node's, or the
edge's two ends.

@<Helpers of the tests of the figures@>=
struct figure {
  char *text;
  char **ln;
  size_t n;
};

static bool figure_read(struct figure *g, const char *name)
{
  char path[128];
  snprintf(path, sizeof path, "build/figures/%s.dot", name);
  memset(g, 0, sizeof *g);
  g->text = slurp(path);
  if (!CHECKF(g->text != NULL, "cannot read %s (run make first)", path)) return false;
  size_t cap = 0;
  for (char *p = g->text; *p; ) {
    char *nl = strchr(p, '\n');
    if (nl) *nl = '\0';
    if (g->n == cap) {
      cap = cap ? 2 * cap : 64;
      g->ln = realloc(g->ln, cap * sizeof *g->ln);
    }
    g->ln[g->n++] = p;
    if (!nl) break;
    p = nl + 1;
  }
  return true;
}

static void figure_free(struct figure *g)
{
  free(g->text);
  free(g->ln);
}

@ @<Helpers of the tests of the figures@>=
static bool is_edge(const char *ln, char *from, char *to)
{
  if (sscanf(ln, " %31[A-Za-z0-9_] -> %31[A-Za-z0-9_] [", from, to) != 2) return false;
  return strstr(ln, " -> ") != NULL;
}

static bool is_node(const char *ln, char *name)
{
  if (strncmp(ln, "  ", 2) != 0 || ln[2] == ' ' || strstr(ln, " -> ")) return false;
  char rest[4];
  return sscanf(ln, " %31[A-Za-z0-9_] %3[[]", name, rest) == 2;
}

@ Finding a node's line by its name.

@<Helpers of the tests of the figures@>=
static const char *node_line(const struct figure *g, const char *name)
{
  char n[32];
  for (size_t i = 0; i < g->n; i++)
    if (is_node(g->ln[i], n) && strcmp(n, name) == 0) return g->ln[i];
  return NULL;
}

@ An arrow's label in Figure~6, put back into the form of the article's
table: the lines of the HTML label are the cause (a line ending in a
comma goes on in the next), then \.{send: \dots}, then the note in
italics, which the table writes in parentheses.

@<Helpers of the tests of the figures@>=
static void label_text(const char *html, char *out, size_t cap)
{
  char buf[512];
  char cause[sizeof buf] = "", send[sizeof buf] = "", note[sizeof buf] = "";
  snprintf(buf, sizeof buf, "%s", html);
  for (char *p = buf, *q; p; p = q) {
    q = strstr(p, "<BR/>");
    if (q) *q = '\0', q += 5;
    if (strncmp(p, "<I>", 3) == 0) {
      snprintf(note, sizeof note, "%s", p + 3);
      char *e = strstr(note, "</I>");
      if (e) *e = '\0';
    } else if (strncmp(p, "send: ", 6) == 0) snprintf(send, sizeof send, "%s", p + 6);
    else {
      size_t n = strlen(cause);
      if (n) strncat(cause, " ", sizeof cause - n - 1), n++;
      strncat(cause, p, sizeof cause - n - 1);
    }
  }
  int k = snprintf(out, cap, "%s", cause);
  if (send[0] && k >= 0 && (size_t) k < cap) k += snprintf(out + k, cap - (size_t) k, "; send: %s", send);
  if (note[0] && k >= 0 && (size_t) k < cap) snprintf(out + k, cap - (size_t) k, " (%s)", note);
}

@ The same for a row of the table: its label with the note in
parentheses, except the notes that Figure~6 writes beside a state
rather than on the arrow (\.{headlabel}), which the article's table
does not have in its labels either.

@<Helpers of the tests of the figures@>=
static void row_text(const struct transition *t, bool note_in_label, char *out,
  size_t cap)
{
  int k = snprintf(out, cap, "%s", t->cause);
  if (t->send && k >= 0 && (size_t) k < cap)
    k += snprintf(out + k, cap - (size_t) k, "; send: %s", t->send);
  if (t->note && note_in_label && k >= 0 && (size_t) k < cap)
    snprintf(out + k, cap - (size_t) k, " (%s)", t->note);
}

@ The first test: the arrows of Figure~6 are exactly the rows of the
table that the figure draws, with the same labels and kinds.  Each row
must be drawn once, and nothing else may be drawn.

@<Tests of the figures@>=
static const char *kind_name(enum arrow_kind k)
{
  return k == ARROW_CLIENT ? "client" : k == ARROW_SERVER ? "server"
    : k == ARROW_ABNORMAL ? "abnormal" : "none";
}

static void fsm_is_the_table(void)
{
  struct figure g;
  if (!figure_read(&g, "fig6-fsm")) return;
  size_t rows = 0, drawn = 0;
  for (size_t i = 0; i < tcp_ntransitions; i++)
    if (tcp_transitions[i].kind != ARROW_NONE) rows++;
  for (size_t l = 0; l < g.n; l++) {
    char from[32], to[32], cls[32] = "", html[512] = "", head[128] = "";
    if (!is_edge(g.ln[l], from, to)) continue;
    drawn++;
    attr(g.ln[l], "class", cls, sizeof cls);
    attr(g.ln[l], "label", html, sizeof html);
    bool headnote = attr(g.ln[l], "headlabel", head, sizeof head);
    const struct transition *t = NULL;
    for (size_t i = 0; i < tcp_ntransitions; i++)
      if (tcp_transitions[i].kind != ARROW_NONE
          && strcmp(tcp_state_name(tcp_transitions[i].from), from) == 0
          && strcmp(tcp_state_name(tcp_transitions[i].to), to) == 0)
        t = &tcp_transitions[i];
    if (!CHECKF(t != NULL, "Figure 6 draws %s -> %s, which is not a row of the figure", from, to))
      continue;
    char want[256], got[256];
    row_text(t, !headnote, want, sizeof want);
    label_text(html, got, sizeof got);
    CHECKF(strcmp(want, got) == 0, "%s -> %s: label \"%s\", the table says \"%s\"",
      from, to, got, want);
    CHECKF(strcmp(cls, kind_name(t->kind)) == 0, "%s -> %s: class %s, the table says %s",
      from, to, cls, kind_name(t->kind));
    if (headnote) CHECKF(t->note && strstr(head, t->note), "%s -> %s: note \"%s\"",
      from, to, head);
  }
  CHECKF(drawn == rows, "Figure 6 has %zu arrows; the table has %zu rows to draw", drawn, rows);
  figure_free(&g);
}

@ The article's table of Figure~6: its rows, parsed from \.{FIGURES.md}.
A row is a line of the table after its header; its cells are separated
by bars.

@<Helpers of the tests of the figures@>=
static int cells(char *ln, char **cell, int max)
{
  int n = 0;
  if (*ln != '|') return 0;
  for (char *p = ln + 1; *p && n < max; ) {
    char *bar = strchr(p, '|');
    if (!bar) break;
    *bar = '\0';
    while (*p == ' ') p++;
    for (char *e = bar - 1; e >= p && *e == ' '; e--) *e = '\0';
    cell[n++] = p;
    p = bar + 1;
  }
  return n;
}

@ The section of \.{FIGURES.md} that begins with |heading|, as a copy
the caller frees, ending at the next heading of the same level.

@<Helpers of the tests of the figures@>=
static char *section(const char *md, const char *heading)
{
  const char *s = strstr(md, heading);
  if (!s) return NULL;
  const char *e = strstr(s + 1, "\n## ");
  size_t n = e ? (size_t) (e - s) : strlen(s);
  char *c = malloc(n + 1);
  if (c) memcpy(c, s, n), c[n] = '\0';
  return c;
}

@ The second test: Figure~6 against the article.  Every row of the
article's table is an arrow of the figure with the same label and kind;
the figure has no other arrow; the annotations are where the article
puts them; and the boxes hold the article's states.

@<Tests of the figures@>=
static void fsm_is_the_article(void)
{
  char *md = article();
  if (!CHECKF(md != NULL, "FIGURES.md not found")) return;
  char *sec = section(md, "## Figure 6");
  struct figure g;
  if (!CHECK(sec != NULL) || !figure_read(&g, "fig6-fsm")) {
    free(sec), free(md);
    return;
  }
  size_t rows = 0, drawn = 0;
  bool header = true;
  for (char *ln = strtok(sec, "\n"); ln; ln = strtok(NULL, "\n")) {
    char *c[8];
    if (cells(ln, c, 8) != 4) continue;
    if (header || strncmp(c[0], "---", 3) == 0) {
      header = header && strcmp(c[0], "from") != 0;
      continue;
    }
    rows++;
    @<Find the arrow of the article's row |c| in Figure 6, and compare it@>@;
  }
  for (size_t l = 0; l < g.n; l++) {
    char from[32], to[32];
    if (is_edge(g.ln[l], from, to)) drawn++;
  }
  CHECKF(rows == 22, "the article's table has %zu rows, not 22", rows);
  CHECKF(drawn == rows, "Figure 6 has %zu arrows, the article %zu", drawn, rows);
  @<Check the annotations and boxes of Figure 6@>@;
  figure_free(&g);
  free(sec), free(md);
}

@ @<Find the arrow of the article's row |c| in Figure 6, and compare it@>=
{
  bool found = false;
  for (size_t l = 0; l < g.n; l++) {
    char from[32], to[32], cls[32] = "", html[512] = "", got[256];
    if (!is_edge(g.ln[l], from, to) || strcmp(from, c[0]) || strcmp(to, c[1]))
      continue;
    found = true;
    attr(g.ln[l], "class", cls, sizeof cls);
    attr(g.ln[l], "label", html, sizeof html);
    label_text(html, got, sizeof got);
    CHECKF(strcmp(got, c[2]) == 0, "%s -> %s: label \"%s\", the article says \"%s\"",
      c[0], c[1], got, c[2]);
    CHECKF(strcmp(cls, c[3]) == 0, "%s -> %s: kind %s, the article says %s",
      c[0], c[1], cls, c[3]);
  }
  CHECKF(found, "the article's arrow %s -> %s is not in Figure 6", c[0], c[1]);
}

@ The annotations: ``starting point'' and ``data transfer state'' are
written beside their states, ``passive open'' and ``active open'' at the
heads of the arrows into LISTEN and SYN\_SENT; ``simultaneous open'' and
``simultaneous close'' are on their arrows, which the labels above
checked.  Each box is a cluster with the article's label and states.@^simultaneous close@>

@<Check the annotations and boxes of Figure 6@>=
{
  static const char *const beside[][2] = {{"CLOSED", "starting point"},
    {"ESTABLISHED", "data transfer state"}};
  for (int i = 0; i < 2; i++) {
    const char *ln = node_line(&g, beside[i][0]);
    char x[128] = "";
    CHECKF(ln && attr(ln, "xlabel", x, sizeof x) && strstr(x, beside[i][1]),
      "no \"%s\" beside %s", beside[i][1], beside[i][0]);
  }
  static const char *const at_head[][2] = {{"LISTEN", "passive open"},
    {"SYN_SENT", "active open"}};
  for (int i = 0; i < 2; i++) {
    bool seen = false;
    for (size_t l = 0; l < g.n; l++) {
      char from[32], to[32], h[128];
      if (is_edge(g.ln[l], from, to) && strcmp(to, at_head[i][0]) == 0
          && attr(g.ln[l], "headlabel", h, sizeof h) && strstr(h, at_head[i][1]))
        seen = true;
    }
    CHECKF(seen, "no \"%s\" near %s", at_head[i][1], at_head[i][0]);
  }
  @<Check the two boxes of Figure 6@>@;
  int states = 0;
  for (int st = 0; st < TCP_NSTATES; st++) {
    const char *ln = node_line(&g, tcp_state_name((enum tcp_state) st));
    char cls[32];
    if (CHECKF(ln != NULL, "no box named %s", tcp_state_name((enum tcp_state) st))
        && attr(ln, "class", cls, sizeof cls) && strcmp(cls, "state") == 0)
      states++;
  }
  CHECK_EQ(states, 11);
}

@ A cluster is written as a line \.{subgraph cluster\_}{\it name} with
its label, and a line listing its states; the test finds the label and
then checks the next line's names.

@<Check the two boxes of Figure 6@>=
{
  static const char *const box[2][5] = {
    {"active close", "FIN_WAIT_1;", "FIN_WAIT_2;", "CLOSING;", "TIME_WAIT;"},
    {"passive close", "CLOSE_WAIT;", "LAST_ACK;", NULL, NULL}};
  for (int b = 0; b < 2; b++) {
    char want[64];
    snprintf(want, sizeof want, "label=\"%s\"", box[b][0]);
    size_t l = 0;
    while (l + 1 < g.n && !(strstr(g.ln[l], "subgraph cluster_")
        && strstr(g.ln[l + 1], want))) l++;
    if (!CHECKF(l + 2 < g.n, "no box labelled \"%s\"", box[b][0])) continue;
    const char *members = g.ln[l + 2];
    int n = 0;
    for (const char *p = members; (p = strchr(p, ';')) != NULL; p++) n++;
    int k = 0;
    for (int i = 1; i < 5 && box[b][i]; i++, k++)
      CHECKF(strstr(members, box[b][i]) != NULL, "box \"%s\" lacks %s", box[b][0],
        box[b][i]);
    CHECKF(n == k, "box \"%s\" holds %d states, not %d", box[b][0], n, k);
  }
}

@ The chains of Figures 4 and 5, as the article gives them: a paragraph
that begins with CLOSED and alternates states and causes, each cause in
parentheses between a dash and an arrow (the Unicode characters
\.{U+2014} and \.{U+2192}), as in ``CLOSED ---(send SYN)$\to$ SYN\_SENT''.  The article adds a remark to the last cause
of Figure~4 (``the article's picture says \dots''); it is not part of the
cause.  |chain_next| reads one state and the cause after it, and returns
where the next state begins, or |NULL| after the last state.@^Figure 4@>

@<Helpers of the tests of the figures@>=
static const char *chain_next(const char *p, char *state, size_t ns, char *cause,
  size_t nc)
{
  while (*p == ' ' || *p == '\n') p++;
  size_t n = strspn(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789");
  snprintf(state, ns, "%.*s", (int) n, p);
  p += n;
  while (*p == ' ' || *p == '\n') p++;
  if (strncmp(p, "\xe2\x80\x94(", 4) != 0) return NULL;
  p += 4;
  const char *e = strstr(p, ")\xe2\x86\x92");
  if (!e) return NULL;
  snprintf(cause, nc, "%.*s", (int) (e - p), p);
  for (char *c = cause; *c; c++) if (*c == '\n') *c = ' ';
  char *remark = strstr(cause, "; the article's picture says");
  if (remark) *remark = '\0';
  return e + 4;
}

@ The third test: Figures 4 and 5 are the article's chains, state for
state and cause for cause.@^Figure 4@>

@<Tests of the figures@>=
static void chain_is_the_article(const char *fig, const char *heading)
{
  char *md = article();
  struct figure g;
  if (!CHECK(md != NULL) || !figure_read(&g, fig)) {
    free(md);
    return;
  }
  const char *sec = strstr(md, heading);
  const char *p = sec ? strstr(sec, "\nCLOSED \xe2\x80\x94(") : NULL;
  if (!CHECKF(p != NULL, "no chain under %s", heading)) {
    figure_free(&g), free(md);
    return;
  }
  int k = 0;
  char state[32], cause[200];
  for (p = p + 1; p; k++) {
    p = chain_next(p, state, sizeof state, cause, sizeof cause);
    char name[16], label[128] = "";
    snprintf(name, sizeof name, "n%d", k);
    const char *ln = node_line(&g, name);
    CHECKF(ln && attr(ln, "label", label, sizeof label) && strcmp(label, state) == 0,
      "%s: state %d is %s, the article says %s", fig, k, label, state);
    if (!p) break;
    @<Compare the cause of the arrow from state |k| with the article's@>@;
  }
  char name[16];
  snprintf(name, sizeof name, "n%d", k + 1);
  CHECKF(node_line(&g, name) == NULL, "%s has more states than the article's %d", fig, k + 1);
  figure_free(&g);
  free(md);
}

@ @<Compare the cause of the arrow from state |k| with the article's@>=
{
  char got[200] = "", want[32];
  snprintf(want, sizeof want, "  n%d -> n%d ", k, k + 1);
  bool seen = false;
  for (size_t l = 0; l < g.n; l++)
    if (strncmp(g.ln[l], want, strlen(want)) == 0) {
      seen = attr(g.ln[l], "label", got, sizeof got);
      break;
    }
  const char *text = got;
  while (*text == ' ') text++;
  CHECKF(seen && strcmp(text, cause) == 0, "%s: arrow %d says \"%s\", the article \"%s\"",
    fig, k, text, cause);
}

@ The article's Figure~1, row by row: the step, the arrow's direction,
the segment, and the two states after it.  A state cell names the state
first (``ESTABLISHED (on arrival)'', ``TIME\_WAIT, then CLOSED after
2MSL''); the test takes that first name.

@<Helpers of the tests of the figures@>=
struct article_step {
  int step;                 /* 0 to 7 */
  bool to_server;
  char words[80];
  char state[2][32];
};

static int article_steps(struct article_step *a, int max, bool *then_closed)
{
  char *md = article();
  char *sec = md ? section(md, "## Figure 1") : NULL;
  int n = 0;
  *then_closed = false;
  for (char *ln = sec ? strtok(sec, "\n") : NULL; ln && n < max;
       ln = strtok(NULL, "\n")) {
    char *c[8];
    if (cells(ln, c, 8) != 5 || c[0][0] < '0' || c[0][0] > '9') continue;
    a[n].step = atoi(c[0]);
    a[n].to_server = strstr(c[1], "client \xe2\x86\x92 server") != NULL;
    snprintf(a[n].words, sizeof a[n].words, "%s", c[2]);
    for (int side = 0; side < 2; side++)
      snprintf(a[n].state[side], sizeof a[n].state[side], "%.*s",
        (int) strspn(c[3 + side], "ABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789"), c[3 + side]);
    if (strstr(c[3], "then CLOSED after 2MSL")) *then_closed = true;
    n++;
  }
  free(sec), free(md);
  return n;
}

@ The numbers of a segment in the article are letters: \.{seq=x},
\.{ack=x+1}.  A letter stands for the number it is first given, and
later appearances must agree with it; this checks the one property of
the numbers that the article states, that an acknowledgment of a SYN or a
FIN is one more than its sequence number.  |letters| holds the value of
each letter, and |bound| which are known.

@<Helpers of the tests of the figures@>=
static bool check_number(const char *words, const char *key, unsigned long got,
  unsigned long letters[26], bool bound[26], int step)
{
  const char *p = strstr(words, key);
  if (!p) return true;
  p += strlen(key);
  if (*p < 'a' || *p > 'z') return true;
  int v = *p - 'a';
  unsigned long plus = p[1] == '+' ? strtoul(p + 2, NULL, 10) : 0;
  if (!bound[v]) {
    letters[v] = (got - plus) & 0xffffffffUL, bound[v] = true;
    return true;
  }
  return CHECKF(got == ((letters[v] + plus) & 0xffffffffUL),
    "step %d: %s%lu, but the article's %.*s is %lu", step, key, got,
    (int) strcspn(p, ",| "), p, (letters[v] + plus) & 0xffffffffUL);
}

@ A drawn timeline, read back: for each row, its step number (0 for row
0 and for unnumbered rows), the states, and the segment that arrives on
it, with the words of its label (the node \.{l}{\it row}) taken apart
again.

@<Helpers of the tests of the figures@>=
struct drawn_row {
  int step;
  char state[2][32];
  bool arrow, to_server;
  char bits[64];
  unsigned long seq, ack;
  bool has_ack;
};

static int drawn_rows(const struct figure *g, struct drawn_row *d, int max)
{
  int n = 0;
  for (int row = 0; row < max; row++) {
    char name[16], v[128];
    memset(&d[row], 0, sizeof d[row]);
    for (int side = 0; side < 2; side++) {
      snprintf(name, sizeof name, "%s%d", side ? "ss" : "cs", row);
      const char *ln = node_line(g, name);
      if (ln && attr(ln, "label", v, sizeof v))
        snprintf(d[row].state[side], sizeof d[row].state[side], "%.*s",
          (int) strcspn(v, "\\"), v);
    }
    snprintf(name, sizeof name, "n%d", row);
    const char *ln = node_line(g, name);
    if (ln && attr(ln, "label", v, sizeof v)) d[row].step = atoi(v);
    @<Find the segment that arrives on |row|@>@;
    if (row == 0 || d[row].arrow || d[row].state[0][0]) n = row + 1;
  }
  return n;
}

@ @<Find the segment that arrives on |row|@>=
for (size_t l = 0; l < g->n; l++) {
  char from[32], to[32], cls[32];
  if (!is_edge(g->ln[l], from, to) || !attr(g->ln[l], "class", cls, sizeof cls)
      || strcmp(cls, "segment") || atoi(to + 1) != row)
    continue;
  d[row].arrow = true;
  d[row].to_server = to[0] == 's';
  char words[16];
  snprintf(words, sizeof words, "l%d", row);
  const char *w = node_line(g, words);
  if (!w || !attr(w, "label", v, sizeof v)) v[0] = '\0';
  char *nums = strstr(v, "seq=");
  snprintf(d[row].bits, sizeof d[row].bits, "%.*s",
    nums ? (int) (nums - v) : (int) strlen(v), v);
  if (nums) d[row].seq = strtoul(nums + 4, NULL, 10);
  char *ack = strstr(v, "ack=");
  d[row].has_ack = ack != NULL;
  if (ack) d[row].ack = strtoul(ack + 4, NULL, 10);
}

@ The fourth test: a timeline has exactly the steps of the article's
table, from |first| to |last|, in order, each with the article's
direction, control bits, numbers and states; the numbers agree with the
article's letters; and the states of row 0 are the article's before the
first step.  When the drawing reaches the end of the run, the client's
line goes on to CLOSED after 2MSL.

@<Tests of the figures@>=
static void timeline_is_the_article(const char *fig, int first, int last)
{
  struct article_step a[16];
  bool then_closed;
  int na = article_steps(a, 16, &then_closed);
  struct figure g;
  if (!CHECKF(na == 8, "the article's Figure 1 has %d numbered rows, not 8", na)
      || !figure_read(&g, fig))
    return;
  struct drawn_row d[64];
  int nd = drawn_rows(&g, d, 64);
  unsigned long letters[26] = {0};
  bool bound[26] = {false};
  int seen = first;
  for (int side = 0; side < 2; side++)
    CHECKF(strcmp(d[0].state[side], a[first - 1].state[side]) == 0,
      "%s: row 0 has %s, the article %s before step %d", fig, d[0].state[side],
      a[first - 1].state[side], first);
  for (int row = 1; row < nd; row++) {
    if (!d[row].step) continue;
    if (!CHECKF(d[row].step == seen && seen <= last, "%s: row %d is step %d, expected %d",
        fig, row, d[row].step, seen)) break;
    @<Compare the drawn row with the article's step |seen|@>@;
    seen++;
  }
  CHECKF(seen == last + 1, "%s: steps %d to %d drawn, expected %d to %d", fig,
    first, seen - 1, first, last);
  bool closed = strcmp(d[nd - 1].state[0], "CLOSED") == 0 && !d[nd - 1].arrow;
  CHECKF(closed == (last == 7 && then_closed), "%s: the wait of 2MSL to CLOSED is %s",
    fig, closed ? "drawn, but should not be" : "missing");
  figure_free(&g);
}

@ @<Compare the drawn row with the article's step |seen|@>=
{
  const struct article_step *s = &a[seen];
  CHECKF(d[row].arrow && d[row].to_server == s->to_server, "%s: step %d goes the wrong way",
    fig, seen);
  for (int side = 0; side < 2; side++)
    CHECKF(strcmp(d[row].state[side], s->state[side]) == 0,
      "%s: after step %d the %s is %s, the article says %s", fig, seen,
      side ? "server" : "client", d[row].state[side], s->state[side]);
  static const char *const bit[3] = {"SYN", "FIN", "ACK"};
  for (int b = 0; b < 3; b++) {
    char w[8];
    snprintf(w, sizeof w, "%s=1", bit[b]);
    bool in_article = strstr(s->words, w) != NULL, drawn = strstr(d[row].bits, w) != NULL;
    CHECKF(drawn == in_article || (b == 2 && drawn),
      "%s: step %d is \"%s\", the article's \"%s\"", fig, seen, d[row].bits, s->words);
  }
  check_number(s->words, "seq=", d[row].seq, letters, bound, seen);
  if (d[row].has_ack) check_number(s->words, "ack=", d[row].ack, letters, bound, seen);
}

@ The figures of the steps agree with Figure~1: the boxes filled with
the client's and the server's colours are the states that Figure~1
writes after the same step, and the arrows drawn thick are moves that
lead into those states.

@<Tests of the figures@>=
static void steps_agree_with_the_timeline(void)
{
  struct figure f1;
  if (!figure_read(&f1, "fig1-lifecycle")) return;
  struct drawn_row d[64];
  int nd = drawn_rows(&f1, d, 64);
  for (int step = 1; step <= 7; step++) {
    char name[32];
    snprintf(name, sizeof name, "step-%d", step);
    struct figure g;
    if (!figure_read(&g, name)) continue;
    int row = 0;
    while (row < nd && d[row].step != step) row++;
    if (!CHECKF(row < nd, "Figure 1 has no step %d", step)) {
      figure_free(&g);
      continue;
    }
    @<Compare the marked states and thick arrows of step |step|@>@;
    figure_free(&g);
  }
  figure_free(&f1);
}

@ @<Compare the marked states and thick arrows of step |step|@>=
{
  static const char *const fill[2] = {"#a6cee3", "#fdbf6f"};
  for (int side = 0; side < 2; side++) {
    const char *ln = node_line(&g, d[row].state[side]);
    char v[64] = "";
    CHECKF(ln && attr(ln, "fillcolor", v, sizeof v) && strstr(v, fill[side]),
      "step %d: %s not marked as the %s's state", step, d[row].state[side],
      side ? "server" : "client");
  }
  int thick = 0;
  for (size_t l = 0; l < g.n; l++) {
    char from[32], to[32], w[16];
    if (!is_edge(g.ln[l], from, to) || !attr(g.ln[l], "penwidth", w, sizeof w)
        || strcmp(w, "2.6") != 0) continue;
    thick++;
    CHECKF(strcmp(to, d[row].state[0]) == 0 || strcmp(to, d[row].state[1]) == 0,
      "step %d: thick arrow %s -> %s leads to neither side's state", step, from, to);
  }
  CHECKF(thick >= 1 && thick <= 2, "step %d: %d thick arrows", step, thick);
}

@ The inference of states from segments must agree with the core's own
account.  The test reads the run of Figure~1, whose states come from the
capture's comments, builds the same run again from its segments without
the comments, and compares the moves, one by one.

@<Tests of the figures@>=
static void inference_agrees_with_the_core(void)
{
  FILE *f = fopen("build/runs/lifecycle.pcapng", "rb");
  if (!CHECKF(f != NULL, "cannot read build/runs/lifecycle.pcapng")) return;
  struct fig_run told, guessed;
  char err[200];
  fig_run_init(&told), fig_run_init(&guessed);
  if (CHECKF(fig_run_read(&told, f, err, sizeof err) == 0, "%s", err)) {
    CHECK(told.commented);
    for (size_t i = 0; i < told.nseg; i++) {
      const struct fig_segment *s = &told.seg[i];
      fig_run_segment(&guessed, s->from, s->seq, s->ack, s->flags, s->len, NULL);
    }
    fig_run_finish(&guessed);
    CHECK(!guessed.commented);
    CHECK_EQ(guessed.nmove, told.nmove);
    for (size_t m = 0; m < told.nmove && m < guessed.nmove; m++) {
      const struct fig_move *a = &told.move[m], *b = &guessed.move[m];
      CHECKF(a->side == b->side && a->from == b->from && a->to == b->to && a->at == b->at,
        "move %zu: the core says %s %s -> %s at %ld, the inference %s %s -> %s at %ld",
        m, a->side ? "server" : "client", tcp_state_name(a->from), tcp_state_name(a->to),
        a->at, b->side ? "server" : "client", tcp_state_name(b->from),
        tcp_state_name(b->to), b->at);
    }
  }
  fclose(f);
  fig_run_free(&told), fig_run_free(&guessed);
}

@ The inference on runs built by hand, for the closes that the scenario
of Figure~1 does not show: the server closing first, the FINs crossing,
a FIN that also acknowledges, and a reset.  A run is given as a string
of segments, one letter for the sender (\.{c} or \.{s}), the flags, the
sequence and acknowledgment numbers; the expected chains of states
follow.  In the second run the FINs cross, but a capture sees them one
after the other, and so does the inference: the client's FIN arrives
first, the server is in CLOSE\_WAIT when it sends its own, and only the
client passes through CLOSING.

@<Helpers of the tests of the figures@>=
static void hand_run(struct fig_run *r, const char *segments)
{
  fig_run_init(r);
  char who, flags[8];
  unsigned long seq, ack;
  int n;
  for (const char *p = segments; sscanf(p, " %c %7s %lu %lu%n", &who, flags, &seq, &ack,
      &n) == 4; p += n) {
    uint8_t f = 0;
    for (char *c = flags; *c; c++)
      f |= *c == 'S' ? TCP_SYN : *c == 'F' ? TCP_FIN : *c == 'R' ? TCP_RST
        : *c == '.' ? TCP_ACK : 0;
    fig_run_segment(r, who == 'c' ? FIG_CLIENT : FIG_SERVER, (uint32_t) seq,
      (uint32_t) ack, f, 0, NULL);
  }
  fig_run_finish(r);
}

static void chain_of(const struct fig_run *r, int side, char *out, size_t cap)
{
  size_t k = 0;
  out[0] = '\0';
  for (size_t m = 0; m < r->nmove && k < cap; m++)
    if (r->move[m].side == side)
      k += (size_t) snprintf(out + k, cap - k, "%s%s", k ? " " : "",
        tcp_state_name(r->move[m].to));
}

@ @<Tests of the figures@>=
static void inference_by_hand(void)
{
  static const char *const runs[][3] = {@t}\1{@>@/
    {"c S 100 0  s S. 300 101  c . 101 301  s F. 301 101  c . 101 302"@t}\1\1{@>@/
     "  c F. 101 302  s . 302 102",@/
     "SYN_SENT ESTABLISHED CLOSE_WAIT LAST_ACK CLOSED",@/
     "LISTEN SYN_RCVD ESTABLISHED FIN_WAIT_1 FIN_WAIT_2 TIME_WAIT CLOSED"@t}\2\2{@>},@/
    {"c S 100 0  s S. 300 101  c . 101 301  c F. 101 301  s F. 301 101"@t}\1\1{@>@/
     "  c . 102 302  s . 302 102",@/
     "SYN_SENT ESTABLISHED FIN_WAIT_1 CLOSING TIME_WAIT CLOSED",@/
     "LISTEN SYN_RCVD ESTABLISHED CLOSE_WAIT LAST_ACK CLOSED"@t}\2\2{@>},@/
    {"c S 100 0  s S. 300 101  c . 101 301  c F. 101 301  s F. 301 102"@t}\1\1{@>@/
     "  c . 102 302",@/
     "SYN_SENT ESTABLISHED FIN_WAIT_1 TIME_WAIT CLOSED",@/
     "LISTEN SYN_RCVD ESTABLISHED CLOSE_WAIT LAST_ACK CLOSED"@t}\2\2{@>},@/
    {"c S 100 0  s S. 300 101  c R 101 0", "SYN_SENT ESTABLISHED CLOSED",@t}\1\1{@>@/
     "LISTEN SYN_RCVD LISTEN"@t}\2\2{@>}@t}\2{@>@/
  };
  for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++) {
    struct fig_run r;
    hand_run(&r, runs[i][0]);
    for (int side = 0; side < 2; side++) {
      char got[256];
      chain_of(&r, side, got, sizeof got);
      CHECKF(strcmp(got, runs[i][1 + side]) == 0, "run %zu, %s: %s, expected %s", i,
        side ? "server" : "client", got, runs[i][1 + side]);
    }
    fig_run_free(&r);
  }
}

@ The comments of a capture: the moves are found among other remarks,
and a remark that only looks like one (``client reads \dots'') is not
taken for a move.

@<Tests of the figures@>=
static void comments_are_read(void)
{
  struct fig_run r;
  fig_run_init(&r);
  fig_run_segment(&r, FIG_CLIENT, 1, 0, TCP_SYN, 0,
    "server LISTEN -> SYN_RCVD (recv: SYN; send: SYN,ACK)");
  fig_run_segment(&r, FIG_SERVER, 9, 2, TCP_SYN | TCP_ACK, 0,
    "client SYN_SENT -> ESTABLISHED (recv: SYN,ACK; send: ACK)\nclient: connected");
  fig_run_segment(&r, FIG_CLIENT, 2, 10, TCP_ACK, 5,
    "server SYN_RCVD -> ESTABLISHED (recv: ACK; send: nothing)\n"@t}\1\1{@>@/
    "server reads CLOSED -> nonsense"@t}\2\2{@>);
  fig_run_finish(&r);
  CHECK(r.commented);
  char c[128], s[128];
  chain_of(&r, FIG_CLIENT, c, sizeof c);
  chain_of(&r, FIG_SERVER, s, sizeof s);
  CHECKF(strcmp(c, "SYN_SENT ESTABLISHED") == 0, "client: %s", c);
  CHECKF(strcmp(s, "LISTEN SYN_RCVD ESTABLISHED") == 0, "server: %s", s);
  CHECK_EQ(r.seg[0].step, 1);
  CHECK_EQ(r.seg[2].step, 3);
  fig_run_free(&r);
}

@ @<Run the tests of the figures@>=
check_run("figures: Figure 6 draws exactly the table's figure rows", fsm_is_the_table);
check_run("figures: Figure 6 is the article's state machine", fsm_is_the_article);
check_run("figures: Figure 4 is the article's chain of a client", client_chain);
check_run("figures: Figure 5 is the article's chain of a server", server_chain);
check_run("figures: Figure 1 has the article's steps, states and numbers", figure1);
check_run("figures: Figure 2 is steps 1 to 3", figure2);
check_run("figures: Figure 3 is steps 4 to 7 and the wait of 2MSL", figure3);
check_run("figures: the steps' machines agree with Figure 1", steps_agree_with_the_timeline);
check_run("figures: the inference agrees with the core's comments",
  inference_agrees_with_the_core);
check_run("figures: the inference follows other closes", inference_by_hand);
check_run("figures: comments name the moves", comments_are_read);
@<Run the tests of the pictures of losses@>@;

@ @<Tests of the figures@>=
static void client_chain(void) {@+chain_is_the_article("fig4-client", "## Figure 4");@+}
static void server_chain(void) {@+chain_is_the_article("fig5-server", "## Figure 5");@+}
static void figure1(void) {@+timeline_is_the_article("fig1-lifecycle", 1, 7);@+}
static void figure2(void) {@+timeline_is_the_article("fig2-handshake", 1, 3);@+}
static void figure3(void) {@+timeline_is_the_article("fig3-teardown", 4, 7);@+}

@*1 The pictures of losses.
The time--sequence graphs of the chapter on selective acknowledgments
are drawn from captures, and the goodput plot from a table; these tests
hold both to the runs they come from.  A graph's repetitions are found
by reading the capture (a segment that begins below the highest byte
sent so far); the core counts its repetitions itself, as it makes
them.  The two counts come from different places and must agree, and so
must the segments the graph shows as lost and those the link dropped.@^time--sequence graph@>

@<Helpers of the tests of the figures@>=
static bool loss_graph_as(const struct loss_plan *p, struct loss_outcome *out,
  struct tsg *g, enum capture_format format)
{
  FILE *f = tmpfile();
  struct capture_writer w;
  char err[200];
  if (!CHECK(f != NULL) || !CHECK(capture_open(&w, f, format) == 0)) {
    if (f) fclose(f);
    return false;
  }
  int k = loss_run(p, &w, out);
  CHECKF(k == 0, "the transfer failed: %s", out->failure);
  rewind(f);
  int r = tsg_read(g, f, err, sizeof err);
  fclose(f);
  CHECKF(r == 0, "the capture cannot be read: %s", err);
  return k == 0 && r == 0;
}

static bool loss_graph(const struct loss_plan *p, struct loss_outcome *out,
  struct tsg *g)
{
  return loss_graph_as(p, out, g, CAPTURE_PCAPNG);
}

@ The book's pattern: segments 26, 28 and 31 lost once.

@<Helpers of the tests of the figures@>=
static void book_plan(struct loss_plan *p, int config)
{
  memset(p, 0, sizeof *p);
  p->bytes = 100000, p->seed = 1;
  p->drop[0] = 26, p->drop[1] = 28, p->drop[2] = 31, p->ndrop = 3;
  loss_configure(p, config);
}

@ The counts agree for the book's three runs, and for runs that lose
segments by chance, where repetitions are lost too.  The graph as
written has one red diamond for each repetition, and its acknowledged
edge reaches the last byte.

@<Tests of the figures@>=
static void graph_counts_agree(const struct loss_plan *p)
{
  struct loss_outcome out;
  struct tsg g;
  if (!loss_graph(p, &out, &g)) return;
  CHECK_EQ(g.repeats, out.repeated);
  CHECK_EQ(g.lost, out.dropped);
  CHECK_EQ(g.top, p->bytes);
  CHECK(g.nack > 0 && g.ack[g.nack - 1].ack >= p->bytes);
  char *text = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&text, &len);
  if (CHECK(f != NULL)) {
    tsg_write(f, &g, NULL, 0);
    fclose(f);
    size_t diamonds = 0;
    for (const char *q = text; (q = strstr(q, "class=\"repeat")) != NULL; q++) diamonds++;
    CHECK_EQ(diamonds, out.repeated);
    free(text);
  }
  tsg_free(&g);
}

static void graphs_count_what_the_core_did(void)
{
  struct loss_plan p;
  for (int c = 0; c < LOSS_CONFIGS; c++) {
    book_plan(&p, c);
    graph_counts_agree(&p);
    memset(&p, 0, sizeof p);
    p.bytes = 300000, p.seed = 3, p.ppm = 50000;
    loss_configure(&p, c);
    graph_counts_agree(&p);
  }
}

@ A capture in the older pcap format has no comments, as a capture of
\.{tcpdump} has none: the graph then knows nothing of the link's losses,
but still finds every repetition from the numbers alone.

@<Tests of the figures@>=
static void graphs_of_captures_without_comments(void)
{
  struct loss_plan p;
  struct loss_outcome out;
  struct tsg g;
  book_plan(&p, 2);
  if (!loss_graph_as(&p, &out, &g, CAPTURE_PCAP)) return;
  CHECK_EQ(g.repeats, out.repeated);
  CHECK_EQ(g.lost, 0);
  CHECK(out.dropped == 3);
  tsg_free(&g);
}

@ What the chapter on selective acknowledgments says of its three
graphs, checked on the runs.  The timer alone is slowest and repeats
segments that were not lost; NewReno repeats only the lost ones, one
round trip apart; SACK repeats only the lost ones, all at once, and
finishes first.

@<Tests of the figures@>=
static void three_ways_as_the_book_says(void)
{
  struct loss_plan p;
  struct loss_outcome out[LOSS_CONFIGS];
  struct tsg g[LOSS_CONFIGS];
  for (int c = 0; c < LOSS_CONFIGS; c++) {
    book_plan(&p, c);
    if (!loss_graph(&p, &out[c], &g[c])) return;
  }
  CHECKF(out[0].done_us > out[1].done_us && out[1].done_us > out[2].done_us,
    "ends at %llu, %llu and %llu us", (unsigned long long) out[0].done_us,
    (unsigned long long) out[1].done_us, (unsigned long long) out[2].done_us);
  CHECK(out[0].repeated > out[0].dropped);
  CHECK_EQ(out[1].repeated, out[1].dropped);
  CHECK_EQ(out[2].repeated, out[2].dropped);
  size_t blocks[LOSS_CONFIGS] = {0, 0, 0};
  uint64_t first[LOSS_CONFIGS] = {0, 0, 0}, last[LOSS_CONFIGS] = {0, 0, 0};
  for (int c = 0; c < LOSS_CONFIGS; c++) {
    for (size_t i = 0; i < g[c].nack; i++) blocks[c] += g[c].ack[i].nsack;
    for (size_t i = 0; i < g[c].ndata; i++)
      if (g[c].data[i].repeat) {
        if (!first[c]) first[c] = g[c].data[i].t;
        last[c] = g[c].data[i].t;
      }
    tsg_free(&g[c]);
  }
  CHECKF(last[1] - first[1] == 2 * 20000, "NewReno repeats from %llu to %llu us",
    (unsigned long long) first[1], (unsigned long long) last[1]);
  CHECKF(first[2] == last[2], "SACK repeats from %llu to %llu us",
    (unsigned long long) first[2], (unsigned long long) last[2]);
  CHECK(blocks[0] == 0 && blocks[1] == 0 && blocks[2] > 0);
}

@ The goodput table: the same twice, to the byte; with fast
retransmission, with or without SACK, never slower than with the timer
alone; and slower at the higher loss rate in every configuration.
Smaller transfers than the book's keep the test quick.

@<Tests of the figures@>=
static void goodput_table_is_sensible(void)
{
  const double loss[2] = {0.01, 0.05};
  char *a = NULL, *b = NULL, err[300];
  size_t na = 0, nb = 0;
  FILE *fa = open_memstream(&a, &na), *fb = open_memstream(&b, &nb);
  if (!CHECK(fa && fb)) return;
  CHECKF(goodput_table(fa, 300000, 3, loss, 2, err, sizeof err) == 0, "%s", err);
  CHECKF(goodput_table(fb, 300000, 3, loss, 2, err, sizeof err) == 0, "%s", err);
  fclose(fa), fclose(fb);
  CHECK(na == nb && memcmp(a, b, na) == 0);
  struct goodput_table t;
  FILE *f = fmemopen(a, na, "r");
  if (CHECK(f != NULL)) {
    CHECKF(goodput_read(&t, f, err, sizeof err) == 0, "%s", err);
    fclose(f);
    CHECK_EQ(t.n, 2);
    for (size_t i = 0; i < t.n && i < 2; i++)
      CHECKF(t.mbps[i][1] >= t.mbps[i][0] && t.mbps[i][2] >= t.mbps[i][0],
        "at %.2f%%: %.3f %.3f %.3f", t.loss[i], t.mbps[i][0], t.mbps[i][1], t.mbps[i][2]);
    for (int c = 0; c < LOSS_CONFIGS; c++) CHECK(t.mbps[1][c] < t.mbps[0][c]);
  }
  free(a), free(b);
}

@ @<Run the tests of the pictures of losses@>=
check_run("figures: a time-sequence graph counts what the core repeated",
  graphs_count_what_the_core_did);
check_run("figures: a graph of a capture without comments finds the repetitions",
  graphs_of_captures_without_comments);
check_run("figures: the three graphs show what the book says of them",
  three_ways_as_the_book_says);
check_run("figures: goodput falls with loss, and fast repair helps",
  goodput_table_is_sensible);
