@q programs.w: the subcommands listen and connect, written on lt_sock. @>

@** The programs listen and connect.
The two subcommands of this chapter make \.{ltcp} a small netcat whose
TCP is the one of this book.  \.{ltcp listen 9000} waits for a
connection on port 9000 of \.{127.0.0.1}; \.{ltcp connect 127.0.0.1
9000} opens one.  Then whatever either side reads on its standard input
goes to the other side's standard output.  When a side's input ends, it
closes its direction of the connection (it sends its FIN); it keeps
printing what the other side sends until that side closes too; and when
both directions are closed it exits.  So two commands copy a file:
$$\vbox{\halign{\.{#}\hfil\cr
ltcp listen -d 9000 > copy \&\cr
ltcp connect --msl 1 127.0.0.1 9000 < file\cr}}$$
and \.{cmp file copy} finds no difference.  The option \.{-d}
(\.{--no-input}) tells the server to read no input and send nothing,
and to close its direction once the client has closed its own.  Without
it, a server started in the background of an interactive shell would
try to read the terminal, the shell would stop it, and the client would
wait for its FIN forever.  The client, whose input ends first, closes
first, so it is the one that waits in TIME\_WAIT (\secref{timewait});
\.{--msl 1} makes that wait two seconds instead of a minute.  With \.{-l} each side writes
its text log, with \.{-w} its capture file; the last sections of the
chapter show how to watch a run with both.
\label{programs}%

The programs use only the interface of the previous chapter (\secref{eventloop}), and they
are written as one would write them with POSIX sockets and |poll|: a
loop that waits until something is ready, then does what can be done.
Nothing in them knows that the segments travel in UDP.

@ The subcommands join the table of \.{ltcp}, and their code joins the
program.

@<Subcommands@>=
@[{"listen", cmd_listen, "[OPTIONS] [ADDRESS] PORT",
  "accept a TCP connection carried over UDP, like nc -l"},@/
{"connect", cmd_connect, "[OPTIONS] HOST PORT",
  "open a TCP connection carried over UDP, like nc"},@/@]

@ @<Header files of the program@>=
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <netdb.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include "ltsock.h"
#include "log.h"

@ The exit status says how things went, so that a script can tell the
ways a connection can fail apart without reading the message.  Each
failure also prints one line that says the same in words.

@d EXIT_REFUSED 3    /* the peer refused the connection */
@d EXIT_RESET 4      /* the connection was reset */
@d EXIT_TIMEOUT 5    /* the peer stopped answering */

@ The functions of this chapter are defined in the order of the story,
which is not the order in which C wants them declared; so they are all
declared here first, with the one variable that the handler of signals
sets (see below).

@<Subcommand functions@>=
struct net_command;
struct net_option;
struct runner;
struct net_files;
struct session;
static int parse_net_command(int argc, char **argv, struct net_command *c);
static int set_net_option(struct net_command *c, const struct net_option *o,
  const char *v);
static int bad_value(const struct net_command *c, const struct net_option *o,
  const char *v, const char *range);
static bool parse_whole(const char *s, unsigned long long lo,
  unsigned long long hi, unsigned long long *v);
static bool parse_real(const char *s, double lo, double hi, double *v);
static bool resolve(const char *host, uint32_t *addr);
static void read_source(struct session *s);
static void read_connection(struct session *s, char *scratch, size_t size);
static void write_connection(struct session *s);
static bool write_all(int fd, const char *p, size_t n);
static bool make_room(struct runner *r, size_t want);
static void accept_all(struct runner *r);
static void add_session(struct runner *r, struct session *s,
  struct lt_sock *k);
static void end_session(struct runner *r, struct session *s);
static void compact_sessions(struct runner *r);
static void report_failure(struct runner *r, const struct lt_sock *k, int err);
static void linger(struct runner *r, struct lt_sock *k);
static void check_lingering(struct runner *r, bool all);
static void report_progress(struct runner *r, bool final);
static const char *human(char buf[16], uint64_t n);
static uint64_t clock_us(void);
static int net_main(int argc, char **argv, bool listening);
static void print_net_help(const struct net_command *c);
static bool open_net_files(struct net_command *c, struct net_files *f);
static bool file_error(const struct net_command *c, struct net_files *f,
  const char *what, const char *name);
static void close_net_files(struct net_files *f);
static int net_run(const struct net_command *c, struct net_files *f);
static void start_listening(struct runner *r);
static void start_connecting(struct runner *r, struct net_files *f);
static volatile sig_atomic_t stop_signal;
@<Functions of the programs on a TUN device, declared@>@;

@*1 The command line.
Both subcommands take the same options, with two exceptions that only
make sense for a server.  Each option is a row of a table, which the
parser and the help text both read, so that the help cannot forget an
option the parser knows.  A row gives the long name, the one-letter name
(or a blank), the name of the option's value (|NULL| for a flag), what
it sets, whether it is only for \.{listen}, and a line of help.

@<Subcommand functions@>=
enum net_option_id {
  OPT_KEEP, OPT_ECHO, OPT_SEND, OPT_NOINPUT, OPT_RECV, OPT_CAPTURE, OPT_LOG, OPT_QUIET,
  OPT_MSL, OPT_RTO, OPT_WINDOW, OPT_MSS, OPT_LOSS, OPT_DUP, OPT_REORDER, OPT_SEED,
  OPT_LOSS_IN, OPT_DROP,
  OPT_SPIN, OPT_MAX_CONNS, OPT_FIN_TIMEOUT, OPT_KEEPALIVE, OPT_NO_SACK,
  OPT_NO_FAST_RETRANSMIT, OPT_NO_CC, OPT_NO_TLP, OPT_TUN, OPT_HELP
};
struct net_option {
  const char *name;
  char letter;
  const char *value;
  enum net_option_id id;
  bool listen_only;
  const char *help;
};

@ @<Subcommand functions@>=
static const struct net_option net_options[] = {
  {"keep-open", 'k', NULL, OPT_KEEP, true,
    "keep listening after a connection; serve many at once"},@/
  {"echo", ' ', NULL, OPT_ECHO, true,
    "send back what each client sends, instead of stdin"},@/
  {"send", ' ', "FILE", OPT_SEND, false,
    "send FILE instead of the standard input"},@/
  {"no-input", 'd', NULL, OPT_NOINPUT, false,
    "send nothing, read no input; close after the peer closes"},@/
  {"recv", 'o', "FILE", OPT_RECV, false,
    "write what arrives to FILE instead of stdout"},@/
  {"capture", 'w', "FILE", OPT_CAPTURE, false,
    "write every segment to FILE, in pcapng"},@/
  {"log", 'l', "FILE", OPT_LOG, false,
    "write the text log (segments, state changes) to FILE"},@/
  {"quiet", 'q', NULL, OPT_QUIET, false,
    "print no progress and no notices, only errors"},@/
  {"msl", ' ', "SECONDS", OPT_MSL, false,
    "maximum segment lifetime (default 30); TIME_WAIT is 2 MSL"},@/
  {"rto", ' ', "SECONDS", OPT_RTO, false,
    "first and smallest retransmission timeout (default 1)"},@/
  {"window", ' ', "BYTES", OPT_WINDOW, false,
    "receive window, 1 to 65535 (default 65535)"},@/
  {"mss", ' ', "BYTES", OPT_MSS, false,
    "largest segment text to receive (default 1460)"},@/
  {"loss", ' ', "P", OPT_LOSS, false,
    "lose each datagram sent with probability P"},@/
  {"dup", ' ', "P", OPT_DUP, false,
    "send each datagram twice with probability P"},@/
  {"reorder", ' ', "P", OPT_REORDER, false,
    "hold each datagram back behind the next with probability P"},@/
  {"loss-in", ' ', "P", OPT_LOSS_IN, false,
    "lose each datagram received with probability P"},@/
  {"drop", ' ', "N", OPT_DROP, false,
    "lose the Nth segment sent, N from 1 to 64 (repeatable)"},@/
  {"seed", ' ', "N", OPT_SEED, false,
    "seed of the fault injector's random numbers (default 1)"},@/
  {"spin", ' ', "US", OPT_SPIN, false,
    "poll up to US microseconds before sleeping (0: never)"},@/
  {"max-conns", ' ', "N", OPT_MAX_CONNS, true,
    "refuse clients beyond N connections (256; 0: none)"},@/
  {"fin-timeout", ' ', "SEC", OPT_FIN_TIMEOUT, false,
    "end FIN_WAIT_2 after SEC of silence (60; 0: never)"},@/
  {"keepalive", ' ', "SEC", OPT_KEEPALIVE, false,
    "probe a peer silent for SEC (off); 9 unanswered end it"},@/
  {"no-sack", ' ', NULL, OPT_NO_SACK, false,
    "do not offer or use selective acknowledgments"},@/
  {"no-fast-retransmit", ' ', NULL, OPT_NO_FAST_RETRANSMIT, false,
    "repair losses only when the retransmission timer expires"},@/
  {"no-congestion-control", ' ', NULL, OPT_NO_CC, false,
    "send as much as the receiver's window allows"},@/
  {"no-tail-loss-probe", ' ', NULL, OPT_NO_TLP, false,
    "wait for the timer when the last segments are lost"},@/
  {"tun", ' ', NULL, OPT_TUN, false,
    "talk to the kernel's TCP through a TUN device (root)"},@/
  {"help", 'h', NULL, OPT_HELP, false, "print this help and exit"},@/
  {NULL, ' ', NULL, OPT_HELP, false, NULL}
};

@ The parsed command line.  |lt| holds the options of the host, among
them the configuration of TCP; the rest says where the bytes come from
and go to.

@<Subcommand functions@>=
struct net_command {
  const char *cmd;              /* \.{listen} or \.{connect} */
  bool listening;
  const char *host;             /* as typed */
  uint32_t addr;
  uint16_t port;
  bool keep, echo, quiet, no_input;
  const char *send_file, *recv_file, *capture_file, *log_file;
  struct lt_options lt;
  @<Fields of a network command on a TUN device@>@;
};

@ Parsing walks the arguments once.  An argument that starts with a dash
is an option, in one of the forms \.{-o FILE}, \.{--recv FILE} or
\.{--recv=FILE}; \.{--} ends the options.  Everything else is an
operand: \.{listen} takes an optional address and a port, \.{connect} a
host and a port.  Any mistake is a usage error: one line that names the
culprit, a hint, and exit status 2.

@<Subcommand functions@>=
static int parse_net_command(int argc, char **argv, struct net_command *c)
{
  const char *operand[2];
  int noperands = 0;
  bool options_done = false;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (options_done || a[0] != '-' || a[1] == '\0') {
      if (noperands == 2) return usage_error(c->cmd, "too many operands");
      operand[noperands++] = a;
      continue;
    }
    if (strcmp(a, "--") == 0) {
      @<Take the rest of the arguments as the command, if \.{--tun} is given@>@;
      options_done = true;
      continue;
    }
    @<Find the option |o| that |a| names, and its |value|, or fail@>@;
    int r = set_net_option(c, o, value);
    if (r) return r;
  }
  @<Check the operands and resolve the address and port@>@;
  return 0;
}

