@q test-carrier.w: tests and benchmarks of the carrier, the host and the programs. @>

@* Tests of the carrier and the programs.
These tests run real UDP sockets on the loopback interface, inside one
process: the carrier alone first, then hosts with listeners and clients.
The two programs are tested from outside, as a user runs them, by the
script \.{tests/carrier.sh}, which also has tcpdump and tshark read
their captures.  No test depends on how fast
the machine is: each waits for what it expects with a generous limit,
and a limit that passes is a failure with a message, not a hang.
\label{test-carrier}%

@(test_carrier.c@>=
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include "check.h"
#include "ltsock.h"
@<Helpers of the carrier tests@>@;
@<Tests of the carrier@>@;
int main(void)
{
  @<Run the tests of the carrier@>@;
  return check_report();
}

@ All tests use \.{127.0.0.1} and ports that the kernel chooses.

@<Helpers of the carrier tests@>=
#define LOCALHOST 0x7f000001u
static uint64_t ms_now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t) ts.tv_sec * 1000u + (uint64_t) ts.tv_nsec / 1000000u;
}

@ A segment to send through a bare carrier: a data segment from one port
to another, whose sequence number tells the copies apart.  Both it and
the segments of a server played by hand, below, start from a plain
header with the given addresses, numbers and flags.

@<Helpers of the carrier tests@>=
static struct segment plain_segment(uint32_t src_addr, uint16_t src_port,
  uint32_t dst_addr, uint16_t dst_port, uint32_t seq, uint32_t ack,
  uint8_t flags, uint16_t window)
{
  struct segment s;
  memset(&s, 0, sizeof s);
  s.src_addr = src_addr;
  s.dst_addr = dst_addr;
  s.src_port = src_port;
  s.dst_port = dst_port;
  s.seq = seq;
  s.ack = ack;
  s.flags = flags;
  s.window = window;
  return s;
}

static struct segment test_segment(const struct carrier_port *from,
  const struct carrier_port *to, uint32_t seq)
{
  static const uint8_t text[] = "hello";
  struct segment s = plain_segment(from->addr, from->port, to->addr, to->port,
    seq, 1, TCP_ACK | TCP_PSH, 1000);
  s.payload = text;
  s.len = 5;
  return s;
}

@ Receiving on a bare port: wait up to |ms| milliseconds for segments
and collect their sequence numbers.

@<Helpers of the carrier tests@>=
static size_t collect(struct carrier *k, struct carrier_port *p,
  uint32_t *seqs, size_t max, int ms)
{
  size_t n = 0;
  uint64_t until = ms_now() + (uint64_t) ms;
  while (n < max && ms_now() < until) {
    struct segment s;
    uint64_t usec;
    int r = carrier_receive(k, p, &s, &usec);
    if (r == 1) seqs[n++] = s.seq;
    else if (r == 0) nanosleep(&(struct timespec) {0, 1000000}, NULL);
    else break;
  }
  return n;
}

@ The carrier without faults delivers what it is given, in order.  With
a loss of 1 it delivers nothing, with duplication 1 everything twice,
and with reordering 1 every pair swapped: the first datagram is held,
the second goes out and the first follows it.

@<Tests of the carrier@>=
static void run_fault_set(const struct carrier_faults *f, uint32_t nsend,
  const uint32_t *want, size_t nwant, struct carrier_stats *stats)
{
  struct carrier k;
  if (!CHECK(carrier_init(&k, f, NULL, NULL) == 0)) return;
  struct carrier_port a, b;
  if (!CHECK(carrier_open(&a, LOCALHOST, 0) == 0)) return;
  if (!CHECK(carrier_open_to(&b, LOCALHOST, a.port) == 0)) return;
  for (uint32_t i = 1; i <= nsend; i++) {
    struct segment s = test_segment(&b, &a, i);
    carrier_send(&k, &b, &s, 0);
  }
  carrier_tick(&k, &b, CARRIER_HOLD_US);
  carrier_flush(&k);
  uint32_t got[16];
  size_t n = collect(&k, &a, got, 16, nwant == 8 ? 500 : 200);
  CHECK_EQ(n, nwant);
  for (size_t i = 0; i < n && i < nwant; i++)
    CHECKF(got[i] == want[i], "datagram %zu has seq %u, expected %u", i,
      got[i], want[i]);
  *stats = k.stats;
  carrier_close(&k, &a);
  carrier_close(&k, &b);
  carrier_free(&k);
}

static void run_faults(double loss, double dup, double reorder,
  const uint32_t *want, size_t nwant)
{
  struct carrier_faults f = {loss, dup, reorder, 7, 0, 0};
  struct carrier_stats stats;
  run_fault_set(&f, 4, want, nwant, &stats);
}

static void test_carrier_clean(void)
{
  static const uint32_t want[] = {1, 2, 3, 4};
  run_faults(0, 0, 0, want, 4);
}

static void test_carrier_loss(void) { run_faults(1, 0, 0, NULL, 0); }

static void test_carrier_dup(void)
{
  static const uint32_t want[] = {1, 1, 2, 2, 3, 3, 4, 4};
  run_faults(0, 1, 0, want, 8);
}

static void test_carrier_reorder(void)
{
  static const uint32_t want[] = {2, 1, 4, 3};
  run_faults(0, 0, 1, want, 4);
}

@ The two newer faults.  Asked to lose the second
and fourth of six segments, the carrier loses exactly those, and counts
them as lost; asked to lose everything on arrival, it delivers nothing,
counts each as lost on arrival and none as received.

@<Tests of the carrier@>=
static void test_carrier_drop(void)
{
  static const uint32_t want[] = {1, 3, 5, 6};
  struct carrier_faults f = {0, 0, 0, 7, 0, UINT64_C(1) << 1 | UINT64_C(1) << 3};
  struct carrier_stats st = {0};
  run_fault_set(&f, 6, want, 4, &st);
  CHECK_EQ(st.lost, 2);
}

static void test_carrier_loss_in(void)
{
  struct carrier_faults f = {0, 0, 0, 7, 1, 0};
  struct carrier_stats st = {0};
  run_fault_set(&f, 4, NULL, 0, &st);
  CHECK_EQ(st.lost_in, 4);
  CHECK_EQ(st.received, 0);
  CHECK_EQ(st.lost, 0);
}

@ A datagram that is not a good segment is counted and dropped: one with
a damaged byte fails the checksum, and one whose TCP ports are not those
of the UDP sockets is misaddressed.  The good segment after them still
arrives.

@<Tests of the carrier@>=
static void test_carrier_drops_bad_datagrams(void)
{
  struct carrier k;
  if (!CHECK(carrier_init(&k, NULL, NULL, NULL) == 0)) return;
  struct carrier_port a, b;
  if (!CHECK(carrier_open(&a, LOCALHOST, 0) == 0)) return;
  if (!CHECK(carrier_open_to(&b, LOCALHOST, a.port) == 0)) return;
  uint8_t buf[100];
  struct segment s = test_segment(&b, &a, 1);
  size_t n = seg_write(&s, buf, sizeof buf);
  buf[n - 1] ^= 0x20;
  CHECK(send(b.fd, buf, n, 0) == (ssize_t) n);
  s = test_segment(&b, &a, 2);
  s.dst_port = (uint16_t) (a.port + 1);
  n = seg_write(&s, buf, sizeof buf);
  CHECK(send(b.fd, buf, n, 0) == (ssize_t) n);
  CHECK(send(b.fd, "junk", 4, 0) == 4);
  s = test_segment(&b, &a, 3);
  carrier_send(&k, &b, &s, 0);
  carrier_flush(&k);
  uint32_t got[4];
  CHECK_EQ(collect(&k, &a, got, 4, 300), 1);
  CHECK_EQ(got[0], 3);
  CHECK_EQ(k.stats.malformed, 2);
  CHECK_EQ(k.stats.misaddressed, 1);
  carrier_close(&k, &a);
  carrier_close(&k, &b);
  carrier_free(&k);
}

