@q tun.w: a third carrier, a TUN device in a private network namespace. @>

@** Meeting the kernel.
Every connection of this book so far has had \.{ltcp} at both ends.
That is a weak test of a protocol: a mistake made the same way by the
sender and the receiver cancels out, and the two ends agree happily on
something no other TCP would accept.  The strongest test there is puts a
TCP written by somebody else on the other end, and the TCP most readers
have at hand is the one in the Linux kernel, with \.{curl}, \.{nc} and
Python's sockets as its users.  This chapter writes a third carrier,
beside the simulated link and UDP, that makes this possible: each segment
travels as a real IPv4 packet, through a {\it TUN device}, to the
kernel's own TCP.
\label{tun}%
@^TUN device@>@^carrier@>@^Linux kernel as a peer@>

A TUN device is a network interface with a program instead of a wire
behind it.  The kernel routes packets to it as to any interface; instead
of going out on a cable they become readable, one packet per |read|, on a
file descriptor that the program got by opening \.{/dev/net/tun}.  What
the program |write|s on that descriptor arrives at the kernel as if it
had come in from the wire.  With the flag |IFF_TUN| the packets are IP
packets, without any link-layer header; with |IFF_NO_PI| the kernel adds
no four bytes of ``packet information'' in front of them either.  So
each |read| yields exactly an IPv4 packet, and each |write| must be one.
(Its cousin, a TAP device, carries Ethernet frames; we have no use for
them.)

@ {\it Why a private network namespace.}  Creating an interface and
giving it addresses changes the machine's network, and a program that
teaches TCP has no business doing that to a reader's host.  Linux has a
cleaner way: a {\it network namespace} is a complete, separate copy of
the network stack --- its own interfaces, addresses, routes, sockets and
port numbers --- that a process can enter with |unshare(CLONE_NEWNET)|.
A new namespace holds only a loopback interface, down.  \.{ltcp} enters
one of its own, creates the TUN device in it, gives the device an
address, and brings it and the loopback up.  Nothing outside sees any of
it, nothing needs cleaning up (the namespace vanishes with the last
process in it), and every port number is free, so tests never collide
with one another or with the host's servers.@^network namespace@>

Creating a namespace and a TUN device needs the capability
|CAP_NET_ADMIN|.  Root has it.  An ordinary user can have it too, inside
a {\it user namespace} of his own, where he is root over the objects
created there; many distributions allow that, and then a user can run
\.{ltcp --tun} when \.{/dev/net/tun} is open to everybody (it usually
is).  Where neither works, \.{ltcp} says in one line what is missing and
exits with status 2, as for a command line it cannot carry out.

@ {\it Addresses.}  The device stands for a small network of two hosts,
a /24: the kernel's side has an address on the device, ltcp's side is
the other address the kernel routes to the device.  By default the
kernel is \.{10.7.0.1} and \.{ltcp} is \.{10.7.0.2}.  \.{ltcp listen
--tun 8080} listens on \.{10.7.0.2}, and the kernel's programs connect
there; \.{ltcp connect --tun 10.7.0.1 8080} reaches a kernel server.
Another address may be named (it is the kernel's for \.{connect}, ltcp's
own for \.{listen}); the other side takes the partner in the same /24,
\.{.1} and \.{.2} pairing with each other, every other host number
pairing with \.{.1}.

@d TUN_LTCP_ADDR UINT32_C(0x0a070002) /* 10.7.0.2 */
@d TUN_KERNEL_ADDR UINT32_C(0x0a070001) /* 10.7.0.1 */

@ The setting up is a module of its own, \.{tun.c}, with a header.  A
|struct tun_link| describes the device once it exists: its descriptor,
its name, and the two addresses in host byte order.

