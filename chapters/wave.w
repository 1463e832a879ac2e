@q wave.w: closing a connection. @>

@** The four-way wave.
The connection is open and bytes have moved; this chapter takes the
second half of the article's Figure~1, the close.  Closing takes four
segments where opening took three.  Either end may start (the article
insists on it); in its example the client does.  The
client's user calls |tcp_close|: the client sends a FIN and enters
FIN\_WAIT\_1.  The server acknowledges the FIN at once and enters
CLOSE\_WAIT, and the client, on that acknowledgment, FIN\_WAIT\_2.  Some
time later the server's user closes too: the server sends its own FIN and
enters LAST\_ACK.  The client acknowledges it and enters TIME\_WAIT, and
the server, on that last acknowledgment, is CLOSED.  The client follows
2MSL later, which is the next chapter's (\secref{timewait}) subject.  Every run of the
simulator starts with the handshake; the wave begins at the line
\.{client calls close()}.
\label{wave}%

\runlog{client-close}@^four-way wave@>@^2MSL@>@^FIN\_WAIT\_1 state@>@^FIN\_WAIT\_2 state@>@^CLOSE\_WAIT state@>@^LAST\_ACK state@>@^the article, TCP's three-way handshake and four-way wave, illustrated@>@^Figure 1@>

@ The article's Figure~3 draws the wave of the lifecycle run: steps 4
to~7 of Figure~1, with the line of data that the server still sends
between the client's FIN and its own, and the client's wait of 2MSL.

\fig{fig3-teardown}{5.8in}{Figure 3.  Closing: the four-way wave, steps 4
to 7 of the same run ({\tt ltcp dot seq --from 4 --to 7}), and the client's
wait of 2MSL in TIME\_WAIT.}@^four-way wave@>@^2MSL@>@^Figure 3@>@^Figure 1@>

@ The same four segments, with the roles exchanged, when the server
closes first; nothing in TCP makes the client and the server different
once the handshake is over.

\runlog{server-close}

@* Why four.
The article's first question is why the wave needs four segments when
the handshake could fold the server's SYN and its ACK into one.  The
answer is that a FIN closes only one direction.  A FIN says ``I have
nothing more to send''; it does not say ``stop sending to me''.  When the
server receives the client's FIN it must acknowledge it at once (or the
client would send it again), but it may well have data of its own still
to send: the rest of a file, an answer to the last request.  Its own FIN
has to wait until its user has sent that data and closed, and that may
take any length of time.  So the ACK of the first FIN and the second FIN
are separate segments, where in the handshake the SYN and the ACK could
share one because the server had nothing to wait for.  Between them the
connection is {\it half-closed}: data flows in one direction only.  Here
the client closes after a request, and the server goes on sending its
answer for a while, each segment acknowledged by a client that is in
FIN\_WAIT\_2 and has long stopped sending:

\runlog{half-close}@^wave, why four segments@>@^half-close@>@^FIN\_WAIT\_2 state@>

@ Follow the four segments of the wave in that log.  The first is the
client's FIN, \.{Flags [F.]} at 0.100 seconds, sent right after its
request.  The second is the server's acknowledgment of it, \.{ack
295974089}, one more than the FIN's sequence number; the line before it
acknowledges only the request.  Then come three segments of data from
the server, each acknowledged by the client, which is in FIN\_WAIT\_2:
it has promised to send nothing more, but it still receives.  The third
segment of the wave, the server's FIN, leaves only at 0.500 seconds,
when the server's user closes, and the fourth, the client's last ACK,
answers it.  The ACK and the FIN of the server are 0.39 seconds apart
here, and could as well be hours apart.  That is the answer to the
article's first question: the ACK of a FIN is owed at once, but the FIN
in the other direction belongs to the other end's user, who decides when
it has nothing more to say.

@ When the server has nothing left to send at the moment the client's FIN
arrives, and its user closes at once, its ACK and its FIN still leave as
two segments from \.{ltcp}; an implementation that delays its
acknowledgments a little, as Linux does, often sends them together as one
segment with both bits, and then the wave has three segments after all.
The client must be ready for that: a FIN whose ACK also acknowledges the
client's FIN takes it from FIN\_WAIT\_1 straight to TIME\_WAIT, one of the
thin arrows of Figure~6.  The same arrow is taken when the server's
separate ACK is lost, since the FIN that follows it carries the same
acknowledgment; that is this run:

\runlog{fin-ack-in-fin-wait-1}@^FIN\_WAIT\_1 state@>

@* Closing.
|tcp_close| is the user's ``I have nothing more to send''.  What it does
depends on the state.  A listener, or a client whose SYN has not been
answered, has no peer that believes in the connection, and simply closes
(Figure~6's ``appl: close'' arrows to CLOSED).  In SYN\_RCVD,
ESTABLISHED and CLOSE\_WAIT the FIN is queued behind the data still in
the send buffer and the connection enters FIN\_WAIT\_1 or LAST\_ACK; the
send path of the previous chapter (\secref{firstbyte}) sends the FIN when its turn comes.
Once a FIN is on its way, a second close is an error.@^CLOSE\_WAIT state@>@^LAST\_ACK state@>

@<Functions of the core@>=
int tcp_close(struct tcp_conn *c, uint64_t now)
{
  c->now = now;
  switch (c->state) {
  case TCP_CLOSED: return TCP_ERR_STATE;
  case TCP_LISTEN: end_connection(c, T_LISTEN_CLOSED, TCP_EV_CLOSED);
    return TCP_OK;
  case TCP_SYN_SENT: end_connection(c, T_SYN_SENT_CLOSED, TCP_EV_CLOSED);
    return TCP_OK;
  case TCP_SYN_RCVD: queue_fin(c, T_SYN_RCVD_FIN_WAIT_1);
    return TCP_OK;
  case TCP_ESTABLISHED:
    if (c->rcvbuf.len > 0) reset_and_end(c, T_ESTABLISHED_CLOSED_UNREAD, TCP_EV_CLOSED);
    else queue_fin(c, T_ESTABLISHED_FIN_WAIT_1);
    return TCP_OK;
  case TCP_CLOSE_WAIT:
    if (c->rcvbuf.len > 0) reset_and_end(c, T_CLOSE_WAIT_CLOSED_UNREAD, TCP_EV_CLOSED);
    else queue_fin(c, T_CLOSE_WAIT_LAST_ACK);
    return TCP_OK;
  default: return TCP_ERR_CLOSING;
  }
}

@ A user that closes while received data lies unread in the buffer has
thrown that data away, and the peer, which believes it delivered, ought
to know.  RFC~9293 says that such a close should send a reset rather
than a FIN (\S3.6.1, SHLD-3); Linux does so, and so does \.{ltcp}, through
the rows |T_ESTABLISHED_CLOSED_UNREAD| and |T_CLOSE_WAIT_CLOSED_UNREAD|.
The reset goes out with our SND.NXT, which the peer expects, so the peer
believes it and reports ``connection reset''.@^connection reset@>@^RFC 9293 \S3.6.1@>

@ Queuing the FIN is taking the arrow and letting the send path do the
rest.

@<Private declarations of the core@>=
static void queue_fin(struct tcp_conn *c, enum transition_id id);

@ @<Functions of the core@>=
static void queue_fin(struct tcp_conn *c, enum transition_id id)
{
  c->fin_queued = true;
  if (!tcp_enter(c, id)) return;
  flush_output(c);
}

@ The FIN follows the last byte of data: it occupies the sequence number
after it, which we remember, and starts the retransmission timer like
data would.  When the user closes while data still waits in the send
buffer (the peer's window is full, say), the FIN rides on the last data
segment; when everything has already been sent, as in every run of this
chapter, it goes alone, with the ACK bit, as every segment after the
handshake does.

@<Private declarations of the core@>=
static void send_fin(struct tcp_conn *c);
static void note_fin_sent(struct tcp_conn *c);

@ @<Functions of the core@>=
static void send_fin(struct tcp_conn *c)
{
  send_segment(c, TCP_FIN | TCP_ACK, c->snd_nxt, NULL, 0);
  note_fin_sent(c);
  start_retransmission_timer(c);
}

static void note_fin_sent(struct tcp_conn *c)
{
  c->fin_sent = true;
  c->fin_seq = c->snd_nxt;
  c->snd_nxt += 1;
}

@ Our FIN has been acknowledged when SND.UNA has moved past it.@^SND.UNA@>

@<Private declarations of the core@>=
static bool our_fin_acked(const struct tcp_conn *c);

@ @<Functions of the core@>=
static bool our_fin_acked(const struct tcp_conn *c)
{
  return c->fin_sent && c->snd_una == c->fin_seq + 1;
}

@* The peer's FIN.
A FIN is processed last, in the eighth step of \S3.10.7.4, after the
segment's text: it comes after the last byte of the peer's data, and
counts only if that byte is the last one we have, so that nothing is
missing before it.  It then takes one sequence number, RCV.NXT moves
past it, and it is owed an acknowledgment.  The user learns that the
stream from the peer has ended.  Which arrow the connection takes depends
on whether our own FIN is out and acknowledged:

\smallskip
\item{$\bullet$} in ESTABLISHED, the peer closed first: a passive close,
to CLOSE\_WAIT, to wait for our user;
\item{$\bullet$} in FIN\_WAIT\_1, both closed at once: if this segment
(or an earlier one) acknowledged our FIN, straight to TIME\_WAIT,
otherwise to CLOSING, to wait for that acknowledgment;
\item{$\bullet$} in FIN\_WAIT\_2, we closed first and our FIN is
acknowledged: to TIME\_WAIT.
\smallskip

\noindent In CLOSE\_WAIT, CLOSING, LAST\_ACK and TIME\_WAIT the peer's FIN
is already in.  A true repetition of it lies just left of the window and
is dealt with by the first check of the segment.  But a FIN can also come
{\it at} RCV.NXT, one number beyond the FIN we took: the window is still
open by the letter of the first check, since our receive buffer has room.
No honest peer sends it, because its FIN was the last number of its
stream (\S3.10.4); an earlier version of this function took it anyway,
moved RCV.NXT again, acknowledged a number the peer never sent and told
the user a second time that the stream had ended.  Now a second FIN is
treated as what it claims to be at best, the first one repeated: it is
acknowledged with RCV.NXT, restarts the wait in TIME\_WAIT, and changes
nothing else.@^passive close@>@^CLOSE\_WAIT state@>@^CLOSING state@>@^LAST\_ACK state@>@^RFC 9293 \S3.10.7.4@>

@<Private declarations of the core@>=
static void process_fin(struct tcp_conn *c, const struct segment *s);

@ @<Functions of the core@>=
static void process_fin(struct tcp_conn *c, const struct segment *s)
{
@q LAB hole wave.process-fin @>
  if (!fin_is_next(c, s)) return;
  if (c->fin_received) {
    c->ack_owed = true;
    if (c->state == TCP_TIME_WAIT) start_time_wait_timer(c);
    return;
  }
  c->fin_pending = false;
  c->rcv_nxt += 1;
  c->fin_received = true;
  c->ack_owed = true;
  switch (c->state) {
  case TCP_ESTABLISHED: tcp_enter(c, T_ESTABLISHED_CLOSE_WAIT); break;
  case TCP_FIN_WAIT_1:
    if (our_fin_acked(c)) enter_time_wait(c, T_FIN_WAIT_1_TIME_WAIT);
    else tcp_enter(c, T_FIN_WAIT_1_CLOSING);
    break;
  case TCP_FIN_WAIT_2: enter_time_wait(c, T_FIN_WAIT_2_TIME_WAIT); break;
  default: break;
  }
  emit(c, TCP_EV_EOF);
@q LAB end @>
}

@* The acknowledgment of our FIN.
The ACK step of \S3.10.7.4 ends with what an acknowledgment of our FIN
means in each closing state.  In CLOSING it means TIME\_WAIT; in
LAST\_ACK the connection is over, and processing stops.  In FIN\_WAIT\_1
it means FIN\_WAIT\_2, but not yet: if the same segment carries the peer's
FIN, the connection goes from FIN\_WAIT\_1 to TIME\_WAIT in one step, as
the figure draws it and the RFC's FIN step says (``if our FIN has been
ACKed (perhaps in this segment)''), so the move to FIN\_WAIT\_2 waits
until the whole segment has been processed.  |after_ack_of_fin| returns
|false| when the connection has ended.@^CLOSING state@>@^LAST\_ACK state@>

@<Private declarations of the core@>=
static bool after_ack_of_fin(struct tcp_conn *c);
static void leave_fin_wait_1(struct tcp_conn *c);

@ @<Functions of the core@>=
static bool after_ack_of_fin(struct tcp_conn *c)
{
@q LAB hole wave.ack-of-fin @>
  if (!our_fin_acked(c)) return true;
  switch (c->state) {
  case TCP_CLOSING: enter_time_wait(c, T_CLOSING_TIME_WAIT); return true;
  case TCP_LAST_ACK: end_connection(c, T_LAST_ACK_CLOSED, TCP_EV_CLOSED);
    return false;
  default: return true;
  }
@q LAB end @>
}

@ After the segment: still in FIN\_WAIT\_1 with our FIN acknowledged
means that no FIN came with the acknowledgment.

@<Functions of the core@>=
static void leave_fin_wait_1(struct tcp_conn *c)
{
@q LAB hole wave.fin-wait-1 @>
  if (c->state != TCP_FIN_WAIT_1 || !our_fin_acked(c)) return;
  if (!tcp_enter(c, T_FIN_WAIT_1_FIN_WAIT_2)) return;
  if (c->cfg->fin_wait_2_us > 0) c->fin_wait_2_deadline = c->now + c->cfg->fin_wait_2_us;
@q LAB end @>
}

@ FIN\_WAIT\_2 can last forever: the RFC sets no limit, and a peer that
never closes keeps our half of the connection alive.  Every operating
system sets one anyway for connections whose user has gone (Linux's
\.{tcp\_fin\_timeout}, 60 seconds); \.{ltcp} sets one when the
configuration asks for it, and takes an arrow that the figure does not
draw.

@<Private declarations of the core@>=
static void fin_wait_2_timeout(struct tcp_conn *c);

@ @<Functions of the core@>=
static void fin_wait_2_timeout(struct tcp_conn *c)
{
  c->fin_wait_2_deadline = 0;
  if (c->state == TCP_FIN_WAIT_2)
    end_connection(c, T_FIN_WAIT_2_CLOSED_TIMEOUT, TCP_EV_TIMEOUT);
}

@ The limit runs from the last segment the peer sent, not from the
moment we entered FIN\_WAIT\_2: a peer that goes on sending in the
half-closed connection, as the server of the run \.{half-close} does, is
alive and must not be cut off, while one that has said nothing for the
whole limit is presumed gone.  The programs of the last chapters set the
limit to Linux's 60 seconds; the simulated link leaves it off, so that no
log of this book depends on it.

@<Private declarations of the core@>=
static void heard_from_peer(struct tcp_conn *c);

@ |heard_from_peer| is called for every acceptable segment, on the short
way of header prediction as on the long way; it also restarts the
silence that the keepalives, below, measure.

@<Functions of the core@>=
static void heard_from_peer(struct tcp_conn *c)
{
  if (c->fin_wait_2_deadline) c->fin_wait_2_deadline = c->now + c->cfg->fin_wait_2_us;
  if (c->keepalive_deadline) {
    c->keepalive_deadline = c->now + c->cfg->keepalive_us;
    c->keepalive_probes = 0;
  }
}

@* Keepalives.
A connection on which nobody sends anything sends nothing: TCP does not
notice that the peer has crashed, or that a router between has
forgotten the connection, until it has something to say.  For a server
that holds a connection for each client this is a leak, since a client
that vanished without a word holds its connection, and the memory of its
buffers, for ever.  RFC~9293 allows {\it keepalives} (\S3.8.4, MAY-5):
after a long silence the connection sends a segment that the peer must
answer, and a peer that answers none of several is given up.  The RFC
hedges them about: they must be off unless the user asks for them
(MUST-24), the silence before the first must be configurable and at
least two hours by default (MUST-25), and a connection must not be ended
for the loss of any single probe, which may be lost like any segment
(SHLD-16).  So the configuration has three numbers: |keepalive_us|, the
silence before the first probe, 0 for no keepalives; |keepalive_intvl_us|
between probes; and |keepalive_probes|, how many unanswered probes end
the connection.  The programs turn them on with \.{--keepalive}.

The probe is the one that BSD and Linux send: an acknowledgment with
sequence number SND.NXT${}-1$ and no text.  The number is one the peer
has already received, so the segment is outside its window, and the
peer answers it with an acknowledgment, by the first check of every
segment; that answer is an acceptable segment for us and restarts the
silence.  (Some old stacks answer only a probe with one byte of text;
\.{ltcp} keeps the probe empty, so that even in FIN\_WAIT\_2 it carries
nothing at or past our FIN.)

@<The timers of the connection@>=
uint64_t keepalive_deadline;  /* the next probe, or 0 */
uint32_t keepalive_probes;    /* probes sent since the peer was last heard */

@ The keepalive timer starts when the connection is established, in
|tcp_enter|, and runs in the three states in which the peer owes us
something but may have nothing to say: ESTABLISHED, CLOSE\_WAIT and
FIN\_WAIT\_2.  While our own data is in flight the retransmission timer
watches the peer, and the keepalive timer only waits.

@<Private declarations of the core@>=
static void keepalive_timeout(struct tcp_conn *c);

@ @<Functions of the core@>=
static void keepalive_timeout(struct tcp_conn *c)
{
  c->keepalive_deadline = 0;
  enum transition_id row;
  switch (c->state) {
  case TCP_ESTABLISHED: row = T_ESTABLISHED_CLOSED_TIMEOUT; break;
  case TCP_CLOSE_WAIT: row = T_CLOSE_WAIT_CLOSED_TIMEOUT; break;
  case TCP_FIN_WAIT_2: row = T_FIN_WAIT_2_CLOSED_TIMEOUT; break;
  default: return;
  }
  if (c->snd_nxt != c->snd_una) {
    c->keepalive_deadline = c->now + c->cfg->keepalive_us;
    return;
  }
  if (c->keepalive_probes >= c->cfg->keepalive_probes) {
    end_connection(c, row, TCP_EV_TIMEOUT);
    return;
  }
  c->keepalive_probes++;
  send_segment(c, TCP_ACK, c->snd_nxt - 1, NULL, 0);
  c->keepalive_deadline = c->now + c->cfg->keepalive_intvl_us;
}

@* Both at once.
Both ends may close at the same moment.  Then each sends a FIN while in
FIN\_WAIT\_1 and receives the other's before the acknowledgment of its
own: each goes to CLOSING, acknowledges the other's FIN, and on the
acknowledgment of its own enters TIME\_WAIT.  Both ends wait 2MSL; there
is no passive side.

\runlog{simultaneous-close}@^2MSL@>@^CLOSING state@>

@ A FIN can be lost like any segment, and is sent again like data: here
the server's FIN is lost, and the server, in LAST\_ACK, sends it again
when its retransmission timer expires.

\runlog{lost-fin}

@* Each side's states.
The article sums up the open and the close as two chains of states, one
for each side, each arrow labelled with what moved it.  \.{ltcp dot
states} draws them from the capture of the lifecycle run: the client's
chain is the thick solid path of Figure~6, the server's the thick dashed
one.

\fig{fig4-client}{2.4in}{Figure 4.  The states a client passes through,
from the run of Figure 1 ({\tt ltcp dot states client}).}

\fig{fig5-server}{2.6in}{Figure 5.  The states a server passes through,
from the same run ({\tt ltcp dot states server}).}@^Figure 4@>@^Figure 1@>@^Figure 5@>

@* The wave, step by step.
\label{wave-steps}%
The run of Figure~1 continues, drawn as in the chapter on the handshake
(\secref{handshake-steps}): Figure~6 small, with the arrows of each
step drawn thick.  Steps 4 to 7 are the wave.

@ Step 4.  The client's application closes (the CLOSE call of \S3.10.4).
Once everything it sent before has gone out, the client sends a FIN,
the $u$ of the article, and enters FIN\_WAIT\_1 by the arrow of the
active close.  The FIN's arrival moves the server to CLOSE\_WAIT by the
arrow of the passive close; the server acknowledges it, and its
application is told that the client will send no more: a read returns
the end of the stream.  Both sides move at this step, each by a thick
arrow of its own kind, solid and dashed.

\fig{step-4}{4.4in}{Step 4: the client closes; its FIN reaches the
server.}@^active close@>@^passive close@>@^RFC 9293 \S3.10.4@>

@ Step 5.  The server's acknowledgment of $u+1$ reaches the client, whose
FIN is now acknowledged: the client moves to FIN\_WAIT\_2.  The server
stays in CLOSE\_WAIT as long as its application wants to send, and in
this run it sends one more line, which the client, closed for sending
but not for receiving, takes and acknowledges.  Here is the answer to
the article's first question: the acknowledgment and the server's own FIN
are two segments, not one, because the server may have more to say
between them.

\fig{step-5}{4.4in}{Step 5: the server acknowledges the FIN; the client
waits in FIN\_WAIT\_2.}

@ Step 6.  The server's application closes in turn.  The server sends
its FIN, $w$, and enters LAST\_ACK.  The FIN's arrival moves the client
from FIN\_WAIT\_2 to TIME\_WAIT: it acknowledges the FIN and starts the
timer of 2MSL.

\fig{step-6}{4.4in}{Step 6: the server closes too; its FIN moves the
client to TIME\_WAIT.}

@ Step 7.  The client's last ACK, of $w+1$, reaches the server, which
enters CLOSED and forgets the connection.  The client does not forget
yet: it waits in TIME\_WAIT for twice the maximum segment lifetime.  If
its last ACK was lost, the server's FIN will come again and must be
acknowledged again; and no old segment of this connection may be taken
for one of a new connection with the same ports.  Those are the two
answers to the article's second question, and the chapter on TIME\_WAIT (\secref{timewait})
runs both.

\fig{step-7}{4.4in}{Step 7: the client's last ACK closes the server; the
client waits 2MSL in TIME\_WAIT.}@^maximum segment lifetime (MSL)@>

@* Exercises.

\smallskip\noindent
1.~\diff1 In the log of \.{client-close}, which segment takes the client
from FIN\_WAIT\_1 to FIN\_WAIT\_2?  Which takes the server from
LAST\_ACK to CLOSED?  Match each to a row of |tcp_transitions|. \excheck{wave.1}

\smallskip\noindent
2.~\diff1 Run \.{build/ltcp sim server-close} and \.{build/ltcp sim
client-close} and compare them line by line.  Which end waits in
TIME\_WAIT in each, and why is it never the end whose user closed
second? \excheck{wave.2}

\smallskip\noindent
3.~\diff2 Delete the server's three |SIM_SEND| steps from the script
|half_close| (\secref{simlink}), so that its user closes without
answering.  Predict the log; then run \.{make}, and
\.{build/ltcp sim half-close}.  How many segments does the wave take
now, and how far apart are the server's ACK and its FIN? \excheck{wave.3}

\smallskip\noindent
4.~\diff2 The simulator's applications read every byte as soon as it
arrives, so no scenario can close with data unread; the test
|test_close_with_unread_data| does it by hand.  Read it and say why the
reset it expects carries the sequence number it does and no ACK.
Then make |tcp_close| send a FIN in this case, run \.{make test}, and
say which test complains and what it prints. \excheck{wave.4}

\smallskip\noindent
5.~\diff3 The server of \.{half-close} could send its FIN together with
its last data segment.  In the script |half_close| (\secref{simlink}),
change the time of the server's |SIM_CLOSE| step from 500 to 400
milliseconds, the time of its last |SIM_SEND|.  Two steps at the same
instant run in the order of the table, so the server's user first sends
\.{report, part 3} and then closes, with no time between.  Predict
whether the FIN rides on the segment that carries that text, or follows
it in a segment of its own.  Find the line of |send_what_the_window_allows| that decides
it, and explain why sending the FIN alone is also correct. \excheck{wave.5}

\smallskip\noindent
6.~\diff3 Add |m->cfg.fin_wait_2_us = 10 * TCP_SECOND;| at the end of
|@<Set up the clock, the generator and the two ends@>|, and in the
script |client_close| replace the server's close by a send of a few
bytes at 20 seconds.  (Other scenarios share the script; put it back
afterwards.)  Predict the client's last state line and its time, and
what the server sees when its bytes arrive. \excheck{wave.6}@^half-close@>