@ The TUN carrier without a device.  The carrier reads the device with
|read| and writes it with |writev|, one packet per call, and a pair of
connected datagram sockets of the local domain behaves the same way.  So
the checks of the IPv4 header in the chapter on meeting the kernel
(\secref{tun}) can be tested without root and without a kernel that
would, for its part, never send a bad header: one socket of the pair
stands for the device, and the test writes the kernel's packets into the
other, damaged in each way the carrier must notice.  The test builds its
packets itself, not with the carrier's |tun_header|, so that a mistake
there cannot hide in both the packet and its check.  The addresses are
those of the namespace of that chapter.\label{tun-tests}@^TUN device@>

@<Helpers of the carrier tests@>=
#define KERNEL_ADDR 0x0a070001u   /* 10.7.0.1 */
#define TUN_ADDR 0x0a070002u      /* 10.7.0.2, ltcp's end */
static void seal_ipv4(uint8_t *b)
{
  put_be16(b + 10, 0);
  put_be16(b + 10, inet_checksum(b, 20));
}

static size_t kernel_packet(uint8_t *b, size_t cap, uint32_t seq)
{
  struct segment s = plain_segment(KERNEL_ADDR, 40000, TUN_ADDR, 9000, seq, 0,
    TCP_SYN, 65535);
  size_t n = seg_write(&s, b + 20, cap - 20);
  memset(b, 0, 20);
  b[0] = 0x45;                     /* version 4, a header of 20 bytes */
  put_be16(b + 2, (uint16_t) (n + 20));
  b[6] = 0x40;                     /* don't fragment */
  b[8] = 64;                       /* time to live */
  b[9] = 6;                        /* TCP */
  put_be32(b + 12, KERNEL_ADDR);
  put_be32(b + 16, TUN_ADDR);
  seal_ipv4(b);
  return n + 20;
}

@ Ten packets: two good ones, first and last; five that are IPv4 but
wrong, which must be dropped, counted and named in the log (a bad header
checksum, a fragment, a total length longer than the packet, a header
length under 20 bytes, a good header around a segment whose own
checksum is wrong); and three that are none of ltcp's business and go
without a word (IPv6, UDP, and TCP for another address).  Only the
two good ones arrive, in order.

@<Tests of the carrier@>=
static void test_tun_checks_ipv4(void)
{
  int sv[2];
  if (!CHECK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0)) return;
  CHECK(fcntl(sv[0], F_SETFL, O_NONBLOCK) == 0);
  char *text = NULL;
  size_t textlen = 0;
  FILE *log = open_memstream(&text, &textlen);
  struct carrier k;
  struct carrier_port p;
  if (!CHECK(log && carrier_init(&k, NULL, NULL, log) == 0)) return;
  if (!CHECK(carrier_open_tun(&p, sv[0], TUN_ADDR, 9000, 0, 0) == 0)) return;
  uint8_t b[200];
  for (uint32_t seq = 1; seq <= 10; seq++) {
    size_t n = kernel_packet(b, sizeof b, seq);
    switch (seq) {
    case 2:  /* a wrong header checksum */
      b[10] ^= 0x01; break;
    case 3:  /* a fragment: more fragments follow */
      b[6] |= 0x20; seal_ipv4(b); break;
    case 4:  /* a total length 8 bytes past the packet's end */
      put_be16(b + 2, (uint16_t) (n + 8)); seal_ipv4(b); break;
    case 5:  /* a header of 16 bytes */
      b[0] = 0x44; break;
    case 6:  /* a wrong TCP checksum */
      b[n - 1] ^= 0x20; break;
    case 7:  /* IPv6 */
      b[0] = 0x60; break;
    case 8:  /* UDP */
      b[9] = 17; seal_ipv4(b); break;
    case 9:  /* TCP for another address */
      put_be32(b + 16, TUN_ADDR + 1); seal_ipv4(b); break;
    }
    CHECK(send(sv[1], b, n, 0) == (ssize_t) n);
  }
  uint32_t got[10];
  CHECK_EQ(collect(&k, &p, got, 10, 300), 2);
  CHECK_EQ(got[0], 1);
  CHECK_EQ(got[1], 10);
  CHECK_EQ(k.stats.malformed, 5);
  carrier_close(&k, &p);
  carrier_free(&k);
  fclose(log);
  CHECKF(text && strstr(text, "bad IPv4 header checksum")
    && strstr(text, "an IPv4 fragment") && strstr(text, "total length")
    && strstr(text, "header too short") && strstr(text, "bad checksum"),
    "the log names each fault:\n%s",
    text ? text : "");
  free(text);
  close(sv[0]);
  close(sv[1]);
}

@ And what ltcp writes on the device is a packet the kernel takes: a
header of 20 bytes with version 4, the total length of the packet, a
time to live, the protocol TCP, ltcp's address and the kernel's, no
fragmentation and a header checksum that adds up; after it, the segment,
whose own checksum holds with those two addresses.

@<Tests of the carrier@>=
static void test_tun_writes_ipv4(void)
{
  int sv[2];
  if (!CHECK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0)) return;
  struct carrier k;
  struct carrier_port p;
  if (!CHECK(carrier_init(&k, NULL, NULL, NULL) == 0)) return;
  if (!CHECK(carrier_open_tun(&p, sv[0], TUN_ADDR, 9000, KERNEL_ADDR, 40000) == 0))
    return;
  static const uint8_t hello[] = "hello";
  struct segment s = plain_segment(TUN_ADDR, 9000, KERNEL_ADDR, 40000, 77, 5,
    TCP_ACK | TCP_PSH, 1000), t;
  s.payload = hello;
  s.len = 5;
  carrier_send(&k, &p, &s, 0);
  carrier_flush(&k);
  uint8_t b[200];
  ssize_t r = recv(sv[1], b, sizeof b, MSG_DONTWAIT);
  if (!CHECK_EQ(r, 20 + 20 + 5)) return;
  CHECK_EQ(b[0], 0x45);
  CHECK_EQ(get_be16(b + 2), r);
  CHECK_EQ(get_be16(b + 6) & 0x3fff, 0);
  CHECK(b[8] > 0);
  CHECK_EQ(b[9], 6);
  CHECK_EQ(get_be32(b + 12), TUN_ADDR);
  CHECK_EQ(get_be32(b + 16), KERNEL_ADDR);
  CHECK_EQ(inet_checksum(b, 20), 0);
  CHECK_EQ(seg_parse(&t, b + 20, (size_t) r - 20, TUN_ADDR, KERNEL_ADDR, true),
    SEG_OK);
  CHECK_EQ(t.seq, 77);
  CHECK(t.len == 5 && memcmp(t.payload, "hello", 5) == 0);
  carrier_close(&k, &p);
  carrier_free(&k);
  close(sv[0]);
  close(sv[1]);
}

@ The tests of hosts use a short MSL, so that TIME\_WAIT lasts a few
milliseconds, and a short retransmission timeout.

@<Helpers of the carrier tests@>=
static struct lt_host *test_host(void)
{
  struct lt_options o;
  lt_options_default(&o);
  o.tcp.msl_us = 5000;
  o.tcp.rto_initial_us = o.tcp.rto_min_us = 50000;
  return lt_host_new(&o);
}

