@q timewait.w: TIME_WAIT and 2MSL. @>

@** TIME\_WAIT and 2MSL.
The end that closes first does not go straight to CLOSED after its last
acknowledgment.  It waits in TIME\_WAIT for twice the {\it maximum
segment lifetime}, MSL: the longest time a segment may be expected to
survive in the network (\S3.4.2).  RFC~793 suggested two minutes for MSL;
implementations choose less, and the article names 30 seconds, one
minute and two minutes as typical waits.  \.{ltcp}'s MSL is a field of
the configuration, 30 seconds by default, so TIME\_WAIT lasts one minute,
as in Linux.  Only when the wait is over is the connection gone, and the
pair of sockets free to be used again.

The article's second question is why the wait is needed, and why it is
this long.  It gives two reasons, and this chapter shows each in a run.

@* The first reason: the last ACK may be lost.
The last segment of the wave is the acknowledgment of the peer's FIN.
Nothing acknowledges an acknowledgment, so the end that sends it cannot
know whether it arrived.  If it was lost, the peer, still in LAST\_ACK,
will time out and send its FIN again; an end that had already forgotten
the connection would answer that FIN with a reset (it would be a segment
for a closed port), and the peer's user would see an error at the end of
a perfectly good connection.  An end in TIME\_WAIT still knows the
connection: it acknowledges the repeated FIN again.

How long must it be ready to?  The lost ACK and the repeated FIN each
take at most one MSL to arrive, or die: the ACK needs up to one MSL to
reach the peer (or to be known lost), and the repeated FIN up to another
to come back.  Hence two.  Each repeated FIN also starts the wait again
from the beginning (\S3.10.7.4), since a new FIN means the peer has not
yet heard the ACK.

In this run the client's last ACK is lost.  A second later the server
sends its FIN again, and the client, which is in TIME\_WAIT, acknowledges
it once more:

\runlog{lost-last-ack}

@ Entering TIME\_WAIT stops the retransmission timer (nothing of ours is
unacknowledged: our FIN has been acknowledged on every path into
TIME\_WAIT) and starts the 2MSL timer.

@<Private declarations of the core@>=
static void enter_time_wait(struct tcp_conn *c, enum transition_id id);
static void start_time_wait_timer(struct tcp_conn *c);

@ @<Functions of the core@>=
static void enter_time_wait(struct tcp_conn *c, enum transition_id id)
{
  if (!tcp_enter(c, id)) return;
  c->rtx_deadline = 0;
  c->fin_wait_2_deadline = 0;
  start_time_wait_timer(c);
}

static void start_time_wait_timer(struct tcp_conn *c)
{
  c->time_wait_deadline = c->now + 2 * c->cfg.msl_us;
}

@ A repeated FIN is, by the sequence numbers, an old segment: the FIN's
number is RCV.NXT${}-1$, just left of the window, and the first check of
every segment answers it with an acknowledgment of RCV.NXT and drops it
(\S3.10.7.4).  That acknowledgment is exactly the one the peer needs.
What the first check must add, in TIME\_WAIT, is the restart of the
2MSL timer; |repeats_peer_fin| recognises the segment.

@<Private declarations of the core@>=
static bool repeats_peer_fin(const struct tcp_conn *c, const struct segment *s);

@ @<Functions of the core@>=
static bool repeats_peer_fin(const struct tcp_conn *c, const struct segment *s)
{
  return c->fin_received && (s->flags & TCP_FIN) &&
    s->seq + (uint32_t) s->len + 1 == c->rcv_nxt;
}

@* The second reason: old duplicates must die.
Segments do not only get lost; they get delayed, and sometimes
duplicated, by routers that retransmit or routes that change.  Suppose
the connection is closed and forgotten at once, and a new connection
between the same two sockets opens a moment later: a new incarnation of
the old one.  A delayed segment of the old connection that arrives now
carries sequence numbers that mean nothing to the new one; if they fall
inside the new connection's window, its data is taken as new data.  The
article's own example is a delayed request to open a connection.  The
wait of 2MSL makes sure that every segment of the old connection, in
either direction, has died before the sockets can be used again: one MSL
for any segment we sent last, one for any answer it could provoke.

While the end in TIME\_WAIT waits, such a delayed segment reaches the
old connection, not a new one, and is answered as an old segment: with an
acknowledgment of where the connection stands, and never taken as data.
An old SYN, in particular, does not open anything: in TIME\_WAIT, as in
every synchronized state, a SYN is answered with a challenge ACK
(\S3.10.7.4, RFC~5961 \S4).  In this run a data segment of the server is
duplicated by the link, and the copies arrive late: the first while the
client is in TIME\_WAIT, where it draws an acknowledgment of the current
state (and the reset by which the server, which has forgotten the
connection, answers that acknowledgment is ignored, as the chapter on
the whole machine explains); the second after a new connection on the
same ports has begun, where its sequence numbers are far outside the new
window: it is dropped, with an acknowledgment of the new connection's
state:

\runlog{old-duplicate}

@ RFC~9293 lets an implementation shorten the wait for a new connection
in some cases: a SYN in TIME\_WAIT whose sequence number is above
everything the old connection used may start a new connection at once,
provided timestamps (RFC~6191) prove it is new.  \.{ltcp} has no
timestamps and always waits.

@* The end of the wait.
When the 2MSL timer expires, the last arrow of the client's path in
Figure~6 is taken, and the connection is closed.  Its |struct tcp_conn|
may now be opened again.

@<Private declarations of the core@>=
static void time_wait_timeout(struct tcp_conn *c);

@ @<Functions of the core@>=
static void time_wait_timeout(struct tcp_conn *c)
{
  c->time_wait_deadline = 0;
  if (c->state == TCP_TIME_WAIT) end_connection(c, T_TIME_WAIT_CLOSED, TCP_EV_CLOSED);
}

@ Only the end that closes first waits.  The other end learns from the
last ACK that everything is over, and closes at once; that is why a busy
server, which usually closes second, has few connections in TIME\_WAIT,
and why a server that closes first (as a web server that ends each
request does) may have many thousands of them, each holding a pair of
sockets for a minute.

@* Exercises.

\smallskip\noindent
1.~\diff1 In the log of \.{lost-last-ack}, at what time does the client
finally reach CLOSED?  Show that it is 2MSL after the {\it second}
acknowledgment, not the first.

\smallskip\noindent
2.~\diff2 Run \.{lost-last-ack} with the client's MSL set to 100
milliseconds, shorter than the server's retransmission timeout.  Predict
what the client answers to the repeated FIN, and what the server's user
sees.  Which of the two reasons for TIME\_WAIT does this run break?

\smallskip\noindent
3.~\diff2 In \.{old-duplicate}, the server answers the client's
acknowledgment of a stray duplicate with a reset.  Set |rfc1337| to
|false| in the client's configuration and predict the client's state
lines: when does it reach CLOSED, and which row does it take?  Which of
the two reasons for TIME\_WAIT does the reset defeat?

\smallskip\noindent
4.~\diff3 A server that closes first keeps a connection in TIME\_WAIT
for every client.  Estimate how many connections per second a server
can close first, with an MSL of 30 seconds, before it has 28{,}000
sockets in TIME\_WAIT towards one client address (the size of Linux's
default range of ephemeral ports).

\smallskip\noindent
5.~\diff4 Implement RFC~6191's rule for a SYN in TIME\_WAIT, without
timestamps, as RFC~9293 allows for the sequence-number test alone:
accept the SYN as the start of a new connection if its sequence number is
above RCV.NXT.  Which new row does the table need, and what arrow would
the figure draw?
