@q timewait.w: TIME_WAIT and 2MSL. @>

@** TIME\_WAIT and 2MSL.
The previous chapter left the end that closed first in TIME\_WAIT, and
promised to say why.  That end does not go straight to CLOSED after its last
acknowledgment.  It waits in TIME\_WAIT for twice the {\it maximum
segment lifetime}, MSL: the longest time a segment may be expected to
survive in the network (\S3.4.2).  RFC~793 suggested two minutes for MSL;
implementations choose less, and the article names 30 seconds, one
minute and two minutes as typical waits.  \.{ltcp}'s MSL is a field of
the configuration, 30 seconds by default, so TIME\_WAIT lasts one minute,
as in Linux.  Only when the wait is over is the connection gone, and the
pair of sockets free to be used again.
\label{timewait}%

The article's second question is why the wait is needed, and why it is
this long.  It gives two reasons, and this chapter shows each in a run:
the acknowledgment that ends the wave may be lost, and a copy of an old
segment may still be on its way.  The code is short; the reasons are
the point.@^MSL@>@^2MSL@>@^RFC 9293 \S3.4.2@>@^RFC 793@>

@* The first reason: the last ACK may be lost.
The last segment of the wave is the acknowledgment of the peer's FIN.
Nothing acknowledges an acknowledgment, so the end that sends it cannot
know whether it arrived.  If it was lost, the peer, still in LAST\_ACK,
will time out and send its FIN again.  An end that had already
forgotten the connection would answer that FIN with a reset, since it
would be a segment for a connection that does not exist, and a
perfectly good connection would end, at the peer, with the signal that
something went wrong.  (RFC~9293 tells a user in LAST\_ACK only that the
connection is closed, as \.{ltcp} does; many systems report the reset as
an error to an application still waiting for its close to finish.)  An
end in TIME\_WAIT still knows the connection: it acknowledges the
repeated FIN again, and the peer closes as it should.

How long must it be ready to?  The lost ACK and the repeated FIN each
take at most one MSL to arrive, or die: the ACK needs up to one MSL to
reach the peer (or to be known lost), and the repeated FIN up to another
to come back.  Hence two.  Each repeated FIN also starts the wait again
from the beginning (\S3.10.7.4), since a new FIN means the peer has not
yet heard the ACK.

In this run the client's last ACK is lost.  A second later the server
sends its FIN again, and the client, which is in TIME\_WAIT, acknowledges
it once more:

\runlog{lost-last-ack}@^MSL@>

@ Read the end of the log.  The client's line ``stays in TIME\_WAIT
until'' gives the end of its wait, 2MSL after its ACK; the next line
says that the link dropped that ACK.  The server hears nothing, and at
its retransmission timeout, one second after its FIN, it sends the FIN
again.  The client, still in TIME\_WAIT, answers with the same ACK and
announces a new end to its wait, a second later than the first; this
time the ACK arrives and the server takes its ordinary arrow from
LAST\_ACK to CLOSED.  That is the first half of the answer to the
article's second question: the end that sends the last ACK must stay
able to send it again, for as long as a repeated FIN could still come.@^retransmission timeout (RTO)@>@^dropped segments, counted@>

@ Entering TIME\_WAIT stops the retransmission timer (nothing of ours is
unacknowledged: our FIN has been acknowledged on every path into
TIME\_WAIT) and starts the 2MSL timer.

@<Private declarations of the core@>=
static void enter_time_wait(struct tcp_conn *c, enum transition_id id);
static void start_time_wait_timer(struct tcp_conn *c);

@ @<Functions of the core@>=
static void enter_time_wait(struct tcp_conn *c, enum transition_id id)
{
@q LAB hole timewait.enter @>
  if (!tcp_enter(c, id)) return;
  rto_stop(&c->rtx);
  c->fin_wait_2_deadline = 0;
  start_time_wait_timer(c);
@q LAB end @>
}

