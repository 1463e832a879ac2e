@q conn.w: the connection, its variables, its states and the table of transitions. @>

@** The connection and its states.
A TCP connection is a conversation between two programs, and each end of
it keeps a record of where the conversation stands: which bytes it has
sent, which of them the other end has acknowledged, which bytes it
expects next, and in which of eleven {\it states} the connection is.
RFC~9293 calls that record the {\it transmission control block}, or TCB
(\S3.3.1).  In \.{ltcp} the TCB is a plain C structure, |struct
tcp_conn|, and everything this part of the book calls ``the core'' is a
set of functions that take such a structure and one thing that happened
to it.
\label{conn}%

Three kinds of things happen to a connection.  A segment arrives from
the network; the program that owns the connection (``the user'' in the
RFC's words, ``the application'' in the article's) calls open, send,
receive, close or abort; or time passes and a timer runs out.  In answer
the core does three kinds of things: it sends segments, it tells the
user about events (``connected'', ``the peer has closed'', ``reset''),
and it asks to be woken at a certain time.  The core does none of these
by itself.  It does not own a socket, does not read a clock and keeps no
global variables: each input arrives as a function call with the current
time |now| as an argument, and each output leaves through a function
pointer that the surroundings supply.  That is what makes it possible to
run two connections in one process against a simulated link whose clock
is a variable (the next chapter, \secref{simlink}), to replay a run exactly, and to
test every rule of the protocol with hand-made segments.

The core is one module, \.{tcp.c}, with its interface in \.{tcp.h}.  This
chapter sets out the interface and the data; the chapters after it fill
in the behaviour, following the life of one connection as the article
does: the handshake, a first byte of data, the wave, the wait in
TIME\_WAIT, and at last the whole machine.@^reset@>@^TIME\_WAIT state@>@^abort@>@^transmission control block (TCB)@>@^socket interface@>@^simulated link@>@^the article, TCP's three-way handshake and four-way wave, illustrated@>@^RFC 9293 \S3.3.1@>@^RFC 9293@>

@ The header declares everything a user of the core may touch.  A
segment is the structure of the chapter on segments (\secref{segment}); the core only
passes pointers to it, so the header needs nothing more than the
structure's name.

