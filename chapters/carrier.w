@q carrier.w: TCP segments carried in UDP datagrams over the loopback. @>

@** TCP over UDP on the loopback.
Until now every segment of this book has crossed a simulated link inside
one process, on a virtual clock.  That is the right place to study the
protocol, since nothing happens there that the test did not ask for; but
TCP is a protocol between two programs, and the reader should see two
programs use it.  This chapter and the next two build exactly that: two
commands, \.{ltcp listen} and \.{ltcp connect}, which behave much like
the familiar \.{nc} (netcat) but talk through the TCP of this book instead
of the kernel's.
\label{carrier}%

A real TCP hands its segments to IP.  Sending IP packets of one's own
choosing needs privileges (a raw socket, or a TUN device), and we want a program that any user can run.  So we
borrow a transport from the kernel that gives us almost nothing: UDP.  Each
TCP segment, header and text, travels as the payload of one UDP datagram.
UDP gives us addresses and ports, and it delivers each datagram whole or
not at all; it does not promise order, it does not promise delivery, it
does not promise that a datagram arrives only once.  Those are the
promises TCP exists to make, and so UDP is a fair stand-in for IP.  On the
loopback interface UDP rarely loses anything, which would make for a dull
test of a retransmission timer; so the carrier can also lose, duplicate
and reorder datagrams on purpose, by chance but from a seed.

This chapter writes the {\it carrier}: the layer that turns a
|struct segment| into a datagram and back, injects the faults, and
records what it sends and receives in the capture file and the text log
of the chapter on logs (\secref{log}).  The next chapter (\secref{eventloop}) puts an event loop and a
small socket interface on top of it, and the chapter after that
(\secref{programs}) writes the two programs.@^event loop@>@^virtual clock@>@^loopback interface@>@^UDP as a carrier@>@^carrier@>

@ {\it Addresses and the pseudo-header.}  TCP's checksum covers, besides
the segment, a {\it pseudo-header} made of the source and destination IP
addresses, the protocol number and the segment's length (\S3.1).  A
segment carried in UDP has no IP header of its own, so we must say which
addresses go into the pseudo-header.  The choice that keeps everything
honest is the obvious one: the addresses of the two UDP sockets.  A
segment that one program sends from \.{127.0.0.1} to \.{127.0.0.1} is
checksummed with those two addresses; the receiver learns the sender's
address from |recvfrom| and its own from the socket it bound, and checks
the sum with the same pair.