static void start_time_wait_timer(struct tcp_conn *c)
{
  c->time_wait_deadline = c->now + 2 * c->cfg->msl_us;
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
@q LAB hole timewait.repeats-fin @>
  return c->fin_received && (s->flags & TCP_FIN) &&
    s->seq + (uint32_t) s->len + 1 == c->rcv_nxt;
@q LAB end @>
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
every synchronized state, a SYN is answered with a {\it challenge ACK}
(\S3.10.7.4, RFC~5961 \S4): an acknowledgment that states where the
connection stands, which a live peer can act on and an old or forged
segment cannot use (\secref{challenge} gives the whole rule).  In this run the link duplicates the
server's one data segment, \.{old data}, twice, and holds the copies
back for 30 and for 70 seconds; after the wave, the same two ports open
a second connection, which carries \.{new data}:

\runlog{old-duplicate}@^challenge ACK@>@^MSL@>@^synchronized states@>@^RFC 5961 \S4@>@^RFC 5961@>

@ The first copy arrives at 30 seconds, while the client is in
TIME\_WAIT.  Its bytes were received long ago, so the client takes
nothing from it and answers with an acknowledgment of where it stands,
\.{ack 4243906250}, the number after the server's FIN.  The server has
forgotten the connection and answers that with a reset; the client
ignores the reset and waits out its full 2MSL, for
reasons the chapter on the whole machine (\secref{machine}) explains (RFC~1337, ``TIME-WAIT
assassination'').  Nothing the old copy carried reached the client's
application.

The second copy arrives at 70 seconds, in the middle of the new
connection.  It has broken the rule that TIME\_WAIT relies on, since it
has lived longer than 2MSL: the link was told to break it, to show what
stands behind the wait.  Its sequence number, 4243906241, lies about
fifteen million below the new connection's RCV.NXT, far outside the
window, because the new initial sequence numbers come from a clock that
has moved on by a minute (the chapter on the handshake, \secref{handshake}).  The client
drops it and acknowledges the new connection's state, \.{ack
4259156249}; its application reads only \.{new data}.  So the second
half of the answer: TIME\_WAIT keeps the pair of sockets from being used
again until every segment of the old connection has died, and the
choice of initial sequence numbers guards the new connection against a
copy that lives longer than it should.@^TIME-WAIT assassination@>@^RFC 1337@>

@ RFC~9293 requires the wait (\S3.6.1, MUST-13) but lets an
implementation cut it short for one kind of segment (MAY-2): a new SYN
from the same peer may reopen the connection straight from TIME\_WAIT,
if the new connection's initial sequence number is above every number
the old one used, and if the end goes back to TIME\_WAIT should the SYN
turn out to be an old duplicate.  With timestamps, RFC~6191 gives a
better test.  \.{ltcp} takes neither shortcut and always waits: a SYN
in TIME\_WAIT gets a challenge ACK, like any SYN in a synchronized
state.@^challenge ACK@>@^RFC 9293 \S3.6.1@>@^RFC 6191@>

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
@q LAB hole timewait.timeout @>
  if (c->state == TCP_TIME_WAIT) end_connection(c, T_TIME_WAIT_CLOSED, TCP_EV_CLOSED);
@q LAB end @>
}

@ Only the end that closes first waits.  The other end learns from the
last ACK that everything is over, and closes at once; that is why a busy
server, which usually closes second, has few connections in TIME\_WAIT,
and why a server that closes first (as a web server that ends each
request does) may have many thousands of them, each holding a pair of
sockets for a minute.

@* Restarting a server.
\label{restart}%
A server that closes first ends up with connections in TIME\_WAIT, and
Stevens tells what happens next to anyone who stops such a server and
starts it again at once: the new server cannot bind its port, and the
kernel says ``Address already in use.''  In a kernel TCP the connections
in TIME\_WAIT belong to the kernel, not to the process that died, and
they still hold the port.  The cure every server uses is the socket
option {\tt SO\_REUSEADDR}, set before |bind|: it lets the new listener
have the port while old connections on it wait out their 2MSL.  It
is safe, because TIME\_WAIT protects a pair of sockets, not a port: a
new connection from the same client address and port would still meet
the old one (and \S3.6.1 says how it may be let through).@^SO\_REUSEADDR@>@^address already in use@>@^RFC 9293 \S3.6.1@>@^Stevens, W. Richard@>