@ A long option may carry its value after an equals sign; otherwise the
value is the next argument.

@<Find the option |o| that |a| names...@>=
const struct net_option *o = NULL;
const char *value = NULL;
size_t len = strcspn(a + 2, "=");
for (const struct net_option *p = net_options; p->name && !o; p++)
  if (a[1] == '-' ? strncmp(a + 2, p->name, len) == 0 && !p->name[len]
                  : a[1] == p->letter && p->letter != ' ' && !a[2])
    o = p;
if (!o) return usage_error(c->cmd, "unknown option '%s'", a);
if (o->listen_only && !c->listening)
  return usage_error(c->cmd, "option --%s is only for 'ltcp listen'",
    o->name);
if (a[1] == '-' && a[2 + len] == '=') {
  if (!o->value)
    return usage_error(c->cmd, "option --%s takes no value", o->name);
  value = a + 3 + len;
} else if (o->value) {
  if (i + 1 >= argc)
    return usage_error(c->cmd, "option '%s' needs a value (%s)", a, o->value);
  value = argv[++i];
}

@ Three options bound what a peer can make a program keep, and the
chapter on the event loop explains each: \.{--max-conns}, the most
connections a listener holds; \.{--fin-timeout}, how long a connection
waits in FIN\_WAIT\_2 for a peer that has stopped talking; and
\.{--keepalive}, off by default as RFC~9293 requires (\S3.8.4), the
silence after which a connection probes its peer, every \.{SEC} or
75 seconds, whichever is less, until nine probes have gone unanswered.

@ Setting an option checks its value.  Numbers must be numbers and in
range; a probability is between 0 and 1; a segment size must fit in a
datagram of the carrier.  The spin of the host before it sleeps
(\.{--spin}, in microseconds) may be anything up to a second; its default,
50 on a machine with more than one processor and 0 on one, comes from
|lt_options_default|, and the chapter on the event loop (\secref{eventloop}) explains both.

@<Subcommand functions@>=
static int set_net_option(struct net_command *c, const struct net_option *o,
  const char *v)
{
  double d;
  unsigned long long u;
  switch (o->id) {
  case OPT_KEEP: c->keep = true; break;
  case OPT_ECHO: c->echo = true; break;
  case OPT_SEND: c->send_file = v; break;
  case OPT_NOINPUT: c->no_input = true; break;
  case OPT_RECV: c->recv_file = v; break;
  case OPT_CAPTURE: c->capture_file = v; break;
  case OPT_LOG: c->log_file = v; break;
  case OPT_QUIET: c->quiet = true; break;
  case OPT_NO_SACK: c->lt.tcp.sack = false; break;
  case OPT_NO_FAST_RETRANSMIT: c->lt.tcp.fast_retransmit = false; break;
  case OPT_NO_CC: c->lt.tcp.congestion_control = false; break;
  case OPT_NO_TLP: c->lt.tcp.tail_loss_probe = false; break;
  case OPT_TUN: c->tun = true; break;
  @<Cases of the numeric options@>@;
  case OPT_HELP: break;
  }
  return 0;
}