@(tun.h@>=
#ifndef LTCP_TUN_H
#define LTCP_TUN_H
#include <stddef.h>
#include <stdint.h>
struct tun_link {
  int fd;                 /* the open device, non-blocking */
  char name[16];
  uint32_t kernel_addr;   /* the kernel's address on the device */
  uint32_t ltcp_addr;     /* ltcp's address, routed to the device */
};
uint32_t tun_partner(uint32_t addr);
int tun_open(struct tun_link *t, uint32_t kernel_addr, char *why,
  size_t cap);
void tun_close(struct tun_link *t);
int tun_wait_listening(uint16_t port, int (*gone)(void *), void *arg,
  unsigned timeout_ms);
#endif

@ @(tun.c@>=
#if !defined(_GNU_SOURCE)
#define _GNU_SOURCE 1
#endif
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <linux/if_tun.h>
#include "tun.h"
@<Private declarations of the TUN link@>@;
@<Functions of the TUN link@>@;

@ The partner of an address in its /24, as the section on addresses
said.

@<Functions of the TUN link@>=
uint32_t tun_partner(uint32_t addr)
{
  return (addr & ~UINT32_C(0xff)) | ((addr & 0xff) == 1 ? 2 : 1);
}

@ Opening the link is four steps, each of which may fail with a
message in |why|: enter a private namespace, create the device, give it
the kernel's address, bring the interfaces up.

We could run the \.{ip} command for the last three steps, as a reader
would by hand; we do them with |ioctl| instead, the interface that \.{ip}
itself falls back on for these simple cases, so that \.{ltcp} needs no
other program and every step is in this chapter.  An address and a
netmask given with |SIOCSIFADDR| and |SIOCSIFNETMASK| are enough: when
the device comes up, the kernel adds the route of the /24 through it on
its own, and so packets for ltcp's address go to the device.

@<Functions of the TUN link@>=
int tun_open(struct tun_link *t, uint32_t kernel_addr, char *why, size_t cap)
{
  memset(t, 0, sizeof *t);
  t->fd = -1;
  t->kernel_addr = kernel_addr;
  t->ltcp_addr = tun_partner(kernel_addr);
  if (enter_namespace(why, cap) < 0) return -1;
  @<Create the TUN device, or fail@>@;
  int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (s < 0
      || set_address(s, t->name, SIOCSIFADDR, kernel_addr) < 0
      || set_address(s, t->name, SIOCSIFNETMASK, UINT32_C(0xffffff00)) < 0
      || bring_up(s, t->name) < 0 || bring_up(s, "lo") < 0) {
    snprintf(why, cap, "cannot configure %s: %s", t->name, strerror(errno));
    if (s >= 0) close(s);
    tun_close(t);
    return -1;
  }
  close(s);
  return 0;
}

@ Root simply enters a new network namespace.  Anybody else first enters
a new user namespace, in which his own user and group are mapped to root
(the three files of \.{/proc/self} below say so; \.{setgroups} must be
denied before an unprivileged process may write the group map), and then
the network namespace, which he may now create.  Both |unshare| calls
need a process with a single thread, which \.{ltcp} is.@^user namespace@>

@<Functions of the TUN link@>=
static int enter_namespace(char *why, size_t cap)
{
  if (geteuid() == 0) {
    if (unshare(CLONE_NEWNET) == 0) return 0;
    snprintf(why, cap, "cannot make a network namespace: %s",
      strerror(errno));
    return -1;
  }
  uid_t uid = geteuid();
  gid_t gid = getegid();
  char map[64];
  if (unshare(CLONE_NEWUSER | CLONE_NEWNET) < 0) {
    snprintf(why, cap, "not root, and no user namespaces here (%s)",
      strerror(errno));
    return -1;
  }
  snprintf(map, sizeof map, "0 %u 1\n", (unsigned) uid);
  int ok = write_file("/proc/self/setgroups", "deny\n") == 0
    && write_file("/proc/self/uid_map", map) == 0;
  snprintf(map, sizeof map, "0 %u 1\n", (unsigned) gid);
  if (ok && write_file("/proc/self/gid_map", map) == 0) return 0;
  snprintf(why, cap, "cannot map the user into the new user namespace: %s",
    strerror(errno));
  return -1;
}

@ @<Functions of the TUN link@>=
static int write_file(const char *name, const char *text)
{
  int fd = open(name, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  ssize_t n = write(fd, text, strlen(text));
  int e = errno;
  close(fd);
  errno = e;
  return n == (ssize_t) strlen(text) ? 0 : -1;
}

@ The device is created by opening \.{/dev/net/tun} and naming the
interface with |TUNSETIFF|.  The name \.{ltcp0} is ours to take, since
the namespace is new.  The descriptor is made non-blocking, for the event
loop waits only in |poll|, and closed on |exec|, so that the commands
\.{ltcp} starts never hold the device open.

@<Create the TUN device, or fail@>=
t->fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
if (t->fd < 0) {
  snprintf(why, cap, "cannot open /dev/net/tun: %s", strerror(errno));
  return -1;
}
struct ifreq ifr;
memset(&ifr, 0, sizeof ifr);
ifr.ifr_flags = IFF_TUN | IFF_NO_PI;
snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "ltcp0");
if (ioctl(t->fd, TUNSETIFF, &ifr) < 0) {
  snprintf(why, cap, "cannot create a TUN device: %s", strerror(errno));
  tun_close(t);
  return -1;
}
snprintf(t->name, sizeof t->name, "%.15s", ifr.ifr_name);

@ @<Functions of the TUN link@>=
static int set_address(int s, const char *name, unsigned long request,
  uint32_t addr)
{
  struct ifreq ifr;
  struct sockaddr_in sa;
  memset(&ifr, 0, sizeof ifr);
  memset(&sa, 0, sizeof sa);
  snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "%s", name);
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl(addr);
  memcpy(&ifr.ifr_addr, &sa, sizeof sa);
  return ioctl(s, request, &ifr);
}

static int bring_up(int s, const char *name)
{
  struct ifreq ifr;
  memset(&ifr, 0, sizeof ifr);
  snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "%s", name);
  if (ioctl(s, SIOCGIFFLAGS, &ifr) < 0) return -1;
  ifr.ifr_flags |= IFF_UP;
  return ioctl(s, SIOCSIFFLAGS, &ifr);
}