In \.{ltcp} the TCP lives in the process, so the connection in
TIME\_WAIT keeps the program alive, and the program keeps its UDP port.
Here the server's input is empty, so it closes first; the client's input
ends a second later:
$$\vbox{\halign{\.{#}\hfil\cr
ltcp listen 9000 < /dev/null > /dev/null \&\cr
sleep 1 \char'174{} ltcp connect 127.0.0.1 9000\cr
ltcp listen 9000\cr}}$$
The first server says \.{waiting in TIME\_WAIT for 2 MSL (60 s) before
exiting}, and the second one, started during that minute, stops at
once, with exit status 1:
$$\hbox{\.{ltcp: listen: port 9000 of 127.0.0.1 is in use}}$$
The carrier sets no {\tt SO\_REUSEADDR} on its UDP socket: for UDP, on
Linux, the option would let both processes have the port, and the
datagrams of the old connection could reach the new process.  Give the
first server \.{--msl 1}, and the second one can start two seconds
later.

@ Here is the first server's log of such a run, with \.{--msl 1} and
\.{-l s.log} (recorded on the author's machine; \.{tests/carrier.sh}
checks that today's program tells the same story).  The server closes
at once, its input being empty; the client's FIN comes a second later,
when its \.{sleep} ends.  The second \.{ltcp listen}, started as soon
as the client had exited, was refused its port at about 1796451309.6,
between the server's move to TIME\_WAIT and its move to CLOSED two
seconds later; only after that does the listener close, on the last
line.@^address already in use@>@^TIME\_WAIT state@>

\runlog{restart-server}

@* The quiet time.
\label{quiet-time}%
TIME\_WAIT guards a new connection against the segments of an old one
as long as the host remembers the old one.  A host that crashes, or a
program that is killed, forgets.  RFC~9293 \S3.4.3 asks for a {\it quiet
time}: a TCP that starts up, or that has lost track of the sequence
numbers it used, should send no segment for one MSL, so that every
segment of its earlier life has died before it chooses a new initial
sequence number.  It adds that the rule can be dropped when the initial
sequence numbers come from a clock that keeps running across the crash,
since a new connection then starts above any number the old ones could
have reached; and almost every implementation drops it.@^quiet time@>@^RFC 9293 \S3.4.3@>@^initial sequence number (ISN)@>

\.{ltcp} keeps no quiet time either; it relies on its clock, and the
quiet time is one of the things the program leaves out (exercise~7 below
asks you to add it).  The
programs take the time of the system, which goes on while a program is
down, and the simulator its virtual clock.  The run of \.{old-duplicate}
above (\secref{timewait}, the second reason) shows what the clock buys: a
copy of the old connection that arrives in the new one, a minute later,
lies some fifteen million below the new window, and is dropped.  What the
clock does not protect against is a copy that was sent less than a
window before the crash and arrives within moments of the restart;
against that, only the quiet time helps, as the exercises show.

@* Exercises.

\smallskip\noindent
1.~\diff1 In the log of \.{lost-last-ack}, at what time does the client
finally reach CLOSED?  Show that it is 2MSL after the {\it second}
acknowledgment, not the first. \excheck{timewait.1}

\smallskip\noindent
2.~\diff2 Add the line |m->cfg.msl_us = 100 * 1000;| at the end of
|@<Set up the clock, the generator and the two ends@>|, so that the MSL
of both ends is 100 milliseconds, far shorter than the server's
retransmission timeout of one second.  Before you run \.{make} and
\.{build/ltcp sim lost-last-ack}, predict what the client answers to
the repeated FIN, and by which row of |tcp_transitions| the server
reaches CLOSED.  Which of the two reasons for TIME\_WAIT does this run
break? \excheck{timewait.2}

\smallskip\noindent
3.~\diff2 In \.{old-duplicate}, the server answers the client's
acknowledgment of a stray duplicate with a reset.  Add
|m->cfg.rfc1337 = false;| in the same place as in exercise~2, and
predict the client's state lines before you run
\.{build/ltcp sim old-duplicate}: when does it reach CLOSED, and which
row does it take?  Which of the two reasons for TIME\_WAIT does the
reset defeat? \excheck{timewait.3}

\smallskip\noindent
4.~\diff3 A server that closes first keeps a connection in TIME\_WAIT
for every client.  Estimate how many connections per second a server
can close first, with an MSL of 30 seconds, before it has 28{,}000
sockets in TIME\_WAIT towards one client address (the size of Linux's
default range of ephemeral ports).

\smallskip\noindent
5.~\diff1 Run \.{build/ltcp sim lost-last-ack --seed 7}.  Which
numbers in the log differ from the run printed above, and which times
and state lines stay the same?  Why does the seed change the one and not
the other? \excheck{timewait.5}

\smallskip\noindent
6.~\diff4 Implement the shortcut of \S3.6.1 (MAY-2) that BSD systems
use: a SYN that arrives in TIME\_WAIT with a sequence number above
RCV.NXT starts a new connection at once, with an initial sequence number
above the old connection's SND.NXT.  Which new row does the table need,
what arrow would Figure~6 draw, and how would you write a scenario to
test it?@^MSL@>@^retransmission timeout (RTO)@>@^RFC 9293 \S3.6.1@>

\smallskip\noindent
7.~\diff3 Give \.{ltcp listen} and \.{ltcp connect} a quiet time
(\secref{quiet-time}): an option \.{--quiet-time} that makes the
program wait one MSL after it starts before it sends its first segment.
Kill a server with a connection in progress and start it again at once,
with and without the option; in which of the two runs can a segment of
the old connection be taken by the new one?  Why does no test of this
book need the option?

