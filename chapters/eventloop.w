@q eventloop.w: the event loop on poll() and the socket-like interface. @>

@** An event loop and a socket interface.
The TCP core of this book does nothing by itself.  It is a set of
functions that take a segment, a call of the application, or the
current time, and give back segments to send, state changes and events.
Something must own the clock, watch the UDP sockets of the carrier, call
the core when a segment arrives or a timer is due, and offer the
application an interface it knows how to use.  In the kernel that
something is the kernel; in \.{ltcp} it is the small module of this
chapter, which we call the {\it host}, since it plays the part of the
operating system of a host on which the TCP runs.
\label{eventloop}%

The interface is modelled on the sockets of POSIX, because a reader who
has written a network program has written it with sockets, and should be
able to read the programs of the next chapter (\secref{programs}) without learning a new
vocabulary.  The correspondence is close:
$$\vbox{\halign{\.{#}\hfil\quad&\.{#}\hfil\quad&#\hfil\cr
\rm POSIX&\rm here&\cr
\noalign{\smallskip}
socket, bind, listen&lt\_listen&a listening endpoint on an address and port\cr
accept&lt\_accept&the next established connection, or none\cr
socket, connect&lt\_connect&start an active open\cr
send&lt\_send&hand bytes to TCP\cr
recv&lt\_recv&take bytes from TCP; 0 at the end of the stream\cr
shutdown(SHUT\_WR)&lt\_shutdown&send our FIN, keep reading\cr
close&lt\_close&give the socket back; TCP finishes alone\cr
poll&lt\_poll&wait until a socket or a descriptor is ready\cr}}$$
Every call returns at once.  A call that cannot do its work yet fails
with |errno| set to |EAGAIN|, as a non-blocking socket does; the program
then waits in |lt_poll| until the socket is ready, together with any
other sockets and ordinary file descriptors (such as the standard input)
it cares about.  While a program waits in |lt_poll|, and only then, the
host does its work: it receives datagrams and hands them to the core, and
it fires the timers that are due.  There are no threads and no signals;
everything happens in one loop around one call of |poll|.@^poll@>

@ The interface is a header of its own; the host's structures are
private to its module, so that a program can use nothing but the
functions below.

@(ltsock.h@>=
#ifndef LTCP_LTSOCK_H
#define LTCP_LTSOCK_H
#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include "tcp.h"
#include "carrier.h"
@<The options of a host@>@;
@<The descriptor set of |lt_poll|@>@;
@<Declarations of the socket interface@>@;
#endif

@ @(ltsock.c@>=
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sched.h>
#include <fcntl.h>
#include <sys/random.h>
#include "ltsock.h"
@<Constants of the host@>@;
@<The structures of the host@>@;
@<Prototypes of the host's private functions@>@;
@<Private declarations of the host@>@;
@<Functions of the host@>@;

@ A host is made with options that apply to every connection it will
hold: the configuration of the TCP core (maximum segment lifetime,
segment size, window), the faults of the carrier, and where to record
what happens.  |name_peers| makes each state line of the log name the
peer of the connection, which a server with many clients needs.
|spin_us| is how long the host may keep the processor busy looking for
a datagram before it lets the kernel put it to sleep; the section on
waiting explains why a host would do such a thing.@^maximum segment lifetime (MSL)@>

@<The options of a host@>=
struct lt_options {
  struct tcp_config tcp;
  struct carrier_faults faults;
  struct capture_writer *capture;   /* or |NULL| */
  FILE *log;                        /* or |NULL| */
  bool name_peers;
  uint32_t spin_us;                 /* busy polling before a wait; 0: none */
  size_t max_conns;                 /* connections per listener; 0: no limit */
  @<Options of a host on a TUN device@>@;
};

@ @<Declarations of the socket interface@>=
struct lt_host;
struct lt_sock;
int lt_options_default(struct lt_options *o);
struct lt_host *lt_host_new(const struct lt_options *o);
void lt_host_free(struct lt_host *h);

@ The defaults of a host are the core's, with four changes for a program
that faces a network rather than a simulated link.  First, the key of
RFC~6528's hash (the chapter on the handshake) is a secret drawn from the
kernel's random numbers with |getrandom|, every time a host's options
are made: with the key published in the core's defaults, anyone could
compute our initial sequence numbers from the clock and forge segments
of a connection he cannot see, which is the attack the key exists to
stop.  The simulated link keeps a key drawn from its seed, so that every
figure of this book can be made again to the byte.  Should the kernel
refuse (a system without |getrandom|), the key is read from
\.{/dev/urandom}; failing both, the program is told so by the return
value and refuses to run.

The other three limit what a peer can make the host keep.  A connection
in FIN\_WAIT\_2 whose peer has vanished waits 60 seconds, Linux's
\.{tcp\_fin\_timeout}, instead of for ever; a listener holds at most
|LT_MAX_CONNS| connections; and keepalives, off as RFC~9293 wants them
by default, may be turned on.  The section on the limits of a host, at
the end of this chapter, explains each.

@<Functions of the host@>=
int lt_options_default(struct lt_options *o)
{
  memset(o, 0, sizeof *o);
  tcp_config_default(&o->tcp);
  o->faults.seed = 1;
  o->spin_us = processors_online() > 1 ? LT_SPIN_US : 0;
  o->tcp.fin_wait_2_us = 60 * TCP_SECOND;
  o->max_conns = LT_MAX_CONNS;
  return secret_key(o->tcp.isn_key);
}

@ @<Private declarations of the host@>=
static int secret_key(uint64_t key[2])
{
  uint8_t b[16];
  size_t got = 0;
  while (got < sizeof b) {
    ssize_t n = getrandom(b + got, sizeof b - got, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += (size_t) n;
  }
  if (got < sizeof b) {
    int fd = open("/dev/urandom", O_RDONLY);
    got = fd >= 0 && read(fd, b, sizeof b) == (ssize_t) sizeof b ? sizeof b : 0;
    if (fd >= 0) close(fd);
  }
  if (got < sizeof b) return -1;
  memcpy(key, b, sizeof b);
  return 0;
}

@*1 The host and its sockets.
The host keeps one |struct lt_endpoint| for each UDP socket of the
carrier, as the previous chapter (\secref{carrier}) decided: a listening endpoint, with the
connections accepted on it, or a connecting endpoint with its single
connection.  The endpoints form a list, and each endpoint keeps its
connections in a list too.  A list is the simplest structure that
works; a server with thousands of connections would want a hash table
keyed by the peer's address and port (an exercise).

@<The structures of the host@>=
struct lt_endpoint {
  struct carrier_port port;
  struct lt_sock *listener;    /* the listening socket, or |NULL| */
  struct lt_sock *conns;       /* its connections, linked by |next| */
  size_t nconns;               /* how many */
  struct lt_endpoint *next;
};

@ A socket holds a TCP connection, the |struct tcp_conn| of the core,
together with what the host must know about it: the endpoint it lives
on, its peer, and the flags from which |lt_poll| computes whether the
socket is ready.  A listening socket also has a queue of connections
that are established but not yet accepted, and a count of the
connections it has started that the application has not yet taken.

The core's hooks receive a pointer to the |struct tcp_conn|; since that
structure is a member of the socket, the socket is found from it by
subtracting the member's offset, and the core needs no pointer back to
us.

@<The structures of the host@>=
struct lt_sock {
  struct lt_host *host;
  struct lt_endpoint *ep;
  struct lt_sock *next;        /* the next connection of the endpoint */
  struct lt_sock *parent;      /* the listener, until accepted */
  struct lt_sock *queue;       /* listener: the first connection to accept */
  struct lt_sock *queue_next;
  size_t pending;              /* listener: connections not yet accepted */
  uint32_t peer_addr;
  uint16_t peer_port;
  char name[64];               /* ``client'' or ``server'', for the log */
  bool listening;
  bool readable, writable, eof, shut;
  bool fin_pending;            /* shut before the handshake ended */
  bool released;               /* the application has closed it */
  int err;                     /* |ECONNREFUSED|, |ECONNRESET|, |ETIMEDOUT| */
  struct tcp_conn tcb;         /* last: see |sock_new| */
};

@ The state of a socket's connection is the core's to tell.

@<Private declarations of the host@>=
static enum tcp_state state_of(const struct lt_sock *k)
{
  return tcp_state(&k->tcb);
}

@ @<Private declarations of the host@>=
static struct lt_sock *sock_of(struct tcp_conn *c)
{
  return (struct lt_sock *) (void *) ((char *) c - offsetof(struct lt_sock, tcb));
}

@ The host itself: the options, the hooks it gives the core, the
carrier, the endpoints, the time, and two things of the moment: the
notes made during the current call of the core, and the arrays that
|poll| is given.

@<The structures of the host@>=
struct lt_host {
  struct lt_options opt;
  struct tcp_hooks hooks;
  struct carrier wire;
  struct lt_endpoint *endpoints;
  uint64_t now;              /* microseconds on the monotonic clock */
  char notes[2048];          /* state lines of the current call */
  size_t notes_len;
  struct pollfd *pfd;
  struct lt_endpoint **pep;
  size_t pcap;
  bool put_off;              /* the last turn did not flush */
  uint64_t refused, cookies_sent, cookies_taken;  /* see |syn_for_listener| */
};

@ The clock.  The core never reads a clock; the host reads
|CLOCK_MONOTONIC|, which counts from an arbitrary moment and is never
set back, in microseconds, and passes the value to every call of the
core.

@<Private declarations of the host@>=
static uint64_t monotonic(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t) ts.tv_sec * 1000000u + (uint64_t) ts.tv_nsec / 1000u;
}

@ A new host has no endpoints.  Its hooks point at the three functions
that the core calls, with the host as their context.

@<Functions of the host@>=
struct lt_host *lt_host_new(const struct lt_options *o)
{
  struct lt_host *h = calloc(1, sizeof *h);
  if (!h) return NULL;
  h->opt = *o;
  h->hooks = (struct tcp_hooks) {@[.ctx = h@], @[.output = on_output@],
    @[.transition = on_transition@], @[.event = on_event@]};
  if (carrier_init(&h->wire, &o->faults, o->capture, o->log) < 0) {
    free(h);
    return NULL;
  }
  h->now = monotonic();
  return h;
}

@ Freeing a host closes every socket without ceremony.  A program that
wants its connections to end properly calls |lt_finish| first.

@<Functions of the host@>=
void lt_host_free(struct lt_host *h)
{
  if (!h) return;
  while (h->endpoints) {
    struct lt_endpoint *ep = h->endpoints;
    h->endpoints = ep->next;
    while (ep->conns) {
      struct lt_sock *k = ep->conns;
      ep->conns = k->next;
      free(k);
    }
    free(ep->listener);
    carrier_close(&h->wire, &ep->port);
    free(ep);
  }
  carrier_free(&h->wire);
  free(h->pfd);
  free(h->pep);
  free(h);
}

@ A socket is born attached to its endpoint, with a name for the log, and
its other fields zero.  The connection itself is left alone, since
|tcp_init| or |tcp_accept| will fill it in: a connection holds its
buffers, and clearing a hundred kilobytes twice for every connection
would be the largest single cost of opening one.  That is why the
connection is the last member of the socket.

@<Private declarations of the host@>=
static struct lt_sock *sock_new(struct lt_host *h, struct lt_endpoint *ep,
  const char *name)
{
  struct lt_sock *k = malloc(sizeof *k);
  if (!k) return NULL;
  memset(k, 0, offsetof(struct lt_sock, tcb));
  k->host = h;
  k->ep = ep;
  snprintf(k->name, sizeof k->name, "%.39s", name ? name : "tcp");
  return k;
}

@ An endpoint is a port of the carrier in the host's list.  |peer_port|
is zero for a listening endpoint, which is bound to |addr| and |port|;
otherwise the port is connected to |addr| and |peer_port|.

@<Private declarations of the host@>=
static struct lt_endpoint *endpoint_open(struct lt_host *h, uint32_t addr,
  uint16_t port, uint16_t peer_port)
{
  struct lt_endpoint *ep = calloc(1, sizeof *ep);
  if (!ep) return NULL;
  int r;
  if (h->opt.tun) @<Open the port of |ep| on the TUN device into |r|@>@;
  else r = peer_port ? carrier_open_to(&ep->port, addr, peer_port)
                     : carrier_open(&ep->port, addr, port);
  if (r < 0) {
    int e = errno;
    free(ep);
    errno = e;
    return NULL;
  }
  ep->next = h->endpoints;
  h->endpoints = ep;
  return ep;
}

@*1 Calling the core.
Every call of the core is bracketed by |begin| and |end|.  |begin|
forgets the notes of the previous call and asks the carrier to defer its
records; |end| releases them, with the segment that caused the call, if
a segment did, and the notes as its comment.  The chapter on the carrier (\secref{carrier})
explained why the order of the log needs this.

@<Private declarations of the host@>=
static void begin(struct lt_host *h)
{
  h->notes_len = 0;
  h->notes[0] = '\0';
  carrier_defer(&h->wire);
}

static void end(struct lt_host *h, const struct segment *in, uint64_t usec)
{
  carrier_release(&h->wire, in, usec, h->notes);
}

@ A note is a line of text added to the notes of the current call.

@<Private declarations of the host@>=
static void note(struct lt_host *h, const char *fmt, ...)
{
  if (!carrier_recording(&h->wire)) return;
  size_t cap = sizeof h->notes - h->notes_len;
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(h->notes + h->notes_len, cap, fmt, ap);
  va_end(ap);
  if (n < 0 || (size_t) n + 1 >= cap) return;
  h->notes_len += (size_t) n;
  h->notes[h->notes_len++] = '\n';
  h->notes[h->notes_len] = '\0';
}

@ The first hook: the core wants a segment sent.  It goes out through the
port of the connection's endpoint; the segment's own destination says
where to.

@<Private declarations of the host@>=
static void on_output(void *ctx, struct tcp_conn *c, const struct segment *s)
{
  struct lt_host *h = ctx;
  carrier_send(&h->wire, &sock_of(c)->ep->port, s, h->now);
}

@ The second hook: a state changed.  The note has the form of the state
lines of the simulated link, \.{1764547200.020000 client SYN\_SENT ->
ESTABLISHED (recv: SYN,ACK; send: ACK)}: the moment of the change, read
from the same wall clock as the segments' times, then the cause and the
answer of the row of the transition table that the core followed.@^transition table@>

@<Private declarations of the host@>=
static void on_transition(void *ctx, struct tcp_conn *c,
  const struct transition *t)
{
  struct lt_host *h = ctx;
  struct lt_sock *k = sock_of(c);
  uint64_t at = carrier_recording(&h->wire) ? carrier_wallclock() : 0;
  note(h, "%llu.%06llu %s %s -> %s (%s%s%s)",
    (unsigned long long) (at / 1000000), (unsigned long long) (at % 1000000),
    k->name, tcp_state_name(t->from),
    tcp_state_name(t->to), t->cause, t->send ? "; send: " : "",
    t->send ? t->send : "");
  @<Record a reset that came before our FIN was acknowledged@>@;
}

@ One transition is also news for the application.  In CLOSING and
LAST\_ACK our FIN has not been acknowledged, and neither, perhaps, has
some of the data before it.  A reset there ends the connection; the core
reports only that it is closed, since RFC~9293 has the user told
nothing more in these states (\S3.10.7.4), the user having closed
already.  But the user of a socket has only {\it shut down} its
direction and is still waiting to hear how the connection ended, and a
program that copies a file must not report success when the last of
its bytes may never have been received.  So the host records the reset
as the socket's error, as the kernel does for a socket it still holds.
In TIME\_WAIT all we sent has been acknowledged, and a reset there
costs nothing.

@<Record a reset that came before our FIN was acknowledged@>=
if ((t == &tcp_transitions[T_CLOSING_CLOSED_RESET]
     || t == &tcp_transitions[T_LAST_ACK_CLOSED_RESET]) && !k->err)
  k->err = ECONNRESET;

@ The third hook: an event for the application.  The host turns events
into the flags from which readiness is computed.  A connection that
becomes established while it still belongs to a listener joins the
listener's queue, from which |lt_accept| will take it.  The first error
is the one that counts.

@<Private declarations of the host@>=
static void on_event(void *ctx, struct tcp_conn *c, enum tcp_event e)
{
  (void) ctx;
  struct lt_sock *k = sock_of(c);
  switch (e) {
  @<Cases of the events of the core@>@;
  }
}

@ @<Cases of the events of the core@>=
case TCP_EV_CONNECTED:
  k->writable = true;
  if (k->parent) enqueue(k->parent, k);
  break;
case TCP_EV_READABLE: k->readable = true; break;
case TCP_EV_WRITABLE: k->writable = true; break;
case TCP_EV_EOF: k->eof = true; break;
case TCP_EV_RESET: if (!k->err) k->err = ECONNRESET; break;
case TCP_EV_REFUSED: if (!k->err) k->err = ECONNREFUSED; break;
case TCP_EV_TIMEOUT: if (!k->err) k->err = ETIMEDOUT; break;
case TCP_EV_CLOSED: default: break;

@ The accept queue is first in, first out.

@<Private declarations of the host@>=
static void enqueue(struct lt_sock *l, struct lt_sock *k)
{
  struct lt_sock **p = &l->queue;
  while (*p) p = &(*p)->queue_next;
  *p = k;
  k->queue_next = NULL;
}

@ A connection has {\it ended} when the core has taken it back to
CLOSED; a connection that a listener started also ends when the core
takes it back to LISTEN, which is what a reset in SYN\_RCVD does
(\S3.10.7.4): such a connection has no business listening, since its
parent does.@^LISTEN, return to@>

@<Private declarations of the host@>=
static bool ended(const struct lt_sock *k)
{
  enum tcp_state s = state_of(k);
  return s == TCP_CLOSED || (s == TCP_LISTEN && !k->listening);
}

@*1 A segment arrives.
The carrier hands out the datagrams of one port a batch at a time; each
becomes a call of the core.  An error from a connected port means
that the peer's port has no socket behind it; it is dealt with below.

@<Private declarations of the host@>=
static void receive(struct lt_host *h, struct lt_endpoint *ep)
{
  struct segment s;
  uint64_t usec;
  int r;
  while ((r = carrier_receive(&h->wire, &ep->port, &s, &usec)) > 0)
    deliver(h, ep, &s, usec);
  if (r < 0 && errno == ECONNREFUSED && ep->port.connected)
    unreachable(h, ep->conns, ep->port.peer_addr, ep->port.peer_port);
  else if (r < 0 && !ep->port.connected)
    @<Abort the connections of |ep| whose peers are unreachable@>@;
}

@ Demultiplexing.  A segment is for the connection of its endpoint whose
peer is the segment's source address and port.  If there is none, and
the endpoint listens, a SYN starts a new connection (the next section)
and anything else is given to the listening connection itself, whose rules in LISTEN answer
an ACK with a reset and ignore the rest (\S3.10.7.2).  With neither a
connection nor a listener, the core says what a closed port answers.@^RFC 9293 \S3.10.7.2@>

@<Private declarations of the host@>=
static void deliver(struct lt_host *h, struct lt_endpoint *ep,
  const struct segment *s, uint64_t usec)
{
  struct lt_sock *k = find_conn(ep, s->src_addr, s->src_port);
  begin(h);
  if (k) tcp_segment_arrives(&k->tcb, s, h->now);
  else if (!ep->listener) answer_closed(h, ep, s);
  else if ((s->flags & (TCP_SYN | TCP_ACK | TCP_RST)) == TCP_SYN)
    syn_for_listener(h, ep, s);
  else if ((s->flags & (TCP_SYN | TCP_ACK | TCP_RST)) != TCP_ACK
           || !spawn_from_cookie(h, ep, s))
    tcp_segment_arrives(&ep->listener->tcb, s, h->now);
  end(h, s, usec);
  if (k) @<Make the shutdown that waited for the handshake, if it is over@>@;
}

@ A SYN for the listener meets the limits of the host in turn.  When the
listener holds as many connections as it may, the SYN is refused with a
reset: the client hears at once, and clearly, ``connection refused'',
rather than retrying for a minute against silence.  When it merely has
no room for another half-open connection, it answers with a SYN cookie
(the chapter on the handshake) and keeps nothing.  Otherwise the SYN
starts a connection.

@<Private declarations of the host@>=
static void syn_for_listener(struct lt_host *h, struct lt_endpoint *ep,
  const struct segment *s)
{
  struct lt_sock *l = ep->listener;
  if (h->opt.max_conns && ep->nconns >= h->opt.max_conns) {
    note(h, "%s: limit of %zu connections reached; SYN refused", l->name,
      h->opt.max_conns);
    h->refused++;
    answer_closed(h, ep, s);
  } else if (l->pending >= LT_BACKLOG) {
    tcp_answer_with_cookie(&l->tcb, s, h->now);
    h->cookies_sent++;
  } else if (!spawn(h, l, s))
    note(h, "%s: no room for another connection; SYN dropped", l->name);
}

@ An ACK that belongs to no connection may be the third segment of a
handshake answered with a cookie.  If its cookie is good, and the limit
allows, it becomes a connection that is already established and joins
the queue of the listener; if not, it goes to the listener, whose rules
in LISTEN answer it with a reset.

@<Private declarations of the host@>=
static bool spawn_from_cookie(struct lt_host *h, struct lt_endpoint *ep,
  const struct segment *s)
{
  struct lt_sock *l = ep->listener;
  if (!tcp_cookie_ok(&l->tcb, s, h->now)) return false;
  if (h->opt.max_conns && ep->nconns >= h->opt.max_conns) return false;
  struct lt_sock *k = sock_new(h, ep, l->name);
  if (!k) return false;
  name_for_peer(h, l, k, s);
  k->parent = l;
  k->peer_addr = s->src_addr;
  k->peer_port = s->src_port;
  k->next = ep->conns;
  ep->conns = k;
  ep->nconns++;
  l->pending++;
  if (!tcp_accept_cookie(&l->tcb, &k->tcb, s, h->now)) {
    ep->conns = k->next;
    ep->nconns--;
    unqueue(l, k);
    free(k);
    return false;
  }
  h->cookies_taken++;
  return true;
}

@ A shutdown asked for before the handshake was over is made once the
segment that ended the handshake has been dealt with.  It is a call of
its own, bracketed apart from the arrival's, so that the log writes the
arrival, its answer, and then the application's move to FIN\_WAIT\_1
before the FIN it sends: each line where its moment puts it.@^log, text@>

@<Make the shutdown that waited for the handshake...@>=
if (k->fin_pending
    && (state_of(k) == TCP_ESTABLISHED || state_of(k) == TCP_CLOSE_WAIT)) {
  k->fin_pending = false;
  begin(h);
  tcp_close(&k->tcb, h->now);
  end(h, NULL, 0);
}

@ @<Private declarations of the host@>=
static struct lt_sock *find_conn(struct lt_endpoint *ep, uint32_t addr,
  uint16_t port)
{
  for (struct lt_sock *k = ep->conns; k; k = k->next)
    if (k->peer_port == port && k->peer_addr == addr) return k;
  return NULL;
}

@ A new connection on a listening endpoint starts as a copy of the
listener, made by the core's |tcp_accept|: a connection with the
listener's configuration that takes the SYN and moves to SYN\_RCVD,
while the listener stays in LISTEN for the next client.  A listener
takes at most |LT_BACKLOG| connections that the application has not
accepted; beyond that, SYNs are dropped and their senders will try
again, as with the backlog of |listen| in POSIX.@^backlog@>

@<Constants of the host@>=
#define LT_BACKLOG 128
#define LT_MAX_CONNS 256

@ @<Private declarations of the host@>=
static struct lt_sock *spawn(struct lt_host *h, struct lt_sock *l,
  const struct segment *syn)
{
  if (l->pending >= LT_BACKLOG) return NULL;
  struct lt_sock *k = sock_new(h, l->ep, l->name);
  if (!k) return NULL;
  name_for_peer(h, l, k, syn);
  k->parent = l;
  k->peer_addr = syn->src_addr;
  k->peer_port = syn->src_port;
  if (!tcp_accept(&l->tcb, &k->tcb, syn, h->now)) {
    free(k);
    return NULL;
  }
  l->pending++;
  k->next = l->ep->conns;
  l->ep->conns = k;
  l->ep->nconns++;
  return k;
}

@ @<Private declarations of the host@>=
static void name_for_peer(struct lt_host *h, const struct lt_sock *l,
  struct lt_sock *k, const struct segment *s)
{
  if (h->opt.name_peers)
    snprintf(k->name, sizeof k->name, "%.39s %s", l->name,
      dotted(s->src_addr, s->src_port).text);
}

@ A segment for which no connection exists gets the answer of a closed
port (\S3.10.7.1): a reset, unless the segment was itself a reset.  The
core writes it; the carrier sends it back where the segment came from.@^RFC 9293 \S3.10.7.1@>

@<Private declarations of the host@>=
static void answer_closed(struct lt_host *h, struct lt_endpoint *ep,
  const struct segment *s)
{
  struct segment rst;
  note(h, "no connection to %s from %s",
    dotted(ep->port.addr, ep->port.port).text,
    dotted(s->src_addr, s->src_port).text);
  if (tcp_reply_to_closed(s, &rst))
    carrier_send(&h->wire, &ep->port, &rst, h->now);
}

@ When a datagram reaches a port on which no socket is bound, the kernel
of the receiving side answers with an ICMP ``port unreachable'' message,
and the kernel of our side reports it on our connected socket as
|ECONNREFUSED|.  For a TCP carried in UDP, the UDP port {\it is} the TCP
port, so this is the message that IP would have brought a real TCP: the
destination port is unreachable.  \S3.9.2.2 calls it a hard error, upon
which a TCP should abort the connection; we do, and the application
learns that the connection was refused (in SYN\_SENT) or reset (later).
A connection in TIME\_WAIT has nothing left to lose and ignores it: the
peer may well have exited already, as it is entitled to.@^RFC 9293 \S3.9.2.2@>

@<Private declarations of the host@>=
static void unreachable(struct lt_host *h, struct lt_sock *k, uint32_t addr,
  uint16_t port)
{
  if (!k || ended(k) || state_of(k) == TCP_TIME_WAIT) return;
  if (!k->err)
    k->err = state_of(k) == TCP_SYN_SENT ? ECONNREFUSED : ECONNRESET;
  begin(h);
  note(h, "carrier: ICMP port unreachable: nobody at %s",
    dotted(addr, port).text);
  tcp_abort(&k->tcb, h->now);
  end(h, NULL, 0);
}

@ A listening endpoint's port is shared by all its connections, and the
carrier says which peer was unreachable (the chapter on the carrier (\secref{carrier})
explains how, and where it cannot); the connection with that peer is
aborted the same way.  The queue of errors is emptied, so that |poll|
stops reporting them.

@<Abort the connections of |ep| whose peers are unreachable@>=
{
  uint32_t addr;
  uint16_t port;
  int e;
  while ((e = carrier_unreachable(&ep->port, &addr, &port)) > 0)
    for (struct lt_sock *k = ep->conns; e == 1 && k; k = k->next)
      if (!k->listening && k->tcb.remote_addr == addr
          && k->tcb.remote_port == port)
        unreachable(h, k, addr, port);
}

@*1 Timers.
The core keeps its timers in the connection and says, through
|tcp_next_deadline|, when it next wants to be called; the carrier does
the same for a datagram it holds back.  |run_timers| calls whoever is
due, then returns the earliest deadline that remains, which is how long
the loop may sleep.  It looks at every connection each time; a host with
very many connections would keep them in a priority queue by deadline
instead.

@<Private declarations of the host@>=
static uint64_t run_timers(struct lt_host *h)
{
  uint64_t next = UINT64_MAX;
  for (struct lt_endpoint *ep = h->endpoints; ep; ep = ep->next) {
    carrier_tick(&h->wire, &ep->port, h->now);
    uint64_t d = carrier_deadline(&ep->port);
    if (d < next) next = d;
    if (ep->listener) {
      d = tick(h, ep->listener);
      if (d < next) next = d;
    }
    for (struct lt_sock *k = ep->conns; k; k = k->next) {
      d = tick(h, k);
      if (d < next) next = d;
    }
  }
  return next;
}

@ @<Private declarations of the host@>=
static uint64_t tick(struct lt_host *h, struct lt_sock *k)
{
  uint64_t d = tcp_next_deadline(&k->tcb);
  if (d > h->now) return d;
  begin(h);
  tcp_tick(&k->tcb, h->now);
  end(h, NULL, 0);
  return tcp_next_deadline(&k->tcb);
}

@*1 Reaping.
A socket is freed when its connection has ended and nobody needs it any
more: either the application has closed it, or it was started by a
listener and never accepted.  An endpoint is closed when it has neither
a listener nor connections.  Reaping happens only between calls of the
core, never inside a hook, so that no function of the core ever finds
its connection freed under it.

@<Private declarations of the host@>=
static void reap(struct lt_host *h)
{
  struct lt_endpoint **pe = &h->endpoints;
  while (*pe) {
    struct lt_endpoint *ep = *pe;
    @<Free the ended connections of |ep| that nobody needs@>@;
    if (ep->listener && ep->listener->released && ended(ep->listener)) {
      free(ep->listener);
      ep->listener = NULL;
    }
    if (!ep->listener && !ep->conns) {
      *pe = ep->next;
      carrier_close(&h->wire, &ep->port);
      free(ep);
    } else pe = &ep->next;
  }
}

@ @<Free the ended connections of |ep| that nobody needs@>=
for (struct lt_sock **pk = &ep->conns; *pk;) {
  struct lt_sock *k = *pk;
  if (ended(k) && (k->released || k->parent)) {
    *pk = k->next;
    ep->nconns--;
    if (k->parent) unqueue(k->parent, k);
    free(k);
  } else pk = &k->next;
}

@ @<Private declarations of the host@>=
static void unqueue(struct lt_sock *l, struct lt_sock *k)
{
  for (struct lt_sock **p = &l->queue; *p; p = &(*p)->queue_next)
    if (*p == k) {
      *p = k->queue_next;
      break;
    }
  l->pending--;
}

@*1 Waiting: {\tt lt\_poll}.
|lt_poll| takes an array of |struct lt_pollfd|, each naming either one
of our sockets or a file descriptor of the system, with the events the
program waits for: |POLLIN| (something to read, a connection to accept,
or the end of the stream), |POLLOUT| (room to send).  On return,
|revents| says what is ready, and may add |POLLERR| (the connection
failed: |lt_error| says why) and |POLLHUP| (the connection has ended).
Like |poll|, it returns the number of entries with something ready, 0 on
timeout, and $-1$ with |errno| set when |poll| fails, in particular with
|EINTR| when a signal interrupts the wait.  A timeout of $-1$ waits
forever.

@<The descriptor set of |lt_poll|@>=
struct lt_pollfd {
  struct lt_sock *sock;   /* one of ours, or |NULL| */
  int fd;                 /* a descriptor of the system, when |sock| is |NULL| */
  short events, revents;
};

@ @<Declarations of the socket interface@>=
int lt_poll(struct lt_host *h, struct lt_pollfd *fds, size_t n,
  int timeout_ms);
int lt_finish(struct lt_host *h, int timeout_ms);

@ Both |lt_poll| and |lt_finish| are the same loop with a different
condition for leaving it, so the loop is one function.  Each turn fires
the due timers, frees what has ended, and sees whether any of the
program's sockets is ready; then it waits in |poll| for datagrams or for
the program's descriptors, no longer than until the next deadline (not at
all if a socket is already ready), and delivers what arrived.  It leaves
when something is ready, when time is up, or, for |lt_finish|, when no
connection is left that has not ended.

@<Functions of the host@>=
static int run(struct lt_host *h, struct lt_pollfd *fds, size_t n,
  int timeout_ms, bool until_idle)
{
  h->now = monotonic();
  uint64_t until = timeout_ms < 0 ? UINT64_MAX
                                  : h->now + (uint64_t) timeout_ms * 1000u;
  for (;;) {
    uint64_t next = run_timers(h);
    reap(h);
    if (until_idle && idle(h)) return 0;
    int ready = sockets_ready(fds, n);
    uint64_t wake = ready ? h->now : next < until ? next : until;
    if (wait_for_input(h, fds, n, wake) < 0) return -1;
    ready = sockets_ready(fds, n) + descriptors_ready(fds, n);
    if (ready || h->now >= until) return ready;
  }
}

@ @<Functions of the host@>=
int lt_poll(struct lt_host *h, struct lt_pollfd *fds, size_t n,
  int timeout_ms)
{
  return run(h, fds, n, timeout_ms, false);
}

@ |lt_finish| is what a program calls before it exits: it lets every
connection run to its end, including the two maximum segment lifetimes
of TIME\_WAIT, and returns 0; or $-1$ if |timeout_ms| passed first, or,
with |errno| set to |EINTR|, if a signal interrupted the wait, so that a
program can let the user cut a long TIME\_WAIT short.  Sockets the
program has not closed do not keep it waiting once their connection has
ended, and neither does a listener.@^maximum segment lifetime (MSL)@>

@<Functions of the host@>=
int lt_finish(struct lt_host *h, int timeout_ms)
{
  int r = run(h, NULL, 0, timeout_ms, true);
  if (idle(h)) return 0;
  if (r >= 0) errno = ETIMEDOUT;
  return -1;
}

@ @<Private declarations of the host@>=
static bool idle(const struct lt_host *h)
{
  for (const struct lt_endpoint *ep = h->endpoints; ep; ep = ep->next)
    for (const struct lt_sock *k = ep->conns; k; k = k->next)
      if (!ended(k)) return false;
  return true;
}

@ Readiness of a socket.  A listener is readable when a connection waits
in its queue.  A connection is readable when the core has said there is
data, or the stream has ended, or the connection has failed or ended: in
each case |lt_recv| has something to say.  It is writable when it is in a state that may still send and its send
buffer has room: a send that was refused for want of room clears the
flag, and the core's |TCP_EV_WRITABLE| sets it again when an
acknowledgement has made room.

@<Private declarations of the host@>=
static short readiness(const struct lt_sock *k)
{
  if (k->listening) return k->queue ? POLLIN : 0;
  short r = 0;
  bool over = ended(k);
  if (k->readable || k->eof || k->err || over) r |= POLLIN;
  if (can_send(k)) r |= POLLOUT;
  if (k->err) r |= POLLERR;
  if (over || (k->eof && k->shut)) r |= POLLHUP;
  return r;
}

@ @<Private declarations of the host@>=
static bool can_send(const struct lt_sock *k)
{
  enum tcp_state s = state_of(k);
  return k->writable && !k->shut && !k->err
    && (s == TCP_ESTABLISHED || s == TCP_CLOSE_WAIT);
}

@ @<Private declarations of the host@>=
static int sockets_ready(struct lt_pollfd *fds, size_t n)
{
  int ready = 0;
  for (size_t i = 0; i < n; i++) {
    if (!fds[i].sock) continue;
    short all = POLLERR | POLLHUP;
    fds[i].revents = readiness(fds[i].sock) & (fds[i].events | all);
    if (fds[i].revents) ready++;
  }
  return ready;
}

@ The wait itself.  The |pollfd| array lists the ports of every endpoint
first, then the program's descriptors; |pep| remembers which endpoint
each port belongs to.  The datagrams queued by the carrier leave first,
since the peer's answers to them are what we are about to wait for
(with one exception, explained below).  The
host may then {\it spin} a while, looking for input without sleeping
(the next group of sections says why); if nothing came, it sleeps in
|poll|.  The timeout is rounded up to whole milliseconds, since waking a
little late costs nothing and waking early would only send us round the
loop again.

@<Private declarations of the host@>=
static int wait_for_input(struct lt_host *h, struct lt_pollfd *fds, size_t n,
  uint64_t wake)
{
  size_t m = 0;
  for (struct lt_endpoint *ep = h->endpoints; ep; ep = ep->next) m++;
  if (m + n > h->pcap && !grow_pollfds(h, m + n)) return -1;
  m = 0;
  for (struct lt_endpoint *ep = h->endpoints; ep; ep = ep->next, m++) {
    h->pfd[m] = (struct pollfd) {@[.fd = ep->port.fd@], @[.events = POLLIN@]};
    h->pep[m] = ep;
  }
  for (size_t i = 0; i < n; i++)
    h->pfd[m + i] = (struct pollfd) {@[.fd = fds[i].sock ? -1 : fds[i].fd@],
      @[.events = fds[i].events@]};
  @<Send what waits to be sent, unless the loop can put it off a turn@>@;
  int r = spin(h, (nfds_t) (m + n), wake);
  if (r == 0) r = poll(h->pfd, (nfds_t) (m + n), milliseconds_until(h, wake));
  if (r < 0) return -1;
  h->now = monotonic();
  for (size_t j = 0; j < m; j++)
    if (h->pfd[j].revents) receive(h, h->pep[j]);
  for (size_t i = 0; i < n; i++)
    if (!fds[i].sock) fds[i].revents = h->pfd[m + i].revents;
  return 0;
}

@ When sockets are ready already, the loop does not wait at all: it
only looks for input and goes back to the program, which is about to
act on what is ready, and very likely to send.  What it sends then
joins what is already queued, and the whole leaves in one |sendmmsg|
instead of two; an echo server, for one, answers in the same batch as
its acknowledgment would have gone, so the acknowledgment the core
delayed rides on the answer.  So the host puts the flush off, but for
one turn only, so that a program that calls |lt_poll| without acting on
what is ready cannot keep its segments in the queue for ever.  (On the
benchmark of the carrier, this is worth about a seventh of the
lifecycles a second.)

@<Send what waits to be sent, unless the loop can put it off a turn@>=
if (wake > h->now || h->put_off) {
  carrier_flush(&h->wire);
  h->put_off = false;
} else h->put_off = true;

@ @<Private declarations of the host@>=
static int milliseconds_until(const struct lt_host *h, uint64_t wake)
{
  if (wake == UINT64_MAX) return -1;
  if (wake <= h->now) return 0;
  uint64_t ms = (wake - h->now + 999) / 1000;
  return ms > INT_MAX ? INT_MAX : (int) ms;
}

@ @<Private declarations of the host@>=
static bool grow_pollfds(struct lt_host *h, size_t want)
{
  size_t cap = h->pcap ? h->pcap : 16;
  while (cap < want) cap *= 2;
  struct pollfd *p = realloc(h->pfd, cap * sizeof *p);
  if (!p) return false;
  h->pfd = p;
  struct lt_endpoint **e = realloc(h->pep, cap * sizeof *e);
  if (!e) return false;
  h->pep = e;
  h->pcap = cap;
  return true;
}

@ @<Private declarations of the host@>=
static int descriptors_ready(const struct lt_pollfd *fds, size_t n)
{
  int ready = 0;
  for (size_t i = 0; i < n; i++)
    if (!fds[i].sock && fds[i].revents) ready++;
  return ready;
}

@*1 Busy polling.
On the loopback, the datagram itself travels in a microsecond or two;
what costs time is waking the process that waits for it.  A process
asleep in |poll| must be found by the kernel, put back on a processor,
and given its caches again, and on the virtual machines where this book
was measured one such wake-up costs about eighteen microseconds: more
than everything our TCP and the carrier do with the segment.  A
request and its answer cost two wake-ups, one in each process; a
connection's whole
lifecycle (SYN, SYN,ACK, data, its echo, two FINs) wakes one of the two
processes at almost every segment.  So the speed of an exchange of small
segments between two programs is set by the scheduler, not by TCP.

The remedy is old and blunt: when the answer is expected soon, do not
sleep; ask again and again, without waiting, until it comes or a short
time has passed, and only then go to sleep.  This is {\it busy polling}.
It trades processor time for latency, which is a good trade exactly
when the answer does come within the spin: the peer's reply to a
segment we have just sent usually arrives within a few tens of
microseconds, and a spin that finds it has saved a wake-up.  When the
peer has nothing to say, the spin burns |spin_us| microseconds of
processor for nothing, once per wait; a program that waits a second at
a time wastes a few parts in a hundred thousand of a processor.

The kernel knows the trade well: Linux can spin in |poll| and |recv| on
the queues of a network card, for the number of microseconds set by the
sysctls \.{net.core.busy\_poll} and \.{net.core.busy\_read} (or the socket
option |SO_BUSY_POLL|), precisely to save the latency of an interrupt and
a wake-up.  Those knobs act on devices with receive queues of their own
and do nothing for the loopback, so the host does its own spinning: it
calls |poll| with a timeout of zero.

Spinning pays only when the peer can run while we spin.  On a machine
with one processor the peer cannot: the process that spins holds the
only processor, the datagram we wait for cannot be written until the
scheduler takes it away from us, and every spin is pure loss, and
worse, since it delays the very answer it waits for.  So the default is
|LT_SPIN_US| microseconds when more than one processor is online, and no
spinning at all on one; a program may set |spin_us| either way, and
\.{ltcp}'s option \.{--spin} does.  Fifty microseconds covers the
round trip of a segment and its answer on the loopback, twice the cost
of the wake-up it tries to save; the benchmark of the carrier,
\.{bench\_carrier}, measures both ways.

@<Constants of the host@>=
#define LT_SPIN_US 50

@ The number of processors online is not a question of POSIX; the
systems we know answer it through |sysconf|, and where it cannot be
asked we count one, and do not spin.

@<Private declarations of the host@>=
static long processors_online(void)
{
#ifdef _SC_NPROCESSORS_ONLN
  return sysconf(_SC_NPROCESSORS_ONLN);
#else
  return 1;
#endif
}

@ The spin itself.  It happens only where the loop would otherwise
sleep: not when the loop is to go round at once (the deadline has come),
and never past the next deadline of a timer, so that spinning never
makes a timer late.  Between two looks it calls |sched_yield|, and the
reason deserves a word.  Two processes that wake each other all the time
are often put on the same processor by the scheduler, which hopes to
find the data of one still in the cache when the other runs.  A process
that spins there without yielding keeps the peer it waits for from
running at all, until the scheduler takes the processor away at the end
of its time slice; in the author's measurements that made the round
trip of a byte three times {\it longer} than with no spinning at all.
|sched_yield| hands the processor to the peer if it is ready to run, and
returns at once if nothing else is; so a spin on a shared processor
costs almost nothing, and a spin on a processor of its own is not
slowed.  It returns what |poll| returned: the number of
descriptors that became ready, 0 if none did before the spin ended, in
which case the caller sleeps in |poll| as before, or $-1$.

@<Private declarations of the host@>=
static int spin(struct lt_host *h, nfds_t n, uint64_t wake)
{
  if (h->opt.spin_us == 0 || wake <= h->now) return 0;
  uint64_t until = h->now + h->opt.spin_us;
  if (wake < until) until = wake;
  int r;
  while ((r = poll(h->pfd, n, 0)) == 0 && (h->now = monotonic()) < until)
    sched_yield();
  return r;
}

@*1 The calls of the interface.
|lt_listen| opens a listening endpoint on an address and port (port 0:
any free port; |lt_local_port| tells which) and puts a connection in
LISTEN on it.  It returns |NULL| with |errno| set if the port cannot be
had, typically |EADDRINUSE|.  |name| is how the log calls this side,
such as \.{server}.

@<Declarations of the socket interface@>=
struct lt_sock *lt_listen(struct lt_host *h, uint32_t addr, uint16_t port,
  const char *name);
uint16_t lt_local_port(const struct lt_sock *k);

@ @<Functions of the host@>=
struct lt_sock *lt_listen(struct lt_host *h, uint32_t addr, uint16_t port,
  const char *name)
{
  struct lt_endpoint *ep = endpoint_open(h, addr, port, 0);
  if (!ep) return NULL;
  struct lt_sock *k = sock_new(h, ep, name ? name : "server");
  if (!k) {
    reap(h);
    errno = ENOMEM;
    return NULL;
  }
  k->listening = true;
  ep->listener = k;
  tcp_init(&k->tcb, &h->opt.tcp, &h->hooks, ep->port.addr, ep->port.port);
  h->now = monotonic();
  begin(h);
  tcp_listen(&k->tcb, h->now);
  end(h, NULL, 0);
  return k;
}

uint16_t lt_local_port(const struct lt_sock *k)
{
  return k->ep->port.port;
}

@ |lt_accept| takes the oldest established connection from a listener's
queue; with none waiting it fails with |EAGAIN|.  The connection belongs
to the application from then on.

@<Declarations of the socket interface@>=
struct lt_sock *lt_accept(struct lt_sock *l);

@ @<Functions of the host@>=
struct lt_sock *lt_accept(struct lt_sock *l)
{
  if (!l->listening) {
    errno = EINVAL;
    return NULL;
  }
  struct lt_sock *k = l->queue;
  if (!k) {
    errno = EAGAIN;
    return NULL;
  }
  l->queue = k->queue_next;
  k->queue_next = NULL;
  k->parent = NULL;
  l->pending--;
  return k;
}

@ |lt_connect| opens a connecting endpoint towards |addr| and |port|
and starts the active open: the core sends its SYN at once.  The call
returns while the handshake is under way; the socket becomes writable
when the connection is established, or readable with an error when it
fails.

@<Declarations of the socket interface@>=
struct lt_sock *lt_connect(struct lt_host *h, uint32_t addr, uint16_t port,
  const char *name);

@ @<Functions of the host@>=
struct lt_sock *lt_connect(struct lt_host *h, uint32_t addr, uint16_t port,
  const char *name)
{
  struct lt_endpoint *ep = endpoint_open(h, addr, 0, port);
  if (!ep) return NULL;
  struct lt_sock *k = sock_new(h, ep, name ? name : "client");
  if (!k) {
    reap(h);
    errno = ENOMEM;
    return NULL;
  }
  k->peer_addr = addr;
  k->peer_port = port;
  ep->conns = k;
  ep->nconns = 1;
  tcp_init(&k->tcb, &h->opt.tcp, &h->hooks, ep->port.addr, ep->port.port);
  h->now = monotonic();
  begin(h);
  int r = tcp_connect(&k->tcb, addr, port, h->now);
  end(h, NULL, 0);
  if (r < 0) {
    k->released = true;
    reap(h);
    errno = EINVAL;
    return NULL;
  }
  return k;
}

@ |lt_send| hands bytes to the core and returns how many it took.  None
at all is |EAGAIN|: the send buffer is full until acknowledgements
arrive.  Sending before the connection is established also waits; after
|lt_shutdown|, or once the connection is over, it is an error.

@<Declarations of the socket interface@>=
ssize_t lt_send(struct lt_sock *k, const void *buf, size_t n);

@ @<Functions of the host@>=
ssize_t lt_send(struct lt_sock *k, const void *buf, size_t n)
{
  enum tcp_state s = state_of(k);
  if (k->err || k->shut || k->listening || ended(k)) {
    errno = k->err ? k->err : EPIPE;
    return -1;
  }
  if (s != TCP_ESTABLISHED && s != TCP_CLOSE_WAIT) {
    errno = EAGAIN;
    return -1;
  }
  struct lt_host *h = k->host;
  h->now = monotonic();
  begin(h);
  size_t m = tcp_send(&k->tcb, buf, n, h->now);
  end(h, NULL, 0);
  if (m < n) k->writable = false;
  if (m == 0 && n > 0) {
    errno = EAGAIN;
    return -1;
  }
  return (ssize_t) m;
}

@ |lt_recv| takes bytes from the core.  When there are none, it returns
0 if the peer has closed its direction (the end of the stream), fails
with the connection's error if it has one, and otherwise fails with
|EAGAIN|.

The core tells the host when data arrives, but not how much is left
after a read; so the host knows the socket is empty only when a read
comes back short.  A socket that |lt_poll| reported readable may thus
have nothing after all, and |lt_recv| then fails with |EAGAIN|, once;
POSIX allows |poll| the same liberty with real sockets, and a program
written for them already copes: it waits again.

@<Declarations of the socket interface@>=
ssize_t lt_recv(struct lt_sock *k, void *buf, size_t n);

@ @<Functions of the host@>=
ssize_t lt_recv(struct lt_sock *k, void *buf, size_t n)
{
  struct lt_host *h = k->host;
  h->now = monotonic();
  begin(h);
  size_t m = k->listening ? 0 : tcp_recv(&k->tcb, buf, n, h->now);
  end(h, NULL, 0);
  if (m < n) k->readable = false;
  if (m > 0) return (ssize_t) m;
  if (k->err) {
    errno = k->err;
    return -1;
  }
  if (k->eof || ended(k)) return 0;
  errno = EAGAIN;
  return -1;
}

@ |lt_shutdown| closes our direction of the connection: the core sends
its FIN once the data before it has gone, and the program can go on
reading until the peer closes its own direction.  This is TCP's
half-close; RFC~9293 calls it simply CLOSE (\S3.10.4), since in TCP a
close never stops the reception of data.@^half-close@>@^RFC 9293 \S3.10.4@>

@<Declarations of the socket interface@>=
int lt_shutdown(struct lt_sock *k);

@ A program may well ask for the shutdown before the handshake is over:
a client whose input is empty does.  CLOSE in SYN\_SENT would delete the
connection (\S3.10.4), which is not what a half-close means; so the
host remembers the request, and makes it when the connection is
established (see |deliver|).@^half-close@>@^RFC 9293 \S3.10.4@>

@<Functions of the host@>=
int lt_shutdown(struct lt_sock *k)
{
  if (k->shut) return 0;
  if (k->err) {
    errno = k->err;
    return -1;
  }
  struct lt_host *h = k->host;
  k->shut = true;
  if (state_of(k) == TCP_SYN_SENT || state_of(k) == TCP_SYN_RCVD) {
    k->fin_pending = true;
    return 0;
  }
  h->now = monotonic();
  begin(h);
  int r = tcp_close(&k->tcb, h->now);
  end(h, NULL, 0);
  if (r < 0) {
    errno = ENOTCONN;
    return -1;
  }
  return 0;
}

@ |lt_close| gives a socket back.  For a connection, this is a shutdown
if there was none yet; the connection then runs to its end on its own
(through LAST\_ACK, or FIN\_WAIT and TIME\_WAIT) and the host frees it
when it has ended.  For a listener, the connections it has started and
the application has not accepted are aborted, as the kernel does with
its accept queue, and the listener's own connection leaves LISTEN.
After |lt_close| the program must not use the socket again.

@<Declarations of the socket interface@>=
void lt_close(struct lt_sock *k);
void lt_abort(struct lt_sock *k);

@ @<Functions of the host@>=
void lt_close(struct lt_sock *k)
{
  if (!k) return;
  struct lt_host *h = k->host;
  h->now = monotonic();
  if (k->listening) {
    @<Abort the connections that |k| started and nobody accepted@>@;
    begin(h);
    tcp_close(&k->tcb, h->now);
    end(h, NULL, 0);
  } else if (!k->shut && !ended(k)) {
    k->shut = true;
    begin(h);
    tcp_close(&k->tcb, h->now);
    end(h, NULL, 0);
  }
  k->released = true;
  reap(h);
}

@ @<Abort the connections that |k| started and nobody accepted@>=
for (struct lt_sock *c = k->ep->conns; c; c = c->next)
  if (c->parent == k) {
    begin(h);
    tcp_abort(&c->tcb, h->now);
    end(h, NULL, 0);
    c->parent = NULL;
    c->released = true;
  }
k->queue = NULL;
k->pending = 0;

@ |lt_abort| resets a connection at once: the core sends a RST and
forgets it.  The program still closes the socket afterwards.@^RST flag@>

@<Functions of the host@>=
void lt_abort(struct lt_sock *k)
{
  struct lt_host *h = k->host;
  if (k->listening || ended(k)) return;
  h->now = monotonic();
  k->shut = true;
  begin(h);
  tcp_abort(&k->tcb, h->now);
  end(h, NULL, 0);
}

@ Finally, a few questions a program may ask of a socket: its error, its
state, its peer, and, of the host, the carrier's counters.

@<Declarations of the socket interface@>=
int lt_error(const struct lt_sock *k);
enum tcp_state lt_state(const struct lt_sock *k);
void lt_peer(const struct lt_sock *k, uint32_t *addr, uint16_t *port);
const struct carrier_stats *lt_stats(const struct lt_host *h);

@ @<Functions of the host@>=
int lt_error(const struct lt_sock *k) { return k->err; }
enum tcp_state lt_state(const struct lt_sock *k) { return state_of(k); }
void lt_peer(const struct lt_sock *k, uint32_t *addr, uint16_t *port)
{
  *addr = k->peer_addr;
  *port = k->peer_port;
}
const struct carrier_stats *lt_stats(const struct lt_host *h)
{
  return &h->wire.stats;
}

@ The private functions are declared before any is defined, since their
definitions follow the order of the story rather than that of the
compiler.

@<Prototypes of the host's private functions@>=
static void on_output(void *ctx, struct tcp_conn *c, const struct segment *s);
static void on_transition(void *ctx, struct tcp_conn *c,
  const struct transition *t);
static void on_event(void *ctx, struct tcp_conn *c, enum tcp_event e);
static void enqueue(struct lt_sock *l, struct lt_sock *k);
static void unqueue(struct lt_sock *l, struct lt_sock *k);
static bool ended(const struct lt_sock *k);
static void receive(struct lt_host *h, struct lt_endpoint *ep);
static void deliver(struct lt_host *h, struct lt_endpoint *ep,
  const struct segment *s, uint64_t usec);
static struct lt_sock *find_conn(struct lt_endpoint *ep, uint32_t addr,
  uint16_t port);
static struct lt_sock *spawn(struct lt_host *h, struct lt_sock *l,
  const struct segment *syn);
static void syn_for_listener(struct lt_host *h, struct lt_endpoint *ep,
  const struct segment *s);
static bool spawn_from_cookie(struct lt_host *h, struct lt_endpoint *ep,
  const struct segment *s);
static void name_for_peer(struct lt_host *h, const struct lt_sock *l,
  struct lt_sock *k, const struct segment *s);
static void answer_closed(struct lt_host *h, struct lt_endpoint *ep,
  const struct segment *s);
static void unreachable(struct lt_host *h, struct lt_sock *k, uint32_t addr,
  uint16_t port);
static uint64_t run_timers(struct lt_host *h);
static uint64_t tick(struct lt_host *h, struct lt_sock *k);
static void reap(struct lt_host *h);
static bool idle(const struct lt_host *h);
static short readiness(const struct lt_sock *k);
static bool can_send(const struct lt_sock *k);
static int sockets_ready(struct lt_pollfd *fds, size_t n);
static int descriptors_ready(const struct lt_pollfd *fds, size_t n);
static int wait_for_input(struct lt_host *h, struct lt_pollfd *fds, size_t n,
  uint64_t wake);
static bool grow_pollfds(struct lt_host *h, size_t want);
static int milliseconds_until(const struct lt_host *h, uint64_t wake);
static int spin(struct lt_host *h, nfds_t n, uint64_t wake);
static long processors_online(void);
static void note(struct lt_host *h, const char *fmt, ...);

@*1 Watching the loop.
Every call that the host makes to the core leaves its mark in the log:
the segment that caused it, if any, the state changes it made (the
lines that begin with \.{\#}), and the segments it sent.  So the log of a
program is also a trace of its event loop, in the order the loop did
things, with the times at which it did them, to the microsecond.  Two
things are worth looking for.

First, the lines that no arriving segment caused: a state line above
the segments it sent, or on its own, was caused by the application
(CLOSED${}\to{}$SYN\_SENT above the SYN of a connect, LISTEN${}\to{}$CLOSED
when the listener is closed, the server's last line) or by a timer
(TIME\_WAIT${}\to{}$CLOSED when two MSL have passed since the last
segment; its time says when the timer fired, and the time of the last
segment plus twice the MSL says when it was due).

Second, the gaps between the times: the time between a segment that
arrived and the answer to it is the time the host and the core took; on
a quiet machine it is a few microseconds.  The same figures, for every
packet, are in Wireshark's column ``Delta time displayed,'' or come from
$$\hbox{\.{tshark -r c.pcapng -T fields -e frame.time\_delta -e frame.comment}}$$@^MSL@>@^tshark@>

@*1 The limits of a host.
A host that faces a network holds what its peers ask it to hold, and a
careless or hostile peer asks for a great deal.  Each connection costs
some 140 kilobytes here, most of it the two rings of 64 kilobytes inside
|struct tcp_conn|, and a peer can keep a connection alive at almost no
cost to itself: by offering a window of zero, which our persist timer
will probe for ever as RFC~9293 requires (MUST-37); by going silent in
the middle of a half-close; or by simply vanishing.  Four limits bound
what the host keeps, each against one of these.

{\it Connections per listener.}  A listener holds at most |max_conns|
connections, in any state (256 unless the program says otherwise, about
36 megabytes); a thousand clients with closed windows would otherwise pin
150 megabytes.  The SYN of one client too many is refused with a reset,
so that its user hears ``connection refused'' at once, rather than a
silence that its TCP would retry for a minute.

{\it Half-open connections.}  At most |LT_BACKLOG| connections that the
application has not accepted, 128; beyond them the listener answers with
SYN cookies (RFC~4987 \S3.6, the chapter on the handshake), which cost
nothing to keep.  A flood of SYNs from addresses that never answer then
fills the backlog and no more, and an honest client is served from its
first SYN.

{\it FIN\_WAIT\_2.}  A connection that has closed its direction and
had its FIN acknowledged waits for the peer's FIN, which may never come.
The core gives up after |fin_wait_2_us| of silence from the peer, and
the host sets it to 60 seconds, the value of Linux's
\.{tcp\_fin\_timeout}; the simulated link leaves it off.

{\it Keepalives.}  A connection on which neither side sends anything
cannot tell a quiet peer from a dead one.  With keepalives on (RFC~9293
\S3.8.4; the chapter on the wave), an idle connection probes its peer
and gives up after nine unanswered probes.  They stay off by default,
as the RFC requires, since they cost traffic and can end a connection
that a short outage would have spared; a server that must not leak its
connections to vanished clients turns them on.

@ The host counts what its limits did, for tests and for a curious
reader with a debugger: the SYNs it refused at the limit of
connections, the SYN cookies it sent, and the cookies it took back.

@*1 Exercises.

\diff1 The log of a client shows \.{\# {\rm\it time} client TIME\_WAIT -> CLOSED} two
MSL after the last ACK, on a line of its own, with the time of the move.  Run \.{ltcp connect} with
\.{--msl 2} and with \.{--msl 0} and compare the times; then explain why
a process that exits during TIME\_WAIT loses the protection that
TIME\_WAIT gives. \excheck{eventloop.1}

\diff2 |run_timers| looks at every connection on every turn of the loop.
Count the turns and the connections looked at while 100 clients are
served (add two counters to |struct lt_host|), then keep the connections
in a binary heap ordered by deadline and count again.

\diff2 The carrier hands out at most |CARRIER_BATCH| datagrams of a port
before the host looks at the other ports and at the timers.  What could go wrong with no
limit at all?  Build a case where it matters, with one busy connection
and one that waits for a retransmission.

\diff2 Run \.{build/bench/bench\_carrier lifecycles rtt} a few times and
compare each figure with its \.{-nospin} twin.  Then run it under
\.{taskset -c 0}, so that client and server share one processor, and
again after replacing |sched_yield()| in |spin| by |continue|.  Explain
the three sets of figures with the section on busy polling.

\diff2 Make the loop flush at every turn, never putting it off, and
count the datagrams and system calls of the serial lifecycles with
$$\hbox{\.{strace -f -c build/bench/bench\_carrier lifecycles}}$$
before and after.  Which segments now leave in a batch of their own?

\diff3 |lt_poll| returns when a socket is ready; a program that never
calls it starves its TCP, since timers fire only inside the loop.  Write
a program that sends a megabyte with |lt_send| in a loop that never
waits, and observe what happens to the transfer.  Then add to the
interface a call that lets such a program run the loop without waiting.

\diff4 Give the interface blocking calls: |lt_recv_wait|, |lt_send_wait|
and |lt_accept_wait|, each running the loop until it can do its work.
Rewrite \.{ltcp connect} with them and two processes (\.{fork}): one
copying standard input to the connection, one copying the connection to
standard output.  Why can the two processes not share one host?@^MSL@>