@ Waiting for one socket to be ready, with a limit.

@<Helpers of the carrier tests@>=
static short wait_for(struct lt_host *h, struct lt_sock *k, short events,
  int ms)
{
  struct lt_pollfd p = {k, -1, events, 0};
  uint64_t until = ms_now() + (uint64_t) ms;
  while (ms_now() < until) {
    if (lt_poll(h, &p, 1, 50) > 0) return p.revents;
  }
  return 0;
}

@ The main test of the host: one listener, a hundred clients at once, in
one process, each client sending its own bytes and the server echoing
each connection.  Every client must get back exactly what it sent, which
shows that the listener tells the connections apart by their peers.
The clients close first; the server closes each connection when its
client has.

@<Tests of the carrier@>=
#define NCLIENTS 100
#define CLIENT_BYTES 3000
struct echo_client {
  struct lt_sock *k;
  uint8_t out[CLIENT_BYTES], in[CLIENT_BYTES];
  size_t sent, got;
  bool shut, eof;
};
struct echo_server {
  struct lt_sock *k;
  uint8_t buf[2048];
  size_t len, off;
  bool eof, shut;
};

@ @<Tests of the carrier@>=
static void test_hundred_echo_clients(void)
{
  struct lt_host *h = test_host();
  struct lt_sock *l = lt_listen(h, LOCALHOST, 0, "server");
  if (!CHECK(l != NULL)) return;
  struct echo_client *c = calloc(NCLIENTS, sizeof *c);
  struct echo_server *s = calloc(NCLIENTS, sizeof *s);
  struct lt_pollfd *fds = calloc(1 + 2 * NCLIENTS, sizeof *fds);
  size_t nserv = 0;
  for (int i = 0; i < NCLIENTS; i++) {
    for (int j = 0; j < CLIENT_BYTES; j++)
      c[i].out[j] = (uint8_t) (i * 7 + j * 13 + (j >> 8));
    c[i].k = lt_connect(h, LOCALHOST, lt_local_port(l), "client");
    CHECK(c[i].k != NULL);
  }
  uint64_t until = ms_now() + 20000;
  int done = 0;
  while (done < NCLIENTS && ms_now() < until) {
    @<Poll the listener, the clients and the server's connections@>@;
    @<Accept new connections into |s|@>@;
    @<Move the clients' bytes@>@;
    @<Move the server's bytes@>@;
  }
  CHECKF(done == NCLIENTS, "only %d of %d clients finished", done, NCLIENTS);
  for (int i = 0; i < NCLIENTS; i++) {
    CHECKF(c[i].got == CLIENT_BYTES && !memcmp(c[i].in, c[i].out,
      CLIENT_BYTES), "client %d got %zu bytes, or not its own", i, c[i].got);
    lt_close(c[i].k);
  }
  for (size_t i = 0; i < nserv; i++) lt_close(s[i].k);
  lt_close(l);
  CHECK(lt_finish(h, 5000) == 0);
  lt_host_free(h);
  free(c);
  free(s);
  free(fds);
}

@ @<Poll the listener, the clients and the server's connections@>=
size_t n = 0;
fds[n++] = (struct lt_pollfd) {l, -1, POLLIN, 0};
for (int i = 0; i < NCLIENTS; i++)
  fds[n++] = (struct lt_pollfd) {c[i].k, -1,
    (short) (POLLIN | (c[i].sent < CLIENT_BYTES ? POLLOUT : 0)), 0};
for (size_t i = 0; i < nserv; i++)
  fds[n++] = (struct lt_pollfd) {s[i].k, -1,
    (short) (s[i].len > s[i].off ? POLLOUT : POLLIN), 0};
lt_poll(h, fds, n, 100);

@ @<Accept new connections into |s|@>=
struct lt_sock *a;
while (nserv < NCLIENTS && (a = lt_accept(l)) != NULL) s[nserv++].k = a;

@ A client sends what it has, closes its direction when all is sent, and
reads the echo until the end of the stream.

@<Move the clients' bytes@>=
for (int i = 0; i < NCLIENTS; i++) {
  struct echo_client *e = &c[i];
  if (e->eof) continue;
  if (e->sent < CLIENT_BYTES) {
    ssize_t w = lt_send(e->k, e->out + e->sent, CLIENT_BYTES - e->sent);
    if (w > 0) e->sent += (size_t) w;
  }
  if (e->sent == CLIENT_BYTES && !e->shut) e->shut = lt_shutdown(e->k) == 0;
  ssize_t r = lt_recv(e->k, e->in + e->got, CLIENT_BYTES - e->got);
  if (r > 0) e->got += (size_t) r;
  else if (r == 0 || (errno != EAGAIN)) {
    e->eof = true;
    done++;
  }
}

@ A server connection reads into its buffer when it is empty, sends it
back, and closes its direction once its client has closed and the
buffer is empty.

@<Move the server's bytes@>=
for (size_t i = 0; i < nserv; i++) {
  struct echo_server *e = &s[i];
  if (e->len == e->off && !e->eof) {
    ssize_t r = lt_recv(e->k, e->buf, sizeof e->buf);
    if (r > 0) e->len = (size_t) r, e->off = 0;
    else if (r == 0) e->eof = true;
  }
  if (e->len > e->off) {
    ssize_t w = lt_send(e->k, e->buf + e->off, e->len - e->off);
    if (w > 0) e->off += (size_t) w;
  }
  if (e->eof && e->len == e->off && !e->shut) e->shut = lt_shutdown(e->k) == 0;
}

@ A refusal by reset: a listener serves one connection and then closes,
as \.{ltcp listen} does without \.{-k}; a second client that connects to
the same port finds an endpoint with a connection but no listener, and
the host answers its SYN with a reset.  The client's error is
``connection refused.''

@<Tests of the carrier@>=
static void test_refused_by_reset(void)
{
  struct lt_host *h = test_host();
  struct lt_sock *l = lt_listen(h, LOCALHOST, 0, "server");
  if (!CHECK(l != NULL)) return;
  uint16_t port = lt_local_port(l);
  struct lt_sock *c1 = lt_connect(h, LOCALHOST, port, "client");
  CHECK(wait_for(h, l, POLLIN, 5000) & POLLIN);
  struct lt_sock *s1 = lt_accept(l);
  CHECK(s1 != NULL);
  lt_close(l);
  struct lt_sock *c2 = lt_connect(h, LOCALHOST, port, "client");
  CHECK(wait_for(h, c2, POLLIN, 5000) & POLLERR);
  CHECK_EQ(lt_error(c2), ECONNREFUSED);
  CHECK(lt_state(c1) == TCP_ESTABLISHED);
  lt_close(c2);
  lt_close(c1);
  lt_close(s1);
  CHECK(lt_finish(h, 5000) == 0);
  lt_host_free(h);
}

@ A refusal by ICMP: nobody has a socket on the port at all.  We find a
port that was free a moment ago by opening a listener on port 0 and
closing it.

@<Tests of the carrier@>=
static void test_refused_by_icmp(void)
{
  struct lt_host *h = test_host();
  struct lt_sock *l = lt_listen(h, LOCALHOST, 0, "server");
  if (!CHECK(l != NULL)) return;
  uint16_t port = lt_local_port(l);
  lt_close(l);
  struct lt_sock *c = lt_connect(h, LOCALHOST, port, "client");
  CHECK(wait_for(h, c, POLLIN, 5000) & POLLERR);
  CHECK_EQ(lt_error(c), ECONNREFUSED);
  lt_close(c);
  CHECK(lt_finish(h, 1000) == 0);
  lt_host_free(h);
}

