@q test-hostile.w: a live listener under a SYN flood and hostile datagrams. @>

@* Tests of a listener under attack.
The defences of the chapters on the handshake and on the event loop are
tested here against a live \.{ltcp listen -k --echo}, the sanitized
build that \.{make test} makes (or the program named by the environment
variable \.{LTCP}), as an attacker on the same machine would meet it.
The test program plays three parts at once, in one thread: the
attacker, who sends what it likes from UDP ports of its own; an honest
client, a host of the chapter on the event loop, which must be served
correctly throughout; and a victim, a connection played by hand whose
four numbers the attacker knows but whose sequence numbers it does not.
Each case says what a user of the listener would care about: the
honest client connects from its first SYN and gets its bytes back, the
victim's connection survives, the listener stays alive, and its memory
stays bounded.

@(test_hostile.c@>=
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
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include "check.h"
#include "ltsock.h"
@<Helpers of the hostile tests@>@;
@<Hostile tests@>@;
int main(void)
{
  @<Run the hostile tests@>@;
  return check_report();
}

@ The listener is started once, and the cases share it: each leaves it
as an attacker would, and the next must still find it serving.  It is
given a maximum segment lifetime of 50 milliseconds, so that the honest
connections do not linger.  Its port is read from its standard error,
where \.{ltcp listen ... 0} prints it.

@<Helpers of the hostile tests@>=
#define LOCALHOST 0x7f000001u
static pid_t listener_pid;
static uint16_t listener_port;
static uint64_t rng_state = 20261204;

static uint64_t ms_now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t) ts.tv_sec * 1000u + (uint64_t) ts.tv_nsec / 1000000u;
}

static void sleep_ms(long ms)
{
  nanosleep(&(struct timespec) {ms / 1000, (ms % 1000) * 1000000L}, NULL);
}

static uint32_t rnd(void)
{
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return (uint32_t) (rng_state >> 16);
}

@ @<Helpers of the hostile tests@>=
static bool start_listener(void)
{
  const char *ltcp = getenv("LTCP") ? getenv("LTCP") : "build/san/ltcp";
  if (!CHECKF(access(ltcp, X_OK) == 0, "cannot run %s", ltcp)) return false;
  int err[2];
  if (!CHECK(pipe(err) == 0)) return false;
  listener_pid = fork();
  if (listener_pid == 0) {
    int null = open("/dev/null", O_RDWR);
    if (null >= 0) dup2(null, STDIN_FILENO), dup2(null, STDOUT_FILENO);
    dup2(err[1], STDERR_FILENO);
    close(err[0]);
    execl(ltcp, ltcp, "listen", "-k", "--echo", "-q", "--msl", "0.05", "0",
      (char *) NULL);
    _exit(127);
  }
  close(err[1]);
  char text[256] = "";
  size_t got = 0;
  uint64_t until = ms_now() + 10000;
  while (ms_now() < until && !strchr(text, '\n') && got < sizeof text - 1) {
    ssize_t n = read(err[0], text + got, sizeof text - 1 - got);
    if (n <= 0) break;
    got += (size_t) n;
    text[got] = '\0';
  }
  unsigned port = 0;
  const char *at = strstr(text, " port ");
  if (at) port = (unsigned) strtoul(at + 6, NULL, 10);
  listener_port = (uint16_t) port;
  return CHECKF(port != 0, "the listener did not say its port: %s", text);
}

@ The listener must still be running after each case: a sanitizer that
found a fault in it would have ended it.  At the end it is killed
outright; the tests of the programs check elsewhere how it ends.

@<Helpers of the hostile tests@>=
static bool listener_alive(void)
{
  int status;
  return waitpid(listener_pid, &status, WNOHANG) == 0;
}

static void stop_listener(void)
{
  if (listener_pid <= 0) return;
  kill(listener_pid, SIGKILL);
  waitpid(listener_pid, NULL, 0);
}

@ Its memory is the resident set that Linux reports in
\.{/proc/PID/status}, in kilobytes.

@<Helpers of the hostile tests@>=
static long listener_rss_kb(void)
{
  char path[64], line[256];
  snprintf(path, sizeof path, "/proc/%ld/status", (long) listener_pid);
  FILE *f = fopen(path, "r");
  long kb = -1;
  if (!f) return -1;
  while (fgets(line, sizeof line, f))
    if (strncmp(line, "VmRSS:", 6) == 0) kb = strtol(line + 6, NULL, 10);
  fclose(f);
  return kb;
}