@ @<Cases of the numeric options@>=
case OPT_MSL:
  if (!parse_real(v, 0, 3600, &d)) return bad_value(c, o, v, "0 to 3600");
  c->lt.tcp.msl_us = (uint64_t) llround(d * 1e6);
  break;
case OPT_RTO:
  if (!parse_real(v, 0.001, 60, &d)) return bad_value(c, o, v, "0.001 to 60");
  c->lt.tcp.rto_initial_us = c->lt.tcp.rto_min_us = (uint64_t) llround(d * 1e6);
  break;
case OPT_WINDOW:
  if (!parse_whole(v, 1, 65535, &u)) return bad_value(c, o, v, "1 to 65535");
  c->lt.tcp.rcv_wnd = (uint32_t) u;
  break;
case OPT_MAX_CONNS:
  if (!parse_whole(v, 0, 1000000, &u)) return bad_value(c, o, v, "0 to 1000000");
  c->lt.max_conns = (size_t) u;
  break;
case OPT_FIN_TIMEOUT:
  if (!parse_real(v, 0, 86400, &d)) return bad_value(c, o, v, "0 to 86400");
  c->lt.tcp.fin_wait_2_us = (uint64_t) llround(d * 1e6);
  break;
case OPT_KEEPALIVE:
  if (!parse_real(v, 0.001, 86400, &d)) return bad_value(c, o, v, "0.001 to 86400");
  c->lt.tcp.keepalive_us = (uint64_t) llround(d * 1e6);
  c->lt.tcp.keepalive_intvl_us = c->lt.tcp.keepalive_us < 75 * TCP_SECOND
    ? c->lt.tcp.keepalive_us : 75 * TCP_SECOND;
  break;
case OPT_MSS:
  if (!parse_whole(v, 1, CARRIER_MSS_MAX, &u))
    return bad_value(c, o, v, "1 to 65447");
  c->lt.tcp.mss = (uint16_t) u;
  break;
case OPT_LOSS: case OPT_DUP: case OPT_REORDER:
  if (!parse_real(v, 0, 1, &d)) return bad_value(c, o, v, "0 to 1");
  *(o->id == OPT_LOSS ? &c->lt.faults.loss : o->id == OPT_DUP
    ? &c->lt.faults.dup : &c->lt.faults.reorder) = d;
  break;
case OPT_LOSS_IN:
  if (!parse_real(v, 0, 1, &d)) return bad_value(c, o, v, "0 to 1");
  c->lt.faults.loss_in = d;
  break;
case OPT_DROP:
  if (!parse_whole(v, 1, 64, &u)) return bad_value(c, o, v, "1 to 64");
  c->lt.faults.drop |= UINT64_C(1) << (u - 1);
  break;
case OPT_SEED:
  if (!parse_whole(v, 0, UINT64_MAX, &u))
    return bad_value(c, o, v, "a whole number");
  c->lt.faults.seed = (uint64_t) u;
  break;
case OPT_SPIN:
  if (!parse_whole(v, 0, 1000000, &u))
    return bad_value(c, o, v, "0 to 1000000");
  c->lt.spin_us = (uint32_t) u;
  break;

@ @<Subcommand functions@>=
static int bad_value(const struct net_command *c, const struct net_option *o,
  const char *v, const char *range)
{
  return usage_error(c->cmd, "bad value '%s' for --%s (expected %s)", v,
    o->name, range);
}

@ Numbers are read with |strtoull| and |strtod|, which accept more than
we want (leading blanks, signs, \.{inf}); the checks around them accept
only plain digits, and for reals a finite number.

@<Subcommand functions@>=
static bool parse_whole(const char *s, unsigned long long lo,
  unsigned long long hi, unsigned long long *v)
{
  if (!*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 20)
    return false;
  errno = 0;
  *v = strtoull(s, NULL, 10);
  return errno == 0 && *v >= lo && *v <= hi;
}

static bool parse_real(const char *s, double lo, double hi, double *v)
{
  char *end;
  if (!*s || strspn(s, "0123456789.eE+-") != strlen(s)) return false;
  errno = 0;
  *v = strtod(s, &end);
  return errno == 0 && *end == '\0' && isfinite(*v) && *v >= lo && *v <= hi;
}

@ The operands.  A port is a whole number; \.{listen} accepts 0, which
asks the kernel for any free port and prints the one it got.  A host is
a name or a dotted address, looked up with |getaddrinfo| for IPv4.  A
host that cannot be found is not a usage error but a failure of the
world, reported on one line with exit status 1, like a file that cannot
be read or a port that is in use.

@<Check the operands and resolve the address and port@>=
int want = c->listening ? 1 : 2;
if (noperands < want)
  return usage_error(c->cmd, c->listening ? "missing PORT"
    : noperands ? "missing PORT" : "missing HOST and PORT");
if (c->listening && noperands == 1) {
  operand[1] = operand[0];
  operand[0] = c->tun ? "10.7.0.2" : "127.0.0.1";
}
unsigned long long port;
if (!parse_whole(operand[1], c->listening ? 0 : 1, 65535, &port))
  return usage_error(c->cmd, "bad port '%s' (expected %s)", operand[1],
    c->listening ? "0 to 65535" : "1 to 65535");
c->port = (uint16_t) port;
c->host = operand[0];
if ((c->echo && c->send_file) || (c->no_input && (c->echo || c->send_file)))
  return usage_error(c->cmd, "--echo, --send and --no-input each say what to send");
if (!resolve(c->host, &c->addr)) {
  fprintf(stderr, "ltcp: %s: unknown host '%s'\n", c->cmd, c->host);
  return EXIT_FAILURE;
}
@<Check the address of a TUN device@>@;

@ @<Subcommand functions@>=
static bool resolve(const char *host, uint32_t *addr)
{
  struct addrinfo hints, *res;
  memset(&hints, 0, sizeof hints);
  hints.ai_family = AF_INET;
  hints.ai_socktype = SOCK_DGRAM;
  if (getaddrinfo(host, NULL, &hints, &res) != 0) return false;
  const struct sockaddr_in *sa = (const void *) res->ai_addr;
  *addr = ntohl(sa->sin_addr.s_addr);
  freeaddrinfo(res);
  return true;
}

@*1 Sessions.
A {\it session} is one connection seen from the program: where the bytes
to send come from (a file descriptor, or the connection itself for an
echo, or nowhere), where the bytes received go (a descriptor, or
nowhere), and a buffer of bytes read from the source but not yet taken by
TCP.  Three flags follow the half-closes: |in_done| when the source has
ended, |shut| when our FIN has been asked for, |peer_done| when the
peer's has arrived.  A session is over when both directions are closed,
or when the connection failed.@^half-close@>

@<Subcommand functions@>=
#define SESSION_BUFFER 65536
struct session {
  struct lt_sock *sock;
  int in;              /* the source, or $-1$ */
  bool echo;           /* the source is what arrives */
  int out;             /* where arriving bytes go, or $-1$ */
  char *buf;
  size_t len, off;     /* |buf[off..len)| waits to be sent */
  bool in_done, shut, peer_done;
  int err;             /* of the connection */
  int local_err;       /* of a descriptor of ours */
  uint64_t sent, received;
};