@ @<Functions of the TUN link@>=
void tun_close(struct tun_link *t)
{
  if (t->fd >= 0) close(t->fd);
  t->fd = -1;
}

@ \.{ltcp connect --tun} with a command must not send its SYN before the
kernel's server listens, or the kernel refuses it.  The kernel lists its
TCP sockets of the current namespace in \.{/proc/net/tcp}, one a line:
the local address and port in hexadecimal, the remote ones, then the
state, where \.{0A} is LISTEN.  |tun_wait_listening| reads that file
every ten milliseconds until some socket listens on |port|, the time is
up, or |gone(arg)| says the command has ended (then nobody will ever
listen).  It returns 1 if the port is listened on, 0 otherwise.

@<Functions of the TUN link@>=
int tun_wait_listening(uint16_t port, int (*gone)(void *), void *arg,
  unsigned timeout_ms)
{
  for (unsigned waited = 0;; waited += 10) {
    if (port_listened_on(port)) return 1;
    if (waited >= timeout_ms || gone(arg)) return 0;
    struct timespec ts = {0, 10 * 1000 * 1000};
    nanosleep(&ts, NULL);
  }
}

@ @<Functions of the TUN link@>=
static int port_listened_on(uint16_t port)
{
  FILE *f = fopen("/proc/net/tcp", "r");
  if (!f) return 0;
  char line[256];
  int found = 0;
  while (!found && fgets(line, sizeof line, f)) {
    unsigned a, p, st;
    if (sscanf(line, " %*u: %8x:%4x %*x:%*x %2x", &a, &p, &st) == 3
        && p == port && st == 0x0a)
      found = 1;
  }
  fclose(f);
  return found;
}

@ The private functions of the module are declared before any is
defined.

@<Private declarations of the TUN link@>=
static int enter_namespace(char *why, size_t cap);
static int write_file(const char *name, const char *text);
static int set_address(int s, const char *name, unsigned long request,
  uint32_t addr);
static int bring_up(int s, const char *name);
static int port_listened_on(uint16_t port);

@*1 The IPv4 header.
The kernel reads from the device IPv4 packets, so \.{ltcp} must now write
the header that its UDP carrier left to the kernel.  RFC~791 (\S3.1)
lays it out in five 32-bit words when there are no options, and ours has
none:@^RFC 791@>@^IPv4 header@>

\smallskip
{\parindent=2em
\item{$\bullet$} {\it version} (4 bits) is 4, and {\it IHL}, the
  header's length in words, is 5: the first byte is \.{0x45};
\item{$\bullet$} {\it type of service} (a byte; today the DSCP and ECN
  bits) is 0;
\item{$\bullet$} {\it total length}, 16 bits, counts header and segment
  in bytes;
\item{$\bullet$} {\it identification}, 16 bits, and the 3-bit {\it
  flags} with the 13-bit {\it fragment offset} serve reassembly of
  fragments.  We never fragment: we set the flag ``don't fragment'' and
  the identification 0, as RFC~6864 (\S4.1) allows for such an
  ``atomic'' datagram, and as Linux itself does;
\item{$\bullet$} {\it time to live}, a byte, is 64;
\item{$\bullet$} {\it protocol}, a byte, is 6 for TCP;
\item{$\bullet$} {\it header checksum}: the Internet checksum (the one
  of \secref{segment}) of the header alone;
\item{$\bullet$} the {\it source} and {\it destination addresses}, 32
  bits each.\par}
\smallskip\noindent
These are the same twenty bytes that the chapter on logs
(\secref{log}) puts in front of every segment of a capture; now they go
on the wire too.  TCP's checksum is not affected: it covers the
pseudo-header, made of the same two addresses, exactly as before.@^RFC 6864@>

@<Functions of the carrier@>=
static void tun_header(uint8_t h[IPV4_HEADER_MIN], size_t n, uint32_t src,
  uint32_t dst)
{
  h[0] = 0x45;
  h[1] = 0;
  put_be16(h + 2, (uint16_t) (n + IPV4_HEADER_MIN));
  put_be16(h + 4, 0);
  put_be16(h + 6, 0x4000); /* don't fragment */
  h[8] = 64;
  h[9] = 6;
  put_be16(h + 10, 0);
  put_be32(h + 12, src);
  put_be32(h + 16, dst);
  put_be16(h + 10, inet_checksum(h, IPV4_HEADER_MIN));
}