@ The attacker's ports are plain UDP sockets on the loopback, which it
writes whatever it likes to: segments it makes with |seg_write|, then
perhaps spoils.

@<Helpers of the hostile tests@>=
static int open_port(uint16_t *port)
{
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  if (fd < 0) return -1;
  struct sockaddr_in sa;
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl(LOCALHOST);
  socklen_t len = sizeof sa;
  if (bind(fd, (struct sockaddr *) &sa, sizeof sa) < 0
      || getsockname(fd, (struct sockaddr *) &sa, &len) < 0
      || fcntl(fd, F_SETFL, O_NONBLOCK) < 0) {
    close(fd);
    return -1;
  }
  *port = ntohs(sa.sin_port);
  return fd;
}

static void send_bytes(int fd, const uint8_t *b, size_t n)
{
  struct sockaddr_in sa;
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl(LOCALHOST);
  sa.sin_port = htons(listener_port);
  (void) !sendto(fd, b, n, 0, (struct sockaddr *) &sa, sizeof sa);
}

@ A segment from port |from| to the listener, written into |buf|.

@<Helpers of the hostile tests@>=
static size_t make_segment(uint8_t *buf, size_t cap, uint16_t from,
  uint8_t flags, uint32_t seq, uint32_t ack, const char *text)
{
  struct segment s;
  memset(&s, 0, sizeof s);
  s.src_addr = s.dst_addr = LOCALHOST;
  s.src_port = from;
  s.dst_port = listener_port;
  s.seq = seq;
  s.ack = ack;
  s.flags = flags;
  s.window = 65535;
  if (flags & TCP_SYN) seg_set_mss(&s, 1460);
  s.payload = (const uint8_t *) text;
  s.len = text ? strlen(text) : 0;
  return seg_write(&s, buf, cap);
}

static void send_segment_from(int fd, uint16_t from, uint8_t flags,
  uint32_t seq, uint32_t ack, const char *text)
{
  uint8_t buf[256];
  size_t n = make_segment(buf, sizeof buf, from, flags, seq, ack, text);
  if (n) send_bytes(fd, buf, n);
}

@ Reading a port: the next segment that arrived on it, if any, checked
as the carrier checks it.

@<Helpers of the hostile tests@>=
static bool next_segment(int fd, struct segment *s, uint8_t *buf, size_t cap)
{
  for (;;) {
    ssize_t n = recv(fd, buf, cap, 0);
    if (n <= 0) return false;
    if (seg_parse(s, buf, (size_t) n, LOCALHOST, LOCALHOST, true) == SEG_OK)
      return true;
  }
}

@ @<Run the hostile tests@>=
if (start_listener()) {
  check_run("a SYN flood: an honest client is served from its first SYN",
    test_syn_flood);
  check_run("blind resets, SYNs and data do not break a connection",
    test_blind_segments);
  check_run("malformed datagrams are dropped; the listener serves on",
    test_malformed);
  check_run("the listener's memory stays bounded", test_memory);
  stop_listener();
}

@ The honest client is a host of the chapter on the event loop, with one
chance only: its first retransmission timeout is three seconds and it
retransmits no SYN, so a SYN that the listener drops, or answers with a
SYN,ACK it then forgets, makes the connection fail.  It sends |n| bytes,
reads them back, closes, and must find exactly its bytes.  |pump| lets
the attacker act between two turns of the client's loop.

@<Helpers of the hostile tests@>=
struct honest {
  struct lt_host *h;
  struct lt_sock *k;
  char out[4096], in[4096];
  size_t n, sent, got;
  bool connected, shut, eof;
  uint64_t started, connected_ms;
  int err;
};

static bool honest_start(struct honest *c, size_t n)
{
  memset(c, 0, sizeof *c);
  struct lt_options o;
  if (!CHECK(lt_options_default(&o) == 0)) return false;
  o.tcp.msl_us = 10000;
  o.tcp.rto_initial_us = o.tcp.rto_min_us = 3 * TCP_SECOND;
  o.tcp.syn_retries = 0;
  c->h = lt_host_new(&o);
  if (!CHECK(c->h != NULL)) return false;
  c->n = n < sizeof c->out ? n : sizeof c->out;
  for (size_t i = 0; i < c->n; i++) c->out[i] = (char) ('a' + rnd() % 26);
  c->started = ms_now();
  c->k = lt_connect(c->h, LOCALHOST, listener_port, "honest");
  return CHECK(c->k != NULL);
}