@ What a session waits for: on its connection, something to read
(unless the echo buffer is still full) and, while it has bytes to send,
room to send; on its source, input, while the buffer is empty.  An entry
whose descriptor is $-1$ is ignored by |poll|.

@<Subcommand functions@>=
static void session_events(const struct session *s, struct lt_pollfd p[2])
{
  bool pending = s->len > s->off;
  p[0] = (struct lt_pollfd) {@[.sock = s->sock@], @[.fd = -1@]};
  if (!s->peer_done && !(s->echo && pending)) p[0].events |= POLLIN;
  if (pending) p[0].events |= POLLOUT;
  bool want_input = s->in >= 0 && !s->in_done && !pending;
  p[1] = (struct lt_pollfd) {@[.fd = want_input ? s->in : -1@],
    @[.events = POLLIN@]};
}

@ One step of a session does, in order, what its events allow: read the
source, read the connection, send, and close our direction when the
source has ended and everything read from it has been sent.

@<Subcommand functions@>=
static void session_step(struct session *s, short conn, short input,
  char *scratch, size_t scratch_size)
{
  if (input) read_source(s);
  if (conn & (POLLIN | POLLERR | POLLHUP))
    read_connection(s, scratch, scratch_size);
  if (s->len > s->off) write_connection(s);
  if (s->in_done && s->len == s->off && !s->shut && !s->err) {
    if (lt_shutdown(s->sock) < 0) s->err = errno;
    s->shut = true;
  }
  if (!s->err) s->err = lt_error(s->sock);
}

@ @<Subcommand functions@>=
static bool session_over(const struct session *s)
{
  return s->err || s->local_err || (s->shut && s->peer_done);
}

@ Reading the source fills the empty buffer.  The end of the source is
the signal to close our direction.

@<Subcommand functions@>=
static void read_source(struct session *s)
{
  ssize_t n = read(s->in, s->buf, SESSION_BUFFER);
  if (n > 0) {
    s->len = (size_t) n;
    s->off = 0;
  } else if (n == 0) s->in_done = true;
  else if (errno != EINTR && errno != EAGAIN) {
    s->local_err = errno;
    s->in_done = true;
  }
}

@ Reading the connection.  For an echo, what arrives goes into the
buffer to be sent back; otherwise it is written to the sink.  The end of
the stream is where the peer closed its direction; an echo, or a session
with no source at all, then has nothing more to send, so its own
direction closes too.

@<Subcommand functions@>=
static void read_connection(struct session *s, char *scratch, size_t size)
{
  char *dst = s->echo ? s->buf : scratch;
  ssize_t n = lt_recv(s->sock, dst, s->echo ? SESSION_BUFFER : size);
  if (n > 0) {
    s->received += (uint64_t) n;
    if (s->echo) {
      s->len = (size_t) n;
      s->off = 0;
    } else if (s->out >= 0 && !write_all(s->out, dst, (size_t) n))
      s->local_err = errno;
  } else if (n == 0) {
    s->peer_done = true;
    if (s->echo || s->in < 0) s->in_done = true;
  } else if (errno != EAGAIN) s->err = errno;
}

@ @<Subcommand functions@>=
static void write_connection(struct session *s)
{
  ssize_t n = lt_send(s->sock, s->buf + s->off, s->len - s->off);
  if (n > 0) {
    s->off += (size_t) n;
    s->sent += (uint64_t) n;
    if (s->off == s->len) s->off = s->len = 0;
  } else if (n < 0 && errno != EAGAIN) s->err = errno;
}

@ Writing to the sink blocks until everything is written.  That is the
one place where the program may wait outside |lt_poll|: if the standard
output is a pipe to a slow reader, TCP's timers wait too.  A
program with higher ambitions would make the sink non-blocking and wait
for it in |lt_poll| (an exercise).

@<Subcommand functions@>=
static bool write_all(int fd, const char *p, size_t n)
{
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    p += w;
    n -= (size_t) w;
  }
  return true;
}

@ A new session takes its source and sink from the command line.  The
standard input and output serve one session only; a server that keeps
listening serves many, so its sessions read \.{--send}'s file afresh
each, or echo, or send nothing.

@<Subcommand functions@>=
static struct session *session_new(struct lt_sock *k, int in, bool echo,
  int out)
{
  struct session *s = calloc(1, sizeof *s);
  if (!s || !(s->buf = malloc(SESSION_BUFFER))) {
    free(s);
    return NULL;
  }
  s->sock = k;
  s->in = in;
  s->echo = echo;
  s->out = out;
  return s;
}

@*1 The loop of a program.
Both programs run the same loop over a |struct runner|: the host, the
listening socket if there is one, the sessions, and the totals for the
progress report.

@<Subcommand functions@>=
struct runner {
  const struct net_command *c;
  struct lt_host *host;
  struct lt_sock *listener;
  struct lt_sock *refusing;    /* a one-shot listener after its client */
  struct session **sessions;
  size_t nsessions, cap;
  struct lt_pollfd *fds;
  int recv_fd;                 /* the sink: stdout or \.{--recv}'s file */
  int status;                  /* the exit status so far */
  bool time_wait;              /* a connection ended in TIME\_WAIT */
  uint64_t sent, received;     /* by sessions that are over */
  uint64_t start, last_report; /* microseconds, monotonic */
  bool accepted;               /* a listener has had a connection */
  struct lt_sock **lingering;  /* ended sessions whose FIN waits for its ACK */
  size_t nlingering, lingering_cap;
  char scratch[SESSION_BUFFER];
};

@ The loop waits for the listener and for every session, at most half a
second so that the progress report stays fresh; then it accepts, steps
each session, and puts the sessions that are over to rest.  It ends
when there is neither a listener nor a session, or when a signal asks
it to stop.

@<Subcommand functions@>=
static void net_loop(struct runner *r)
{
  while (r->listener || r->nsessions > 0) {
    if (stop_signal) {
      @<Abort every session and set the status for the signal@>@;
      return;
    }
    size_t n = 0;
    if (!make_room(r, r->nsessions)) return;
    if (r->listener)
      r->fds[n++] = (struct lt_pollfd) {@[.sock = r->listener@],
        @[.fd = -1@], @[.events = POLLIN@]};
    for (size_t i = 0; i < r->nsessions; i++, n += 2)
      session_events(r->sessions[i], r->fds + n);
    if (lt_poll(r->host, r->fds, n, 500) < 0 && errno != EINTR) {
      fprintf(stderr, "ltcp: %s: poll: %s\n", r->c->cmd, strerror(errno));
      r->status = EXIT_FAILURE;
      return;
    }
    @<Step every session, and end those that are over@>@;
    check_lingering(r, false);
    if (r->listener && (r->fds[0].revents & POLLIN)) accept_all(r);
    report_progress(r, false);
  }
}

@ The events of session |i| are at |fds[base + 2 * i]| and the next entry,
where |base| skips the listener's entry.  A session that is over is
ended and its place in the array emptied; the array is closed up only
after the loop, so that the entries of |fds| match the sessions all the
way through it.