@*1 The carrier on a TUN device.
The carrier of \secref{carrier} needs three changes to use a device
instead of a socket, and nothing above it changes at all.  A port now
says whether its descriptor is a TUN device; a run of queued segments
leaving such a port is written, each with its IPv4 header in front, by
one |writev| per packet (a TUN device takes exactly one packet per
call); and reading fills the batch with the packets of the device,
their IPv4 headers checked and taken off.  Only one port of a program
may sit on the device, for every port would read every packet; the
programs of \secref{programs} never open more than one.

@<Fields of a port on a TUN device@>=
bool tun;   /* |fd| is a TUN device, not a UDP socket */

@ Opening a port on the device takes a descriptor of the device of its
own (a duplicate, so that closing the port leaves the device alone),
the address and port of ltcp's end, and for a connecting endpoint the
peer it talks to.

@<Declarations of the carrier's functions@>=
int carrier_open_tun(struct carrier_port *p, int fd, uint32_t addr,
  uint16_t port, uint32_t peer_addr, uint16_t peer_port);

@ @<Functions of the carrier@>=
int carrier_open_tun(struct carrier_port *p, int fd, uint32_t addr,
  uint16_t port, uint32_t peer_addr, uint16_t peer_port)
{
  memset(p, 0, sizeof *p);
  p->fd = fcntl(fd, F_DUPFD_CLOEXEC, 0);
  if (p->fd < 0) return -1;
  p->tun = true;
  p->addr = addr;
  p->port = port;
  p->connected = peer_port != 0;
  p->peer_addr = peer_addr;
  p->peer_port = peer_port;
  return 0;
}

@ Sending.  A packet the device will not take (its queue is full) is
lost, as a datagram the socket would not take was.

@<Write the run from |i| to |j| to the TUN device and |return|@>=
for (size_t x = i; x < j; x++) {
  struct carrier_outgoing *q = &k->queue[x];
  uint8_t h[IPV4_HEADER_MIN];
  tun_header(h, q->len, p->addr, q->dst);
  struct iovec v[2] = {@[{h, IPV4_HEADER_MIN}, {k->queue_bytes + q->off, q->len}@]};
  ssize_t r = writev(p->fd, v, 2);
  if (r == (ssize_t) (q->len + IPV4_HEADER_MIN)) k->stats.sent++;
  else k->stats.send_failed++;
}
return;

@ Receiving.  Each |read| gives one packet, which goes into a slot of
the batch.  The checks of its IPv4 header come next; a packet that passes
them has its header taken off, so that the slot holds the segment at its
start as a datagram's slot did, and the TCP source port stands in for the
UDP port the rest of the carrier compares it with.  The segment's own
checksum, with the pseudo-header of the packet's two addresses, is then
checked as for every carrier.