@(tcp.h@>=
#ifndef LTCP_TCP_H
#define LTCP_TCP_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "buffer.h"
#include "flow.h"
#include "rto.h"
struct segment;
@<Types of selective acknowledgments@>@;
@<Types of the core@>@;
@<Declarations of the core@>@;
#endif

@ The module itself begins with the headers it needs and declares its
private functions before any of them is defined, so that the chapters
may define them in the order of the story rather than in the order a
compiler wants.

@(tcp.c@>=
#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include "segment.h"
#include "tcp.h"
@<Private declarations of the core@>@;
@<Functions of the core@>@;

@* The states.
A connection is always in exactly one of eleven states (\S3.3.2).  The
names are the RFC's, with the hyphen written as an underscore, as the
article and the tools of every operating system spell them.  |TCP_CLOSED|
is not really a state, the RFC remarks, since it stands for ``no
connection at all''; the core treats it as a state like the others, in
which a |struct tcp_conn| waits to be opened.@^RFC 9293 \S3.3.2@>

@<Types of the core@>=
enum tcp_state {
  TCP_CLOSED, TCP_LISTEN, TCP_SYN_SENT, TCP_SYN_RCVD,
  TCP_ESTABLISHED, TCP_FIN_WAIT_1, TCP_FIN_WAIT_2, TCP_CLOSE_WAIT,
  TCP_CLOSING, TCP_LAST_ACK, TCP_TIME_WAIT,
  TCP_NSTATES
};

@ Logs, figures and tests print states by name.

@<Declarations of the core@>=
const char *tcp_state_name(enum tcp_state s);

@ @<Functions of the core@>=
const char *tcp_state_name(enum tcp_state s)
{
  static const char *const names[TCP_NSTATES] = {
    "CLOSED", "LISTEN", "SYN_SENT", "SYN_RCVD",
    "ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "CLOSE_WAIT",
    "CLOSING", "LAST_ACK", "TIME_WAIT"
  };
  return (unsigned) s < TCP_NSTATES ? names[s] : "?";
}

@* The transitions, as data.
The article ends with the state machine drawn as a picture, Figure~6
of this book.  Each arrow of the picture has a {\it from} state, a {\it
to} state, a label that says what causes the move (\.{appl:} for a call
of the user, \.{recv:} for an arriving segment, or a timeout) and what is
sent in answer (\.{send:}), and a style: thick and solid for the normal
path of a client, thick and dashed for that of a server, thin for
everything else.  In \.{ltcp} the arrows are not only a picture: they are
a table in the program, and {\it every} change of state that the running
code makes goes through one function that looks the change up in that
table.  The figure in the chapter on figures (\secref{figures}) is drawn from the same
table.  A change of state that is not a row of the table is a bug, and
the core notices it.

The picture leaves out some transitions that RFC~9293 requires, most of
them to CLOSED: a reset that arrives in an established connection, the
user's abort, a connection that gives up after too many
retransmissions.  They are rows of the table too, of the kind
|ARROW_NONE|, so that the code can name them; the figure does not draw
them.@^retransmission@>@^reset@>@^state machine@>@^CLOSED state@>@^abort@>@^user timeout@>@^FIN\_WAIT\_2 timeout@>@^connection-establishment timeout@>@^Figure 6@>@^RFC 9293@>

@<Types of the core@>=
enum arrow_kind {
  ARROW_CLIENT,    /* thick solid: the normal path of a client */
  ARROW_SERVER,    /* thick dashed: the normal path of a server */
  ARROW_ABNORMAL,  /* thin: drawn, but off the normal paths */
  ARROW_NONE       /* required by the RFC, not drawn in the figure */
};

@ A row of the table copies the figure's label in two parts, as the
figure prints it: the cause, and what is sent, which is |NULL| where the
figure's label says nothing about sending.  A short note names the arrows
that the figure annotates (``simultaneous open'', ``active close'').@^simultaneous open@>@^active close@>

@<Types of the core@>=
struct transition {
  enum tcp_state from, to;
  const char *cause;  /* \.{"appl: passive open"}, \.{"recv: SYN"}, \.{"timeout"} */
  const char *send;   /* \.{"SYN,ACK"}, \.{"nothing"}, or |NULL| */
  enum arrow_kind kind;
  const char *note;   /* the figure's annotation, or |NULL| */
};

@ The rows have names, so that the code can say which arrow it takes:
|T_SYN_SENT_ESTABLISHED| is the arrow from SYN\_SENT to ESTABLISHED.
Where two rows join the same pair of states, the name ends with what
tells them apart.  The first twenty-two are the arrows of Figure~6, in the
order of the article's transcription; the rest are the RFC's.@^SYN\_SENT state@>@^ESTABLISHED state@>@^the article, TCP's three-way handshake and four-way wave, illustrated@>@^Figure 6@>

@<Types of the core@>=
enum transition_id {@[
  T_CLOSED_LISTEN, T_CLOSED_SYN_SENT,
  T_LISTEN_SYN_RCVD, T_LISTEN_SYN_SENT, T_LISTEN_CLOSED,
  T_SYN_RCVD_ESTABLISHED, T_SYN_RCVD_LISTEN, T_SYN_RCVD_FIN_WAIT_1,
  T_SYN_RCVD_CLOSED,
  T_SYN_SENT_ESTABLISHED, T_SYN_SENT_SYN_RCVD, T_SYN_SENT_CLOSED,
  T_ESTABLISHED_FIN_WAIT_1, T_ESTABLISHED_CLOSE_WAIT,
  T_CLOSE_WAIT_LAST_ACK, T_LAST_ACK_CLOSED,
  T_FIN_WAIT_1_FIN_WAIT_2, T_FIN_WAIT_1_CLOSING, T_FIN_WAIT_1_TIME_WAIT,
  T_CLOSING_TIME_WAIT, T_FIN_WAIT_2_TIME_WAIT, T_TIME_WAIT_CLOSED,
  @<Names of the transitions the figure does not draw@>@/
  T_NTRANSITIONS@]
};

@ Two terms of the next rows look alike and mean different things.
\label{half-open}%
A
{\it half-open} connection is one that only one end holds.  RFC~9293
(\S3.5.1) uses the word for a connection whose other end has crashed or
aborted and forgotten it, so that the two ends no longer agree; and the
word is used, too, for a connection that a listener has set aside in
SYN\_RCVD and whose handshake has not completed, the kind that a SYN
flood multiplies (\secref{handshake}).  Either way one end has state
that the other lacks, and the cure is a reset.  A {\it half-closed}
connection is something else entirely: both ends know it and agree on
it, one direction has been closed by a FIN, and the other still carries
data.  That is a normal part of the four-way wave (\secref{wave}), not
an anomaly.@^half-open connection@>@^half-close@>@^SYN flood@>@^RFC 9293 \S3.5.1@>

@ The RFC's rows, first the resets.  A reset refuses a connection that
is being opened (\S3.10.7.3), sends a half-open connection that began as
a listener back to LISTEN (the figure's arrow), or closes one that began
with an active open; in every synchronized state it ends the connection
(\S3.10.7.4).  RFC~9293's fourth check adds one more way back to LISTEN:
a new SYN in SYN\_RCVD.@^half-open connection@>@^reset@>@^active open@>@^listen (passive open)@>@^LISTEN state@>@^SYN\_RCVD state@>@^synchronized states@>@^LISTEN, return to@>@^RFC 9293 \S3.10.7.3@>@^RFC 9293 \S3.10.7.4@>@^RFC 9293@>

@<Names of the transitions the figure does not draw@>=
@[T_SYN_SENT_CLOSED_RESET, T_SYN_RCVD_CLOSED_RESET, T_SYN_RCVD_LISTEN_SYN,
T_ESTABLISHED_CLOSED_RESET, T_FIN_WAIT_1_CLOSED_RESET,
T_FIN_WAIT_2_CLOSED_RESET, T_CLOSE_WAIT_CLOSED_RESET,
T_CLOSING_CLOSED_RESET, T_LAST_ACK_CLOSED_RESET,
T_TIME_WAIT_CLOSED_RESET,@]

@ Then the user's abort, from every state but CLOSED (\S3.10.5), and
the close that finds received data the user has not read, which RFC~9293
says should reset the connection rather than close it, so that the peer
learns that data was lost (\S3.6, SHLD-3).@^reset@>@^connection reset@>@^CLOSED state@>@^abort@>@^loss, simulated@>@^RFC 9293 \S3.10.5@>@^RFC 9293 \S3.6@>@^RFC 9293@>

@<Names of the transitions the figure does not draw@>=
@[T_LISTEN_CLOSED_ABORT, T_SYN_SENT_CLOSED_ABORT, T_SYN_RCVD_CLOSED_ABORT,
T_ESTABLISHED_CLOSED_ABORT, T_FIN_WAIT_1_CLOSED_ABORT,
T_FIN_WAIT_2_CLOSED_ABORT, T_CLOSE_WAIT_CLOSED_ABORT,
T_CLOSING_CLOSED_ABORT, T_LAST_ACK_CLOSED_ABORT, T_TIME_WAIT_CLOSED_ABORT,
T_ESTABLISHED_CLOSED_UNREAD, T_CLOSE_WAIT_CLOSED_UNREAD,@]

@ Last, the timeouts: a connection that has retransmitted as often as
its configuration allows gives up (\S3.8.3), and a connection that waits
in FIN\_WAIT\_2 for a FIN that never comes may be given a time limit
(an extension that every operating system makes; off by default).@^retransmission@>@^FIN flag@>@^FIN\_WAIT\_2 state@>@^user timeout@>@^FIN\_WAIT\_2 timeout@>@^connection-establishment timeout@>@^RFC 9293 \S3.8.3@>

@<Names of the transitions the figure does not draw@>=
@[T_ESTABLISHED_CLOSED_TIMEOUT, T_FIN_WAIT_1_CLOSED_TIMEOUT,
T_CLOSE_WAIT_CLOSED_TIMEOUT, T_CLOSING_CLOSED_TIMEOUT,
T_LAST_ACK_CLOSED_TIMEOUT, T_FIN_WAIT_2_CLOSED_TIMEOUT,@]

@ The table itself is exported, with its length, for the figure and the
tests.

@<Declarations of the core@>=
extern const struct transition tcp_transitions[];
extern const size_t tcp_ntransitions;

@ Each row of the table is written with a macro, |ROW|, that fills in
the prefixes of the names, so that the rows read like the figure's
labels: from, to, cause, what is sent, the kind of arrow and the note.

@<Functions of the core@>=
#define ROW(from, to, cause, send, kind, note) \
  @[{TCP_##from, TCP_##to, cause, send, ARROW_##kind, note}@]

@ Here is the table.  The first block is Figure~6, arrow for arrow.@^Figure 6@>

@<Functions of the core@>=
const struct transition tcp_transitions[T_NTRANSITIONS] = {@/
@[[T_CLOSED_LISTEN]@] = ROW(CLOSED, LISTEN,
  "appl: passive open", "nothing", SERVER, "passive open"),@/
@[[T_CLOSED_SYN_SENT]@] = ROW(CLOSED, SYN_SENT,
  "appl: active open", "SYN", CLIENT, "active open"),@/
@[[T_LISTEN_SYN_RCVD]@] = ROW(LISTEN, SYN_RCVD,
  "recv: SYN", "SYN,ACK", SERVER, NULL),@/
@[[T_LISTEN_SYN_SENT]@] = ROW(LISTEN, SYN_SENT,
  "appl: send data", "SYN", ABNORMAL, NULL),@/
@[[T_LISTEN_CLOSED]@] = ROW(LISTEN, CLOSED,
  "appl: close", NULL, ABNORMAL, NULL),@/
@[[T_SYN_RCVD_ESTABLISHED]@] = ROW(SYN_RCVD, ESTABLISHED,
  "recv: ACK", "nothing", SERVER, NULL),@/
@[[T_SYN_RCVD_LISTEN]@] = ROW(SYN_RCVD, LISTEN,
  "recv: RST", NULL, ABNORMAL, NULL),@/
@[[T_SYN_RCVD_FIN_WAIT_1]@] = ROW(SYN_RCVD, FIN_WAIT_1,
  "appl: close", "FIN", ABNORMAL, NULL),@/
@[[T_SYN_RCVD_CLOSED]@] = ROW(SYN_RCVD, CLOSED,
  "timeout", "RST", ABNORMAL, NULL),@/
@[[T_SYN_SENT_ESTABLISHED]@] = ROW(SYN_SENT, ESTABLISHED,
  "recv: SYN,ACK", "ACK", CLIENT, NULL),@/
@[[T_SYN_SENT_SYN_RCVD]@] = ROW(SYN_SENT, SYN_RCVD,
  "recv: SYN", "SYN,ACK", ABNORMAL, "simultaneous open"),@/
@[[T_SYN_SENT_CLOSED]@] = ROW(SYN_SENT, CLOSED,
  "appl: close, or timeout", NULL, ABNORMAL, NULL),@/
@[[T_ESTABLISHED_FIN_WAIT_1]@] = ROW(ESTABLISHED, FIN_WAIT_1,
  "appl: close", "FIN", CLIENT, "active close"),@/
@[[T_ESTABLISHED_CLOSE_WAIT]@] = ROW(ESTABLISHED, CLOSE_WAIT,
  "recv: FIN", "ACK", SERVER, "passive close"),@/
@[[T_CLOSE_WAIT_LAST_ACK]@] = ROW(CLOSE_WAIT, LAST_ACK,
  "appl: close", "FIN", SERVER, NULL),@/
@[[T_LAST_ACK_CLOSED]@] = ROW(LAST_ACK, CLOSED,
  "recv: ACK", "nothing", SERVER, NULL),@/
@[[T_FIN_WAIT_1_FIN_WAIT_2]@] = ROW(FIN_WAIT_1, FIN_WAIT_2,
  "recv: ACK", "nothing", CLIENT, NULL),@/
@[[T_FIN_WAIT_1_CLOSING]@] = ROW(FIN_WAIT_1, CLOSING,
  "recv: FIN", "ACK", ABNORMAL, "simultaneous close"),@/
@[[T_FIN_WAIT_1_TIME_WAIT]@] = ROW(FIN_WAIT_1, TIME_WAIT,
  "recv: FIN,ACK", "ACK", ABNORMAL, NULL),@/
@[[T_CLOSING_TIME_WAIT]@] = ROW(CLOSING, TIME_WAIT,
  "recv: ACK", "nothing", ABNORMAL, NULL),@/
@[[T_FIN_WAIT_2_TIME_WAIT]@] = ROW(FIN_WAIT_2, TIME_WAIT,
  "recv: FIN", "ACK", CLIENT, NULL),@/
@[[T_TIME_WAIT_CLOSED]@] = ROW(TIME_WAIT, CLOSED,
  "2MSL timeout", NULL, CLIENT, NULL),@/
@<Rows of the transitions the figure does not draw@>
};
const size_t tcp_ntransitions = T_NTRANSITIONS;

@ The resets.  A reset in SYN\_SENT counts only when it acknowledges our
SYN; the core checks that before it takes the row.@^reset@>@^SYN\_SENT state@>

@<Rows of the transitions the figure does not draw@>=
@[@[[T_SYN_SENT_CLOSED_RESET]@] = ROW(SYN_SENT, CLOSED,
  "recv: RST,ACK", NULL, NONE, "connection refused"),@/
@[[T_SYN_RCVD_CLOSED_RESET]@] = ROW(SYN_RCVD, CLOSED,
  "recv: RST", NULL, NONE, "after a simultaneous open"),@/
@[[T_SYN_RCVD_LISTEN_SYN]@] = ROW(SYN_RCVD, LISTEN,
  "recv: SYN", NULL, NONE, NULL),@/
@[[T_ESTABLISHED_CLOSED_RESET]@] = ROW(ESTABLISHED, CLOSED,
  "recv: RST", NULL, NONE, "connection reset"),@/
@[[T_FIN_WAIT_1_CLOSED_RESET]@] = ROW(FIN_WAIT_1, CLOSED,
  "recv: RST", NULL, NONE, "connection reset"),@/
@[[T_FIN_WAIT_2_CLOSED_RESET]@] = ROW(FIN_WAIT_2, CLOSED,
  "recv: RST", NULL, NONE, "connection reset"),@/
@[[T_CLOSE_WAIT_CLOSED_RESET]@] = ROW(CLOSE_WAIT, CLOSED,
  "recv: RST", NULL, NONE, "connection reset"),@/
@[[T_CLOSING_CLOSED_RESET]@] = ROW(CLOSING, CLOSED,
  "recv: RST", NULL, NONE, NULL),@/
@[[T_LAST_ACK_CLOSED_RESET]@] = ROW(LAST_ACK, CLOSED,
  "recv: RST", NULL, NONE, NULL),@/
@[[T_TIME_WAIT_CLOSED_RESET]@] = ROW(TIME_WAIT, CLOSED,
  "recv: RST", NULL, NONE, NULL),@/@]

@ The user's abort sends a reset from the states in which the peer
believes in the connection, and nothing from the others (\S3.10.5).@^reset@>@^abort@>@^RFC 9293 \S3.10.5@>

@<Rows of the transitions the figure does not draw@>=
@[@[[T_LISTEN_CLOSED_ABORT]@] = ROW(LISTEN, CLOSED,
  "appl: abort", "nothing", NONE, NULL),@/
@[[T_SYN_SENT_CLOSED_ABORT]@] = ROW(SYN_SENT, CLOSED,
  "appl: abort", "nothing", NONE, NULL),@/
@[[T_SYN_RCVD_CLOSED_ABORT]@] = ROW(SYN_RCVD, CLOSED,
  "appl: abort", "RST", NONE, NULL),@/
@[[T_ESTABLISHED_CLOSED_ABORT]@] = ROW(ESTABLISHED, CLOSED,
  "appl: abort", "RST", NONE, NULL),@/
@[[T_FIN_WAIT_1_CLOSED_ABORT]@] = ROW(FIN_WAIT_1, CLOSED,
  "appl: abort", "RST", NONE, NULL),@/
@[[T_FIN_WAIT_2_CLOSED_ABORT]@] = ROW(FIN_WAIT_2, CLOSED,
  "appl: abort", "RST", NONE, NULL),@/
@[[T_CLOSE_WAIT_CLOSED_ABORT]@] = ROW(CLOSE_WAIT, CLOSED,
  "appl: abort", "RST", NONE, NULL),@/
@[[T_CLOSING_CLOSED_ABORT]@] = ROW(CLOSING, CLOSED,
  "appl: abort", "nothing", NONE, NULL),@/
@[[T_LAST_ACK_CLOSED_ABORT]@] = ROW(LAST_ACK, CLOSED,
  "appl: abort", "nothing", NONE, NULL),@/
@[[T_TIME_WAIT_CLOSED_ABORT]@] = ROW(TIME_WAIT, CLOSED,
  "appl: abort", "nothing", NONE, NULL),@/
@[[T_ESTABLISHED_CLOSED_UNREAD]@] = ROW(ESTABLISHED, CLOSED,
  "appl: close, data unread", "RST", NONE, NULL),@/
@[[T_CLOSE_WAIT_CLOSED_UNREAD]@] = ROW(CLOSE_WAIT, CLOSED,
  "appl: close, data unread", "RST", NONE, NULL),@/@]

@ The timeouts send nothing: a peer that has not answered a dozen
retransmissions will not hear a reset either.@^retransmission@>@^reset@>@^FIN\_WAIT\_2 timeout@>

@<Rows of the transitions the figure does not draw@>=
@[@[[T_ESTABLISHED_CLOSED_TIMEOUT]@] = ROW(ESTABLISHED, CLOSED,
  "timeout", "nothing", NONE, NULL),@/
@[[T_FIN_WAIT_1_CLOSED_TIMEOUT]@] = ROW(FIN_WAIT_1, CLOSED,
  "timeout", "nothing", NONE, NULL),@/
@[[T_CLOSE_WAIT_CLOSED_TIMEOUT]@] = ROW(CLOSE_WAIT, CLOSED,
  "timeout", "nothing", NONE, NULL),@/
@[[T_CLOSING_CLOSED_TIMEOUT]@] = ROW(CLOSING, CLOSED,
  "timeout", "nothing", NONE, NULL),@/
@[[T_LAST_ACK_CLOSED_TIMEOUT]@] = ROW(LAST_ACK, CLOSED,
  "timeout", "nothing", NONE, NULL),@/
@[[T_FIN_WAIT_2_CLOSED_TIMEOUT]@] = ROW(FIN_WAIT_2, CLOSED,
  "timeout", "nothing", NONE, "if configured"),@/@]

@* What the core tells its user.
Besides segments, the core produces {\it events} for the user of the
connection: the things a program using the sockets of an operating
system learns from the return values of its calls.@^socket interface@>

@<Types of the core@>=
enum tcp_event {
  TCP_EV_CONNECTED,   /* ESTABLISHED reached: data may flow */
  TCP_EV_READABLE,    /* new data in the receive buffer */
  TCP_EV_WRITABLE,    /* acknowledged data made room in the send buffer */
  TCP_EV_EOF,         /* the peer has closed: its FIN arrived, in order */
  TCP_EV_RESET,       /* the peer reset an established connection */
  TCP_EV_REFUSED,     /* the peer refused our SYN with a reset */
  TCP_EV_TIMEOUT,     /* gave up after too many retransmissions */
  TCP_EV_CLOSED,      /* the connection reached CLOSED, for any reason */
  TCP_NEVENTS
};

@ @<Declarations of the core@>=
const char *tcp_event_name(enum tcp_event e);

@ @<Functions of the core@>=
const char *tcp_event_name(enum tcp_event e)
{
  static const char *const names[TCP_NEVENTS] = {
    "connected", "readable", "writable", "end of stream", "reset by peer",
    "connection refused", "timed out", "closed"
  };
  return (unsigned) e < TCP_NEVENTS ? names[e] : "?";
}

@ The core asks three things of its surroundings, through three
function pointers that it calls at the moment it needs them: send this
segment, note that the state changed (by which row of the table), and
tell the user this event.  Each receives the pointer |ctx| that the
surroundings put in the structure, and the connection concerned.  The
first must be given, since a connection that cannot send is no
connection, and the core calls it without asking; the other two may be
|NULL|.  The hooks also carry the host's counters,
described below, which may be |NULL| too.  A change of state is reported before the
segments it sends and the events it causes, so that a log written by the
hooks shows each change under the segment that caused it and above the
answer, and a change that the application caused above the segment it
sends.

@<Types of the core@>=
struct tcp_conn;
struct tcp_hooks {
  void *ctx;
  void (*output)(void *ctx, struct tcp_conn *c, const struct segment *s);
  void (*transition)(void *ctx, struct tcp_conn *c, const struct transition *t);
  void (*event)(void *ctx, struct tcp_conn *c, enum tcp_event e);
  struct tcp_stats *stats;  /* where the counts go, or |NULL| */
};

@* The configuration.
Every number that an implementation may choose lives in a configuration
that the user hands to |tcp_init|.  |tcp_config_default| fills it with
the values this book argues for as it goes; a test or a scenario changes
one field at a time.@^scenario@>

@<Types of the core@>=
struct tcp_config {
  uint64_t msl_us;          /* maximum segment lifetime; TIME\_WAIT lasts twice this */
  uint16_t mss;             /* the largest segment text we accept, announced in our SYN */
  uint32_t rcv_wnd;         /* the size of the receive buffer */
  uint32_t snd_buf;         /* the size of the send buffer */
  uint64_t rto_initial_us;  /* the first retransmission timeout */
  uint64_t rto_min_us;      /* bounds of the timeout as it backs off */
  uint64_t rto_max_us;
  unsigned syn_retries;     /* retransmissions of a SYN or SYN,ACK before giving up */
  unsigned retries;         /* retransmissions of data or FIN before giving up */
  uint64_t fin_wait_2_us;   /* time limit in FIN\_WAIT\_2; 0 for none */
  uint64_t delack_us;       /* longest wait of a delayed acknowledgment; 0 for none */
  uint64_t keepalive_us;    /* silence before the first keepalive probe; 0 for none */
  uint64_t keepalive_intvl_us;  /* between keepalive probes */
  unsigned keepalive_probes;    /* unanswered probes that end the connection */
  bool fast_retransmit;     /* repeat after three duplicate ACKs (RFC~5681 \S3.2, RFC~6582) */
  bool congestion_control;  /* slow start and congestion avoidance (RFC~5681) */
  bool sack;                /* offer and use selective acknowledgments (RFC~2018, RFC~6675) */
  bool rto_forget_backoff;  /* new data acknowledged ends the timer's backoff */
  bool tail_loss_probe;     /* probe after two round trips of silence (RFC~8985 \S7) */
  bool challenge_acks;      /* RFC~5961 \S3 and \S4 */
  bool ack_validation;      /* RFC~5961 \S5 */
  uint32_t answer_limit;    /* answers to dropped segments per second (RFC~5961 \S7); 0 for none */
  bool rfc1337;             /* TIME\_WAIT ignores resets (RFC~1337) */
  bool isn_fixed;           /* for tests: use |isn| as the initial sequence number */
  uint32_t isn;
  uint64_t isn_key[2];      /* the secret of RFC~6528's hash */
  bool assert_transitions;  /* abort the program on a change of state not in the table */
};

@ @<Declarations of the core@>=
void tcp_config_default(struct tcp_config *cfg);

@ The defaults: the article's MSL of 30 seconds, the 1-second first
timeout of RFC~6298, the Ethernet MSS of 1460 bytes, and buffers of 64
kilobytes, of which the receive buffer is one byte short so that its
free space always fits the 16-bit window field.  Acknowledgments of data
may wait up to 40 milliseconds for company, as the chapter on the sliding
window (\secref{window}) explains; the simulated link turns that off.  Answers to dropped
segments are limited to ten a second (the chapter on the whole machine).
Keepalives are off, as RFC~9293 wants them; turned on, they probe every
75 seconds and give up after nine probes, Linux's numbers (the chapter on
the wave).  The four behaviours of the chapter on losses (fast
retransmission, congestion control, selective acknowledgments, and a
timer that forgets its backoff) are on; the simulated link turns them off
too, so that the logs of the early chapters show the plain rules they
teach.  The key of the hash is a fixed pattern, the key of the test
vectors of SipHash; a program that faces a real network must put a
secret there (the chapter on the handshake (\secref{handshake}) explains why), and the host
of the chapter on the event loop does.@^MSL@>@^simulated link@>@^the article, TCP's three-way handshake and four-way wave, illustrated@>@^RFC 6298@>

@<Functions of the core@>=
void tcp_config_default(struct tcp_config *cfg)
{
  memset(cfg, 0, sizeof *cfg);
  cfg->msl_us = 30 * TCP_SECOND;
  cfg->mss = 1460;
  cfg->rcv_wnd = 65535;
  cfg->snd_buf = TCP_BUFFER_SIZE;
  cfg->rto_initial_us = 1 * TCP_SECOND;
  cfg->rto_min_us = 1 * TCP_SECOND;
  cfg->rto_max_us = 60 * TCP_SECOND;
  cfg->syn_retries = 5;
  cfg->retries = 8;
  cfg->fin_wait_2_us = 0;
  cfg->delack_us = 40 * TCP_MILLISECOND;
  cfg->keepalive_us = 0;
  cfg->keepalive_intvl_us = 75 * TCP_SECOND;
  cfg->keepalive_probes = 9;
  cfg->fast_retransmit = true;
  cfg->congestion_control = true;
  cfg->sack = true;
  cfg->rto_forget_backoff = true;
  cfg->tail_loss_probe = true;
  cfg->challenge_acks = true;
  cfg->ack_validation = true;
  cfg->answer_limit = 10;
  cfg->rfc1337 = true;
  cfg->isn_fixed = false;
  cfg->isn_key[0] = UINT64_C(0x0706050403020100);
  cfg->isn_key[1] = UINT64_C(0x0f0e0d0c0b0a0908);
  cfg->assert_transitions = true;
}

@ Times are counted in microseconds, in |uint64_t|, everywhere.

@<Types of the core@>=
#define TCP_SECOND UINT64_C(1000000)
#define TCP_MILLISECOND UINT64_C(1000)
#define TCP_BUFFER_SIZE 65536
#define TCP_MSS_MIN 48  /* the smallest MSS a peer may impose: see |learn_from_syn| */

@* Dropped segments.
Every segment that the core drops without acting on it is counted,
under the reason it was dropped for.  A dropped segment may still be
answered: with a reset, an acknowledgment or a {\it challenge ACK}; the
comment says which.  A challenge ACK is the answer of RFC~5961 to a
reset or a SYN that may be forged: instead of obeying it, the core
acknowledges where the connection stands, which tells the true peer the
exact number to use and tells a blind attacker nothing
(\secref{challenge} gives the rules).@^challenge ACK@>  The chapters of the story (Part~I) and of Part~III show where each
rule is applied, and the chapter on the whole machine
(\secref{machine}) ties the rules together.@^dropped segments, counted@>

@<Types of the core@>=
enum tcp_drop {
  TCP_DROP_WRONG_PORTS,   /* not addressed to this connection */
  TCP_DROP_CLOSED,        /* arrived in CLOSED; a reset answers it */
  TCP_DROP_LISTEN_RST,    /* a reset in LISTEN */
  TCP_DROP_LISTEN_ACK,    /* an ACK in LISTEN; a reset answers it */
  TCP_DROP_LISTEN_NO_SYN, /* neither SYN, ACK nor RST in LISTEN */
  TCP_DROP_BAD_ACK,       /* SYN\_SENT or SYN\_RCVD: ACK of something never sent; a reset answers it */
  TCP_DROP_RST_NO_ACK,    /* SYN\_SENT: a reset that does not acknowledge our SYN */
  TCP_DROP_NO_SYN,        /* SYN\_SENT: neither SYN nor RST */
  TCP_DROP_REPEATED_SYN,  /* SYN\_RCVD: the peer's SYN again; our SYN,ACK answers it */
  TCP_DROP_UNACCEPTABLE,  /* outside the receive window; an ACK answers it */
  TCP_DROP_RST_IN_WINDOW, /* a reset in the window but not at RCV.NXT; a challenge ACK answers it */
  TCP_DROP_SYN,           /* a SYN in a synchronized state; a challenge ACK answers it */
  TCP_DROP_TIME_WAIT_RST, /* a reset in TIME\_WAIT (RFC~1337) */
  TCP_DROP_NO_ACK,        /* no ACK bit in a synchronized state */
  TCP_DROP_ACK_UNSENT,    /* acknowledges data never sent; an ACK answers it */
  TCP_DROP_ACK_TOO_OLD,   /* acknowledges data older than any window (RFC~5961 \S5); an ACK answers it */
  TCP_DROP_OUT_OF_ORDER,  /* text beyond RCV.NXT: kept by no buffer yet; an ACK answers it */
  TCP_NDROPS
};

@ @<Declarations of the core@>=
const char *tcp_drop_name(enum tcp_drop r);

@ @<Functions of the core@>=
const char *tcp_drop_name(enum tcp_drop r)
{
  static const char *const names[TCP_NDROPS] = {
    "wrong ports", "closed", "reset in LISTEN", "ACK in LISTEN",
    "no SYN in LISTEN", "unacceptable ACK", "reset without ACK",
    "no SYN in SYN_SENT", "repeated SYN", "outside the window",
    "reset in the window", "SYN in a synchronized state",
    "reset in TIME_WAIT", "no ACK bit",
    "ACK of unsent data", "ACK too old", "out of order"
  };
  return (unsigned) r < TCP_NDROPS ? names[r] : "?";
}

@ Dropping is counting.

@<Private declarations of the core@>=
static void drop(struct tcp_conn *c, enum tcp_drop why);

@ @<Functions of the core@>=
static void drop(struct tcp_conn *c, enum tcp_drop why)
{
  if (stats(c)) stats(c)->dropped[why]++;
}

@* The transmission control block.
Now the connection itself.  Its variables are those of \S3.3.1, under
the RFC's names written in lower case: |snd_una| for SND.UNA and so on.
The picture to keep in mind is the RFC's, of the sequence space seen from
the sender,
$$\vbox{\halign{\hfil#\hfil\quad&\hfil#\hfil\quad&\hfil#\hfil\quad&\hfil#\hfil\cr
1&2&3&4\cr
\noalign{\smallskip}
\hbox to 1in{\hrulefill}&\hbox to 1in{\hrulefill}&\hbox to 1in{\hrulefill}
  &\hbox to 1in{\hrulefill}\cr
\noalign{\smallskip}
acknowledged&sent, not yet&may be sent&may not be\cr
&acknowledged&now&sent yet\cr}}$$
where SND.UNA is the boundary between 1 and 2, SND.NXT that between 2
and 3, and SND.UNA${}+{}$SND.WND that between 3 and 4; and of the
sequence space seen from the receiver, where RCV.NXT is the next byte
expected and RCV.NXT${}+{}$RCV.WND the first one that will not fit.@^SND.UNA@>@^SND.NXT@>@^SND.WND@>@^RCV.NXT@>@^RCV.WND@>@^transmission control block (TCB)@>@^RFC 9293 \S3.3.1@>

@<Types of the core@>=
struct tcp_conn {
  const struct tcp_config *cfg;
  const struct tcp_hooks *hooks;
  uint64_t now;  /* the time of the call being processed */
  enum tcp_state state;
  uint32_t local_addr, remote_addr;
  uint16_t local_port, remote_port;
  @<The send sequence variables@>@;
  @<The receive sequence variables@>@;
  @<The timers of the connection@>@;
  @<The flags of the connection@>@;
  @<The congestion state of the connection@>@;
  @<The buffers of the connection@>@;
};

@ The send sequence variables of \S3.3.1.  SND.WL1 and SND.WL2 record
the sequence and acknowledgment numbers of the segment that last
updated SND.WND, so that an old segment cannot shrink the window that a
newer one opened (\S3.10.7.4).  |snd_mss| is the largest text the peer
will take, from the MSS option of its SYN; |max_snd_wnd| is the largest
window the peer ever offered, which RFC~5961's check of acknowledgments
needs.@^acknowledgment number@>@^SND.WND@>@^RFC 9293 \S3.3.1@>@^RFC 9293 \S3.10.7.4@>@^RFC 5961@>

@<The send sequence variables@>=
uint32_t snd_una;   /* oldest unacknowledged sequence number */
uint32_t snd_nxt;   /* next sequence number to be sent */
uint32_t snd_wnd;   /* the peer's window */
uint32_t snd_wl1, snd_wl2;
uint32_t iss;       /* initial send sequence number */
uint32_t max_snd_wnd;
uint16_t snd_mss;

@ The receive sequence variables.  RCV.WND is not stored: it is the
free space of the receive buffer, computed when it is needed, so that
the window can never promise room the buffer does not have.@^RCV.WND@>

@<The receive sequence variables@>=
uint32_t rcv_nxt;   /* next sequence number expected */
uint32_t irs;       /* initial receive sequence number */

@ The user's data waits in two buffers: the bytes the user has handed
to |tcp_send| and the peer has not yet acknowledged, and the bytes that
have arrived and the user has not yet read.  Each is a ring of bytes
indexed by sequence number, with its array inside it; the chapter on the
sliding window (\secref{window}) builds them.  They come last in the structure, so that
the sixty-odd kilobytes of each array do not separate the variables the
core uses together.@^sliding window@>

@<The buffers of the connection@>=
struct tcp_sndbuf sndbuf;  /* the first byte has sequence number $|iss|+1$ */
struct tcp_rcvbuf rcvbuf;  /* the first byte has sequence number $|irs|+1$ */

@ The core keeps five timers, each with a deadline in microseconds, |0|
when it does not run: the retransmission timer of RFC~6298, the persist
timer that probes a closed window, the 2MSL timer of TIME\_WAIT, the
optional limit on FIN\_WAIT\_2, and the timer of a delayed
acknowledgment, which the chapter on the sliding window (\secref{window}) adds.  The first two are structures of their
own chapters: |rtx| holds the current timeout, doubled at each expiry,
the count of expiries since something new was acknowledged, and the
measurements of the round trip.@^2MSL@>@^sliding window@>@^window probe@>@^persist timer@>@^retransmission@>@^round-trip time (RTT)@>@^FIN flag@>@^FIN\_WAIT\_2 state@>@^TIME\_WAIT state@>@^RFC 6298@>

@<The timers of the connection@>=
struct tcp_rto rtx;
struct tcp_persist persist;
uint64_t time_wait_deadline;
uint64_t fin_wait_2_deadline;
uint64_t delack_deadline;

@ A few facts about the connection do not fit the sequence variables.
|passive| says that the connection reached SYN\_RCVD from LISTEN, which
decides where a reset sends it; |remote_fixed| that the user named the
remote end before listening.  |syn_acked| says that the peer has
acknowledged our SYN.  |fin_queued| says that the user has closed, so a
FIN must follow the last byte of the send buffer; |fin_sent| that it has
been sent, with the sequence number |fin_seq|.  |fin_received| says
that the peer's FIN has been taken in.  |ack_owed| says that something
arrived that must be acknowledged; |rcv_adv| is the right edge of the
window we last advertised, RCV.NXT${}+{}$RCV.WND at that moment.  The
two numbers come before the flags, and the flags sit together, so that
the compiler need not pad between them.@^RCV.NXT@>@^RCV.WND@>@^LISTEN state@>@^SYN\_RCVD state@>

@<The flags of the connection@>=
uint32_t fin_seq;
uint32_t rcv_adv;
bool passive, remote_fixed;
bool syn_acked;
bool fin_queued, fin_sent, fin_received;
bool ack_owed;

@ The counters.  The core counts what it drops, under the reason, and a
few things worth knowing about a connection's life that only the core
can tell: retransmissions, recoveries without a timeout, challenge
acknowledgments, resets sent, and
changes of state that are not rows of the table, which in a correct
program never happen (the tests check that |bad_transitions| stays
zero).  It does not count the segments that come and go: the host hands
it every one of them and receives every one, and can count them itself
if it wants to.  The counters are not in the connection but in a structure that
the host keeps and the hooks point to, as an operating system keeps its
statistics of TCP for the whole machine rather than for each connection:
a host may give every connection the same counters, or each its own.
Kept in the connection, they took 92 bytes of every one, nearly a
quarter of it; the chapter ``Speed and size'' (\secref{perf}) tells that story.  They
are 32 bits wide: four billion segments take hours at the speed that
chapter measures over UDP, and a host that wants totals over longer
lives adds them up into wider counters of its own.@^retransmission@>@^UDP as a carrier@>

@<Types of the core@>=
struct tcp_stats {
  uint32_t dropped[TCP_NDROPS];
  uint32_t retransmitted;
  uint32_t fast_recoveries;  /* losses repaired without waiting for the timer */
  uint32_t loss_probes;      /* the probe timer's expiries (the chapter on losses) */
  uint32_t challenge_acks;
  uint32_t resets_sent;
  uint32_t bad_transitions;
  uint32_t refused_past_fin;  /* segments |send_segment| would not send */
  uint32_t answers_throttled; /* ACKs not sent by RFC~5961 \S7's limit */
};

@ Counting goes through |stats|, which gives the host's counters; a
place that counts does so only when there are counters.

@<Private declarations of the core@>=
static struct tcp_stats *stats(const struct tcp_conn *c);

@ @<Functions of the core@>=
static struct tcp_stats *stats(const struct tcp_conn *c)
{
  return c->hooks->stats;
}

@* The interface.
The functions of the core, in the order of a connection's life.
|tcp_init| makes a closed connection on a local address and port; it
keeps pointers to the configuration and to the hooks, which must
outlive the connection.  |tcp_listen| is the
passive open and |tcp_connect| the active open of \S3.10.1; a listener
may first be given the one remote end it will accept, with
|tcp_set_remote|, which also lets it turn active when the user sends
(Figure~6's arrow from LISTEN to SYN\_SENT).  These return 0, or a
negative |tcp_error| when the call is not allowed in the connection's
state.@^passive open@>@^active open@>@^listen (passive open)@>@^LISTEN state@>@^SYN\_SENT state@>@^RFC 9293 \S3.10.1@>@^Figure 6@>

@<Declarations of the core@>=
void tcp_init(struct tcp_conn *c, const struct tcp_config *cfg,
  const struct tcp_hooks *h, uint32_t local_addr, uint16_t local_port);
int tcp_listen(struct tcp_conn *c, uint64_t now);
int tcp_connect(struct tcp_conn *c, uint32_t remote_addr,
  uint16_t remote_port, uint64_t now);
int tcp_set_remote(struct tcp_conn *c, uint32_t remote_addr,
  uint16_t remote_port);

@ The errors are those of \S3.10: a call the state does not allow, a
send or close on a connection that is already closing, and a send on a
listener that does not know where to send.@^listen (passive open)@>@^RFC 9293 \S3.10@>

@<Types of the core@>=
enum tcp_error {
  TCP_OK = 0,
  TCP_ERR_STATE = -1,     /* ``connection does not exist'' or ``already exists'' */
  TCP_ERR_CLOSING = -2,   /* ``connection closing'' */
  TCP_ERR_NO_REMOTE = -3  /* ``foreign socket unspecified'' */
};

@ An arriving segment is handed to |tcp_segment_arrives| once its
checksum has been verified.  |tcp_send| takes as many bytes as the send
buffer has room for and returns their number; |tcp_recv| returns the
bytes that have arrived in order, and 0 when there are none (then
|tcp_peer_closed| tells whether more will come).  |tcp_close| is the
graceful close, |tcp_abort| the abrupt one.

@<Declarations of the core@>=
void tcp_segment_arrives(struct tcp_conn *c, const struct segment *s,
  uint64_t now);
size_t tcp_send(struct tcp_conn *c, const void *data, size_t n, uint64_t now);
size_t tcp_recv(struct tcp_conn *c, void *buf, size_t n, uint64_t now);
bool tcp_peer_closed(const struct tcp_conn *c);
int tcp_close(struct tcp_conn *c, uint64_t now);
void tcp_abort(struct tcp_conn *c, uint64_t now);

@ Time.  |tcp_next_deadline| says when the connection next needs to be
woken, |UINT64_MAX| if never; |tcp_tick| fires the timers that are due
at |now|.  The surroundings may call |tcp_tick| more often than needed;
a timer that is not due does nothing.

@<Declarations of the core@>=
uint64_t tcp_next_deadline(const struct tcp_conn *c);
void tcp_tick(struct tcp_conn *c, uint64_t now);
enum tcp_state tcp_state(const struct tcp_conn *c);

@ A host that has no connection for a segment answers it as RFC~9293
says a connection in CLOSED should (\S3.10.7.1): |tcp_reply_to_closed|
fills in the reset to send, if any, and returns whether there is one.
A host that serves many connections on one port keeps a listener and
hands each SYN for it to |tcp_accept|, which makes a fresh connection
that is a copy of the listener, lets it take the SYN, and leaves the
listener as it was.  |tcp_matches| tells whether a segment belongs to a
connection's pair of sockets.@^listen (passive open)@>@^CLOSED state@>@^socket interface@>@^RFC 9293 \S3.10.7.1@>

@<Declarations of the core@>=
bool tcp_reply_to_closed(const struct segment *in, struct segment *rst);
bool tcp_accept(const struct tcp_conn *listener, struct tcp_conn *c,
  const struct segment *syn, uint64_t now);
bool tcp_matches(const struct tcp_conn *c, const struct segment *s);

@ Last, the function through which every change of state goes.  It is
part of the interface only so that a test can feed it a change that is
not in the table and see it refused.@^connection refused@>

@<Declarations of the core@>=
bool tcp_enter(struct tcp_conn *c, enum transition_id id);

@* Changing state.
Every change of state in the core is a call of |tcp_enter| with the
name of a row of the table.  The function checks that the connection is
in the row's {\it from} state; if it is, it moves the connection to the
row's {\it to} state and tells the surroundings which arrow was taken.
If it is not, the program has a bug: the change is refused and counted
in |bad_transitions|, and unless the configuration says otherwise (as one
test does, to watch the check work) the program stops at once, in the
debugger's hands if there is one.  So a test that runs through a
scenario and ends with |bad_transitions| at zero has shown that every
move it made is an arrow of the machine.@^connection refused@>@^scenario@>

@<Functions of the core@>=
bool tcp_enter(struct tcp_conn *c, enum transition_id id)
{
  if ((unsigned) id >= T_NTRANSITIONS ||
      tcp_transitions[id].from != c->state) {
    if (stats(c)) stats(c)->bad_transitions++;
    assert(!c->cfg->assert_transitions && "a change of state not in the table");
    return false;
  }
  const struct transition *t = &tcp_transitions[id];
  c->state = t->to;
  if (t->to == TCP_CLOSED) @<Stop every timer of the connection@>@;
  if (t->to == TCP_FIN_WAIT_2 || t->to == TCP_TIME_WAIT) persist_stop(&c->persist);
  if (t->to == TCP_ESTABLISHED && c->cfg->keepalive_us)
    c->keepalive_deadline = c->now + c->cfg->keepalive_us;
  if (@[c->hooks->transition@]) @[c->hooks->transition@](c->hooks->ctx, c, t);
  return true;
}

@ A closed connection runs no timer; nothing else is to be cleaned up,
since a closed connection still holds its buffers for the user to look
at.  A connection in FIN\_WAIT\_2 or TIME\_WAIT has had everything it
sent acknowledged, FIN included, and sends no data again: the persist
timer, which probes a closed window for data, stops on the way in
(the chapter on flow control says why this matters).

@<Stop every timer of the connection@>=
{
  rto_stop(&c->rtx);
  persist_stop(&c->persist);
  c->time_wait_deadline = 0;
  c->fin_wait_2_deadline = 0;
  c->delack_deadline = 0;
  c->keepalive_deadline = 0;
  c->probe_deadline = 0;
}

@ Events go through one small function, so that a missing hook is
checked in one place.

@<Private declarations of the core@>=
static void emit(struct tcp_conn *c, enum tcp_event e);

@ @<Functions of the core@>=
static void emit(struct tcp_conn *c, enum tcp_event e)
{
  if (c->hooks->event) c->hooks->event(c->hooks->ctx, c, e);
}

@ A connection that ends takes a row to CLOSED, tells the user why
(unless |why| is |TCP_EV_CLOSED| itself), and then that it is closed.
The order is the order of a log: first the change of state, then what it
means to the user.@^CLOSED state@>

@<Private declarations of the core@>=
static void end_connection(struct tcp_conn *c, enum transition_id id,
  enum tcp_event why);

@ @<Functions of the core@>=
static void end_connection(struct tcp_conn *c, enum transition_id id,
  enum tcp_event why)
{
  if (!tcp_enter(c, id)) return;
  if (why != TCP_EV_CLOSED) emit(c, why);
  emit(c, TCP_EV_CLOSED);
}

@ Some connections end with a reset of our own: the user's abort, a
close that would lose unread data, a half-open connection that times
out.  The reset carries the sequence number the peer expects next from
us, SND.NXT, which is what makes the peer believe it (\S3.10.5,
\S3.10.7.4); it acknowledges nothing.@^half-open connection@>@^SND.NXT@>@^abort@>@^RFC 9293 \S3.10.5@>@^RFC 9293 \S3.10.7.4@>

@<Private declarations of the core@>=
static void reset_and_end(struct tcp_conn *c, enum transition_id id,
  enum tcp_event why);

@ @<Functions of the core@>=
static void reset_and_end(struct tcp_conn *c, enum transition_id id,
  enum tcp_event why)
{
  uint32_t seq = c->snd_nxt;
  if (!tcp_enter(c, id)) return;
  send_segment(c, TCP_RST, seq, NULL, 0);
  if (why != TCP_EV_CLOSED) emit(c, why);
  emit(c, TCP_EV_CLOSED);
}

@* Sending a segment.
Every segment the connection sends is made by one function.  The
caller chooses the flags, the sequence number and the text; the function
fills in the rest from the TCB: the addresses and ports, the
acknowledgment number RCV.NXT whenever the ACK bit is set, the window we
offer, and on a SYN the MSS option that tells the peer how large a
segment we accept (\S3.7.1).  A reset offers no window.  Every field is
set, except the forty bytes of room for options: |optlen| says how many
of them are in use, and nothing reads past it, so clearing them for every
segment would be work for nothing.@^acknowledgment number@>@^RCV.NXT@>@^ACK flag@>@^transmission control block (TCB)@>@^RFC 9293 \S3.7.1@>

@<Private declarations of the core@>=
static void send_segment(struct tcp_conn *c, uint8_t flags, uint32_t seq,
  const uint8_t *text, size_t len);

@ @<Functions of the core@>=
static void send_segment(struct tcp_conn *c, uint8_t flags, uint32_t seq,
  const uint8_t *text, size_t len)
{
  if (c->fin_sent && !before_our_fin(c, flags, seq, len)) {
    @<Refuse to send past our FIN@>@;
    return;
  }
  struct segment s;
  s.src_addr = c->local_addr;
  s.dst_addr = c->remote_addr;
  s.src_port = c->local_port;
  s.dst_port = c->remote_port;
  s.seq = seq;
  s.flags = flags;
  s.ack = flags & TCP_ACK ? c->rcv_nxt : 0;
  s.window = s.urgent = s.mss = 0;
  s.optlen = 0;
  if (!(flags & TCP_RST)) @<Offer the receive window in |s|@>@;
  if (flags & TCP_SYN) @<Put the options of a SYN in |s|@>@;
  else if (c->rcvbuf.nranges != 0 && c->sack_ok && (flags & TCP_ACK))
    put_sack_blocks(c, &s);
  s.payload = text;
  s.len = len;
  @<Count the segment and hand it to the surroundings@>@;
}

@ Once our FIN is out, its sequence number |fin_seq| is the end of our
stream: nothing we send may carry a byte at or beyond it, and only the FIN
itself may stand there.  Every segment passes through |send_segment|, so
this is the one place where that promise can be kept whatever the rest
of the core does.  The check is not idle.  An earlier version of the
persist timer kept running after the peer had acknowledged our FIN with a
closed window, and each of its probes sent the next byte of the send
ring, one beyond the FIN, from memory that no user had written: a peer
could read the host's memory a byte at a time, and it advanced SND.NXT
past a FIN that RFC~9293 makes the last number of the stream (\S3.10.4).
The chapter on flow control stops that timer now; this check makes sure
that no other path can do the same.  A segment that breaks the rule is
not sent, is counted, and, like a change of state outside the table,
stops the program when the configuration asks for assertions.

@<Private declarations of the core@>=
static bool before_our_fin(const struct tcp_conn *c, uint8_t flags,
  uint32_t seq, size_t len);

@ Text must end at or before the FIN, and a FIN must sit exactly there.
Empty segments (acknowledgments, resets, the keepalive probes of the
chapter on TIME\_WAIT) occupy no sequence number and always pass.

@<Functions of the core@>=
static bool before_our_fin(const struct tcp_conn *c, uint8_t flags,
  uint32_t seq, size_t len)
{
  uint32_t end = seq + (uint32_t) len;
  if (flags & TCP_FIN) return end == c->fin_seq;
  return len == 0 || seq_le(end, c->fin_seq);
}

@ @<Refuse to send past our FIN@>=
if (stats(c)) stats(c)->refused_past_fin++;
assert(!c->cfg->assert_transitions && "a segment past our FIN");

@ A segment with the ACK bit carries every acknowledgment owed,
including one that is being delayed, whose timer therefore stops.@^ACK flag@>

@<Forget the acknowledgment owed@>=
{
  c->ack_owed = false;
  c->delack_deadline = 0;
}

@ The window we offer is at most the free space of the receive buffer,
which never exceeds the 65,535 bytes that the 16-bit field can carry,
since \.{ltcp} does not scale windows.  It may be less: the chapter on
flow control (\secref{flow}) explains why a receiver holds the window's right edge back
until it can move by a worthwhile step.  The edge offered is
remembered, for that rule and so that a later read can tell whether it
opened the window far enough to be worth announcing.@^flow control@>

@<Offer the receive window in |s|@>=
{
  s.window = (uint16_t) window_to_offer(c->rcv_nxt, c->rcv_adv,
    receive_window(c), c->rcvbuf.cap, c->cfg->mss);
  c->rcv_adv = c->rcv_nxt + s.window;
}

@ @<Count the segment and hand it to the surroundings@>=
if ((flags & TCP_RST) && stats(c)) stats(c)->resets_sent++;
if (flags & TCP_ACK) @<Forget the acknowledgment owed@>@;
c->hooks->output(c->hooks->ctx, c, &s);

@ RCV.WND, the receive window.@^RCV.WND@>@^receive window@>

@<Private declarations of the core@>=
static uint32_t receive_window(const struct tcp_conn *c);

@ @<Functions of the core@>=
static uint32_t receive_window(const struct tcp_conn *c)
{
  uint32_t room = c->rcvbuf.cap - c->rcvbuf.len;
  return room < 65535 ? room : 65535;
}

@ The commonest segment of all is a bare acknowledgment, in the RFC's
notation
$$\langle\hbox{SEQ=SND.NXT}\rangle\langle\hbox{ACK=RCV.NXT}\rangle
\langle\hbox{CTL=ACK}\rangle.$$@^SND.NXT@>@^RCV.NXT@>

@<Private declarations of the core@>=
static void send_ack(struct tcp_conn *c);

@ @<Functions of the core@>=
static void send_ack(struct tcp_conn *c)
{
  send_segment(c, TCP_ACK, c->snd_nxt, NULL, 0);
}

@ A segment that should not have come is answered, when it is not
itself a reset, with the reset that a closed port would send: the same
rule serves CLOSED, LISTEN, SYN\_SENT and SYN\_RCVD, since in each of
them the offending segment is one that no connection of ours could have
provoked (\S3.5.2).  The reply is built from the segment's addresses,
not from the TCB, which in LISTEN does not know the peer.@^CLOSED state@>@^LISTEN state@>@^SYN\_SENT state@>@^SYN\_RCVD state@>@^transmission control block (TCB)@>@^RFC 9293 \S3.5.2@>

@<Private declarations of the core@>=
static void answer_with_reset(struct tcp_conn *c, const struct segment *in);

@ @<Functions of the core@>=
static void answer_with_reset(struct tcp_conn *c, const struct segment *in)
{
  struct segment rst;
  if (!tcp_reply_to_closed(in, &rst)) return;
  if (stats(c)) stats(c)->resets_sent++;
  c->hooks->output(c->hooks->ctx, c, &rst);
}

@ @<Functions of the core@>=
enum tcp_state tcp_state(const struct tcp_conn *c)
{
  return c->state;
}

@ A new connection is closed, with empty buffers of the configured
sizes and no timer running.  The configuration and the hooks are not
copied but pointed to: a host gives all its connections the same ones,
and a hundred-odd bytes saved in every connection are worth the rule
that the caller keeps them alive.  A connection given no hooks points to
|no_hooks|, a constant whose output hook throws the segment away and
whose other hooks are null, so that the core need not ask twice whether
there are hooks.  Hooks without an output hook break the rule above, and
|tcp_init| stops the program at once rather than let it fail at the
first segment.

@<Private declarations of the core@>=
static void discard_segment(void *ctx, struct tcp_conn *c,
  const struct segment *s)
{
  (void) ctx, (void) c, (void) s;
}
static const struct tcp_hooks no_hooks = {@[.output = discard_segment@]};

@ @<Functions of the core@>=
void tcp_init(struct tcp_conn *c, const struct tcp_config *cfg,
  const struct tcp_hooks *h, uint32_t local_addr, uint16_t local_port)
{
  assert((h == NULL || h->output != NULL) && "the output hook is required");
  clear_all_but_rings(c);
  c->state = TCP_CLOSED;
  c->cfg = cfg;
  c->hooks = h ? h : &no_hooks;
  c->local_addr = local_addr;
  c->local_port = local_port;
  c->sndbuf.cap = cfg->snd_buf < TCP_BUFFER_SIZE ? cfg->snd_buf : TCP_BUFFER_SIZE;
  c->rcvbuf.cap = cfg->rcv_wnd < 65535 ? cfg->rcv_wnd : 65535;
  rto_init(&c->rtx, cfg->rto_initial_us, cfg->rto_min_us, cfg->rto_max_us);
  c->rtx.forget_backoff = cfg->rto_forget_backoff;
  start_congestion_control(c);
}

@ Clearing the whole structure would write its two rings, some
128 kilobytes, for every new connection, and a host that opens
thousands of connections a second would spend its time there.  The
bytes of a ring are never read before they are written (the buffers
hand out only bytes they hold), so only what precedes them is cleared:
the connection's variables, and the few counters and edges at the head
of each buffer.  This relies on the rings' arrays being the last member
of their buffers, and the buffers the last members of the connection.

@<Private declarations of the core@>=
static void clear_all_but_rings(struct tcp_conn *c);
static void copy_all_but_rings(struct tcp_conn *to,
  const struct tcp_conn *from);

@ Copying a connection, as |tcp_accept| copies its listener, skips the
rings for the same reason: a listener's buffers hold nothing.@^listen (passive open)@>

@<Functions of the core@>=
static void clear_all_but_rings(struct tcp_conn *c)
{
  memset(c, 0, offsetof(struct tcp_conn, sndbuf));
  memset(&c->sndbuf, 0, offsetof(struct tcp_sndbuf, data));
  memset(&c->rcvbuf, 0, offsetof(struct tcp_rcvbuf, data));
}

static void copy_all_but_rings(struct tcp_conn *to,
  const struct tcp_conn *from)
{
  memcpy(to, from, offsetof(struct tcp_conn, sndbuf));
  memcpy(&to->sndbuf, &from->sndbuf, offsetof(struct tcp_sndbuf, data));
  memcpy(&to->rcvbuf, &from->rcvbuf, offsetof(struct tcp_rcvbuf, data));
}

@* Exercises.

\smallskip\noindent
1.~\diff1 Count the rows of |tcp_transitions| by kind.  How many arrows
does Figure~6 draw, and how many changes of state does RFC~9293 describe
that the figure leaves out?  Which state has the most ways out? \excheck{conn.1}

\smallskip\noindent
2.~\diff1 Why is CLOSED, which stands for ``no connection'', kept as a
state of |struct tcp_conn| instead of freeing the structure?  Think of
what a user may still want to read from a connection that has ended.

\smallskip\noindent
3.~\diff2 Change |tcp_config_default| so that |msl_us| is two minutes,
the value RFC~793 suggested, and predict how long a client stays in
TIME\_WAIT.  Which tests fail, and why is that a good sign? \excheck{conn.3}

\smallskip\noindent
4.~\diff3 Add a row to the table for a transition that the core does not
make, and one use of it in the wrong place.  What does the test that
checks every transition report?  What would happen without
|tcp_enter|'s check? \excheck{conn.4}@^CLOSED state@>@^TIME\_WAIT state@>@^Figure 6@>@^RFC 793@>