@<Step every session, and end those that are over@>=
size_t base = r->listener ? 1 : 0;
size_t count = r->nsessions;
struct session **order = r->sessions;
for (size_t i = 0; i < count; i++) {
  struct session *s = order[i];
  if (!s) continue;
  session_step(s, r->fds[base + 2 * i].revents,
    r->fds[base + 2 * i + 1].revents, r->scratch, sizeof r->scratch);
  if (session_over(s)) {
    end_session(r, s);
    order[i] = NULL;
  }
}
compact_sessions(r);

@ @<Subcommand functions@>=
static void compact_sessions(struct runner *r)
{
  size_t j = 0;
  for (size_t i = 0; i < r->nsessions; i++)
    if (r->sessions[i]) r->sessions[j++] = r->sessions[i];
  r->nsessions = j;
}

@ The arrays of sessions and of descriptors grow together, doubling.

@<Subcommand functions@>=
static bool make_room(struct runner *r, size_t want)
{
  if (want <= r->cap && r->fds) return true;
  size_t cap = r->cap ? r->cap : 8;
  while (cap < want) cap *= 2;
  struct session **s = realloc(r->sessions, cap * sizeof *s);
  if (!s) return false;
  r->sessions = s;
  struct lt_pollfd *f = realloc(r->fds, (1 + 2 * cap) * sizeof *f);
  if (!f) return false;
  r->fds = f;
  r->cap = cap;
  return true;
}

@ Accepting.  Each established connection in the listener's queue
becomes a session.  Without \.{-k} the program serves one connection,
like \.{nc -l}: the host was told to hold at most one connection on the
listener (see |net_run|), so a second client that tries to connect is
refused with a reset, as by a port that nobody listens on.  The listener
itself is closed only when the program is done: a close here, just
after the handshake, would write the listener's ``LISTEN -> CLOSED'' in
the middle of the connection's lines of the log, where it means nothing
to the reader.  It is put aside, no longer waited on, and closed after
the last connection has finished, as the last line of the log.@^log, text@>

@<Subcommand functions@>=
static void accept_all(struct runner *r)
{
  struct lt_sock *k;
  while (r->listener && (k = lt_accept(r->listener)) != NULL) {
    const struct net_command *c = r->c;
    if (!r->accepted) r->start = r->last_report = clock_us();
    r->accepted = true;
    if (!c->quiet) {
      uint32_t a;
      uint16_t p;
      lt_peer(k, &a, &p);
      fprintf(stderr, "ltcp: listen: connection from %s\n",
        dotted(a, p).text);
    }
    int in = c->echo ? -1 : c->send_file ? open(c->send_file, O_RDONLY)
      : c->keep || c->no_input ? -1 : STDIN_FILENO;
    if (in < 0 && c->send_file) {
      @<Refuse the connection: the file to send cannot be read@>@;
      continue;
    }
    add_session(r, session_new(k, in, c->echo, c->echo ? -1 : r->recv_fd), k);
    if (!c->keep) {
      r->refusing = r->listener;
      r->listener = NULL;
    }
  }
}

@ A server that keeps listening opens \.{--send}'s file afresh for each
client, and the file may have gone or become unreadable since the
program started.  A session without its source would send nothing and
close, and the client would take an empty reply for the file; an earlier
version did exactly that, and exited with status 0.  The connection is
refused instead, with a reset that the client reports as such, and the
server says why, once per client, and remembers the failure in its exit
status.  It goes on listening: the file may come back.

@<Refuse the connection: the file to send cannot be read@>=
fprintf(stderr, "ltcp: listen: cannot read '%s': %s; connection refused\n",
  c->send_file, strerror(errno));
lt_abort(k);
lt_close(k);
r->status = EXIT_FAILURE;
if (!c->keep) {
  lt_close(r->listener);
  r->listener = NULL;
}

@ @<Subcommand functions@>=
static void add_session(struct runner *r, struct session *s,
  struct lt_sock *k)
{
  if (!s || !make_room(r, r->nsessions + 1)) {
    fprintf(stderr, "ltcp: %s: out of memory\n", r->c->cmd);
    lt_abort(k);
    lt_close(k);
    free(s ? s->buf : NULL);
    free(s);
    return;
  }
  r->sessions[r->nsessions++] = s;
}

@ Ending a session closes its socket, adds its counts to the totals,
and turns a failure into a message and an exit status.  A connection
that ends in TIME\_WAIT keeps the program alive for two maximum segment
lifetimes after the last session; the program says so, since a minute of
silence would otherwise look like a hang.

@<Subcommand functions@>=
static void end_session(struct runner *r, struct session *s)
{
  r->sent += s->sent;
  r->received += s->received;
  if (s->err) report_failure(r, s->sock, s->err);
  else if (s->local_err) {
    fprintf(stderr, "ltcp: %s: %s\n", r->c->cmd, strerror(s->local_err));
    r->status = EXIT_FAILURE;
  }
  if (s->err || s->local_err) lt_abort(s->sock);
  enum tcp_state state = lt_state(s->sock);
  if (state == TCP_TIME_WAIT || state == TCP_CLOSING) r->time_wait = true;
  if (state == TCP_CLOSING || state == TCP_LAST_ACK) linger(r, s->sock);
  else lt_close(s->sock);
  if (s->in >= 0 && s->in != STDIN_FILENO) close(s->in);
  free(s->buf);
  free(s);
}

@ A session is over when both directions are closed, but the connection
is not quite done while our FIN waits for its acknowledgment, in CLOSING
or LAST\_ACK.  The peer may still reset it there, and then the last
bytes we sent may never have been received: the host reports the reset
as the socket's error (see the chapter on the event loop, \secref{eventloop}), and the
program must report it too, with the exit status of a reset, rather
than claim a clean copy.  So such a socket is not closed with its
session; it {\it lingers} in a list of the runner until its connection
has moved on, to TIME\_WAIT (our FIN was acknowledged) or to CLOSED
(acknowledged, or reset), and only then is it judged and closed.  The
list is looked at each time the loop wakes, and once more, with |all|
set, when every connection has finished.

@<Subcommand functions@>=
static void linger(struct runner *r, struct lt_sock *k)
{
  if (r->nlingering == r->lingering_cap) {
    size_t cap = r->lingering_cap ? 2 * r->lingering_cap : 4;
    struct lt_sock **l = realloc(r->lingering, cap * sizeof *l);
    if (!l) {
      lt_close(k);
      return;
    }
    r->lingering = l;
    r->lingering_cap = cap;
  }
  r->lingering[r->nlingering++] = k;
}

@ @<Subcommand functions@>=
static void check_lingering(struct runner *r, bool all)
{
  size_t j = 0;
  for (size_t i = 0; i < r->nlingering; i++) {
    struct lt_sock *k = r->lingering[i];
    enum tcp_state state = lt_state(k);
    if (all || state == TCP_CLOSED || state == TCP_TIME_WAIT) {
      if (lt_error(k)) report_failure(r, k, lt_error(k));
      lt_close(k);
    } else r->lingering[j++] = k;
  }
  r->nlingering = j;
}

@ The three ways a connection fails each have a status and a sentence.