@ A timeout: a UDP socket that never answers stands in for a host that
has gone silent.  The core retransmits its SYN and gives up; with the
short timeout of the tests that takes well under the limit.

@<Tests of the carrier@>=
static void test_timeout(void)
{
  struct lt_options o;
  lt_options_default(&o);
  o.tcp.rto_initial_us = o.tcp.rto_min_us = 10000;
  o.tcp.rto_max_us = 40000;
  o.tcp.syn_retries = 2;
  struct lt_host *h = lt_host_new(&o);
  struct carrier_port mute;
  if (!CHECK(carrier_open(&mute, LOCALHOST, 0) == 0)) return;
  struct lt_sock *c = lt_connect(h, LOCALHOST, mute.port, "client");
  CHECK(wait_for(h, c, POLLIN, 10000) & POLLERR);
  CHECK_EQ(lt_error(c), ETIMEDOUT);
  lt_close(c);
  close(mute.fd);
  lt_host_free(h);
}

@ A reset: the server aborts an established connection, and the client
learns that it was reset.

@<Tests of the carrier@>=
static void test_reset(void)
{
  struct lt_host *h = test_host();
  struct lt_sock *l = lt_listen(h, LOCALHOST, 0, "server");
  if (!CHECK(l != NULL)) return;
  struct lt_sock *c = lt_connect(h, LOCALHOST, lt_local_port(l), "client");
  CHECK(wait_for(h, l, POLLIN, 5000) & POLLIN);
  struct lt_sock *s = lt_accept(l);
  if (!CHECK(s != NULL)) return;
  lt_abort(s);
  CHECK(wait_for(h, c, POLLIN, 5000) & POLLERR);
  CHECK_EQ(lt_error(c), ECONNRESET);
  char b[4];
  CHECK(lt_recv(c, b, sizeof b) < 0 && errno == ECONNRESET);
  lt_close(c);
  lt_close(s);
  lt_close(l);
  lt_host_free(h);
}

@ A half-close: the client closes its direction first, and the server
still sends after it has seen the end of the client's stream; the
client reads it all, then the end of the server's stream.@^half-close@>

@<Tests of the carrier@>=
static void test_half_close(void)
{
  struct lt_host *h = test_host();
  struct lt_sock *l = lt_listen(h, LOCALHOST, 0, "server");
  if (!CHECK(l != NULL)) return;
  struct lt_sock *c = lt_connect(h, LOCALHOST, lt_local_port(l), "client");
  CHECK(wait_for(h, c, POLLOUT, 5000) & POLLOUT);
  CHECK(lt_send(c, "ping", 4) == 4);
  CHECK(lt_shutdown(c) == 0);
  CHECK(wait_for(h, l, POLLIN, 5000) & POLLIN);
  struct lt_sock *s = lt_accept(l);
  if (!CHECK(s != NULL)) return;
  char b[16];
  size_t got = 0;
  while (wait_for(h, s, POLLIN, 5000)) {
    ssize_t r = lt_recv(s, b + got, sizeof b - got);
    if (r <= 0) break;
    got += (size_t) r;
  }
  CHECK(got == 4 && memcmp(b, "ping", 4) == 0);
  CHECK(lt_state(s) == TCP_CLOSE_WAIT);
  CHECK(lt_send(s, "pong", 4) == 4);
  CHECK(lt_shutdown(s) == 0);
  got = 0;
  while (wait_for(h, c, POLLIN, 5000)) {
    ssize_t r = lt_recv(c, b + got, sizeof b - got);
    if (r <= 0) break;
    got += (size_t) r;
  }
  CHECK(got == 4 && memcmp(b, "pong", 4) == 0);
  lt_close(s);
  lt_close(c);
  lt_close(l);
  CHECK(lt_finish(h, 5000) == 0);
  lt_host_free(h);
}

@ A client that vanishes: its process dies (here, its host is freed)
after it has closed its direction, while the server still has its own
to close.  The server's FIN then finds no socket at the client's port;
the ICMP message that comes back must end the server's connection at
once, where it would otherwise repeat its FIN for seconds (with this
test's timeout of 50 milliseconds, eight times over some 25 seconds).
Two hosts are needed, so that freeing one closes only the client's
socket; |pump| lets each run for a moment.

@<Tests of the carrier@>=
static void pump(struct lt_host *hs, struct lt_host *hc)
{
  lt_poll(hc, NULL, 0, 1);
  lt_poll(hs, NULL, 0, 1);
}

static void test_vanished_client(void)
{
  struct lt_host *hs = test_host(), *hc = test_host();
  struct lt_sock *l = lt_listen(hs, LOCALHOST, 0, "server"), *s = NULL;
  if (!CHECK(l != NULL)) return;
  struct lt_sock *c = lt_connect(hc, LOCALHOST, lt_local_port(l), "client");
  uint64_t until = ms_now() + 5000;
  while (!(s = lt_accept(l)) && ms_now() < until) pump(hs, hc);
  if (!CHECK(s != NULL)) return;
  CHECK(lt_shutdown(c) == 0);
  char b[4];
  while (lt_recv(s, b, sizeof b) != 0 && ms_now() < until) pump(hs, hc);
  CHECK_EQ(lt_state(s), TCP_CLOSE_WAIT);
  lt_host_free(hc);
  lt_close(s);
  uint64_t t0 = ms_now();
  CHECKF(lt_finish(hs, 2000) == 0, "the server's connection did not end");
  CHECKF(ms_now() - t0 < 200, "the server took %llu ms to give up",
    (unsigned long long) (ms_now() - t0));
  lt_close(l);
  lt_host_free(hs);
}

@ The log of a lifecycle, written to a file in memory: the client's
state lines are there, each under its segment, in the order of Figure~1,
and every line that is not a state line is a segment line.  The client
reaches TIME\_WAIT from FIN\_WAIT\_2 if the server acknowledges its FIN
on its own, and straight from FIN\_WAIT\_1 if the server's FIN carries
that acknowledgment, as it does here: the server closes at once, and its
host drops the bare ACK that the FIN makes redundant (see the chapter on
the event loop, \secref{eventloop}).

@<Tests of the carrier@>=
static void test_log_of_a_lifecycle(void)
{
  char *text = NULL;
  size_t size = 0;
  FILE *log = open_memstream(&text, &size);
  struct lt_options o;
  lt_options_default(&o);
  o.tcp.msl_us = 5000;
  o.log = log;
  struct lt_host *h = lt_host_new(&o);
  struct lt_sock *l = lt_listen(h, LOCALHOST, 0, "server");
  if (!CHECK(l != NULL)) return;
  struct lt_sock *c = lt_connect(h, LOCALHOST, lt_local_port(l), "client");
  CHECK(wait_for(h, l, POLLIN, 5000) & POLLIN);
  struct lt_sock *s = lt_accept(l);
  lt_close(l);
  CHECK(lt_shutdown(c) == 0);
  CHECK(wait_for(h, s, POLLIN, 5000) & POLLIN);
  char b[4];
  CHECK(lt_recv(s, b, sizeof b) == 0);
  lt_close(s);
  lt_close(c);
  CHECK(lt_finish(h, 5000) == 0);
  lt_host_free(h);
  fclose(log);
  @<Check that the log tells the client's life in order@>@;
  free(text);
}

@ The state lines come in the order of the story, each with its time
(the chapter on logs, \secref{log}); the client's move to FIN\_WAIT\_1,
caused by its shutdown, is written before the FIN that the shutdown
sent, the first FIN of the log.@^log, text@>

@<Check that the log tells the client's life in order@>=
static const char *const story[] = {
  " server CLOSED -> LISTEN",
  " client CLOSED -> SYN_SENT",
  " server LISTEN -> SYN_RCVD",
  " client SYN_SENT -> ESTABLISHED",
  " server SYN_RCVD -> ESTABLISHED",
  " client ESTABLISHED -> FIN_WAIT_1",
  " server ESTABLISHED -> CLOSE_WAIT",
  " server CLOSE_WAIT -> LAST_ACK",
  "client FIN_WAIT_", " -> TIME_WAIT (recv: FIN",
  " client TIME_WAIT -> CLOSED"
};
const char *fin_state = text ? strstr(text, "client ESTABLISHED -> FIN_WAIT_1") : NULL,
  *fin = text ? strstr(text, "Flags [F.]") : NULL;
CHECKF(fin_state && fin && fin_state < fin,
  "the move to FIN_WAIT_1 is not written before its FIN in:\n%s", text);
const char *at = text ? text : "";
for (size_t i = 0; i < sizeof story / sizeof *story; i++) {
  const char *p = strstr(at, story[i]);
  if (!CHECKF(p != NULL, "no line '%s' after the previous one in:\n%s",
      story[i], text)) break;
  at = p;
}
for (const char *row = text; row && *row;) {
  const char *end = strchr(row, '\n');
  int len = (int) (end ? end - row : (long) strlen(row));
  CHECKF(row[0] == '#' || strstr(row, " IP 127.0.0.1.") != NULL,
    "a line that is neither a state line nor a segment: %.*s", len, row);
  char line[512];
  snprintf(line, sizeof line, "%.*s", len, row);
  unsigned long sec, usec;
  int n = 0;
  if (line[0] == '#' && strstr(line, " -> ") != NULL)
    CHECKF(sscanf(line, "# %lu.%6lu %n", &sec, &usec, &n) == 2 && n > 0,
      "a state line without its time: %s", line);
  row = end ? end + 1 : NULL;
}

@ A reset while our FIN waits for its acknowledgment, as the program
\.{ltcp connect} sees it.  The test plays the server itself, on a bare
port of the carrier, so that it can misbehave as no server of ours
would: it answers the SYN, waits for the client's FIN, sends a FIN of
its own that acknowledges none of the client's data (so that the client
goes to CLOSING with its bytes unacknowledged), and then resets the
connection.  The client cannot know that its bytes arrived, and must
say so: one line with ``reset'' and exit status 4.  The program run is
the sanitized build that \.{make test} makes, or the one named by the
environment variable \.{LTCP}.