@<Functions of the carrier@>=
static int tun_fill_batch(struct carrier *k, struct carrier_port *p)
{
  size_t n = 0;
  while (n < CARRIER_BATCH) {
    uint8_t *b = k->batch_bytes + n * CARRIER_SLOT;
    ssize_t r = read(p->fd, b, CARRIER_SLOT);
    if (r < 0) {
      if (n || errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
        break;
      return -1;
    }
    if (r == 0) break;
    size_t len = (size_t) r;
    @<Check the IPv4 header of the packet in |b|, and strip it, or |continue|@>@;
    n++;
  }
  k->batch_size = n;
  return (int) n;
}

@ The kernel sends other packets on the device besides our TCP: IPv6
neighbour discovery the moment the device comes up, for one.  Whatever
is not IPv4 carrying TCP to ltcp's address is none of our business and
is ignored without a word.  What is IPv4 but wrong is dropped, counted
and noted in the log, like a bad segment: a header too short, a length
that disagrees with what was read, a bad header checksum, or a fragment
(we asked for none, and reassembling IP fragments is not this book's
subject).

@<Check the IPv4 header of the packet in |b|, and strip it...@>=
if (len < 1 || b[0] >> 4 != 4) continue;
const char *bad = NULL;
size_t ihl = (size_t) (b[0] & 0x0f) * 4;
if (len < IPV4_HEADER_MIN || ihl < IPV4_HEADER_MIN || ihl > len)
  bad = "IPv4 header too short";
else if (get_be16(b + 2) < ihl || get_be16(b + 2) > len)
  bad = "IPv4 total length disagrees with the packet";
else if (inet_checksum(b, ihl) != 0) bad = "bad IPv4 header checksum";
else if (get_be16(b + 6) & 0x3fff) bad = "an IPv4 fragment";
if (bad) {
  k->stats.malformed++;
  carrier_note(k, "carrier: dropped a packet of %zu bytes: %s", len, bad);
  continue;
}
if (b[9] != 6 || get_be32(b + 16) != p->addr) continue;
size_t total = get_be16(b + 2);
if (total - ihl < 4) {
  k->stats.malformed++;
  carrier_note(k, "carrier: dropped a packet of %zu bytes: %s", len,
    "no TCP header");
  continue;
}
k->batch[n].from = get_be32(b + 12);
k->batch[n].from_port = get_be16(b + ihl);
k->batch[n].len = total - ihl;
memmove(b, b + ihl, total - ihl);

@ @<Private declarations of the carrier@>=
static void tun_header(uint8_t h[IPV4_HEADER_MIN], size_t n, uint32_t src,
  uint32_t dst);
static int tun_fill_batch(struct carrier *k, struct carrier_port *p);

@*1 The kernel's SYN, and how ltcp answers it.
Here is a SYN of Linux, as \.{ltcp}'s log shows it:
$$\vbox{\halign{\.{#}\hfil\cr
Flags [S], seq ..., win 64240,\cr
\ \ options [mss 1460,sackOK,TS val ... ecr 0,nop,wscale 10], length 0\cr}}$$
Four options (the \.{nop} only pads).  RFC~9293 says what to do with
options one does not implement: skip them by their length and carry on
(\S3.1, \S3.2), and an option that both ends must agree on is in force
only when both SYNs carry it.  So, one by one:@^SYN options@>@^window scale option@>@^timestamps option@>

\smallskip
{\parindent=2em
\item{$\bullet$} {\it mss} (kind 2): implemented since the handshake
  chapter.  \.{ltcp} sends no segment longer than 1460 bytes of text to
  the kernel, and tells the kernel its own limit in its SYN,ACK; the
  device's MTU of 1500 bytes fits 1460 with the two headers of 20.
\item{$\bullet$} {\it sackOK} (kind 4): implemented (\secref{sack}).
  Since both SYNs carry it, both ends may send SACK blocks, and Linux
  does so as soon as a segment is lost; the blocks are option kind 5,
  which \.{ltcp} reads as it reads its own, beside the timestamps Linux
  puts in the same segment.
\item{$\bullet$} {\it timestamps} (kind 8, RFC~7323): not implemented.
  \.{ltcp} skips the option and sends none in its SYN,ACK; RFC~7323
  (\S3.2) then forbids the kernel to send it on any later segment, and it
  does not.
\item{$\bullet$} {\it wscale} (kind 3, RFC~7323): not implemented.
  Window scaling is in force only if both SYNs carry the option (\S2.2);
  ours does not, so the kernel neither scales the windows it announces
  nor reads ours as scaled.  Its window stays at most 65{,}535 bytes, as
  \.{ltcp}'s does.\par}
\smallskip\noindent
None of this needed new code: the parser of options (\secref{segment})
already skips every kind it does not know, and the handshake already
offers only what it implements.  The interop tests below are the check
that all this is true of a real kernel.@^RFC 7323@>@^RFC 9293 \S3.1@>

@*1 The programs on a TUN device.
The host of \secref{eventloop} opens its endpoints on the device when
its options say so: |tun| is set, |tun_fd| is the device, and
|tun_addr| is ltcp's address on it.

@<Options of a host on a TUN device@>=
bool tun;
int tun_fd;
uint32_t tun_addr;

@ A listening endpoint takes ltcp's address and the port it was given; a
connecting one an ephemeral port, which in a namespace of its own can be
any: we take one from the range Linux uses for its own (32768 to 60999),
chosen by the process number.

@<Open the port of |ep| on the TUN device into |r|@>=
r = carrier_open_tun(&ep->port, h->opt.tun_fd, h->opt.tun_addr,
  peer_port ? (uint16_t) (32768 + getpid() % 28232) : port,
  peer_port ? addr : 0, peer_port);

@ The command line.  \.{--tun} chooses the carrier; after it, the
arguments that follow \.{--} are not operands but the command to run in
the namespace, on the kernel's side.

@<Fields of a network command on a TUN device@>=
bool tun;
char **command;   /* the argument vector after \.{--}, or |NULL| */

@ @<Take the rest of the arguments as the command, if \.{--tun} is given@>=
if (c->tun) {
  if (i + 1 < argc) c->command = argv + i + 1;
  break;
}

@ Without an address, \.{listen --tun} listens on ltcp's default address
on the device instead of the loopback's.  Any address given must be one
a device can have: not 0, not on the loopback, and neither the first nor
the last of its /24.

@<Check the address of a TUN device@>=
if (c->tun) {
  uint32_t a = c->addr;
  if (a >> 24 == 0 || a >> 24 == 127 || a >> 24 >= 224 || (a & 0xff) == 0
      || (a & 0xff) == 255)
    return usage_error(c->cmd, "address %s cannot be on a TUN device", c->host);
}

@ |net_main| opens the device when \.{--tun} was given, after the files
(which are then still opened in the host's namespace, at the paths the
user typed) and before the run.  Then it starts the command, runs ltcp's
end, and ends the command.

@<Open the TUN device and start the command, or |return|@>=
struct tun_link link;
pid_t child = -1;
if (c.tun) {
  char why[256];
  uint32_t kernel = c.listening ? tun_partner(c.addr) : c.addr;
  if (tun_open(&link, kernel, why, sizeof why) < 0) {
    fprintf(stderr, "ltcp: %s: --tun: %s\n", c.cmd, why);
    close_net_files(&f);
    return EXIT_USAGE;
  }
  c.lt.tun = true;
  c.lt.tun_fd = link.fd;
  c.lt.tun_addr = link.ltcp_addr;
  if (c.command) child = start_command(&c, &link);
  else if (!c.quiet) @<Say how to reach the namespace@>@;
}

@ Without a command, the namespace lives as long as \.{ltcp}; another
shell reaches it with \.{nsenter}, given the process number.

@<Say how to reach the namespace@>=
fprintf(stderr, "ltcp: %s: the kernel is %s, ltcp is %s, in the network "@t}\1\1{@>@/
  "namespace of process %ld (nsenter --net=/proc/%ld/ns/net COMMAND)\n",
  c.cmd, dotted_addr(link.kernel_addr).text, dotted_addr(link.ltcp_addr).text,
  (long) getpid(), (long) getpid()@t}\2\2{@>);

@ @<Subcommand functions@>=
static struct dotted_address dotted_addr(uint32_t a)
{
  struct dotted_address d = dotted(a, 0);
  *strrchr(d.text, '.') = '\0';
  return d;
}

@ The command runs in the namespace, which it inherits, with
\.{LTCP\_ADDR} (ltcp's address) and \.{LTCP\_PEER} (the kernel's) in its
environment, and with its standard input from \.{/dev/null}: the
standard input belongs to ltcp's own end, and two readers of one pipe
would each get an unpredictable part of it.  A command that wants input
redirects it itself.  \.{connect} then waits, up to five seconds, for the
kernel to listen on the port, and stops waiting early if the command
ends.  A \.{listen} need not wait for anything: the kernel's SYN waits in
the device's queue until ltcp reads it.

@<Subcommand functions@>=
static pid_t start_command(const struct net_command *c,
  const struct tun_link *t)
{
  fflush(NULL);
  pid_t pid = fork();
  if (pid == 0) {
    int null = open("/dev/null", O_RDONLY);
    if (null >= 0) dup2(null, STDIN_FILENO);
    setenv("LTCP_ADDR", dotted_addr(t->ltcp_addr).text, 1);
    setenv("LTCP_PEER", dotted_addr(t->kernel_addr).text, 1);
    execvp(c->command[0], c->command);
    fprintf(stderr, "ltcp: %s: cannot run '%s': %s\n", c->cmd,
      c->command[0], strerror(errno));
    _exit(127);
  }
  if (pid < 0) {
    fprintf(stderr, "ltcp: %s: cannot start '%s': %s\n", c->cmd,
      c->command[0], strerror(errno));
    return -1;
  }
  if (!c->listening) {
    if (!tun_wait_listening(c->port, command_gone, &pid, 5000) && !c->quiet)
      fprintf(stderr, "ltcp: connect: nobody listens on port %u of %s; "@t}\1\1{@>@/
        "connecting anyway\n", c->port, c->host@t}\2\2{@>);
  }
  return pid;
}

@ @<Subcommand functions@>=
static int command_gone(void *arg)
{
  pid_t *pid = arg;
  return *pid < 0 || waitpid(*pid, NULL, WNOHANG) == *pid
    ? (*pid = -1, 1) : 0;
}

@ When ltcp's end is done, the command has two seconds to finish; then
it gets |SIGTERM|.  Its status is not ours: \.{ltcp} exits with the
status of its own end, which says how the connection went.

@<End the command and close the TUN device@>=
if (c.tun) {
  for (int i = 0; child > 0 && i < 200 && !command_gone(&child); i++) {
    struct timespec ts = {0, 10 * 1000 * 1000};
    nanosleep(&ts, NULL);
  }
  if (child > 0) {
    kill(child, SIGTERM);
    waitpid(child, NULL, 0);
  }
  tun_close(&link);
}

@ The manual page of \.{listen} and \.{connect} says how to use the
device, and how to reach the namespace from another shell.

@<Print the help of the TUN carrier@>=
printf("%s", tun_help());

@ @<Subcommand functions@>=
static const char *tun_help(void)
{
  return@/
"    With --tun (root, or user namespaces and a /dev/net/tun open to\n"@/
"    all), the peer is the Linux kernel's own TCP.  ltcp makes a private\n"@/
"    network namespace with a TUN device, ltcp0, where the kernel is\n"@/
"    10.7.0.1 and ltcp 10.7.0.2, and each segment is an IPv4 packet.\n"@/
"    'ltcp listen --tun PORT -- COMMAND...' and 'ltcp connect --tun\n"@/
"    10.7.0.1 PORT -- COMMAND...' run COMMAND in that namespace, with\n"@/
"    LTCP_ADDR (ltcp's address) and LTCP_PEER (the kernel's) in its\n"@/
"    environment and /dev/null as its input; connect waits up to 5 s\n"@/
"    for the kernel to listen on PORT.  When ltcp's end is done, COMMAND\n"@/
"    has 2 s to finish before it gets SIGTERM; the exit status is ltcp's.\n"@/
"    Without a COMMAND, another shell reaches the namespace with\n"@/
"    'nsenter --net=/proc/PID/ns/net', PID being the one ltcp prints.\n"@/
"    Example: printf 'HTTP/1.0 200 OK\\r\\n\\r\\nhi\\n' | ltcp listen\n"@/
"      --tun -o /dev/null 8080 -- sh -c 'curl -s http://$LTCP_ADDR:8080/'\n\n";
}

@ @<Functions of the programs on a TUN device, declared@>=
struct tun_link;
static pid_t start_command(const struct net_command *c,
  const struct tun_link *t);
static int command_gone(void *arg);
static struct dotted_address dotted_addr(uint32_t a);
static const char *tun_help(void);

@ @<Header files of the program@>=
#include <sys/wait.h>
#include "tun.h"

@*1 Figure 1, with Linux on the other end.
The article's Figure~1 (\secref{handshake}) tells the life of a
connection between two hosts of the same kind.  Here is the same story
with Linux as the server: \.{ltcp connect --tun} sends a line, a Python
server on the kernel's TCP answers with a line, the client closes, the
server sends one more line and closes.  The capture of that run was
recorded once, as root, by \.{tools/record-kernel-run}, and is kept with
the chapters (\.{chapters/kernel-lifecycle.pcapng}), so that the book's
build, which needs no root, draws the figure from it with \.{ltcp dot seq}.
Only ltcp's states are known to ltcp's capture, so only the client's
column has them.

\fig{fig1-kernel}{5.8in}{Figure 1 again: {\tt ltcp connect --tun} (client)
against the Linux kernel's TCP (server, a Python program), drawn from the
capture of a real run by {\tt ltcp dot seq}.  The kernel's states are not
in ltcp's capture, and are left out.}@^Figure 1@>

@ The differences from the article are all Linux's choices, and
each is allowed.  The handshake is the article's, but the SYN,ACK
carries the options of the kernel's answer: \.{mss 1460} and
\.{sackOK}, and neither timestamps nor a window scale, since ltcp's SYN
offered neither.  Linux acknowledges the client's first line at once,
with a segment of its own (it acknowledges quickly while a connection is
young), and sends its answer separately.  The article's wave has four
segments; here the server's ACK of the client's FIN rides on its last
line of data, and its FIN follows: the server had something to say, as
the article's half-close allows.  The client ends, as in the article, in
TIME\_WAIT.

@*1 Interop with the kernel.
The script \.{tests/tun.sh} runs \.{ltcp} against the kernel's TCP, with
Python's sockets, \.{curl} and \.{nc} as the kernel's users, and checks each case
the same way.  It compares the bytes that arrived with those sent
(\.{cmp}); it checks the exit status of \.{ltcp} and the states ltcp
logged; it counts the packets dropped for a bad checksum, which must be
none; it compares the segment lines of ltcp's log with \.{tcpdump}'s
reading of the capture, with the one allowance of the chapter on the
log (\secref{log}: \.{tcpdump} reads the HTTP of \.{curl}'s case on port
8080); and it asks \.{tshark} whether anything in the capture is
malformed, and for its verdict \.{tcp.completeness} (31 means it saw
the SYN, the SYN,ACK, the ACK, data and a FIN: a whole, clean
connection).  It needs
root or user namespaces and \.{/dev/net/tun}, which the book's build
must not need; so the build does not run it.  The table below is made,
each time the book is built, from the record of a run of the script,
\.{chapters/tun-matrix.txt}, which \.{bash tests/tun.sh --record FILE}
writes when every case has passed; and the script, each time it runs,
compares its run with that record in everything that does not depend on
the machine's timing (the cases, the bytes, the exit statuses, the bad
checksums), so that a table that no longer told the truth would fail the
tests.  The column ``last state'' is the state from which ltcp's
connection went to CLOSED: LAST\_ACK where the kernel closed first (it
usually does when both sides send a megabyte at once, being the faster),
TIME\_WAIT where ltcp did.  The last column counts what the injector of
the carrier lost: ltcp's own packets on the way out (\.{--loss}, or
\.{--drop} for the one FIN of the simultaneous close), then the
kernel's on arrival (\.{--loss-in}, a fault of the carrier that exists
for a peer without an injector of its own, \secref{faults}).  That
column, the last state and tshark's verdict may differ from run to
run; the others may not.@^loss on arrival@>

tshark's completeness of 1 for the refused connection means it saw a
SYN and nothing it counts after it; for the reset one it says 15, a
handshake and data, or 47 when it also counts the reset (tshark~4.0 does
in some runs and not in others, so the script accepts both).  Where ltcp
closes first, the script also accepts 63 for a clean connection: on a
busy machine ltcp may read the kernel's FIN late, Linux sends it again
after 10 milliseconds (its ``tail loss probe''), ltcp acknowledges both,
and the second acknowledgment finds the kernel's connection already
closed, which earns it a reset.  The case of the wrong checksum sends,
from a raw socket of the kernel's side, a SYN whose checksum is wrong on
purpose, before a good connection: ltcp must drop it, count it, and note
it in its log (the one in the column ``bad''), and serve the good one.
A bad IPv4 header cannot be had from the kernel, which computes every
header checksum itself, even on a raw socket; the tests of the carrier
write such packets into the carrier through a pair of sockets that
stands in for the device (\secref{tun-tests}).

\input logs/tun-matrix.tex

@ Both ends closing at once needs more care than the other cases.  Two
FINs cross only if each is sent before the other arrives, and on a link
whose round trip is a few tens of microseconds that is a matter of luck; the
script does not depend on luck.  ltcp sends nothing and closes at once,
and its carrier loses its FIN on purpose: \.{--drop 3}, the third segment
it sends, after the SYN and the ACK that ends the handshake.  The
kernel's side closes 0.2 seconds later, after a line of its own.  Its
FIN finds ltcp in FIN\_WAIT\_1, and acknowledges nothing of ltcp's: for
ltcp, the two FINs have crossed, and it goes to CLOSING, the
simultaneous close of RFC~9293 \S3.6.  When ltcp's timer sends its FIN
again, a second later, the kernel has had its own FIN acknowledged and
waits in FIN\_WAIT\_2, and this FIN takes it to TIME\_WAIT; the
acknowledgment takes ltcp from CLOSING to TIME\_WAIT.  So only one end
has been through CLOSING.  For both to pass through it, the two FINs
must really be in flight at once, which the simulated link of the
book's own scenarios arranges (scenario 18 of the appendix on
tests).@^simultaneous close@>@^CLOSING state@>@^RFC 9293 \S3.6@>