@<Subcommand functions@>=
static void report_failure(struct runner *r, const struct lt_sock *k, int err)
{
  uint32_t a;
  uint16_t p;
  lt_peer(k, &a, &p);
  struct dotted_address d = dotted(a, p);
  const char *peer = d.text;
  int status = EXIT_FAILURE;
  switch (err) {
  case ECONNREFUSED:
    fprintf(stderr, "ltcp: %s: connection refused by %s\n", r->c->cmd, peer);
    status = EXIT_REFUSED;
    break;
  case ECONNRESET:
    fprintf(stderr, "ltcp: %s: connection reset by %s\n", r->c->cmd, peer);
    status = EXIT_RESET;
    break;
  case ETIMEDOUT:
    fprintf(stderr, "ltcp: %s: connection to %s timed out\n", r->c->cmd, peer);
    status = EXIT_TIMEOUT;
    break;
  default:
    fprintf(stderr, "ltcp: %s: connection to %s failed: %s\n", r->c->cmd,
      peer, strerror(err));
  }
  if (r->status == EXIT_SUCCESS) r->status = status;
}

@ Signals.  \.{Ctrl-C} (|SIGINT|) or |SIGTERM| should not leave the peer
with a half-open connection: the program resets its connections, as the
kernel does for a process that dies with unread data, and exits with the
status $128+{}$the signal's number, as the shell expects.  The handler
only records the signal; |lt_poll| returns with |EINTR| and the loop
sees the record.  This flag is the one piece of global state of the
programs, and it is not part of TCP.  |SIGPIPE| is ignored, so that a
closed standard output shows up as an error of |write|, not as death.@^half-open connection@>

@<Subcommand functions@>=
static void on_signal(int sig) { stop_signal = sig; }

static void install_signals(void)
{
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  sa.sa_handler = SIG_IGN;
  sigaction(SIGPIPE, &sa, NULL);
}

@ @<Abort every session and set the status for the signal@>=
for (size_t i = 0; i < r->nsessions; i++) {
  lt_abort(r->sessions[i]->sock);
  lt_close(r->sessions[i]->sock);
  free(r->sessions[i]->buf);
  free(r->sessions[i]);
}
r->nsessions = 0;
if (r->listener) lt_close(r->listener);
if (r->refusing) lt_close(r->refusing);
r->listener = r->refusing = NULL;
r->status = 128 + stop_signal;

@*1 Progress.
A transfer of more than a megabyte reports its progress on the standard
error stream twice a second, and once more at the end: bytes sent and
received, the time, and the rate.  A server's clock starts at its first
connection, not when it starts to listen: a server started well before
its client would otherwise count its idle wait as part of the transfer,
and report a rate far below the true one.  On
a terminal the report rewrites its own line; elsewhere each report is a
line.  \.{-q} turns it off.

@<Subcommand functions@>=
static void report_progress(struct runner *r, bool final)
{
  uint64_t sent = r->sent, received = r->received;
  for (size_t i = 0; i < r->nsessions; i++) {
    sent += r->sessions[i]->sent;
    received += r->sessions[i]->received;
  }
  if (r->c->quiet || sent + received <= 1000000) return;
  uint64_t now = clock_us();
  if (!final && now - r->last_report < 500000) return;
  r->last_report = now;
  double secs = (double) (now - r->start) / 1e6;
  char a[16], b[16];
  bool tty = isatty(STDERR_FILENO);
  fprintf(stderr, "%sltcp: %s: %s sent, %s received, %.*f s, %.1f Mbit/s%s",
    tty ? "\r" : "", r->c->cmd, human(a, sent), human(b, received),
    secs < 1 ? 3 : 1, secs,
    secs > 0 ? (double) (sent + received) * 8 / secs / 1e6 : 0.0,
    tty && !final ? "   " : "\n");
}

@ @<Subcommand functions@>=
static const char *human(char buf[16], uint64_t n)
{
  if (n < 1000) snprintf(buf, 16, "%u B", (unsigned) n);
  else if (n < 1000000) snprintf(buf, 16, "%.1f kB", (double) n / 1e3);
  else if (n < 1000000000) snprintf(buf, 16, "%.1f MB", (double) n / 1e6);
  else snprintf(buf, 16, "%.2f GB", (double) n / 1e9);
  return buf;
}

static uint64_t clock_us(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t) ts.tv_sec * 1000000u + (uint64_t) ts.tv_nsec / 1000u;
}

@*1 The two commands.
Both commands begin alike: help if asked, the command line, the files,
the host.  Then \.{listen} opens a listening socket and \.{connect} a
connecting one, and both run the loop; at the end they let every
connection finish, including its TIME\_WAIT, and clean up.

@<Subcommand functions@>=
static int cmd_listen(int argc, char **argv)
{
  return net_main(argc, argv, true);
}

static int cmd_connect(int argc, char **argv)
{
  return net_main(argc, argv, false);
}

@ The files named on the command line are opened before anything goes on
the network, so that a typing mistake costs nothing but a message.  The
capture and the log are buffered streams that the carrier flushes after
each packet and each line, so that \.{tail -f} and Wireshark can follow
them during a run.

@<Subcommand functions@>=
struct net_files {
  int send_fd, recv_fd;
  FILE *capture_file, *log;
  struct capture_writer capture;
};

@ @<Subcommand functions@>=
static bool open_net_files(struct net_command *c, struct net_files *f)
{
  memset(f, 0, sizeof *f);
  f->send_fd = -1;
  f->recv_fd = STDOUT_FILENO;
  if (c->send_file && (f->send_fd = open(c->send_file, O_RDONLY)) < 0)
    return file_error(c, f, "cannot read", c->send_file);
  if (c->recv_file && (f->recv_fd = open(c->recv_file,
      O_WRONLY | O_CREAT | O_TRUNC, 0666)) < 0)
    return file_error(c, f, "cannot write", c->recv_file);
  if (c->capture_file) {
    f->capture_file = fopen(c->capture_file, "wb");
    if (!f->capture_file
        || capture_open(&f->capture, f->capture_file, CAPTURE_PCAPNG) != 0)
      return file_error(c, f, "cannot write", c->capture_file);
    c->lt.capture = &f->capture;
  }
  if (c->log_file && !(f->log = c->lt.log = fopen(c->log_file, "w")))
    return file_error(c, f, "cannot write", c->log_file);
  return true;
}

@ @<Subcommand functions@>=
static bool file_error(const struct net_command *c, struct net_files *f,
  const char *what, const char *name)
{
  fprintf(stderr, "ltcp: %s: %s '%s': %s\n", c->cmd, what, name,
    strerror(errno));
  close_net_files(f);
  return false;
}

static void close_net_files(struct net_files *f)
{
  if (f->send_fd >= 0) close(f->send_fd);
  if (f->recv_fd > STDOUT_FILENO) close(f->recv_fd);
  if (f->capture_file) fclose(f->capture_file);
  if (f->log) fclose(f->log);
  f->send_fd = -1;
  f->recv_fd = STDOUT_FILENO;
  f->capture_file = f->log = NULL;
}

@ With the files, |net_main| can be written: help if asked, the command
line, the files, the run.