@<Tests of the carrier@>=
static void test_program_reset_in_closing(void)
{
  const char *ltcp = getenv("LTCP") ? getenv("LTCP") : "build/san/ltcp";
  if (!CHECKF(access(ltcp, X_OK) == 0, "cannot run %s", ltcp)) return;
  struct carrier k;
  struct carrier_port p;
  if (!CHECK(carrier_init(&k, NULL, NULL, NULL) == 0)) return;
  if (!CHECK(carrier_open(&p, LOCALHOST, 0) == 0)) return;
  int in[2], err[2];
  if (!CHECK(pipe(in) == 0 && pipe(err) == 0)) return;
  pid_t pid = spawn_client(ltcp, p.port, in, err);
  if (!CHECK(pid > 0)) return;
  if (!CHECK(write(in[1], "hello", 5) == 5)) return;
  close(in[1]);
  @<Play a server that resets the client in CLOSING@>@;
  int status = finish_client(pid);
  char text[512] = "";
  ssize_t n = read(err[0], text, sizeof text - 1);
  text[n > 0 ? n : 0] = '\0';
  close(err[0]);
  CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 4,
    "ltcp connect ended with status %d (wanted exit 4), saying: %s",
    WIFEXITED(status) ? WEXITSTATUS(status) : -1, text);
  CHECKF(strstr(text, "reset") != NULL, "no 'reset' in: %s", text);
  carrier_close(&k, &p);
  carrier_free(&k);
}

@ A peer that acknowledges our FIN and then says nothing more, not even
its own FIN, leaves us in FIN\_WAIT\_2.  The programs give such a peer a
limited time, \.{--fin-timeout}, after which \.{ltcp connect} reports a
timeout (exit 5) instead of waiting for ever.  The test plays the silent
server.

@<Tests of the carrier@>=
static void test_program_fin_wait_2_limit(void)
{
  const char *ltcp = getenv("LTCP") ? getenv("LTCP") : "build/san/ltcp";
  if (!CHECKF(access(ltcp, X_OK) == 0, "cannot run %s", ltcp)) return;
  struct carrier k;
  struct carrier_port p;
  if (!CHECK(carrier_init(&k, NULL, NULL, NULL) == 0)) return;
  if (!CHECK(carrier_open(&p, LOCALHOST, 0) == 0)) return;
  int in[2], err[2];
  if (!CHECK(pipe(in) == 0 && pipe(err) == 0)) return;
  pid_t pid = spawn_client_with(ltcp, p.port, in, err, "--fin-timeout", "0.3");
  if (!CHECK(pid > 0)) return;
  close(in[1]);
  struct segment s, syn;
  bool got = await_flag(&k, &p, TCP_SYN, &syn);
  CHECKF(got, "no SYN from the client");
  if (got) {
    send_flags(&k, &p, &syn, 1000, syn.seq + 1, TCP_SYN | TCP_ACK);
    got = await_flag(&k, &p, TCP_FIN, &s);
    CHECKF(got, "no FIN from the client");
  }
  if (got) send_flags(&k, &p, &syn, 1001, s.seq + 1, TCP_ACK);
  uint64_t t0 = ms_now();
  int status = finish_client(pid);
  char text[512] = "";
  ssize_t n = read(err[0], text, sizeof text - 1);
  text[n > 0 ? n : 0] = '\0';
  close(err[0]);
  CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 5,
    "ltcp connect ended with status %d (wanted exit 5) after %llu ms, saying: %s",
    WIFEXITED(status) ? WEXITSTATUS(status) : -1,
    (unsigned long long) (ms_now() - t0), text);
  CHECKF(strstr(text, "timed out") != NULL, "no 'timed out' in: %s", text);
  carrier_close(&k, &p);
  carrier_free(&k);
}

@ The client runs with its standard input from a pipe, its output
thrown away, and its error stream into another pipe; |spawn_client_with|
gives it one more option and its value.

@<Helpers of the carrier tests@>=
static pid_t spawn_client_with(const char *ltcp, uint16_t port, int in[2],
  int err[2], const char *opt, const char *value);
static pid_t spawn_client(const char *ltcp, uint16_t port, int in[2],
  int err[2])
{
  return spawn_client_with(ltcp, port, in, err, "-q", "-q");
}

static pid_t spawn_client_with(const char *ltcp, uint16_t port, int in[2],
  int err[2], const char *opt, const char *value)
{
  char portname[8];
  snprintf(portname, sizeof portname, "%u", port);
  pid_t pid = fork();
  if (pid == 0) {
    int null = open("/dev/null", O_WRONLY);
    dup2(in[0], STDIN_FILENO);
    dup2(err[1], STDERR_FILENO);
    if (null >= 0) dup2(null, STDOUT_FILENO);
    close(in[1]);
    close(err[0]);
    execl(ltcp, ltcp, "connect", "-q", "--msl", "0.01", opt, value,
      "127.0.0.1", portname, (char *) NULL);
    _exit(127);
  }
  close(in[0]);
  close(err[1]);
  return pid;
}

@ The client is given ten seconds to end; one that does not is killed,
and its status then says so.