The ports are settled the same way: {\it the TCP port of an endpoint is
the UDP port of its socket}.  The source and destination ports in a TCP
header must equal the UDP ports of the datagram that carries it, and a
datagram whose TCP header says otherwise is dropped and counted, like any
other malformed segment.  With these two rules, the IPv4 packet that we
write into the capture for each segment (an IPv4 header made up from the
pseudo-header's addresses, followed by the segment) says exactly what
happened on the wire, in the terms a user typed: \.{ltcp connect
127.0.0.1 9000} produces packets to \.{127.0.0.1.9000}, and tcpdump and
Wireshark read them as the TCP they are.@^pseudo-header@>@^malformed segment@>@^Wireshark@>@^UDP as a carrier@>@^RFC 9293 \S3.1@>

@ {\it One UDP socket per endpoint.}  There are three ways to map TCP
endpoints onto UDP sockets, and the choice shapes everything above the
carrier.

One socket for the whole program would force us to carry the TCP ports
somewhere other than in the UDP header, since every datagram would leave
from the same UDP port; then the UDP port and the TCP port would differ,
and the capture would lie about one of them.

One socket for every connection, on the server as well, is how TFTP
works: the server answers each new client from a fresh port.  But a TCP
connection is named by its two endpoints, and the client sent its SYN to
port 9000; an answer from port 41234 would be an answer from a different
TCP endpoint, and a correct client must reject it.

One socket for every {\it endpoint} is what remains, and it is what the
kernel itself does for TCP.  A listening endpoint has one socket, bound
to the port it listens on.  Every connection accepted there shares that
socket; its datagrams are told apart by the address and port of the peer
that sent them, exactly as the kernel tells TCP connections apart by
their remote address and port.  A connecting endpoint gets a fresh socket
of its own, on a port that the kernel chooses (an {\it ephemeral} port),
and that port is the client's TCP port.  The client's socket is also
{\it connected}, in the UDP sense, to the server's address and port: the
kernel then delivers only the server's datagrams to it, and tells us when
the server's port has nobody behind it, which the next chapter (\secref{eventloop}) turns into
a ``connection refused.''@^UDP as a carrier@>@^carrier@>

@ The carrier is a header and a module of the library, like every part of
the program.  It needs the segment functions of the chapter on segments (\secref{segment})
and the capture writer of the chapter on logs (\secref{log}).@^carrier@>

@(carrier.h@>=
#ifndef LTCP_CARRIER_H
#define LTCP_CARRIER_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "segment.h"
#include "log.h"
@<Constants of the carrier@>@;
@<The faults a carrier injects@>@;
@<The counters of a carrier@>@;
@<A port of the carrier@>@;
@<The carrier@>@;
@<Declarations of the carrier's functions@>@;
#endif

@ The module begins with the system headers it needs.  UDP is reached
through the POSIX socket interface.  One thing is specific to Linux and
optional: the calls that move a batch of datagrams at once, which need
|_GNU_SOURCE| before the first header; elsewhere the carrier moves one
datagram per call.@^UDP as a carrier@>@^carrier@>

@(carrier.c@>=
#if defined(__linux__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE 1
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/uio.h>
#ifdef __linux__
#include <linux/errqueue.h>
#endif
#include "carrier.h"
#ifdef SOCK_NONBLOCK
#define CARRIER_SOCK_NONBLOCK SOCK_NONBLOCK
#else
#define CARRIER_SOCK_NONBLOCK 0
#endif
@<Private declarations of the carrier@>@;
@<Functions of the carrier@>@;

@ A UDP datagram over IPv4 carries at most 65{,}507 bytes: the 65{,}535
of an IPv4 packet, less 20 for the IP header and 8 for the UDP header.
That bounds the largest segment we can carry, and so the largest maximum
segment size a program may ask for: a segment has a header of at most 60
bytes (20 fixed and 40 of options).@^UDP as a carrier@>

@<Constants of the carrier@>=
#define CARRIER_DATAGRAM_MAX 65507
#define CARRIER_MSS_MAX (CARRIER_DATAGRAM_MAX - TCP_HEADER_MIN - TCP_OPTIONS_MAX)

@*1 A port of the carrier.
A |struct carrier_port| is one UDP socket: the descriptor, the address
and port it is bound to (in host byte order, like the addresses of a
|struct segment|), and, for a connected socket, the peer it is connected
to.  |pending_error| keeps an error that the kernel reported while we
were sending, until the receiving side can report it.  The last five
fields hold a datagram that the fault injector has decided to deliver
late; they are explained with the injector.@^carrier@>

@<A port of the carrier@>=
struct carrier_port {
  int fd;
  uint32_t addr;
  uint16_t port;
  bool connected;
  uint32_t peer_addr;
  uint16_t peer_port;
  int pending_error;   /* an error the kernel reported on a send */
  uint8_t *held;       /* a datagram held back, or |NULL| */
  size_t held_len;
  uint32_t held_dst;   /* its destination address */
  uint64_t held_until; /* when it must go out at the latest */
  const char *held_note;
  @<Fields of a port on a TUN device@>@;
};

@ Opening a port for a listening endpoint means creating a UDP socket and
binding it to the address and port that the user named.  Port 0 asks the
kernel for any free port; |getsockname| then tells us which one we got.
The socket is made non-blocking, because the event loop of the next
chapter (\secref{eventloop}) never waits anywhere but in |poll|.  On failure the function
returns $-1$ with |errno| set, after closing what it opened, so that the
caller can say ``port 9000 is in use'' in its own words.@^event loop@>

@<Declarations of the carrier's functions@>=
int carrier_open(struct carrier_port *p, uint32_t addr, uint16_t port);

@ @<Functions of the carrier@>=
int carrier_open(struct carrier_port *p, uint32_t addr, uint16_t port)
{
  memset(p, 0, sizeof *p);
  p->fd = socket(AF_INET, SOCK_DGRAM | CARRIER_SOCK_NONBLOCK, 0);
  if (p->fd < 0) return -1;
  struct sockaddr_in sa = sockaddr_of(addr, port);
  watch_unreachable(p);
  if (bind(p->fd, (struct sockaddr *) &sa, sizeof sa) < 0
      || finish_opening(p) < 0) {
    int e = errno;
    close(p->fd);
    p->fd = -1;
    errno = e;
    return -1;
  }
  return 0;
}

@ A connecting endpoint needs no bind of its own: |connect| on a UDP
socket chooses an ephemeral port and the local address from which the
peer is reached (for \.{127.0.0.1}, that is \.{127.0.0.1} again), and it
sends no datagram.  Afterwards the kernel delivers only datagrams from
that peer to this socket.

@<Declarations of the carrier's functions@>=
int carrier_open_to(struct carrier_port *p, uint32_t peer_addr,
  uint16_t peer_port);

@ @<Functions of the carrier@>=
int carrier_open_to(struct carrier_port *p, uint32_t peer_addr,
  uint16_t peer_port)
{
  memset(p, 0, sizeof *p);
  p->fd = socket(AF_INET, SOCK_DGRAM | CARRIER_SOCK_NONBLOCK, 0);
  if (p->fd < 0) return -1;
  struct sockaddr_in sa = sockaddr_of(peer_addr, peer_port);
  if (connect(p->fd, (struct sockaddr *) &sa, sizeof sa) < 0
      || finish_opening(p) < 0) {
    int e = errno;
    close(p->fd);
    p->fd = -1;
    errno = e;
    return -1;
  }
  p->connected = true;
  p->peer_addr = peer_addr;
  p->peer_port = peer_port;
  return 0;
}

@ Both kinds of port end the same way: the socket becomes non-blocking,
and we read back the address and port that it ended up with.  (A new
socket has no other flag that |F_SETFL| could clear.)  The kernel's
default buffers for a UDP socket, a couple of hundred kilobytes, hold
several windows of 64 kilobytes, the most that TCP without window
scaling can have in flight; so we leave them as they are.

A client opens a port for every connection, and the system calls of
opening it are a fair part of a short connection's cost.  Where
|socket| accepts the flag |SOCK_NONBLOCK| (Linux and the BSDs do, and
POSIX.1-2024 has it), the socket is born non-blocking and the call of
|fcntl| is saved; elsewhere the flag is 0 and |fcntl| does the work.

@<Functions of the carrier@>=
static int finish_opening(struct carrier_port *p)
{
  if (!CARRIER_SOCK_NONBLOCK && fcntl(p->fd, F_SETFL, O_NONBLOCK) < 0)
    return -1;
  struct sockaddr_in sa;
  socklen_t len = sizeof sa;
  if (getsockname(p->fd, (struct sockaddr *) &sa, &len) < 0) return -1;
  p->addr = ntohl(sa.sin_addr.s_addr);
  p->port = ntohs(sa.sin_port);
  return 0;
}

@ The socket interface speaks in network byte order, the rest of the
program in host byte order; these two functions are the only places
where the two meet.

@<Functions of the carrier@>=
static struct sockaddr_in sockaddr_of(uint32_t addr, uint16_t port)
{
  struct sockaddr_in sa;
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl(addr);
  sa.sin_port = htons(port);
  return sa;
}

@ @<Functions of the carrier@>=
static void address_of(const struct sockaddr_in *sa, uint32_t *addr,
  uint16_t *port)
{
  *addr = ntohl(sa->sin_addr.s_addr);
  *port = ntohs(sa->sin_port);
}

@ The functions of the module are defined in the order of this chapter,
not in the order the compiler would like, so the module declares those
that are its own before it defines any.

@<Private declarations of the carrier@>=
static struct sockaddr_in sockaddr_of(uint32_t addr, uint16_t port);
static void address_of(const struct sockaddr_in *sa, uint32_t *addr,
  uint16_t *port);
static int finish_opening(struct carrier_port *p);

@*1 The carrier.
One |struct carrier| serves every port of a program.  It holds the
faults to inject and the state of the random numbers that choose them;
the capture file and the text log, either of which may be absent; the
records that wait to be written (explained below); the counters; a
queue of datagrams waiting to be sent, a batch of datagrams received, and
a buffer in which a segment is turned into bytes.

@<The carrier@>=
struct carrier_record;
struct carrier {
  struct carrier_faults faults;
  uint64_t rng;         /* the state of the random numbers */
  uint64_t handed;      /* segments given to |carrier_send| so far */
  struct capture_writer *capture;
  FILE *log;
  bool deferring;
  struct carrier_record *records;
  size_t nrecords, records_cap;
  struct carrier_stats stats;
  @<The queue of datagrams to send@>@;
  @<The batch of datagrams received@>@;
  uint8_t out[CARRIER_DATAGRAM_MAX];
};

@ The counters say what became of the datagrams.  The tests read them,
and so can a curious reader in a debugger.

@<The counters of a carrier@>=
struct carrier_stats {
  uint64_t sent, received;      /* datagrams */
  uint64_t lost, duplicated, reordered;  /* by the fault injector */
  uint64_t lost_in;             /* received, and lost by the injector */
  uint64_t malformed;           /* could not be parsed, or bad checksum */
  uint64_t misaddressed;        /* TCP ports differ from the UDP ports */
  uint64_t send_failed;         /* the kernel would not take it */
};

@ |carrier_init| allocates the buffers of the queue and of the batch; it
returns 0, or $-1$ if there is no memory for them.

@<Declarations of the carrier's functions@>=
int carrier_init(struct carrier *k, const struct carrier_faults *f,
  struct capture_writer *capture, FILE *log);
void carrier_free(struct carrier *k);
void carrier_close(struct carrier *k, struct carrier_port *p);

@ @<Functions of the carrier@>=
int carrier_init(struct carrier *k, const struct carrier_faults *f,
  struct capture_writer *capture, FILE *log)
{
  memset(k, 0, sizeof *k);
  if (f) k->faults = *f;
  k->rng = k->faults.seed;
  k->capture = capture;
  k->log = log;
  k->queue_bytes = malloc(CARRIER_QUEUE_BYTES);
  k->batch_bytes = malloc((size_t) CARRIER_BATCH * CARRIER_SLOT);
  if (k->queue_bytes && k->batch_bytes) return 0;
  carrier_free(k);
  errno = ENOMEM;
  return -1;
}

@ Closing a port first lets go of a datagram that the injector was still
holding back, and of the datagrams in the queue: they were sent, as far
as TCP knows, and they should not vanish because the program is about
to exit; besides, the queue must not keep a pointer to a closed port.

@<Functions of the carrier@>=
void carrier_close(struct carrier *k, struct carrier_port *p)
{
  if (p->held) release_held(k, p);
  carrier_flush(k);
  if (k->batch_port == p) k->batch_port = NULL;
  if (p->fd >= 0) close(p->fd);
  p->fd = -1;
}

@ @<Functions of the carrier@>=
void carrier_free(struct carrier *k)
{
  for (size_t i = 0; i < k->nrecords; i++) free(k->records[i].bytes);
  free(k->records);
  k->records = NULL;
  k->nrecords = k->records_cap = 0;
  carrier_flush(k);
  free(k->queue_bytes);
  free(k->batch_bytes);
  k->queue_bytes = k->batch_bytes = NULL;
}

@*1 Sending a segment.
To send a segment the carrier writes it into bytes with |seg_write|,
which computes the checksum over the pseudo-header with the segment's
own addresses, and hands the bytes to the kernel, addressed to the
segment's destination address and port.  The carrier does not look the
connection up to learn where the segment goes: the segment says so.
That is also how a reset for a connection that does not exist finds its
way back to the sender of the offending segment.

The fault injector stands between the two steps; |now| is the time on
the program's monotonic clock, in microseconds, which the injector needs
to know when a datagram it holds back must go out.

@<Declarations of the carrier's functions@>=
void carrier_send(struct carrier *k, struct carrier_port *p,
  const struct segment *s, uint64_t now);

@ @<Functions of the carrier@>=
void carrier_send(struct carrier *k, struct carrier_port *p,
  const struct segment *s, uint64_t now)
{
  size_t n = seg_write(s, k->out, sizeof k->out);
  if (n == 0) {   /* cannot happen for a segment that fits a datagram */
    k->stats.send_failed++;
    return;
  }
  @<Inject the faults and transmit the |n| bytes of |k->out|@>@;
}

@ Transmission puts the datagram in the queue; |carrier_flush| sends the
queue.  Sending every datagram at once would cost a system call for
each; the queue lets the event loop send all that the core produced in
one turn (a window's worth of data, or the acknowledgements of a batch
of arrivals) with a single call.  The event loop flushes the queue
before it waits in |poll|.  A full queue is flushed at once.@^event loop@>

@<Functions of the carrier@>=
static void transmit(struct carrier *k, struct carrier_port *p,
  const uint8_t *bytes, size_t n, uint32_t dst, uint16_t dport)
{
  if (k->nqueued == CARRIER_BATCH || k->queued_bytes + n > CARRIER_QUEUE_BYTES)
    carrier_flush(k);
  struct carrier_outgoing *q = &k->queue[k->nqueued++];
  q->port = p;
  q->dst = dst;
  q->dport = dport;
  q->off = k->queued_bytes;
  q->len = n;
  memcpy(k->queue_bytes + k->queued_bytes, bytes, n);
  k->queued_bytes += n;
}

@ The queue is an array of datagrams whose bytes lie one after the other
in one buffer.  It holds at most |CARRIER_BATCH| datagrams, and a buffer
large enough for the largest datagram several times over.

@<Constants of the carrier@>=
#define CARRIER_BATCH 32
#define CARRIER_QUEUE_BYTES (4 * 65536)

@ @<The queue of datagrams to send@>=
struct carrier_outgoing {
  struct carrier_port *port;
  uint32_t dst;
  uint16_t dport;
  size_t off, len;      /* where its bytes are in |queue_bytes| */
} queue[CARRIER_BATCH];
size_t nqueued, queued_bytes;
uint8_t *queue_bytes;

@ Flushing sends the datagrams in order, in runs that leave from the same
port.

@<Declarations of the carrier's functions@>=
void carrier_flush(struct carrier *k);

@ @<Functions of the carrier@>=
void carrier_flush(struct carrier *k)
{
  size_t i = 0;
  while (i < k->nqueued) {
    size_t j = i + 1;
    while (j < k->nqueued && k->queue[j].port == k->queue[i].port) j++;
    send_run(k, i, j);
    i = j;
  }
  k->nqueued = 0;
  k->queued_bytes = 0;
}

@ A run goes out with one |sendmmsg| where there is one, and with a loop
of single sends elsewhere; a run of one datagram needs no batch.  |sendmmsg| stops at the first datagram that
fails and says how many went out before it; that datagram is counted as
lost and the rest are sent again.

@<Functions of the carrier@>=
static void send_run(struct carrier *k, size_t i, size_t j)
{
  struct carrier_port *p = k->queue[i].port;
  if (p->tun) {
    @<Write the run from |i| to |j| to the TUN device and |return|@>@;
  }
  if (j == i + 1) {
    struct carrier_outgoing *q = &k->queue[i];
    send_one(k, p, k->queue_bytes + q->off, q->len, q->dst, q->dport);
    return;
  }
#ifdef __linux__
  struct mmsghdr m[CARRIER_BATCH];
  struct iovec iov[CARRIER_BATCH];
  struct sockaddr_in sa[CARRIER_BATCH];
  memset(m, 0, sizeof m);
  for (size_t x = i; x < j; x++) {
    struct carrier_outgoing *q = &k->queue[x];
    size_t y = x - i;
    iov[y].iov_base = k->queue_bytes + q->off;
    iov[y].iov_len = q->len;
    m[y].msg_hdr.msg_iov = &iov[y];
    m[y].msg_hdr.msg_iovlen = 1;
    if (!p->connected) {
      sa[y] = sockaddr_of(q->dst, q->dport);
      m[y].msg_hdr.msg_name = &sa[y];
      m[y].msg_hdr.msg_namelen = sizeof sa[y];
    }
  }
  for (size_t done = 0; done < j - i;) {
    int r = sendmmsg(p->fd, m + done, (unsigned) (j - i - done), 0);
    if (r > 0) {
      k->stats.sent += (uint64_t) r;
      done += (size_t) r;
    } else {
      send_failed(k, p);
      done++;
    }
  }
#else
  for (size_t x = i; x < j; x++) {
    struct carrier_outgoing *q = &k->queue[x];
    send_one(k, p, k->queue_bytes + q->off, q->len, q->dst, q->dport);
  }
#endif
}

@ One datagram, one system call: the portable way.

@<Functions of the carrier@>=
static void send_one(struct carrier *k, struct carrier_port *p,
  const uint8_t *bytes, size_t n, uint32_t dst, uint16_t dport)
{
  ssize_t r;
  if (p->connected) r = send(p->fd, bytes, n, 0);
  else {
    struct sockaddr_in sa = sockaddr_of(dst, dport);
    r = sendto(p->fd, bytes, n, 0, (struct sockaddr *) &sa, sizeof sa);
  }
  if (r == (ssize_t) n) k->stats.sent++;
  else send_failed(k, p);
}

@ A datagram the kernel will not take (its buffer is full) is lost, as it
would be on a real network, and TCP will send it again.  A connected
socket may report here an error caused by an earlier datagram, such as
``connection refused'' when the peer's port has nobody behind it; that
error is kept in the port for the receiving side to report, because that
is where the event loop looks.@^event loop@>

@<Functions of the carrier@>=
static void send_failed(struct carrier *k, struct carrier_port *p)
{
  k->stats.send_failed++;
  if (errno == ECONNREFUSED) p->pending_error = ECONNREFUSED;
}

@*1 The fault injector.
Three faults left to chance are enough to exercise everything TCP does about an
unreliable network.  Each is given as a probability between 0 and 1 and
drawn independently for each datagram: {\it loss}, the datagram never
leaves; {\it duplication}, it leaves twice; {\it reordering}, it is held
back and leaves after the next datagram of the same port (or, if no
other datagram follows within |CARRIER_HOLD_US| microseconds, on its own
when that time is up).  The seed makes a run repeatable as far as the
carrier is concerned.  The kernel's scheduling of two processes is not
under our control, and two runs with the same seed make the same
choices only for the same sequence of datagrams, which is all a live
run can promise.

Two more faults serve where those three are not enough.  {\it Loss on arrival}
drops a datagram received, with its own probability: on the UDP carrier
the other end can lose its own datagrams, but the kernel at the other end
of the TUN carrier of the chapter on meeting the kernel (\secref{tun})
has no injector, and without this its segments would all arrive.  And a
{\it chosen loss} drops the $n$th segment this carrier is asked to send,
for $n$ from 1 to 64, whatever the probabilities: a story that needs one
particular segment lost, the first FIN of a simultaneous close or the
ACK that ends a handshake, then happens at every run, on a busy machine
as on an idle one.  The chosen segments are the bits of |drop|, the
$n$th segment being bit $n-1$.\label{faults}@^loss, chosen@>@^loss on arrival@>

@<The faults a carrier injects@>=
struct carrier_faults {
  double loss, dup, reorder;   /* probabilities, from 0 to 1 */
  uint64_t seed;
  double loss_in;              /* probability of losing a datagram received */
  uint64_t drop;               /* bit $n-1$: lose the $n$th segment sent */
};

@ @<Constants of the carrier@>=
#define CARRIER_HOLD_US 2000

@ The random numbers come from SplitMix64, a generator of 64-bit numbers
with a state of one word: it adds a fixed odd constant to the state and
scrambles the result with two multiply-and-shift rounds.  It is small,
fast and good enough for choosing faults; its state lives in the
carrier, so two carriers in one process never disturb each other.  The
uniform number in $[0,1)$ takes the top 53 bits, as many as a |double|
holds exactly.

@<Functions of the carrier@>=
static double uniform(struct carrier *k)
{
  uint64_t z = (k->rng += UINT64_C(0x9e3779b97f4a7c15));
  z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
  z ^= z >> 31;
  return (double) (z >> 11) * 0x1.0p-53;
}

@ A probability of zero draws no number at all, so that a run without
faults consumes no randomness, and a run with only loss makes the same
choices whatever the other probabilities would have been had they been
zero.

@<Functions of the carrier@>=
static bool chance(struct carrier *k, double p)
{
  return p > 0 && uniform(k) < p;
}

@ Here is the injector.  A lost datagram is recorded all the same, with a
note: the sender's capture, like tcpdump on the sender's machine, sees
every segment that left the sending program, including those that the
network then lost.  The receiver's capture, of course, never sees it.

@<Inject the faults and transmit the |n| bytes of |k->out|@>=
k->handed++;
if ((k->handed <= 64 && (k->faults.drop >> (k->handed - 1) & 1))
    || chance(k, k->faults.loss)) {
  k->stats.lost++;
  record_sent(k, k->out, n, s->src_addr, s->dst_addr, "carrier: lost");
  return;
}
int copies = 1;
if (chance(k, k->faults.dup)) {
  copies = 2;
  k->stats.duplicated++;
}
for (int i = 0; i < copies; i++)
  transmit_or_hold(k, p, k->out, n, s->src_addr, s->dst_addr, now,
    i ? "carrier: duplicate" : NULL);

@ A port holds back at most one datagram.  When another one leaves, the
held one follows it at once, and the two have changed places.  A
datagram that arrives while nothing is held is itself held with the
probability of reordering.  The held datagram is copied, since |k->out|
will be overwritten by the next segment.

@<Functions of the carrier@>=
static void transmit_or_hold(struct carrier *k, struct carrier_port *p,
  const uint8_t *bytes, size_t n, uint32_t src, uint32_t dst, uint64_t now,
  const char *note)
{
  if (!p->held && chance(k, k->faults.reorder)) {
    p->held = malloc(n);
    if (p->held) {
      memcpy(p->held, bytes, n);
      p->held_len = n;
      p->held_dst = dst;
      p->held_until = now + CARRIER_HOLD_US;
      p->held_note = note;
      k->stats.reordered++;
      return;
    }
  }
  uint16_t dport = (uint16_t) (bytes[2] << 8 | bytes[3]);
  record_sent(k, bytes, n, src, dst, note);
  transmit(k, p, bytes, n, dst, dport);
  if (p->held) release_held(k, p);
}

@ A held datagram goes out with a note in the log.  Its destination port
is read back from its TCP header; its destination address was kept in
|held_dst|, since a listening port talks to many peers.

@<Functions of the carrier@>=
static void release_held(struct carrier *k, struct carrier_port *p)
{
  uint8_t *bytes = p->held;
  size_t n = p->held_len;
  p->held = NULL;
  uint32_t src = p->addr, dst = p->held_dst;
  uint16_t dport = (uint16_t) (bytes[2] << 8 | bytes[3]);
  record_sent(k, bytes, n, src, dst,
    p->held_note ? p->held_note : "carrier: reordered (held back)");
  transmit(k, p, bytes, n, dst, dport);
  free(bytes);
}

@ The event loop asks each port when it must be called back, and calls
|carrier_tick| when that time has come.

@<Declarations of the carrier's functions@>=
uint64_t carrier_deadline(const struct carrier_port *p);
void carrier_tick(struct carrier *k, struct carrier_port *p, uint64_t now);

@ @<Functions of the carrier@>=
uint64_t carrier_deadline(const struct carrier_port *p)
{
  return p->held ? p->held_until : UINT64_MAX;
}

void carrier_tick(struct carrier *k, struct carrier_port *p, uint64_t now)
{
  if (p->held && now >= p->held_until) release_held(k, p);
}

@*1 Receiving a segment.
|carrier_receive| hands out, one at a time, the segments of a batch of
datagrams that it reads from a port's socket.  It returns 1 when |*s|
holds a segment (whose text points into the carrier's batch, valid until
the next call), and 0 when the batch is exhausted: the caller should
then wait in |poll| before it asks again, and the next call reads a new
batch.  So a busy port yields at most |CARRIER_BATCH| datagrams at a
time, and the event loop can look at its other ports and its timers in
between.  It returns $-1$ when the kernel reports an error for a
connected port, with |errno| set: |ECONNREFUSED| means that an earlier
datagram found no socket at the peer's port.  A datagram that is not a
good segment is counted, noted in the log, and skipped.

The time at which the segment is handed out is stored in |*usec|, in
microseconds since 1970 on the wall clock: that is the timestamp the
capture and the log give it.

@<Declarations of the carrier's functions@>=
int carrier_receive(struct carrier *k, struct carrier_port *p,
  struct segment *s, uint64_t *usec);

@ @<Functions of the carrier@>=
int carrier_receive(struct carrier *k, struct carrier_port *p,
  struct segment *s, uint64_t *usec)
{
  if (p->pending_error) {
    errno = p->pending_error;
    p->pending_error = 0;
    return -1;
  }
  if (k->batch_port != p) {
    k->batch_port = p;
    k->batch_next = 0;
    int r = fill_batch(k, p);
    if (r <= 0) {
      k->batch_port = NULL;
      return r;
    }
  }
  while (k->batch_next < k->batch_size) {
    struct carrier_incoming *d = &k->batch[k->batch_next];
    const uint8_t *bytes = k->batch_bytes + k->batch_next * CARRIER_SLOT;
    k->batch_next++;
    @<Lose the datagram on arrival, by chance, and |continue|@>@;
    k->stats.received++;
    *usec = carrier_wallclock();
    @<Parse the datagram into |*s|, or note why it is dropped and |continue|@>@;
    return 1;
  }
  k->batch_port = NULL;
  return 0;
}

@ A datagram lost on arrival leaves a line in the log and nothing in the
capture: the capture shows what reached the program, and this datagram,
as far as the program is concerned, never did.

@<Lose the datagram on arrival...@>=
if (chance(k, k->faults.loss_in)) {
  k->stats.lost_in++;
  carrier_note(k, "carrier: lost on arrival (%zu bytes)", d->len);
  continue;
}

@ The batch: the bytes of each datagram in a slot of |CARRIER_SLOT|
bytes, larger than any datagram, and for each its length and its
sender.

@<Constants of the carrier@>=
#define CARRIER_SLOT 65536

@ @<The batch of datagrams received@>=
struct carrier_incoming {
  uint32_t from;
  uint16_t from_port;
  size_t len;
} batch[CARRIER_BATCH];
struct carrier_port *batch_port;   /* where the batch came from, or |NULL| */
size_t batch_size, batch_next;
uint8_t *batch_bytes;

@ Filling the batch takes one |recvmmsg| where there is one.  Without it,
datagrams are read one at a time until the socket has no more.  The function returns the number of
datagrams read (0 if none was waiting), or $-1$ on an error.

@<Functions of the carrier@>=
static int fill_batch(struct carrier *k, struct carrier_port *p)
{
  if (p->tun) return tun_fill_batch(k, p);
  struct sockaddr_in sa[CARRIER_BATCH];
  size_t n = 0;
#ifdef __linux__
  @<Read a batch with |recvmmsg| into |n| and |sa|@>@;
#else
  for (; n < CARRIER_BATCH; n++) {
    socklen_t len = sizeof sa[n];
    ssize_t r = recvfrom(p->fd, k->batch_bytes + n * CARRIER_SLOT,
      CARRIER_SLOT, 0, (struct sockaddr *) &sa[n], &len);
    if (r < 0) break;
    k->batch[n].len = (size_t) r;
  }
#endif
  @<Finish the batch of |n| datagrams, or report the error@>@;
}

@ @<Read a batch with |recvmmsg|...@>=
struct mmsghdr m[CARRIER_BATCH];
struct iovec iov[CARRIER_BATCH];
memset(m, 0, sizeof m);
for (size_t x = 0; x < CARRIER_BATCH; x++) {
  iov[x].iov_base = k->batch_bytes + x * CARRIER_SLOT;
  iov[x].iov_len = CARRIER_SLOT;
  m[x].msg_hdr.msg_iov = &iov[x];
  m[x].msg_hdr.msg_iovlen = 1;
  m[x].msg_hdr.msg_name = &sa[x];
  m[x].msg_hdr.msg_namelen = sizeof sa[x];
}
int r = recvmmsg(p->fd, m, CARRIER_BATCH, MSG_DONTWAIT, NULL);
if (r > 0)
  for (int x = 0; x < r; x++) k->batch[x].len = m[x].msg_len;
n = r > 0 ? (size_t) r : 0;

@ An error with nothing read ends the batch; with something read, the
error is left for the next call, which will meet it again.

@<Finish the batch of |n| datagrams, or report the error@>=
if (n == 0) {
  if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) return 0;
  return -1;
}
for (size_t x = 0; x < n; x++)
  address_of(&sa[x], &k->batch[x].from, &k->batch[x].from_port);
k->batch_size = n;
return (int) n;

@ The checksum is verified with the pseudo-header of the two sockets'
addresses: the sender's, as the kernel reported it, and ours.  Then the
ports in the TCP header must be those of the UDP header.

@<Parse the datagram into |*s|, or note why it is dropped...@>=
enum seg_error e = seg_parse(s, bytes, d->len, d->from, p->addr, true);
if (e != SEG_OK) {
  k->stats.malformed++;
  carrier_note(k, "carrier: dropped a %s of %zu bytes from %s: %s",
    p->tun ? "segment" : "datagram", d->len,
    dotted(d->from, d->from_port).text, seg_error_text(e));
  continue;
}
if (s->src_port != d->from_port || s->dst_port != p->port) {
  k->stats.misaddressed++;
  carrier_note(k, "carrier: dropped a segment for port %u from port %u "@t}\1\1{@>@/
    "in a datagram from %s to port %u", s->dst_port, s->src_port,
    dotted(d->from, d->from_port).text, p->port@t}\2\2{@>);
  continue;
}

@ Addresses are written in the notes as tcpdump writes them, the port
after the address and a dot.  A small structure returned by value
holds the text, which saves the caller a buffer.

@<Declarations of the carrier's functions@>=
struct dotted_address { char text[24]; };
struct dotted_address dotted(uint32_t addr, uint16_t port);

@ @<Functions of the carrier@>=
struct dotted_address dotted(uint32_t addr, uint16_t port)
{
  struct dotted_address d;
  snprintf(d.text, sizeof d.text, "%u.%u.%u.%u.%u", addr >> 24,
    (addr >> 16) & 0xff, (addr >> 8) & 0xff, addr & 0xff, port);
  return d;
}

@ The wall clock is read with |clock_gettime|.  It is used for
timestamps in the capture and nothing else: the TCP core's timers run on
the monotonic clock, which no one can set back.

@<Declarations of the carrier's functions@>=
uint64_t carrier_wallclock(void);

@ @<Functions of the carrier@>=
uint64_t carrier_wallclock(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (uint64_t) ts.tv_sec * 1000000u + (uint64_t) ts.tv_nsec / 1000u;
}

@*1 Peers that have gone away.
The last sections showed how a connected port hears of an ICMP
message ``port unreachable'': a call on it fails with |ECONNREFUSED|.
A listening port is not
connected: it talks to many peers, and by default the kernel keeps ICMP
errors to itself for such a socket, since it could not say which peer
failed.  Linux can say it.  Given the socket option |IP_RECVERR|, the
kernel queues each error with a copy of the offending datagram's
destination, and reports the error once on the next call on the socket,
a read or a send; the program then reads the queued errors with
|recvmsg|, passing it the flag |MSG_ERRQUEUE|.  This matters to a server whose client
process has died: without it, the server learns nothing, and a
connection in LAST\_ACK repeats its FIN for minutes until its retries run
out; with it, the first FIN brings back the news, and the host can abort
the connection as \S3.9.2.2 asks of a hard error.  Where the option does
not exist, nothing changes.@^RFC 9293 \S3.9.2.2@>

@<Functions of the carrier@>=
static void watch_unreachable(struct carrier_port *p)
{
#ifdef IP_RECVERR
  int one = 1;
  (void) setsockopt(p->fd, IPPROTO_IP, IP_RECVERR, &one, sizeof one);
#else
  (void) p;
#endif
}

@ |carrier_unreachable| takes one error from the queue of a port.  It
returns 1 when the error is ``port unreachable'' and sets |*addr| and
|*port| to the peer that was not there; 2 for an error of another kind,
which is taken off the queue and ignored (the timers of TCP deal with
peers that merely do not answer); 0 when the queue is empty.  A caller
empties the queue by calling it until it returns 0.  A send that failed
because the kernel reported such an error there lost its datagram, which
TCP will send again.

@<Declarations of the carrier's functions@>=
int carrier_unreachable(struct carrier_port *p, uint32_t *addr,
  uint16_t *port);

@ @<Functions of the carrier@>=
int carrier_unreachable(struct carrier_port *p, uint32_t *addr,
  uint16_t *port)
{
#if defined(MSG_ERRQUEUE) && defined(IP_RECVERR)
  struct sockaddr_in sa;
  uint8_t byte, control[256];
  struct iovec iov = {@[.iov_base = &byte@], @[.iov_len = 1@]};
  struct msghdr m;
  memset(&m, 0, sizeof m);
  m.msg_name = &sa;
  m.msg_namelen = sizeof sa;
  m.msg_iov = &iov;
  m.msg_iovlen = 1;
  m.msg_control = control;
  m.msg_controllen = sizeof control;
  if (recvmsg(p->fd, &m, MSG_ERRQUEUE | MSG_DONTWAIT) < 0) return 0;
  address_of(&sa, addr, port);
  for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c))
    if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_RECVERR)
      @<Return 1 if the error in |c| is ICMP's ``port unreachable''@>@;
  return 2;