@ One turn: wait at most |ms| milliseconds, then send, read, and shut
down the sending direction when everything has been sent.  It returns
|true| while the client is not done.

@<Helpers of the hostile tests@>=
static bool honest_turn(struct honest *c, int ms)
{
  if (c->err || c->eof) return false;
  struct lt_pollfd p = {@[.sock = c->k@], @[.fd = -1@],
    @[.events = POLLIN | POLLOUT@]};
  lt_poll(c->h, &p, 1, ms);
  if ((c->err = lt_error(c->k)) != 0) return false;
  if (!c->connected && lt_state(c->k) != TCP_SYN_SENT) {
    c->connected = true;
    c->connected_ms = ms_now() - c->started;
  }
  if (c->sent < c->n) {
    ssize_t w = lt_send(c->k, c->out + c->sent, c->n - c->sent);
    if (w > 0) c->sent += (size_t) w;
  } else if (!c->shut && lt_shutdown(c->k) == 0) c->shut = true;
  ssize_t r;
  while ((r = lt_recv(c->k, c->in + c->got, sizeof c->in - c->got)) > 0)
    c->got += (size_t) r;
  if (r == 0 && c->got < sizeof c->in) c->eof = true;
  return !c->eof && !c->err;
}

@ When the client is done, or its time is up, its verdict.

@<Helpers of the hostile tests@>=
static void honest_finish(struct honest *c, uint64_t ms)
{
  uint64_t until = ms_now() + ms;
  while (ms_now() < until && honest_turn(c, 5)) continue;
  CHECKF(c->err == 0, "the honest client failed: %s", strerror(c->err));
  CHECKF(c->connected, "the honest client never connected");
  CHECKF(c->eof, "the honest client did not see the end of the echo");
  CHECKF(c->got == c->n && memcmp(c->in, c->out, c->n) == 0,
    "the honest client got %zu bytes back of %zu, or other bytes", c->got, c->n);
  lt_close(c->k);
  lt_finish(c->h, 2000);
  lt_host_free(c->h);
}

@ {\bf The flood.}  The attacker opens 5,000 UDP ports and sends a SYN
from each; the ports stay open, so that no ``port unreachable'' tells
the listener to give up the half-open connections, which is what made
the flood of the original report so effective.  The SYNs go in bursts
of 50, each burst when the previous one has been answered or 200
milliseconds have passed, so that the kernel's buffer of the listening
socket, a few hundred datagrams, does not overflow and drop SYNs that
the test means the listener to see.  Halfway through, the honest client
sends its SYN, and its loop turns between bursts.  Every SYN of the
flood must be answered with a SYN,ACK, 128 of them from half-open
connections and the rest with cookies, and the honest client must be
served.  The time it took to connect is printed; the test asks only
that it connected from its first SYN, which the configuration of the
client makes a matter of function rather than of speed.

@<Hostile tests@>=
static void test_syn_flood(void)
{
  enum { FLOOD = 5000, BURST = 50 };
  struct rlimit rl;
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < FLOOD + 200
      && rl.rlim_max >= FLOOD + 200) {
    rl.rlim_cur = FLOOD + 200;
    setrlimit(RLIMIT_NOFILE, &rl);
  }
  static int fd[FLOOD];
  static uint16_t port[FLOOD];
  int nports = 0;
  while (nports < FLOOD && (fd[nports] = open_port(&port[nports])) >= 0) nports++;
  CHECKF(nports >= FLOOD / 5, "only %d ports could be opened", nports);
  if (nports == 0) return;
  struct honest c;
  memset(&c, 0, sizeof c);
  bool started = false;
  int answered = 0;
  uint64_t t0 = ms_now();
  for (int sent = 0; sent < FLOOD; sent += BURST) {
    if (!started && sent >= FLOOD / 2) started = honest_start(&c, 1000);
    @<Send a burst of SYNs, and count the SYN,ACKs that answer it@>@;
    if (started) honest_turn(&c, 0);
  }
  uint64_t flood_ms = ms_now() - t0;
  if (started) {
    honest_finish(&c, 5000);
    printf("# %d SYNs in %llu ms; the honest client connected in %llu ms\n",
      FLOOD, (unsigned long long) flood_ms,
      (unsigned long long) c.connected_ms);
  }
  CHECKF(answered == FLOOD, "%d SYNs of %d were answered", answered, FLOOD);
  for (int i = 0; i < nports; i++) close(fd[i]);
  CHECK(listener_alive());
}