@<Helpers of the carrier tests@>=
static int finish_client(pid_t pid)
{
  int status = 0;
  uint64_t until = ms_now() + 10000;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (ms_now() > until) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      break;
    }
    nanosleep(&(struct timespec) {0, 1000000}, NULL);
  }
  return status;
}

@ The server's side of the conversation, one segment at a time: each
step waits (up to five seconds) for the client's segment with the flag
it expects, then answers.  Sequence numbers start at 1000 for the
server; the client's come from its SYN.

@<Play a server that resets the client in CLOSING@>=
struct segment s, syn;
bool got = await_flag(&k, &p, TCP_SYN, &syn);
CHECKF(got, "no SYN from the client");
if (got) {
  send_flags(&k, &p, &syn, 1000, syn.seq + 1, TCP_SYN | TCP_ACK);
  got = await_flag(&k, &p, TCP_FIN, &s);
  CHECKF(got, "no FIN from the client");
}
if (got) {
  send_flags(&k, &p, &syn, 1001, syn.seq + 1, TCP_FIN | TCP_ACK);
  while ((got = await_flag(&k, &p, TCP_ACK, &s)) && s.ack != 1002) continue;
  CHECKF(got, "the client did not acknowledge our FIN");
}
if (got) send_flags(&k, &p, &syn, 1002, 0, TCP_RST);

@ @<Helpers of the carrier tests@>=
static bool await_flag(struct carrier *k, struct carrier_port *p,
  uint8_t flag, struct segment *s)
{
  uint64_t until = ms_now() + 5000;
  while (ms_now() < until) {
    uint64_t usec;
    int r = carrier_receive(k, p, s, &usec);
    if (r == 1 && (s->flags & flag)) return true;
    if (r == 0) nanosleep(&(struct timespec) {0, 1000000}, NULL);
    if (r < 0) return false;
  }
  return false;
}

static void send_flags(struct carrier *k, struct carrier_port *p,
  const struct segment *syn, uint32_t seq, uint32_t ack, uint8_t flags)
{
  struct segment s = plain_segment(p->addr, p->port, syn->src_addr,
    syn->src_port, seq, ack, flags, (flags & TCP_RST) ? 0 : 65535);
  carrier_send(k, p, &s, 0);
  carrier_flush(k);
}

@ A host facing the network must not use the key published in the
core's defaults (RFC~6528): each set of options made by
|lt_options_default| carries a key of its own from the kernel.

@<Tests of the carrier@>=
static void test_secret_isn_key(void)
{
  struct lt_options a, b;
  struct tcp_config published;
  tcp_config_default(&published);
  CHECK(lt_options_default(&a) == 0);
  CHECK(lt_options_default(&b) == 0);
  CHECKF(memcmp(a.tcp.isn_key, published.isn_key, sizeof a.tcp.isn_key) != 0,
    "a host uses the published key");
  CHECKF(memcmp(a.tcp.isn_key, b.tcp.isn_key, sizeof a.tcp.isn_key) != 0,
    "two hosts drew the same key");
}

@ @<Run the tests of the carrier@>=
check_run("a host draws a secret ISN key", test_secret_isn_key);
check_run("carrier delivers in order", test_carrier_clean);
check_run("carrier loses with --loss 1", test_carrier_loss);
check_run("carrier duplicates with --dup 1", test_carrier_dup);
check_run("carrier swaps pairs with --reorder 1", test_carrier_reorder);
check_run("carrier drops bad datagrams", test_carrier_drops_bad_datagrams);
check_run("carrier loses the segments of --drop", test_carrier_drop);
check_run("carrier loses on arrival with --loss-in 1", test_carrier_loss_in);
check_run("TUN carrier checks IPv4 headers", test_tun_checks_ipv4);
check_run("TUN carrier writes IPv4 headers", test_tun_writes_ipv4);
check_run("100 echo clients on one listener", test_hundred_echo_clients);
check_run("refused by a reset", test_refused_by_reset);
check_run("refused by ICMP port unreachable", test_refused_by_icmp);
check_run("timeout when the peer is silent", test_timeout);
check_run("reset by the peer", test_reset);
check_run("half-close", test_half_close);
check_run("a server whose client vanished ends at once", test_vanished_client);
check_run("the log of a lifecycle", test_log_of_a_lifecycle);
check_run("ltcp connect reports a reset in CLOSING", test_program_reset_in_closing);
check_run("ltcp connect gives up a silent FIN_WAIT_2", test_program_fin_wait_2_limit);

@* Benchmarks of the carrier.
\.{make bench} runs \.{build/bench/bench\_carrier}, which measures the
programs' TCP over the UDP carrier next to the kernel's own TCP over the
loopback, doing the same work between two processes on the same
machine in the same run, so that the ratio means something even on a
noisy machine.  It prints lines of the form \.{NAME VALUE UNIT}:
\.{udp-throughput} and \.{kernel-throughput} in Gbit/s, and their ratio;
connection lifecycles per second (connect, one byte each way, close),
one at a time and 64 at once; and the round-trip time of a one-byte
echo.  Where the hosts spin before they sleep (on a machine with more
than one processor), the figures of our TCP come a second time with the
spinning turned off, under the same names ending in \.{-nospin}.  The
numbers depend on the core's data path as much as on the carrier, and
on the scheduler most of all; they are measurements, never tests, and
nothing fails if they are low.

Each benchmark forks a server process, which tells its port through a
pipe, and plays the client in the parent.