@<Subcommand functions@>=
static int net_main(int argc, char **argv, bool listening)
{
  struct net_command c;
  memset(&c, 0, sizeof c);
  c.cmd = listening ? "listen" : "connect";
  c.listening = listening;
  if (lt_options_default(&c.lt) < 0) {
    fprintf(stderr, "ltcp: %s: no random numbers for the secret of the "@t}\1\1{@>@/
      "initial sequence numbers: %s\n", c.cmd, strerror(errno)@t}\2\2{@>);
    return EXIT_FAILURE;
  }
  if (wants_help(argc, argv)) {
    print_net_help(&c);
    return EXIT_SUCCESS;
  }
  int r = parse_net_command(argc, argv, &c);
  if (r) return r;
  struct net_files f;
  if (!open_net_files(&c, &f)) return EXIT_FAILURE;
  @<Open the TUN device and start the command, or |return|@>@;
  int status = net_run(&c, &f);
  @<End the command and close the TUN device@>@;
  close_net_files(&f);
  return status;
}

@ The run proper.  A server that keeps listening names the peer in each
state line of its log, since many connections share it; one that serves
a single client holds one connection at most.

@<Subcommand functions@>=
static int net_run(const struct net_command *c, struct net_files *f)
{
  struct lt_options o = c->lt;
  o.name_peers = c->keep;
  if (c->listening && !c->keep) o.max_conns = 1;
  struct runner *r = calloc(1, sizeof *r);
  struct lt_host *h = r ? lt_host_new(&o) : NULL;
  if (!h) {
    fprintf(stderr, "ltcp: %s: out of memory\n", c->cmd);
    free(r);
    return EXIT_FAILURE;
  }
  r->c = c;
  r->host = h;
  r->recv_fd = f->recv_fd;
  r->start = r->last_report = clock_us();
  install_signals();
  if (c->listening) start_listening(r);
  else start_connecting(r, f);
  net_loop(r);
  report_progress(r, true);
  @<Let every connection finish, and say so if TIME\_WAIT makes us wait@>@;
  int status = r->status;
  lt_host_free(h);
  free(r->sessions);
  free(r->fds);
  free(r->lingering);
  free(r);
  return status;
}

@ The listening side opens its socket and says where it listens: the
port, if it was 0, is known only now.  A port that is in use is the
typical failure here.

@<Subcommand functions@>=
static void start_listening(struct runner *r)
{
  const struct net_command *c = r->c;
  r->listener = lt_listen(r->host, c->addr, c->port, "server");
  if (!r->listener) {
    if (errno == EADDRINUSE)
      fprintf(stderr, "ltcp: listen: port %u of %s is in use\n", c->port,
        c->host);
    else fprintf(stderr, "ltcp: listen: cannot listen on %s port %u: %s\n",
      c->host, c->port, strerror(errno));
    r->status = EXIT_FAILURE;
    return;
  }
  if (!c->quiet || c->port == 0) {
    fprintf(stderr, "ltcp: listening on %s port %u\n", c->host,
      lt_local_port(r->listener));
    fflush(stderr);
  }
}

@ The connecting side starts its connection and makes its one session,
with the standard input or \.{--send}'s file as its source.

@<Subcommand functions@>=
static void start_connecting(struct runner *r, struct net_files *f)
{
  const struct net_command *c = r->c;
  struct lt_sock *k = lt_connect(r->host, c->addr, c->port, "client");
  if (!k) {
    fprintf(stderr, "ltcp: connect: cannot reach %s port %u: %s\n",
      c->host, c->port, strerror(errno));
    r->status = EXIT_FAILURE;
    return;
  }
  int in = f->send_fd >= 0 ? dup(f->send_fd) : c->no_input ? -1 : STDIN_FILENO;
  add_session(r, session_new(k, in, false, r->recv_fd), k);
}

@ A signal during the wait ends it: the connections still in TIME\_WAIT
are then simply forgotten, as when the process is killed, and the exit
status stays that of the connection, which did close properly.

@<Let every connection finish, and say so if TIME\_WAIT makes us wait@>=
if (r->time_wait && !c->quiet && !stop_signal && c->lt.tcp.msl_us >= 1000000)
  fprintf(stderr, "ltcp: %s: waiting in TIME_WAIT for 2 MSL (%.0f s) "@t}\1\1{@>@/
    "before exiting; --msl shortens the wait\n", c->cmd,
    2 * (double) c->lt.tcp.msl_us / 1e6@t}\2\2{@>);
while (!stop_signal && lt_finish(h, -1) < 0 && errno == EINTR) continue;
check_lingering(r, true);
if (r->refusing) lt_close(r->refusing);

@*1 Help.
\.{ltcp listen --help} and \.{ltcp connect --help} print a manual page:
what the command does, its options (from the table, so that none is
forgotten), its exit statuses, and examples.  First the words.

@<Subcommand functions@>=
static const char listen_description[] =@/
"    Waits on ADDRESS (default 127.0.0.1) and PORT for a connection of\n"@/
"    'ltcp connect'; PORT 0 takes any free port and prints it.  Each TCP\n"@/
"    segment travels in one UDP datagram, so the TCP port is the UDP port.\n"@/
"    By default it serves one connection, then exits, like 'nc -l':\n"@/
"    the standard input goes to the client, what the client sends goes\n"@/
"    to the standard output.  With -k it keeps listening and serves many\n"@/
"    clients at once; each gets --send's file, or its own data back with\n"@/
"    --echo, or nothing; what they send goes to the output, interleaved.\n";

static const char connect_description[] =@/
"    Connects to an 'ltcp listen' on HOST and PORT.  Each TCP segment\n"@/
"    travels in one UDP datagram from a UDP port the kernel chooses,\n"@/
"    which is also the client's TCP port.  The standard input goes to\n"@/
"    the server, what the server sends goes to the standard output.\n";

static const char common_description[] =@/
"\n    At the end of its input, a side closes its direction (it sends its\n"@/
"    FIN) and goes on printing until the other side has closed too; it\n"@/
"    exits when both directions are closed, after TIME_WAIT if it closed\n"@/
"    first.  So 'ltcp listen -d 9000 > copy' and 'ltcp connect\n"@/
"    127.0.0.1 9000 < file' copy a file.  Transfers over 1 MB report progress on\n"@/
"    the standard error.  The log (-l) has tcpdump's line for each\n"@/
"    segment and a line starting '# ' for each state change; the capture\n"@/
"    (-w) is for tcpdump, tshark and Wireshark, with each state change\n"@/
"    as the comment of the packet that caused it.\n\n"@/
"    Before it sleeps waiting for a datagram, the program polls for up\n"@/
"    to --spin microseconds (default 50 if more than one CPU is online,\n"@/
"    else 0): waking a sleeping process costs more than a round trip on\n"@/
"    the loopback.  --spin 0 saves the CPU time and adds the latency.\n\n";