@ {\it How fast.}  \.{make bench} prints two figures of this carrier,
when it runs as root: \.{tun-throughput}, eight megabytes from \.{ltcp}
to a Python sink on the kernel's TCP, timed by the sink; and
\.{tun-echo-rtt-us}, the round trip of one byte sent by a Python client
of the kernel's to \.{ltcp listen --echo}, timed by the client (so
Python's own cost is in it, and the figure is not to be set beside the
echo of two ltcp programs, whose client is ltcp).  The script is
\.{tools/bench-tun}; the figures are in the table of the chapter on
speed and size (\secref{perf}), below the goodputs, the throughput
beside that of the kernel's own TCP over the loopback.  Expect the
throughput to stay below that of the UDP carrier: every segment of 1460
bytes costs a |writev| of its own, where UDP carries much larger
segments, and ltcp, which does not understand the option that scales a
window, may keep no more than the kernel's unscaled 64 kilobytes in
flight.

@*1 Exercises.

\smallskip\noindent
1.~\diff1 Run
$$\hbox{\.{ltcp connect --tun -d 10.7.0.1 9000 -- sh -c 'S; ss -tan'}}$$
where \.{S} is a small server (Python's sockets, or \.{nc -l 9000 < file}) that
sends a file and closes first, and find the kernel's TIME\_WAIT in the
output of \.{ss}.  How long does Linux keep it, and why does our
\.{--msl} not change that?

\smallskip\noindent
2.~\diff2 Make the kernel retransmit its SYN,ACK: have \.{ltcp connect
--tun -d} lose the third segment of the handshake, the first ACK, which
is the second segment it sends (\.{--drop 2}).  Why must the client send
no data for the kernel to notice?  Read the capture: after how long does
Linux send the SYN,ACK again, and what does \.{ltcp} answer?

\smallskip\noindent
3.~\diff2 Implement the timestamps option (RFC~7323 \S3): offer it in
ltcp's own SYN, put it in a SYN,ACK only if the peer's SYN offered it,
echo the peer's value, and check in the capture that Linux now puts it
on every segment, whichever side opened.

\smallskip\noindent
4.~\diff3 Implement window scaling (RFC~7323 \S2), so that ltcp, as
the sender, may keep in flight as much as the kernel's scaled window
offers, and measure \.{tun-throughput} before and after.