@ @<Send a burst of SYNs, and count the SYN,ACKs that answer it@>=
{
  bool got[BURST] = {false};
  int want = 0, have = 0;
  for (int b = 0; b < BURST && sent + b < FLOOD; b++, want++) {
    int i = (sent + b) % nports;
    send_segment_from(fd[i], port[i], TCP_SYN, rnd(), 0, NULL);
  }
  uint64_t until = ms_now() + 200;
  while (have < want && ms_now() < until) {
    for (int b = 0; b < want; b++) {
      int i = (sent + b) % nports;
      struct segment s;
      uint8_t buf[128];
      while (!got[b] && next_segment(fd[i], &s, buf, sizeof buf))
        if ((s.flags & (TCP_SYN | TCP_ACK)) == (TCP_SYN | TCP_ACK))
          got[b] = true, have++;
    }
    if (started) honest_turn(&c, 0);
    if (have < want) sleep_ms(1);
  }
  answered += have;
}

@ {\bf Blind segments.}  The victim is a connection played by hand from
a port of the test: a handshake, then a greeting that the listener
echoes.  Then the attacker, who knows the four numbers of the connection
but not its sequence numbers, sends 3,000 segments on it with random
ones: resets, SYNs, and data with random acknowledgment numbers.  RFC~5961
makes each of them useless: a reset must hit RCV.NXT exactly, a SYN
draws a challenge, and data must both fall in the window and acknowledge
something plausible.  Afterwards the victim sends a second line, which
must come back, and no reset may have reached it.  An honest client is
served at the same time.

@<Hostile tests@>=
static void test_blind_segments(void)
{
  uint16_t vport;
  int v = open_port(&vport);
  if (!CHECK(v >= 0)) return;
  uint32_t irs = 0;
  bool ok = victim_handshake(v, vport, &irs);
  ok = CHECKF(ok, "the victim's handshake failed") &&
    CHECKF(victim_echo(v, vport, irs, 1001, "hello\n"), "no first echo");
  struct honest c;
  bool started = honest_start(&c, 3000);
  for (int i = 0; ok && i < 3000; i++) {
    static const uint8_t kinds[3] = {TCP_RST, TCP_SYN, TCP_ACK | TCP_PSH};
    uint8_t f = kinds[i % 3];
    send_segment_from(v, vport, f, rnd(), rnd(), f == kinds[2] ? "JUNK" : NULL);
    if (i % 50 == 0) {
      if (started) honest_turn(&c, 0);
      sleep_ms(1);
    }
  }
  if (ok) {
    struct segment s;
    uint8_t buf[256];
    bool reset = false;
    while (next_segment(v, &s, buf, sizeof buf)) reset |= (s.flags & TCP_RST) != 0;
    CHECKF(!reset, "the victim's connection was reset");
    CHECKF(victim_echo(v, vport, irs, 1007, "still here\n"),
      "the victim's connection no longer echoes");
  }
  if (started) honest_finish(&c, 5000);
  send_segment_from(v, vport, TCP_RST, 1018, 0, NULL);
  close(v);
  CHECK(listener_alive());
}

@ The victim's handshake: its ISN is 1000, the listener's comes back in
the SYN,ACK, and the third segment completes it.

@<Helpers of the hostile tests@>=
static bool await_from_listener(int v, struct segment *s, uint8_t *buf,
  size_t cap, uint8_t flags, const char *text)
{
  uint64_t until = ms_now() + 3000;
  while (ms_now() < until) {
    if (!next_segment(v, s, buf, cap)) {
      sleep_ms(1);
      continue;
    }
    if ((s->flags & flags) != flags) continue;
    if (!text || (s->len == strlen(text) && memcmp(s->payload, text, s->len) == 0))
      return true;
  }
  return false;
}