#else
  (void) p, (void) addr, (void) port;
  return 0;
#endif
}

@ The error comes as a |struct sock_extended_err| of Linux: its origin is
ICMP, type 3 (destination unreachable), code 3 (port unreachable).

@<Return 1 if the error in |c| is ICMP's ...@>=
{
  struct sock_extended_err e;
  memcpy(&e, CMSG_DATA(c), sizeof e);
  if (e.ee_origin == SO_EE_ORIGIN_ICMP && e.ee_type == 3 && e.ee_code == 3)
    return 1;
}

@*1 Recording what crosses the carrier.
The capture file and the text log follow the conventions of the chapter
on logs (\secref{log}): each segment is a packet in the capture and a line in the log,
the line being exactly what \.{tcpdump -n -S -tt} prints for that
packet; state changes are lines that begin with \.{\#} and their time,
under the segment that caused them or, when the program or a timer
caused them, above the segments they sent; they are also the packet's
comment in the capture, which Wireshark shows beside the packet.

There is a difficulty of order.  When a segment arrives, the TCP core
may change state and send answers, all inside one call; the carrier sees
the answers before the event loop knows which state changes the arriving
segment caused, and that is the comment to write with it.  So while the
core is working, the carrier {\it defers} what it records: each segment
it sends is kept as a record, and when the core returns, the event loop
calls |carrier_release| with the arriving segment and its comment.  The
arriving segment is written first, then its comment, then the answers,
in the order they were sent.  When the core was called for a timer or by
the application, there is no arriving segment: the change of state came
first and the segments it sent after it (a connect moves to SYN\_SENT
and sends its SYN; a close moves to FIN\_WAIT\_1 and sends its FIN), so
the log has the comment's lines first, then the segments, in the order
of the moments; the capture, which has only packets, gives the comment
to the first segment sent.  If nothing was sent at all, the comment is
written alone.  The simulated link's logs (\secref{simlink}) put their
lines in the same order, so that the two kinds of log read alike.@^log, text@>

@<Private declarations of the carrier@>=
struct carrier_record {
  uint64_t usec;
  uint32_t src, dst;
  uint8_t *bytes;
  size_t len;
  const char *note;
};

@ Without a capture or a log, recording costs nothing: no records are
kept and nothing is formatted.

@<Declarations of the carrier's functions@>=
bool carrier_recording(const struct carrier *k);
void carrier_defer(struct carrier *k);
void carrier_release(struct carrier *k, const struct segment *in,
  uint64_t usec, const char *comment);

@ @<Functions of the carrier@>=
bool carrier_recording(const struct carrier *k)
{
  return k->capture || k->log;
}

void carrier_defer(struct carrier *k)
{
  k->deferring = carrier_recording(k);
}

@ A segment sent is recorded at once, or kept when recording is
deferred.  A record that cannot be kept for lack of memory is written at
once: the order of the log suffers, but nothing is lost.

@<Functions of the carrier@>=
static void record_sent(struct carrier *k, const uint8_t *bytes, size_t n,
  uint32_t src, uint32_t dst, const char *note)
{
  if (!carrier_recording(k)) return;
  uint64_t usec = carrier_wallclock();
  if (k->deferring && @<There is room for one more record@>) {
    struct carrier_record *r = &k->records[k->nrecords];
    r->bytes = malloc(n);
    if (r->bytes) {
      memcpy(r->bytes, bytes, n);
      r->len = n;
      r->usec = usec;
      r->src = src;
      r->dst = dst;
      r->note = note;
      k->nrecords++;
      return;
    }
  }
  write_bytes(k, usec, bytes, n, src, dst, NULL, false, note);
}

@ @<There is room for one more record@>=
(k->nrecords < k->records_cap || grow_records(k))

@ @<Functions of the carrier@>=
static bool grow_records(struct carrier *k)
{
  size_t cap = k->records_cap ? 2 * k->records_cap : 8;
  struct carrier_record *r = realloc(k->records, cap * sizeof *r);
  if (!r) return false;
  k->records = r;
  k->records_cap = cap;
  return true;
}

@ Releasing writes the arriving segment, if any, with the comment under
it; otherwise the comment's lines go to the log at once, ahead of the
segments sent, and to the capture with the first of them.  Then come
every deferred record.

@<Functions of the carrier@>=
void carrier_release(struct carrier *k, const struct segment *in,
  uint64_t usec, const char *comment)
{
  if (!carrier_recording(k)) return;
  k->deferring = false;
  if (comment && !*comment) comment = NULL;
  if (in) {
    write_segment(k, usec, in, comment, true, NULL);
    comment = NULL;
  } else if (comment) write_lines(k, comment);
  for (size_t i = 0; i < k->nrecords; i++) {
    struct carrier_record *r = &k->records[i];
    write_bytes(k, r->usec, r->bytes, r->len, r->src, r->dst, comment,
      false, r->note);
    comment = NULL;
    free(r->bytes);
  }
  k->nrecords = 0;
}

@ A record holds the bytes that went out; to write it, we parse them
back into a segment, without checking the checksum we computed
ourselves.

@<Functions of the carrier@>=
static void write_bytes(struct carrier *k, uint64_t usec,
  const uint8_t *bytes, size_t n, uint32_t src, uint32_t dst,
  const char *comment, bool log_comment, const char *note)
{
  struct segment s;
  if (seg_parse(&s, bytes, n, src, dst, false) == SEG_OK)
    write_segment(k, usec, &s, comment, log_comment, note);
}

@ One segment goes into the capture with the comment (and the carrier's
note, if any) as the packet's comment, and into the log as tcpdump's
line followed by the comment's lines, unless |log_comment| is false
because the log has them already, above the line.  A comment may hold several lines
(a segment can cause two state changes, as a FIN that also acknowledges
ours does); in the capture they are separated by vertical bars.

@<Functions of the carrier@>=
static void write_segment(struct carrier *k, uint64_t usec,
  const struct segment *s, const char *comment, bool log_comment,
  const char *note)
{
  if (k->capture) {
    char text[1024];
    join_comment(text, sizeof text, comment, note);
    capture_segment(k->capture, usec, s, *text ? text : NULL);
  }
  if (k->log) {
    char row[512];
    format_tcpdump(row, sizeof row, usec, s);
    fprintf(k->log, "%s\n", row);
    if (comment && log_comment) write_lines(k, comment);
    if (note) write_lines(k, note);
    fflush(k->log);
  }
}

@ @<Functions of the carrier@>=
static void join_comment(char *text, size_t cap, const char *comment,
  const char *note)
{
  size_t n = 0;
  text[0] = '\0';
  for (const char *c = comment; c && *c && n + 4 < cap; c++) {
    if (*c == '\n') {
      if (c[1]) n += (size_t) snprintf(text + n, cap - n, " | ");
    } else text[n++] = *c, text[n] = '\0';
  }
  if (note && n + 4 < cap)
    snprintf(text + n, cap - n, "%s%s", n ? " | " : "", note);
}

@ Each line of a comment becomes a line of the log with the state
marker in front.

@<Functions of the carrier@>=
static void write_lines(struct carrier *k, const char *text)
{
  if (!k->log) return;
  while (*text) {
    const char *end = strchr(text, '\n');
    size_t len = end ? (size_t) (end - text) : strlen(text);
    if (len) fprintf(k->log, LOG_STATE_MARKER "%.*s\n", (int) len, text);
    text += len + (end != NULL);
  }
  fflush(k->log);
}

@ The event loop and the carrier itself also write notes that belong to
no segment, such as a datagram that could not be parsed; |carrier_note|
formats one and writes it as a line of the log (never into the capture,
which has only packets).

@<Declarations of the carrier's functions@>=
void carrier_note(struct carrier *k, const char *fmt, ...);

@ @<Functions of the carrier@>=
void carrier_note(struct carrier *k, const char *fmt, ...)
{
  if (!k->log) return;
  char text[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(text, sizeof text, fmt, ap);
  va_end(ap);
  write_lines(k, text);
}

@ @<Private declarations of the carrier@>=
static void send_run(struct carrier *k, size_t i, size_t j);
static void send_one(struct carrier *k, struct carrier_port *p,
  const uint8_t *bytes, size_t n, uint32_t dst, uint16_t dport);
static void send_failed(struct carrier *k, struct carrier_port *p);
static int fill_batch(struct carrier *k, struct carrier_port *p);
static void watch_unreachable(struct carrier_port *p);
static double uniform(struct carrier *k);
static bool chance(struct carrier *k, double p);
static void transmit(struct carrier *k, struct carrier_port *p,
  const uint8_t *bytes, size_t n, uint32_t dst, uint16_t dport);
static void transmit_or_hold(struct carrier *k, struct carrier_port *p,
  const uint8_t *bytes, size_t n, uint32_t src, uint32_t dst, uint64_t now,
  const char *note);
static void release_held(struct carrier *k, struct carrier_port *p);
static void record_sent(struct carrier *k, const uint8_t *bytes, size_t n,
  uint32_t src, uint32_t dst, const char *note);
static bool grow_records(struct carrier *k);
static void write_bytes(struct carrier *k, uint64_t usec,
  const uint8_t *bytes, size_t n, uint32_t src, uint32_t dst,
  const char *comment, bool log_comment, const char *note);
static void write_segment(struct carrier *k, uint64_t usec,
  const struct segment *s, const char *comment, bool log_comment,
  const char *note);
static void join_comment(char *text, size_t cap, const char *comment,
  const char *note);
static void write_lines(struct carrier *k, const char *text);

@*1 Watching the carrier.
The carrier leaves two traces of its work in the text log of a program
(\.{-l FILE}), besides the lines of the segments themselves.  A datagram
that could not be a segment appears as a line of its own, such as
$$\hbox{\.{\# carrier: dropped a datagram of 4 bytes from ...}}$$
which one can provoke by sending rubbish to a listening port with any
UDP tool; in \.{bash},
$$\hbox{\.{printf junk > /dev/udp/127.0.0.1/9000}}$$
will do.  And every fault injected is noted under the segment it
struck: a segment that never left is followed by the line
\.{\# carrier: lost}, the second copy of a duplicated one by
\.{\# carrier: duplicate}, and one that left late by a line that says
it was reordered.  In the capture (\.{-w FILE}) the same notes are the
comments of the packets, which Wireshark shows in each packet's details
and lists together under its menu item Statistics, Capture File
Properties; \.{tshark} prints them with \.{-T fields -e frame.comment}.
A lost segment is in the sender's capture, since the sender did send
it, and Wireshark then flags its retransmission; it is never in the
receiver's capture.@^tshark@>

@*1 Exercises.

\smallskip\noindent
1.~\diff1 Copy a file with the two programs of the chapter after next
(\secref{programs}),
$$\vbox{\halign{\.{#}\hfil\cr
ltcp listen -d -l s.log 9000 > copy\cr
ltcp connect --msl 1 --dup 0.5 127.0.0.1 9000 < file\cr}}$$
so that only the sending side duplicates, and
read the receiver's log \.{s.log}.  How does the receiving TCP answer a duplicate data
segment, and where in RFC~9293 is that answer prescribed?  Does the copy
still come out right? \excheck{carrier.1}

\smallskip\noindent
2.~\diff1 Run the same copy with \.{--reorder 0.3}.  How long at most does
the carrier hold a datagram back?  Make that time 200 milliseconds
(|CARRIER_HOLD_US|), predict what the logs will show when the held
segment is a FIN, then check. \excheck{carrier.2}

\smallskip\noindent
3.~\diff2 A listening port answers a segment for which it has no connection
with a reset, and a connected port gets ``refused'' from the kernel when
nobody is at the other end.  Write down, for each of the three ways of
mapping endpoints onto UDP sockets discussed at the start of this
chapter, what a client would see when it connects to a port nobody
listens on.

\smallskip\noindent
4.~\diff2 Add a fourth fault, {\it corruption}: with probability $P$, flip
one random bit of the datagram after the checksum has been computed.
Which counter of the receiving carrier goes up?  Why does the receiving
TCP never see the segment, and what does the sender's TCP do about it?

\smallskip\noindent
5.~\diff3 The host flushes the carrier's queue only when its loop is about to
wait.  Flush it instead at the end of every call of the core (in |end|,
in the next chapter, \secref{eventloop}), and run \.{build/bench/bench\_carrier rtt} and
\.{build/bench/bench\_carrier throughput} before and after.  Explain
both changes from the logs of an echo: count the datagrams, and the
system calls with \.{strace -c}.

\smallskip\noindent
6.~\diff4 Carry the segments in IPv6 UDP datagrams.  What changes in the
pseudo-header (RFC~8200 \S8.1), in |struct segment|, and in the capture
file, and what does not change at all?@^duplicate segment@>@^RFC 8200 \S8.1@>@^RFC 8200@>