static const char exit_description[] =@/
"EXIT STATUS\n"@/
"    0  both directions closed normally\n"@/
"    1  a file, address or port could not be used, or an I/O error\n"@/
"    2  the command line could not be understood\n"@/
"    3  the connection was refused (reset in answer to our SYN, or\n"@/
"       no socket at the peer's UDP port)\n"@/
"    4  the connection was reset (even after both sides had closed,\n"@/
"       if our FIN was not yet acknowledged)\n"@/
"    5  the peer stopped answering (retransmissions gave up)\n"@/
"    128+N  stopped by signal N; the connections were reset\n\n"@/
"EXAMPLES\n"@/
"    ltcp listen -d 9000 > copy & ltcp connect 127.0.0.1 9000 < file\n"@/
"    ltcp listen -k --echo 9000\n"@/
"    ltcp connect --msl 0.1 -l c.log -w c.pcapng --loss 0.1 localhost 9000\n"@/
"    tcpdump -n -S -tt -r c.pcapng; tshark -r c.pcapng\n";

@ @<Subcommand functions@>=
static void print_net_help(const struct net_command *c)
{
  printf("NAME\n    ltcp %s - %s\n\nSYNOPSIS\n    ltcp %s %s\n\n", c->cmd,
    c->listening ? "accept a TCP connection carried over UDP, like nc -l"
    : "open a TCP connection carried over UDP, like nc", c->cmd,
    c->listening ? "[OPTIONS] [ADDRESS] PORT" : "[OPTIONS] HOST PORT");
  printf("DESCRIPTION\n%s\n", c->listening ? listen_description
    : connect_description);
  printf("%s", common_description);
  @<Print the help of the TUN carrier@>@;
  printf("OPTIONS\n");
  for (const struct net_option *o = net_options; o->name; o++) {
    if (o->listen_only && !c->listening) continue;
    char left[40];
    snprintf(left, sizeof left, "%c%c%s--%s%s%s", o->letter != ' ' ? '-' : ' ',
      o->letter, o->letter != ' ' ? ", " : "  ", o->name,
      o->value ? " " : "", o->value ? o->value : "");
    printf("    %-24s %s\n", left, o->help);
  }
  printf("\n%s", exit_description);
}

@*1 Watching a run.
Every run can be watched in two ways, both from outside the programs.
The text log (\.{-l FILE}) has one line per segment, exactly as
\.{tcpdump -n -S -tt} would print it, and, starting with \.{\#} and
the time in the same form, a line for each change of state, where its
moment puts it: under the segment that caused it, or above the segment
sent by a change that the program or a timer caused.  Try
$$\vbox{\halign{\.{#}\hfil\cr
ltcp listen -d -l s.log 9000 > copy \&\cr
ltcp connect --msl 0.1 -l c.log -w c.pcapng 127.0.0.1 9000 < file\cr
cat c.log\cr}}$$
The client's log reads like the first figure of the book, seen from one
side.  Above its SYN (\.{Flags [S]}), under the server's SYN,ACK
(\.{Flags [S.]}), above its FIN (\.{Flags [F.]}), under the server's
FIN, and on its own two MSL after the last ACK, stand these state lines,
each after its time (left out here):
$$\vbox{\halign{\.{#}\hfil\cr
\# client CLOSED -> SYN\_SENT (appl: active open; send: SYN)\cr
\# client SYN\_SENT -> ESTABLISHED (recv: SYN,ACK; send: ACK)\cr
\# client ESTABLISHED -> FIN\_WAIT\_1 (appl: close; send: FIN)\cr
\# client FIN\_WAIT\_2 -> TIME\_WAIT (recv: FIN; send: ACK)\cr
\# client TIME\_WAIT -> CLOSED (2MSL timeout)\cr}}$$
(with FIN\_WAIT\_1${}\to{}$FIN\_WAIT\_2 between the last two, under the
server's segment that acknowledged our FIN, if the server's FIN came
separately).  A log can
be followed while the run goes on, with \.{tail -f c.log}.

@ The capture (\.{-w FILE}) holds the same segments as IPv4 packets, with
the addresses and ports of the two UDP sockets, so that tcpdump and
Wireshark read it as the TCP it is.  The log is the proof: these two
commands print the same lines, which one of the tests checks.
$$\vbox{\halign{\.{#}\hfil\cr
grep -v '\^\# ' c.log\cr
tcpdump -n -S -tt -r c.pcapng\cr}}$$
Wireshark shows each state change as the comment of the packet that
caused it (in the packet details, and in the expert information);
\.{tshark} prints the comments, and judges the whole connection, with
$$\vbox{\halign{\.{#}\hfil\cr
tshark -r c.pcapng -T fields -e frame.number -e frame.comment\cr
tshark -r c.pcapng -2 -T fields -e tcp.completeness\cr}}$$
The second prints 31 for a connection in which it saw the SYN, the
SYN,ACK, the ACK, data and a FIN.  Since the carrier flushes the capture
after each packet, a run can even be watched live, by giving Wireshark
the growing file as a pipe:
$$\hbox{\.{tail -c +1 -f c.pcapng \char'174{} wireshark -k -i -}}$$

With \.{--loss 0.1}, the sender's log shows a segment followed by
\.{\# carrier: lost}, and a second copy of it later: the retransmission.
Wireshark marks that second copy as a retransmission; the receiver's
capture never shows the first.@^packet comment@>

@*1 Exercises.

\smallskip\noindent
1.~\diff1 Copy a file of a few megabytes with \.{ltcp listen} and \.{ltcp
connect}, first as it is, then with \.{--loss 0.05} on both sides.
Predict how much longer the lossy copy takes, given the retransmission
timeout of the core; then measure it, and explain the difference.

\smallskip\noindent
2.~\diff1 Run \.{ltcp listen 9000} and, while a client is connected, try a
second \.{ltcp connect 127.0.0.1 9000}.  What does the second client
print, and with which exit status?  Find the segment that refused it in
the server's log.  Now run the server with \.{-k} and repeat. \excheck{programs.2}

\smallskip\noindent
3.~\diff2 Close the server first: give the server an empty input
(\.{< /dev/null}) and the client one that ends a second later,
$$\hbox{\.{(sleep 1; echo late) \char'174{} ltcp connect 127.0.0.1 9000}}$$
Which side
goes through TIME\_WAIT now, and which program waits before it exits?  Check your answer against Figure~6 and
the logs. \excheck{programs.3}

\smallskip\noindent
4.~\diff2 Start both programs with \.{--msl 1}, and start a second client
from the same UDP port while the first is still in TIME\_WAIT.  (The
kernel chooses the port; add an option \.{-p PORT} to \.{connect} that
binds the client's port, using |carrier_open| before |connect|.)  What
does the server's TCP do with the new SYN, and why? \excheck{programs.4}

\smallskip\noindent
5.~\diff3 Make the sink non-blocking: keep a buffer of bytes received but
not yet written, wait for |POLLOUT| on the descriptor in the same
|lt_poll| call, and stop reading the connection while that buffer is
full.  Show with a slow reader (\.{\char'174{} (sleep 5; cat)}) that the window
the receiver advertises closes, and that the sender then probes it.

\smallskip\noindent
6.~\diff4 Replace the linear search of |find_conn| and the scan of
|run_timers| with a hash table keyed by the peer's address and port and
a heap of deadlines, and measure with \.{make bench} how many
connections per second a server serves before and after.