static uint32_t victim_echoed;  /* bytes the listener has echoed to the victim */

static bool victim_handshake(int v, uint16_t vport, uint32_t *irs)
{
  struct segment s;
  victim_echoed = 0;
  uint8_t buf[256];
  send_segment_from(v, vport, TCP_SYN, 1000, 0, NULL);
  if (!await_from_listener(v, &s, buf, sizeof buf, TCP_SYN | TCP_ACK, NULL))
    return false;
  *irs = s.seq;
  send_segment_from(v, vport, TCP_ACK, 1001, *irs + 1, NULL);
  return true;
}

@ The victim sends a line at |seq| and waits for it to come back.  The
echo is the listener's only data, so its bytes start at IRS${}+1$ and
follow one another; the acknowledgment of the echo goes with the next
line, or with the reset at the end.

@<Helpers of the hostile tests@>=
static bool victim_echo(int v, uint16_t vport, uint32_t irs, uint32_t seq,
  const char *line)
{
  struct segment s;
  uint8_t buf[256];
  send_segment_from(v, vport, TCP_ACK | TCP_PSH, seq, irs + 1 + victim_echoed, line);
  if (!await_from_listener(v, &s, buf, sizeof buf, TCP_ACK, line)) return false;
  victim_echoed += (uint32_t) strlen(line);
  send_segment_from(v, vport, TCP_ACK, seq + (uint32_t) strlen(line),
    irs + 1 + victim_echoed, NULL);
  return true;
}

@ {\bf Malformed datagrams.}  Four kinds, a thousand of each, from ten
ports: a SYN cut short anywhere in its header; random bytes of random
length; a good segment whose checksum is off by one; and a good segment
whose data offset is too small or points past the end of the datagram,
with its checksum made right again, so that only the offset is wrong.
The carrier must drop every one and count it, and an honest client must
be served while they arrive.

@<Hostile tests@>=
static void test_malformed(void)
{
  int fd[10];
  uint16_t port[10];
  for (int i = 0; i < 10; i++)
    if (!CHECK((fd[i] = open_port(&port[i])) >= 0)) return;
  struct honest c;
  bool started = honest_start(&c, 2000);
  for (int i = 0; i < 4000; i++) {
    int p = i % 10;
    uint8_t buf[256];
    size_t n = make_segment(buf, sizeof buf, port[p], TCP_SYN, rnd(), 0, NULL);
    @<Spoil the segment in |buf| by kind |i % 4|@>@;
    send_bytes(fd[p], buf, n);
    if (i % 50 == 0) {
      if (started) honest_turn(&c, 0);
      sleep_ms(1);
    }
  }
  if (started) honest_finish(&c, 5000);
  for (int i = 0; i < 10; i++) close(fd[i]);
  CHECK(listener_alive());
}

@ @<Spoil the segment in |buf| by kind |i % 4|@>=
switch (i % 4) {
case 0: n = rnd() % 20; break;
case 1:
  n = rnd() % 120;
  for (size_t j = 0; j < n; j++) buf[j] = (uint8_t) rnd();
  break;
case 2: put_be16(buf + 16, (uint16_t) (get_be16(buf + 16) + 1)); break;
default:
  buf[12] = (uint8_t) ((rnd() % 2 ? rnd() % 5 : 8 + rnd() % 8) << 4);
  put_be16(buf + 16, 0);
  put_be16(buf + 16, tcp_checksum(LOCALHOST, LOCALHOST, buf, n));
  break;
}

@ {\bf Memory.}  After the attacks above, the whole barrage is sent
again, and the listener's resident memory may grow by no more than 16
megabytes the second time: what an attack costs the listener must be
bounded, not proportional to the attack.  Its size is printed.  (Under
AddressSanitizer, freed memory waits in a quarantine before it is used
again, so the first round may grow the process more than a plain build
would; the second round shows whether the growth goes on.)

@<Hostile tests@>=
static void test_memory(void)
{
  long before = listener_rss_kb();
  test_malformed();
  test_blind_segments();
  long after = listener_rss_kb();
  printf("# listener: %ld kB resident before the second barrage, %ld kB after\n",
    before, after);
  CHECKF(before > 0 && after > 0, "cannot read the listener's memory");
  CHECKF(after - before < 16 * 1024, "the listener grew by %ld kB", after - before);
}