@(bench_carrier.c@>=
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include "ltsock.h"
@<Helpers of the benchmarks@>@;
@<The servers of the benchmarks@>@;
@<The clients of the benchmarks@>@;
int main(int argc, char **argv)
{
  signal(SIGPIPE, SIG_IGN);
  @<Run the benchmarks and print their figures@>@;
  return 0;
}

@ @<Helpers of the benchmarks@>=
#define LOCALHOST 0x7f000001u
#define BENCH_SECONDS 1.0
enum server_mode { SINK, ECHO };
static double seconds(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

@ Both kinds of host, ours and the kernel's, use a maximum segment
lifetime of a millisecond for the benchmarks, so that the clients'
TIME\_WAIT does not pile up connections; the kernel's TIME\_WAIT cannot be
shortened, which is one reason the lifecycle benchmarks run for a second
only.  Our hosts spin before they sleep, as hosts do by default on a
machine with more than one processor (see the chapter on the event
loop, \secref{eventloop}); the one flag of the program, |no_spin|, turns the spinning off in
both client and server, so that the benchmark can show what it buys.
The flag is set before the server is forked, and so the child inherits
it.

@<Helpers of the benchmarks@>=
static bool no_spin;   /* set for the second round of figures */
static struct lt_host *bench_host(void)
{
  struct lt_options o;
  lt_options_default(&o);
  o.tcp.msl_us = 1000;
  if (no_spin) o.spin_us = 0;
  return lt_host_new(&o);
}

@ A server runs in a child process until it is killed.  |serve| forks,
runs |body| in the child with the write end of a pipe, and returns the
port that the child writes into it.

@<Helpers of the benchmarks@>=
static uint16_t serve(void (*body)(enum server_mode, int), enum server_mode m,
  pid_t *pid)
{
  int p[2];
  uint16_t port = 0;
  if (pipe(p) < 0) return 0;
  *pid = fork();
  if (*pid == 0) {
    close(p[0]);
    body(m, p[1]);
    _exit(0);
  }
  close(p[1]);
  if (read(p[0], &port, sizeof port) != (ssize_t) sizeof port) port = 0;
  close(p[0]);
  return port;
}

static void stop(pid_t pid)
{
  kill(pid, SIGKILL);
  waitpid(pid, NULL, 0);
}

@ The server on our TCP: a listener and up to |MAXCONN| connections, each
either discarding what it receives or sending it back; each closes its
direction when its client has closed.  A connection is served in the
same turn in which it is accepted, as a real server would serve it: its
request has often arrived with the handshake's last ACK.

@<The servers of the benchmarks@>=
#define MAXCONN 256
struct bench_conn {
  struct lt_sock *k;
  char buf[65536];
  size_t len, off;
  bool eof, shut;
};

static void udp_server(enum server_mode mode, int out)
{
  struct lt_host *h = bench_host();
  struct lt_sock *l = lt_listen(h, LOCALHOST, 0, "server");
  uint16_t port = l ? lt_local_port(l) : 0;
  if (write(out, &port, sizeof port) < 0 || !l) return;
  close(out);
  struct bench_conn *c = calloc(MAXCONN, sizeof *c);
  struct lt_pollfd fds[MAXCONN + 1];
  for (;;) {
    size_t n = 0;
    fds[n++] = (struct lt_pollfd) {l, -1, POLLIN, 0};
    for (int i = 0; i < MAXCONN; i++)
      if (c[i].k) fds[n++] = (struct lt_pollfd) {c[i].k, -1,
        (short) (c[i].len > c[i].off ? POLLOUT : POLLIN), 0};
    lt_poll(h, fds, n, -1);
    for (int i = 0; i < MAXCONN; i++)
      if (!c[i].k && !(c[i].k = lt_accept(l))) break;
    for (int i = 0; i < MAXCONN; i++)
      if (c[i].k) @<Serve connection |c[i]| of our TCP@>@;
  }
}

@ @<Serve connection |c[i]| of our TCP@>=
{
  struct bench_conn *e = &c[i];
  if (e->len == e->off && !e->eof) {
    ssize_t r = lt_recv(e->k, e->buf, sizeof e->buf);
    if (r > 0) {
      e->len = mode == ECHO ? (size_t) r : 0;
      e->off = 0;
    } else if (r == 0 || errno != EAGAIN) e->eof = true;
  }
  if (e->len > e->off) {
    ssize_t w = lt_send(e->k, e->buf + e->off, e->len - e->off);
    if (w > 0) e->off += (size_t) w;
    else if (w < 0 && errno != EAGAIN) e->eof = true, e->len = e->off;
  }
  if (e->eof && e->len == e->off) {
    lt_close(e->k);
    memset(e, 0, sizeof *e);
  }
}

@ The same server on the kernel's TCP, with |poll| and non-blocking
sockets.

@<The servers of the benchmarks@>=
static void kernel_server(enum server_mode mode, int out)
{
  int l = socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in sa = {0};
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl(LOCALHOST);
  socklen_t len = sizeof sa;
  uint16_t port = 0;
  if (bind(l, (struct sockaddr *) &sa, sizeof sa) == 0 && listen(l, 1024) == 0
      && getsockname(l, (struct sockaddr *) &sa, &len) == 0)
    port = ntohs(sa.sin_port);
  if (write(out, &port, sizeof port) < 0 || !port) return;
  close(out);
  static char buf[65536];
  struct pollfd fds[MAXCONN + 1];
  int conn[MAXCONN];
  for (int i = 0; i < MAXCONN; i++) conn[i] = -1;
  for (;;) {
    fds[0] = (struct pollfd) {l, POLLIN, 0};
    for (int i = 0; i < MAXCONN; i++)
      fds[i + 1] = (struct pollfd) {conn[i], POLLIN, 0};
    poll(fds, MAXCONN + 1, -1);
    for (int i = 0; i < MAXCONN; i++)
      if (conn[i] >= 0 && fds[i + 1].revents)
        @<Serve connection |conn[i]| of the kernel's TCP@>@;
    if (fds[0].revents & POLLIN)
      for (int i = 0; i < MAXCONN; i++)
        if (conn[i] < 0) {
          conn[i] = accept(l, NULL, NULL);
          if (conn[i] >= 0)
            setsockopt(conn[i], IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
          break;
        }
  }
}

@ A blocking write of the echo is good enough: the client always reads.

@<Serve connection |conn[i]| of the kernel's TCP@>=
{
  ssize_t r = read(conn[i], buf, sizeof buf);
  if (r > 0 && mode == ECHO) {
    if (write(conn[i], buf, (size_t) r) != r) r = 0;
  }
  if (r <= 0) {
    close(conn[i]);
    conn[i] = -1;
  }
}

@ The clients on our TCP.  Waiting for one socket:

@<The clients of the benchmarks@>=
static short await(struct lt_host *h, struct lt_sock *k, short events)
{
  struct lt_pollfd p = {k, -1, events, 0};
  double until = seconds() + 10;
  while (seconds() < until)
    if (lt_poll(h, &p, 1, 1000) > 0) return p.revents;
  return 0;
}

@ Bulk transfer: send for a second, close, and wait for the server's
close, which comes after it has read everything; the rate counts the
whole time.

@<The clients of the benchmarks@>=
static double udp_throughput(uint16_t port)
{
  struct lt_host *h = bench_host();
  struct lt_sock *k = lt_connect(h, LOCALHOST, port, "client");
  static char buf[65536];
  double bytes = 0;
  if (!(await(h, k, POLLOUT) & POLLOUT)) return 0;
  double t0 = seconds();
  while (seconds() - t0 < BENCH_SECONDS) {
    ssize_t w = lt_send(k, buf, sizeof buf);
    if (w > 0) bytes += (double) w;
    else if (errno != EAGAIN || !(await(h, k, POLLOUT) & POLLOUT)) break;
  }
  lt_shutdown(k);
  while (await(h, k, POLLIN) && lt_recv(k, buf, sizeof buf) != 0)
    if (lt_error(k)) break;
  double t = seconds() - t0;
  lt_close(k);
  lt_finish(h, 1000);
  lt_host_free(h);
  return bytes * 8 / t / 1e9;
}

@ The same on the kernel's TCP.

@<The clients of the benchmarks@>=
static int kernel_connect(uint16_t port, bool blocking)
{
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (!blocking) fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
  struct sockaddr_in sa = {0};
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl(LOCALHOST);
  sa.sin_port = htons(port);
  if (connect(fd, (struct sockaddr *) &sa, sizeof sa) < 0
      && errno != EINPROGRESS) {
    close(fd);
    return -1;
  }
  return fd;
}

static double kernel_throughput(uint16_t port)
{
  int fd = kernel_connect(port, true);
  static char buf[65536];
  double bytes = 0, t0 = seconds();
  while (seconds() - t0 < BENCH_SECONDS) {
    ssize_t w = write(fd, buf, sizeof buf);
    if (w <= 0) break;
    bytes += (double) w;
  }
  shutdown(fd, SHUT_WR);
  while (read(fd, buf, sizeof buf) > 0) continue;
  double t = seconds() - t0;
  close(fd);
  return bytes * 8 / t / 1e9;
}

@ Lifecycles: |width| connections at a time, each going through four
steps: connect, send one byte, receive it back, close and wait for the
server's close.  A finished connection is replaced at once by a new one.

@<The clients of the benchmarks@>=
struct cycle { int step; struct lt_sock *k; int fd; };

static double udp_lifecycles(uint16_t port, int width)
{
  struct lt_host *h = bench_host();
  struct cycle c[64] = {{0}};
  struct lt_pollfd fds[64];
  long done = 0;
  double t0 = seconds();
  while (seconds() - t0 < BENCH_SECONDS) {
    for (int i = 0; i < width; i++) {
      if (c[i].step == 0 && (c[i].k = lt_connect(h, LOCALHOST, port, "c")))
        c[i].step = 1;
      fds[i] = (struct lt_pollfd) {c[i].k, -1,
        (short) (c[i].step == 1 ? POLLOUT : POLLIN), 0};
    }
    lt_poll(h, fds, (size_t) width, 1000);
    for (int i = 0; i < width; i++)
      if (fds[i].revents) @<Take lifecycle |c[i]| one step further@>@;
  }
  double t = seconds() - t0;
  for (int i = 0; i < width; i++) if (c[i].step) lt_close(c[i].k);
  lt_finish(h, 2000);
  lt_host_free(h);
  return (double) done / t;
}

@ @<Take lifecycle |c[i]| one step further@>=
{
  char b;
  if (fds[i].revents & POLLERR) {
    lt_close(c[i].k);
    c[i].step = 0;
  } else if (c[i].step == 1) {
    if (lt_send(c[i].k, "x", 1) == 1) c[i].step = 2;
  } else if (c[i].step == 2) {
    if (lt_recv(c[i].k, &b, 1) == 1) {
      lt_shutdown(c[i].k);
      c[i].step = 3;
    }
  } else if (lt_recv(c[i].k, &b, 1) == 0) {
    lt_close(c[i].k);
    c[i].step = 0;
    done++;
  }
}

@ The same with the kernel's sockets, non-blocking, and |poll|.

@<The clients of the benchmarks@>=
static double kernel_lifecycles(uint16_t port, int width)
{
  struct cycle c[64] = {{0}};
  struct pollfd fds[64];
  long done = 0;
  double t0 = seconds();
  while (seconds() - t0 < BENCH_SECONDS) {
    for (int i = 0; i < width; i++) {
      if (c[i].step == 0 && (c[i].fd = kernel_connect(port, false)) >= 0)
        c[i].step = 1;
      fds[i] = (struct pollfd) {c[i].step ? c[i].fd : -1,
        (short) (c[i].step == 1 ? POLLOUT : POLLIN), 0};
    }
    poll(fds, (nfds_t) width, 1000);
    for (int i = 0; i < width; i++)
      if (fds[i].revents) @<Take kernel lifecycle |c[i]| one step further@>@;
  }
  double t = seconds() - t0;
  for (int i = 0; i < width; i++) if (c[i].step) close(c[i].fd);
  return (double) done / t;
}

@ @<Take kernel lifecycle |c[i]| one step further@>=
{
  char b;
  if (fds[i].revents & POLLERR) {
    close(c[i].fd);
    c[i].step = 0;
  } else if (c[i].step == 1) {
    if (write(c[i].fd, "x", 1) == 1) c[i].step = 2;
  } else if (c[i].step == 2) {
    if (read(c[i].fd, &b, 1) == 1) {
      shutdown(c[i].fd, SHUT_WR);
      c[i].step = 3;
    }
  } else if (read(c[i].fd, &b, 1) == 0) {
    close(c[i].fd);
    c[i].step = 0;
    done++;
  }
}

@ Round trips of one byte on one connection, for a second.  Each side
reads into a buffer larger than the byte, as a real program would; a
read that finds nothing yet waits and tries again.

@<The clients of the benchmarks@>=
static double udp_echo_rtt(uint16_t port)
{
  struct lt_host *h = bench_host();
  struct lt_sock *k = lt_connect(h, LOCALHOST, port, "client");
  long n = 0;
  char b[64];
  if (!(await(h, k, POLLOUT) & POLLOUT)) return 0;
  double t0 = seconds();
  while (seconds() - t0 < BENCH_SECONDS) {
    if (lt_send(k, "x", 1) != 1) break;
    ssize_t r;
    while ((r = lt_recv(k, b, sizeof b)) < 0 && errno == EAGAIN)
      if (!(await(h, k, POLLIN) & POLLIN)) break;
    if (r != 1) break;
    n++;
  }
  double t = seconds() - t0;
  lt_shutdown(k);
  while (await(h, k, POLLIN) && lt_recv(k, b, sizeof b) != 0)
    if (lt_error(k)) break;
  lt_close(k);
  lt_finish(h, 1000);
  lt_host_free(h);
  return n ? t / (double) n * 1e6 : 0;
}

static double kernel_echo_rtt(uint16_t port)
{
  int fd = kernel_connect(port, true);
  long n = 0;
  char b[64];
  double t0 = seconds();
  while (seconds() - t0 < BENCH_SECONDS) {
    if (write(fd, "x", 1) != 1 || read(fd, b, sizeof b) != 1) break;
    n++;
  }
  double t = seconds() - t0;
  close(fd);
  return n ? t / (double) n * 1e6 : 0;
}

@ Each pair runs against a fresh server of its kind.  With arguments,
only the groups named run: \.{throughput}, \.{lifecycles}, \.{rtt};
so one can watch a single one with \.{strace -c} or a profiler.

@<Helpers of the benchmarks@>=
static bool wanted(int argc, char **argv, const char *group)
{
  if (argc < 2) return true;
  for (int i = 1; i < argc; i++)
    if (strcmp(argv[i], group) == 0) return true;
  return false;
}

@ @<Run the benchmarks and print their figures@>=
pid_t pid;
uint16_t port;
if (wanted(argc, argv, "throughput")) {
  @<Measure the throughput of both@>@;
}
if (wanted(argc, argv, "lifecycles") || wanted(argc, argv, "rtt")) {
  @<Measure lifecycles and round trips of both@>@;
}

@ @<Measure the throughput of both@>=
port = serve(udp_server, SINK, &pid);
double udp = udp_throughput(port);
stop(pid);
port = serve(kernel_server, SINK, &pid);
double kernel = kernel_throughput(port);
stop(pid);
printf("udp-throughput %.3f Gbit/s\n", udp);
printf("kernel-throughput %.3f Gbit/s\n", kernel);
printf("udp-kernel-ratio %.4f ratio\n", kernel > 0 ? udp / kernel : 0);
fflush(stdout);

@ The figures of our TCP come twice when the hosts spin by default: as
they are, under the names that \.{make bench} records, and with the
spinning turned off, under the same names with \.{-nospin} added.

@<Measure lifecycles and round trips of both@>=
bool cycles = wanted(argc, argv, "lifecycles"), rtt = wanted(argc, argv, "rtt");
struct lt_options defaults;
lt_options_default(&defaults);
for (int round = 0; round < (defaults.spin_us ? 2 : 1); round++) {
  const char *suffix = round ? "-nospin" : "";
  no_spin = round > 0;
  port = serve(udp_server, ECHO, &pid);
  if (cycles) {
    printf("lifecycles-per-second%s %.0f 1/s\n", suffix,
      udp_lifecycles(port, 1));
    fflush(stdout);
    printf("lifecycles-per-second-64%s %.0f 1/s\n", suffix,
      udp_lifecycles(port, 64));
    fflush(stdout);
  }
  if (rtt) printf("echo-rtt-us%s %.1f us\n", suffix, udp_echo_rtt(port));
  fflush(stdout);
  stop(pid);
}
no_spin = false;
port = serve(kernel_server, ECHO, &pid);
if (cycles) {
  printf("kernel-lifecycles-per-second %.0f 1/s\n", kernel_lifecycles(port, 1));
  printf("kernel-lifecycles-per-second-64 %.0f 1/s\n",
    kernel_lifecycles(port, 64));
}
if (rtt) printf("kernel-echo-rtt-us %.1f us\n", kernel_echo_rtt(port));
stop(pid);
